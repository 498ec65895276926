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

from sqlalchemy import Row, select
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
        for key in keys:
            before = first.id
            while True:
                row = self.connection.execute(
                    select(answer_history.c.id, answer_history.c.at).where(
                        answer_history.c.report_id == self.report_id, answer_history.c.key == key,
                        answer_history.c.kind == "value", answer_history.c.id < before,
                    ).order_by(answer_history.c.id.desc()).limit(1)
                ).first()
                if row is None:
                    break
                if any(low <= row.id <= high for low, high in self.carried):
                    # Confirmed after it was carried and before the step undone: it stays confirmed.
                    if not any(row.at <= at <= first.at for at in self.confirmed.get(key, ())):
                        found[key] = Origin(unconfirmed=True)
                    break
                supplier = self.of_row(row.id)
                if supplier is not None:
                    found[key] = Origin(supplier=supplier)
                    break
                redo = next((s for s in self.redos if s.first_id <= row.id <= s.last_id), None)
                if redo is not None:  # the step it re-applied says whose it is
                    supplier = self.of_row(redo.target)
                    if supplier is not None:
                        found[key] = Origin(supplier=supplier)
                    break
                undo = next((s for s in self.undos if s.first_id <= row.id <= s.last_id), None)
                if undo is None:
                    break
                before = undo.target
        return found
