"""Share sections with a colleague in another agency, and take their answers back one by one.

The focal point exports one or more sections (:func:`export_share`); the colleague opens the
file as a local working copy, answers and exports a return (:mod:`.shared_copy`); the focal
point compares the return with the report (:func:`diff_return`) and accepts or rejects each
answer (:func:`accept_return`, :func:`reject_return`). Nothing is written without being chosen,
and every accepted answer records the colleague as its supplier.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import AnswerError, CamiError
from ..forms.library import FormLibrary
from ..forms.model import Form
from ..i18n import N_
from ..reports.values import check_value
from ..signing.identity import UnlockedIdentity
from ..store import Store
from ..store.records import dump_json, same_json
from ..values import MAX_TEXT, normal_breaks, text_problem
from . import sharefile
from .editing import MAX_COMMENT
from .sharefile import ShareError

#: Question types that cannot travel: a file belongs to its report's store.
NOT_SHARED = ("attachment",)

SAME = "same"            # theirs equals ours
THEIRS = "theirs"        # they changed it; ours is still what was sent
CONFLICT = "conflict"    # both changed it since it was sent, differently
OURS = "ours"            # they kept what was sent; ours changed since (taking theirs would undo ours)

#: The diff's key of a colleague's note on question KEY: ``note:KEY`` (its value is
#: ``{"text": …, "audience": "secretariat" | "colleagues"}``). A note is accepted or rejected
#: like an answer: a note for the Secretariat goes into the signed package, never unseen.
NOTE = "note:"


@dataclass(frozen=True)
class ShareExport:
    path: Path
    share_id: str
    keys: list[str]
    signed: bool
    email: Path | None = None


@dataclass(frozen=True)
class DiffItem:
    """One shared question: what was sent, what we have, what they returned."""

    key: str
    sent: Any
    ours: Any
    theirs: Any
    ours_translation: str | None
    theirs_translation: str | None
    state: str
    decided: str | None = None   # "accepted" / "rejected" earlier, for this share

    @property
    def differs(self) -> bool:
        return self.state != SAME

    @property
    def is_note(self) -> bool:
        return self.key.startswith(NOTE)

    @property
    def question(self) -> str:
        """The question's key (of the answer, or of the note)."""
        return self.key[len(NOTE):] if self.is_note else self.key

    @property
    def pending(self) -> bool:
        """A difference not decided yet."""
        return self.differs and self.decided is None


def shared_keys(form: Form, sections: list[str]) -> list[str]:
    """The question keys a share of ``sections`` covers (subsections included)."""
    tops = {s.key: s for s in form.walk()}
    unknown = [key for key in sections if key not in tops]
    if unknown or not sections:
        raise CamiError(N_("The form {form} has no section {section}."), form=form.id,
                        section=", ".join(unknown) or "—")
    keys: list[str] = []
    for key in sections:
        for q in tops[key].all_questions():
            if q.answerable and q.type not in NOT_SHARED and q.key not in keys:
                keys.append(q.key)
    return keys


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def export_share(store: Store, library: FormLibrary, report_id: int, sections: list[str],
                 out: Path, *, sender: dict, identity: UnlockedIdentity | None = None,
                 email_to: str | None = None) -> ShareExport:
    """Write the sections' questions and current answers to ``out`` for a colleague."""
    record = store.get_report(report_id)
    form = library.get(record.form_id, record.form_version)
    keys = shared_keys(form, sections)
    answers, texts = store.answers(report_id), store.translations(report_id)
    notes = {k: {"text": c.text, "audience": c.audience}
             for k, c in store.comments(report_id).items() if k in keys and c.audience == "colleagues"}
    refuse_unsendable(form, keys, answers, texts, notes)
    payload = {
        "format": sharefile.FORMAT, "kind": "share", "share_id": uuid.uuid4().hex, "created": _now(),
        "form": {"id": form.id, "version": form.version},
        "report": {"uid": record.uid, "country": record.country, "period": record.period,
                   "language": record.language},
        "sections": list(sections), "keys": keys,
        "answers": {k: answers[k] for k in keys if k in answers},
        "translations": {k: texts[k] for k in keys if k in texts},
        "comments": notes,
        "from": sharefile.sender(sender.get("name"), sender.get("agency")),
    }
    data = sharefile.build(payload, identity)
    path = sharefile.write(out, data)
    email = None
    if email_to is not None:
        email = sharefile.write_email(path, data, to=email_to, sender_name=payload["from"]["name"],
                                      lang=record.language, form=form.short_title.get(record.language),
                                      country=record.country, period=record.period, sections=sections)
    store.add_event(report_id, "shared", {"share_id": payload["share_id"], "sections": list(sections),
                                          "keys": keys, "sent": payload["answers"],
                                          "sent_translations": payload["translations"],
                                          "sent_comments": notes,
                                          "file": path.name, "signed": identity is not None})
    return ShareExport(path, payload["share_id"], keys, identity is not None, email)


