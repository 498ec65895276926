"""Undo and redo over the answer history, kept in the database so that they survive a restart.

The history already holds every change with its old and new value. A *user step* is the group of
history rows written by one store call (they share one timestamp). Undoing a step writes its old
values back as new history rows, and ``undo_steps`` records which rows those were and which step
they undid; redo does the same with the new values. Replaying the history and the steps in order
gives the stacks: which steps are applied (undo takes the last) and which were undone since the
last user change (redo takes the last; any user change empties it, as in every editor).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from .answers import TRANSLATION
from .base import StoreBase
from .records import HistoryEntry, load_json
from .schema import answer_history, answer_translations, undo_steps

UNDO = "undo"
REDO = "redo"


@dataclass
class _Stacks:
    groups: dict[int, list] = field(default_factory=dict)
    applied: list[int] = field(default_factory=list)
    undone: list[int] = field(default_factory=list)


def _stacks(connection: Connection, report_id: int) -> _Stacks:
    rows = list(connection.execute(
        select(answer_history).where(answer_history.c.report_id == report_id)
        .order_by(answer_history.c.id)
    ))
    steps = {
        step.first_id: step
        for step in connection.execute(
            select(undo_steps).where(undo_steps.c.report_id == report_id).order_by(undo_steps.c.id)
        )
    }
    stacks = _Stacks()
    index = 0
    while index < len(rows):
        first = rows[index]
        step = steps.get(first.id)
        end = index + 1
        if step is not None:
            while end < len(rows) and rows[end].id <= step.last_id:
                end += 1
            if step.action == UNDO:
                if step.target in stacks.applied:
                    stacks.applied.remove(step.target)
                stacks.undone.append(step.target)
            else:
                if step.target in stacks.undone:
                    stacks.undone.remove(step.target)
                stacks.applied.append(step.target)
        else:
            while end < len(rows) and rows[end].at == first.at and rows[end].id not in steps:
                end += 1
            stacks.groups[first.id] = rows[index:end]
            stacks.applied.append(first.id)
            stacks.undone.clear()
        index = end
    return stacks


class UndoMixin(StoreBase):
    """Undo/redo methods of :class:`~.store.Store`."""

    def can_undo_redo(self, report_id: int) -> tuple[bool, bool]:
        """Whether there is a step to undo, and one to redo (for enabling menu items)."""
        with self._read() as connection:
            self._report_row(connection, report_id)
            stacks = _stacks(connection, report_id)
        return bool(stacks.applied), bool(stacks.undone)

    def undo_answers(self, report_id: int) -> list[HistoryEntry]:
        """Undo the last change of answers; return what changed (empty: nothing to undo)."""
        return self._step(report_id, UNDO)

    def redo_answers(self, report_id: int) -> list[HistoryEntry]:
        """Redo the last undone change; return what changed (empty: nothing to redo)."""
        return self._step(report_id, REDO)

    def _step(self, report_id: int, action: str) -> list[HistoryEntry]:
        with self._write() as connection:
            self._editable_row(connection, report_id)
            stacks = _stacks(connection, report_id)
            pending = stacks.applied if action == UNDO else stacks.undone
            if not pending:
                return []
            target = pending[-1]
            rows = stacks.groups.get(target, [])
            wanted = {(r.kind, r.key): (r.old if action == UNDO else r.new) for r in rows}
            before = connection.execute(
                select(func.coalesce(func.max(answer_history.c.id), 0))
            ).scalar()
            result = self._restore(connection, report_id, wanted)
            last = connection.execute(select(func.max(answer_history.c.id))).scalar()
            connection.execute(insert(undo_steps).values(
                report_id=report_id, action=action, target=target, first_id=before + 1,
                last_id=last,
            ))
            return result

    def _restore(
        self, connection: Connection, report_id: int, wanted: dict[tuple[str, str], str | None]
    ) -> list[HistoryEntry]:
        """Write each ``(kind, key)`` back to the stored JSON text ``wanted`` gives.

        Every key gets a history row, even one already at that value, so that the step always
        has rows to be found by.
        """
        texts = {
            row.key: row.text
            for row in connection.execute(
                select(answer_translations.c.key, answer_translations.c.text)
                .where(answer_translations.c.report_id == report_id)
            )
        }
        values = self._current(connection, report_id, [k for kind, k in wanted if kind != TRANSLATION])
        result: list[HistoryEntry] = []
        for kind in sorted({kind for kind, _ in wanted}):
            changes = []
            for (each, key), text in sorted(wanted.items()):
                if each != kind:
                    continue
                if kind == TRANSLATION:
                    old, new = texts.get(key), load_json(text)
                    changes.append((key, old, new))
                    result.append(HistoryEntry(None, key, kind, old, new))
                else:
                    old = values.get(key)
                    changes.append((key, old, text))
                    result.append(HistoryEntry(None, key, kind, load_json(old), load_json(text)))
            self._apply(connection, report_id, kind, changes)
        return result
