"""What changed since the submitted revision: the answers now against those made final before.

When a report is made final, the store keeps a snapshot of its answers (a trigger, in the same
transaction). A reopened report, and the package of a later revision, compare the current answers
with the snapshot of the last revision before the current one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..forms.model import Form
from ..reports.review import visible_keys
from ..store import Store
from ..store.answers import TRANSLATION, VALUE
from ..store.records import dump_json, same_json


@dataclass(frozen=True)
class Change:
    """One answer (``kind='value'``) or translation that differs from the earlier revision."""

    key: str
    kind: str
    old: Any
    new: Any

    def as_dict(self) -> dict:
        return {"key": self.key, "kind": self.kind, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Changes:
    """The changes of a report since revision ``since`` (``None``: it was never made final)."""

    revision: int
    since: int | None
    items: list[Change] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return sorted({item.key for item in self.items})

    def as_dict(self) -> dict:
        return {"revision": self.revision, "since_revision": self.since,
                "changed": [item.as_dict() for item in self.items]}


def _answers_at_finalize(store: Store, report_id: int, revision: int) -> tuple[dict, dict] | None:
    """The answers of ``revision`` as they were made final, from the snapshot or the history.

    Reports made final before snapshots existed have none for that revision; their history, up to
    the moment of the ``finalized`` event, says the same thing.
    """
    snapshot = store.snapshot(report_id, revision)
    if snapshot is not None and (snapshot.answers or snapshot.translations):
        return snapshot.answers, snapshot.translations
    moments = [e.at for e in store.events(report_id)
               if e.kind == "finalized" and e.detail.get("revision") == revision]
    if not moments:
        return None
    values: dict[str, Any] = {}
    texts: dict[str, Any] = {}
    for entry in store.history(report_id):
        if entry.at > moments[-1]:
            break
        target = texts if entry.kind == TRANSLATION else values
        if entry.new is None:
            target.pop(entry.key, None)
        else:
            target[entry.key] = entry.new
    return values, texts


def changes(store: Store, report_id: int, form: Form | None = None) -> Changes:
    """What differs between the current answers and the last revision made final before this one.

    With ``form``, what differs between what each revision signs: the answers (and translations)
    of the questions visible for that revision's own answers, so that an answer hidden by a
    condition, never signed, is no change (and an answer hidden since is one: it is signed no
    more).
    """
    record = store.get_report(report_id)
    base = None
    since = None
    for revision in range(record.revision - 1, 0, -1):
        base = _answers_at_finalize(store, report_id, revision)
        if base is not None:
            since = revision
            break
    if base is None:
        return Changes(record.revision, None)
    old_values, old_texts = base
    new_values, new_texts = store.answers(report_id), store.translations(report_id)
    if form is not None:
        old_values, old_texts = _signed(form, old_values, old_texts)
        new_values, new_texts = _signed(form, new_values, new_texts)
    items = _diff(VALUE, old_values, new_values)
    items += _diff(TRANSLATION, old_texts, new_texts)
    items.sort(key=lambda c: (c.key, c.kind))
    return Changes(record.revision, since, items)


def _signed(form: Form, values: dict, texts: dict) -> tuple[dict, dict]:
    visible = visible_keys(form, values)
    return ({k: v for k, v in values.items() if k in visible},
            {k: v for k, v in texts.items() if k in visible})


def _diff(kind: str, old: dict, new: dict) -> list[Change]:
    found = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before is None and after is None:
            continue
        if before is None or after is None or not same_json(dump_json(before), after):
            found.append(Change(key, kind, before, after))
    return found