def refuse_unsendable(form: Form, keys: list[str], answers: dict, texts: dict, notes: dict) -> None:
    """Refuse, naming them, the shared answers, translations and notes stored by an earlier
    version that today's checks refuse (a control character typed or pasted in the window): the
    colleague's side would refuse the file as damaged. Refused rather than cleaned: cleaning
    would drop characters unseen, and what was sent would no longer be what the report holds.
    A line break of another kind is no problem: the reading side makes it ``\\n``."""
    bad = []
    for key in keys:
        try:
            if key in answers:
                check_value(form, form.questions[key], answers[key])
        except AnswerError:
            bad.append(key)
            continue
        for text, limit in ((texts.get(key), MAX_TEXT), ((notes.get(key) or {}).get("text"), MAX_COMMENT)):
            if text is not None and (not isinstance(text, str) or len(text) > limit
                                     or text_problem(normal_breaks(text)) is not None):
                bad.append(key)
                break
    if bad:
        raise ShareError(N_("The sections cannot be shared: these answers, their translations or "
                            "notes hold characters a shared file cannot carry; change them first: "
                            "{keys}."), keys=", ".join(bad[:50]) + (" …" if len(bad) > 50 else ""))


def _share_event(store: Store, report_id: int, share_id: str) -> dict:
    for event in store.events(report_id):
        if event.kind == "shared" and event.detail.get("share_id") == share_id:
            return event.detail
    raise ShareError(N_("This file answers a share that was not made from report {id}."), id=report_id)


def read_return(store: Store, library: FormLibrary, report_id: int,
                path: Path) -> tuple[dict, dict, dict | None]:
    """Read a colleague's return for ``report_id``; return its payload, the share and the signer.

    Refused unless it answers a share made from this very report, and every answer is to a
    question of the shared sections, valid for the form.
    """
    payload, signer = sharefile.read(path)
    record = store.get_report(report_id)
    if payload["kind"] != "return":
        raise ShareError(N_("{path} is a share to be answered, not a colleague's return."),
                         path=Path(path).name)
    if payload["report"]["uid"] != record.uid:
        raise ShareError(N_("This file answers a share that was not made from report {id}."), id=report_id)
    for part, ours in (("country", record.country), ("period", record.period)):
        if payload["report"][part] != ours:  # the same report says the same reporter and period
            raise ShareError(N_("{path} is not a CAMI shared-section file, or it is damaged ({reason})."),
                             path=Path(path).name, reason=f"report.{part}")
    share = _share_event(store, report_id, payload["share_id"])
    form = library.get(record.form_id, record.form_version)
    check_answers(form, payload, set(share["keys"]), path)
    return payload, share, signer


