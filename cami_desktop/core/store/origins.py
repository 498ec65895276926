"""Where a value in the answer history came from, so that undo and redo restore its marks too.

A changed answer is the focal point's own: the store clears its "carried over, not yet
confirmed" flag and its supplier (see ``answers._RESET_META``). Undo and redo write values like
any change, so by themselves they would leave a carried value confirmed, or a colleague's answer
looking like ours. The history knows better:

- the carry-over's history rows are recorded as an ``undo_steps`` row of the action ``carried``;
- each write of someone else's answers (a colleague's return accepted, a shared copy opened)
  records a ``supplied`` event with its history rows and the supplier, in the same transaction.

The value a key had before a step is its newest earlier history row. When that row was written
by an undo, the state is the one before the step that undo reverted, so the search goes on from
there; a redo's value is whoever's the step it re-applied was; a change by hand is the focal
point's own.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Row, func, select
from sqlalchemy.engine import Connection

from .records import load_json
from .schema import answer_history, report_events, undo_steps

CARRIED = "carried"
UNDO = "undo"
REDO = "redo"
#: The event kind recording someone else's answers: ``{first_id, last_id, supplier}``.
SUPPLIED = "supplied"


@dataclass(frozen=True)
class Origin:
    """What a restored value was: carried over and unconfirmed, or supplied by someone."""

    unconfirmed: bool = False
    supplier: dict | None = None


class Origins:
    """The report's carry-over, suppliers, confirmations and undo steps, read once per step."""

    def __init__(self, connection: Connection, report_id: int) -> None:
        self.connection, self.report_id = connection, report_id
        steps = list(connection.execute(select(undo_steps).where(undo_steps.c.report_id == report_id)))
        self.carried = [(s.first_id, s.last_id) for s in steps if s.action == CARRIED and s.first_id <= s.last_id]
        self.undos = [s for s in steps if s.action == UNDO]
        self.redos = [s for s in steps if s.action == REDO]
        self.supplied: list[tuple[int, int, dict]] = []
        self.confirmed: dict[str, list] = {}
        events = connection.execute(select(report_events.c.at, report_events.c.kind, report_events.c.detail)
                                    .where(report_events.c.report_id == report_id,
                                           report_events.c.kind.in_(("confirmed", SUPPLIED))))
        for event in events:
            detail = load_json(event.detail)
            if event.kind == SUPPLIED:
                self.supplied.append((detail["first_id"], detail["last_id"], detail["supplier"]))
            else:
                for key in detail.get("keys", []):
                    self.confirmed.setdefault(key, []).append(event.at)

    @property
    def anything(self) -> bool:
        return bool(self.carried or self.supplied)

    def of_row(self, row_id: int) -> dict | None:
        """The supplier of the history row ``row_id``, if someone else's answers wrote it."""
        return next((who for first, last, who in self.supplied if first <= row_id <= last), None)

    def before(self, first: Row, keys: list[str]) -> dict[str, Origin]:
        """For ``keys``, what their value was before the step starting at history row ``first``
        (only those that were carried over and unconfirmed, or someone else's)."""
        found: dict[str, Origin] = {}
        if not self.anything:
            return found
        pending = {key: first.id for key in keys}  # key -> look below this history id
        while pending:
            later: dict[str, int] = {}
            for key, row_id, at in self._newest_below(pending):
                if any(low <= row_id <= high for low, high in self.carried):
                    # Confirmed after it was carried and before the step undone: it stays confirmed.
                    if not any(at <= when <= first.at for when in self.confirmed.get(key, ())):
                        found[key] = Origin(unconfirmed=True)
                    continue
                supplier = self.of_row(row_id)
                redo = next((s for s in self.redos if s.first_id <= row_id <= s.last_id), None)
                if supplier is None and redo is not None:  # whose the re-applied step was
                    supplier = self.of_row(redo.target)
                if supplier is not None:
                    found[key] = Origin(supplier=supplier)
                    continue
                undo = next((s for s in self.undos if s.first_id <= row_id <= s.last_id), None)
                if undo is not None and redo is None:
                    later[key] = undo.target
            pending = later
        return found

    def _newest_below(self, below: dict[str, int]):
        """``(key, id, at)`` of each key's newest value row under its id in ``below``: one query
        for the usual case (a step's keys, all looked up below the same row)."""
        groups: dict[int, list[str]] = {}
        for key, row_id in below.items():
            groups.setdefault(row_id, []).append(key)
        h = answer_history
        for row_id, group in groups.items():
            newest = (select(h.c.key, func.max(h.c.id).label("id"))
                      .where(h.c.report_id == self.report_id, h.c.kind == "value", h.c.id < row_id,
                             h.c.key.in_(group))
                      .group_by(h.c.key).subquery())
            query = select(newest.c.key, newest.c.id, h.c.at).join(h, h.c.id == newest.c.id)
            yield from self.connection.execute(query)