def check_answers(form: Form, payload: dict, allowed: set[str], path: Path) -> None:
    """Every key must be one of ``allowed`` and every answer valid for its question."""
    for part in ("answers", "translations", "comments"):
        outside = sorted(set(payload.get(part, {})) - allowed)
        if outside:
            raise ShareError(N_("{path} holds answers to questions outside the shared sections: "
                                "{keys}."), path=Path(path).name, keys=", ".join(outside[:10]))
    for key, value in payload.get("answers", {}).items():
        try:
            payload["answers"][key] = check_value(form, form.questions[key], value)
        except AnswerError as exc:
            raise ShareError(N_("{path}: the answer to {key} is not valid: {reason}"),
                             path=Path(path).name, key=key, reason=exc) from None
    for key in payload.get("translations", {}):
        if not form.questions[key].free_text:
            raise ShareError(N_("Only free-text answers carry a translation ({key})."), key=key)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return same_json(dump_json(a), b)


def _same_pair(a: tuple[Any, str | None], b: tuple[Any, str | None]) -> bool:
    return _same(a[0], b[0]) and a[1] == b[1]


def _state(theirs: tuple, mine: tuple, sent: tuple) -> str:
    if _same_pair(theirs, mine):
        return SAME
    if _same_pair(theirs, sent):
        return OURS
    if _same_pair(mine, sent):
        return THEIRS
    return CONFLICT


def _note(comment) -> dict | None:
    return None if comment is None else {"text": comment.text, "audience": comment.audience}


def diff_return(store: Store, library: FormLibrary, report_id: int, path: Path) -> list[DiffItem]:
    """Per shared question: theirs against ours (and what was sent), in the form's order; then
    each note of theirs (``note:KEY``) against ours."""
    payload, share, _ = read_return(store, library, report_id, path)
    return _diff(store, report_id, payload, share)


def open_return(store: Store, library: FormLibrary, report_id: int,
                path: Path) -> tuple[list[DiffItem], dict, dict | None]:
    """:func:`diff_return` with the return's payload and its signer (``None``: unsigned)."""
    payload, share, signer = read_return(store, library, report_id, path)
    return _diff(store, report_id, payload, share), payload, signer


def _diff(store: Store, report_id: int, payload: dict, share: dict) -> list[DiffItem]:
    ours, our_texts = store.answers(report_id), store.translations(report_id)
    decided = _decisions(store, report_id, payload["share_id"])
    items = []
    for key in share["keys"]:
        sent, theirs, mine = share["sent"].get(key), payload["answers"].get(key), ours.get(key)
        their_text, my_text = payload["translations"].get(key), our_texts.get(key)
        sent_both = (sent, share.get("sent_translations", {}).get(key))
        state = _state((theirs, their_text), (mine, my_text), sent_both)
        items.append(DiffItem(key, sent, mine, theirs, my_text, their_text, state,
                              _decision(decided, key, theirs, their_text)))
    our_notes = store.comments(report_id)
    sent_notes = share.get("sent_comments", {})
    their_notes = payload.get("comments", {})
    for key in share["keys"]:
        if key not in their_notes:
            continue  # a note is offered when they wrote one; ours are never taken away
        theirs = {"text": their_notes[key]["text"], "audience": their_notes[key]["audience"]}
        mine, sent = _note(our_notes.get(key)), sent_notes.get(key)
        state = _state((theirs, None), (mine, None), (sent, None))
        note_key = NOTE + key
        items.append(DiffItem(note_key, sent, mine, theirs, None, None, state,
                              _decision(decided, note_key, theirs, None)))
    return items


def _decisions(store: Store, report_id: int, share_id: str) -> dict[str, tuple[str, str | None]]:
    """Per key, the last decision on this share and what it was about (canonical JSON of their
    answer and translation, or their note; ``None`` for decisions recorded without it)."""
    found: dict[str, tuple[str, str | None]] = {}
    for event in store.events(report_id):
        if event.kind in ("share_accepted", "share_rejected") and event.detail.get("share_id") == share_id:
            about = event.detail.get("decided") or {}
            for key in event.detail.get("keys", []):
                found[key] = ("accepted" if event.kind == "share_accepted" else "rejected",
                              _canonical(about[key]) if key in about else None)
    return found


def _decision(decided: dict, key: str, theirs: Any, their_text: Any) -> str | None:
    """The decision that stands for their present answer: one taken on another value of theirs
    (an earlier return of the same share, before the colleague corrected it) is no decision."""
    found = decided.get(key)
    if found is None:
        return None
    decision, about = found
    return decision if about is None or about == _canonical([theirs, their_text]) else None


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _decided(chosen: list[DiffItem]) -> dict[str, list]:
    """What each decision is about, kept with it: their answer and translation, or their note."""
    return {item.key: [item.theirs, item.theirs_translation] for item in chosen}


def _choose(items: list[DiffItem], keys: list[str] | None, *, accept: bool = True) -> list[DiffItem]:
    """The differing items named by ``keys``.

    ``None`` ("all") never overturns a decision nor anything of ours: to accept, only the
    answers and notes the colleague alone changed (``theirs``) and not yet decided; to reject,
    every difference not yet decided except ``ours`` (rejecting changes nothing). A conflict
    (both changed) or an earlier rejection is taken only when named.
    """
    differing = {item.key: item for item in items if item.differs}
    if keys is None:
        wanted = (THEIRS,) if accept else (THEIRS, CONFLICT)
        return [item for item in differing.values() if item.decided is None and item.state in wanted]
    unknown = [key for key in keys if key not in differing]
    if unknown:
        raise CamiError(N_("No difference to take for: {keys}"), keys=", ".join(unknown))
    return [differing[key] for key in keys]


def accept_return(store: Store, library: FormLibrary, report_id: int, path: Path,
                  keys: list[str] | None = None) -> list[DiffItem]:
    """Take the colleague's answers and notes for ``keys`` (``None``: those only they changed,
    not decided yet; see :func:`_choose`); return them."""
    payload, share, signer = read_return(store, library, report_id, path)
    chosen = _choose(_diff(store, report_id, payload, share), keys)
    if not chosen:
        return []
    store.check_editable(report_id)  # notes too: a final report takes nothing
    supplier = supplier_of(payload, signer)
    values = {item.key: item.theirs for item in chosen if not item.is_note}
    texts = {item.key: item.theirs_translation for item in chosen
             if not item.is_note and item.theirs_translation != item.ours_translation}
    with store.transaction():  # answers, notes and the decision: all taken, or none (a full disk)
        if values or texts:
            store.set_answers_from(report_id, values, texts, supplier)
        for item in chosen:
            if item.is_note:
                store.set_comment(report_id, item.question, item.theirs["text"], item.theirs["audience"])
        store.add_event(report_id, "share_accepted", {"share_id": payload["share_id"],
                                                      "keys": sorted(item.key for item in chosen),
                                                      "decided": _decided(chosen), "supplier": supplier})
    return chosen


def supplier_of(payload: dict, signer: dict | None) -> dict:
    """Who supplies a return's answers: the name and agency it gives and, when it is signed,
    the certificate's name (``signed_by``) and fingerprint; otherwise ``unsigned``."""
    supplier = {"name": payload["from"]["name"], "agency": payload["from"]["agency"]}
    if signer:
        supplier["signed_by"] = signer["name"]
        supplier["fingerprint"] = signer["fingerprint"]
    else:
        supplier["unsigned"] = True
    return supplier


def reject_return(store: Store, library: FormLibrary, report_id: int, path: Path,
                  keys: list[str] | None = None) -> list[DiffItem]:
    """Record that the colleague's answers for ``keys`` are not taken; nothing else changes."""
    payload, share, _ = read_return(store, library, report_id, path)
    chosen = _choose(_diff(store, report_id, payload, share), keys, accept=False)
    if chosen:
        store.add_event(report_id, "share_rejected", {"share_id": payload["share_id"],
                                                      "keys": sorted(i.key for i in chosen),
                                                      "decided": _decided(chosen)})
    return chosen
