"""Undo and redo over the answer history, kept in the database so that they survive a restart.

The history already holds every change with its old and new value. A *user step* is the group of
history rows written by one store call (they share one timestamp). Undoing a step writes its old
values back as new history rows, and ``undo_steps`` records which rows those were and which step
they undid; redo does the same with the new values. Reading the history and the steps backwards
finds the targets: undo takes the newest step still applied, redo the newest one undone since the
last change by hand (any such change empties the redo stack, as in every editor).

Undo never goes back past what the report was given when it was made: the pre-filled answers,
the answers carried over from an earlier report, a colleague's shared answers in a working copy.
``undo_steps`` rows of the actions :data:`BASE` and :data:`CARRIED` mark that floor (and, for a
carry-over, which history rows hold the carried values): an undo that brings a carried value back
also brings back its "not yet confirmed" mark, unless it was confirmed in the meantime, and an
undo or redo that brings back a colleague's answer brings back who supplied it (:mod:`.origins`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import Row, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from .answers import TRANSLATION, VALUE
from .base import StoreBase
from .origins import CARRIED, REDO, UNDO, Origin, Origins
from .records import HistoryEntry, dump_json, load_json
from .schema import answer_history, answer_meta, answer_translations, undo_steps

#: The history up to ``last_id`` is what the report was made with: no undo goes back past it.
BASE = "base"
# CARRIED (from .origins) is like BASE; its first_id..last_id are the carried values' rows.
FLOORS = (BASE, CARRIED)


_SET_META = (
    update(answer_meta)
    .where(answer_meta.c.report_id == bindparam("p_report"), answer_meta.c.key == bindparam("p_key"))
    .values(unconfirmed=bindparam("p_unconfirmed"), supplier=bindparam("p_supplier"))
)


def mark_floor(connection: Connection, report_id: int, action: str = BASE,
               first_id: int | None = None) -> None:
    """Record that the report's history so far is its starting point, not an undoable step.

    ``first_id`` (with :data:`CARRIED`) is the first history row of the carried-over values.
    """
    last = connection.execute(
        select(func.coalesce(func.max(answer_history.c.id), 0))
        .where(answer_history.c.report_id == report_id)
    ).scalar()
    connection.execute(insert(undo_steps).values(
        report_id=report_id, action=action, target=last,
        first_id=last if first_id is None else first_id, last_id=last,
    ))


def _last_history_id(connection: Connection) -> int:
    return connection.execute(select(func.coalesce(func.max(answer_history.c.id), 0))).scalar()


@dataclass(frozen=True)
class _Group:
    """The history rows ``first``..``last`` written by one store call of the person."""

    first: int
    last: int


def _events_backward(connection: Connection, report_id: int) -> Iterator[_Group | Row]:
    """User steps (:class:`_Group`) and undo/redo steps (``undo_steps`` rows), newest first.

    Read lazily through the (report_id) index, so that the usual undo, of something recent,
    reads only the end of a long history.
    """
    steps, floor = {}, 0
    for step in connection.execute(select(undo_steps).where(undo_steps.c.report_id == report_id)):
        if step.action in FLOORS:
            floor = max(floor, step.last_id)
        else:
            steps[step.last_id] = step
    # Plain sqlite3 tuples in this transaction: SQLAlchemy rows with parsed times cost 20x more.
    cursor = connection.connection.driver_connection.execute(
        "SELECT id, at FROM answer_history WHERE report_id = ? ORDER BY id DESC", (report_id,)
    )
    group: list = []       # [last id, first id, at] of the user step being read
    skip_from: int | None = None
    while rows := cursor.fetchmany(256):
        for row_id, at in rows:
            if row_id <= floor:  # what the report was made with: not a step
                rows = None
                break
            if skip_from is not None and row_id >= skip_from:
                continue
            skip_from = None
            step = steps.get(row_id)
            if step is None and group and at == group[2]:
                group[1] = row_id
                continue
            if group:
                yield _Group(group[1], group[0])
                group = []
            if step is None:
                group = [row_id, row_id, at]
            else:
                skip_from = step.first_id
                yield step
        if rows is None:
            break
    if group:
        yield _Group(group[1], group[0])


def _undo_target(connection: Connection, report_id: int) -> int | None:
    """The first history id of the step an undo would revert: the last one applied."""
    cancelled: Counter[int] = Counter()
    for event in _events_backward(connection, report_id):
        target = event.first if isinstance(event, _Group) else event.target
        if isinstance(event, _Group) or event.action == REDO:
            # An application of ``target``: the newest one not undone since is the answer.
            if not cancelled[target]:
                return target
            cancelled[target] -= 1
        else:
            cancelled[target] += 1
    return None


def _redo_target(connection: Connection, report_id: int) -> int | None:
    """The step a redo would re-apply: the last one undone since the last change by hand."""
    redone: Counter[int] = Counter()
    for event in _events_backward(connection, report_id):
        if isinstance(event, _Group):
            return None  # a change by hand empties the redo stack
        if event.action == REDO:
            redone[event.target] += 1
        elif redone[event.target]:
            redone[event.target] -= 1
        else:
            return event.target
    return None


def _group_rows(connection: Connection, report_id: int, first: int) -> list[Row]:
    """The rows of the user step starting at history id ``first`` (one call: one timestamp)."""
    at = connection.execute(select(answer_history.c.at).where(answer_history.c.id == first)).scalar()
    return connection.execute(
        select(answer_history).where(
            answer_history.c.report_id == report_id,
            answer_history.c.id >= first,
            answer_history.c.at == at,
        ).order_by(answer_history.c.id)
    ).fetchall()


class UndoMixin(StoreBase):
    """Undo/redo methods of :class:`~.store.Store`."""

    def can_undo_redo(self, report_id: int) -> tuple[bool, bool]:
        """Whether there is a step to undo, and one to redo (for enabling menu items)."""
        with self._read() as connection:
            self._report_row(connection, report_id)
            return (_undo_target(connection, report_id) is not None,
                    _redo_target(connection, report_id) is not None)

    def mark_undo_floor(self, report_id: int) -> None:
        """Make the report's answers so far its starting point: undo stops there (a new report's
        pre-filled answers are not a change to undo)."""
        with self._write() as connection:
            self._report_row(connection, report_id)
            mark_floor(connection, report_id)

    def undo_answers(self, report_id: int) -> list[HistoryEntry]:
        """Undo the last change of answers; return what changed (empty: nothing to undo)."""
        return self._step(report_id, UNDO)

    def redo_answers(self, report_id: int) -> list[HistoryEntry]:
        """Redo the last undone change; return what changed (empty: nothing to redo)."""
        return self._step(report_id, REDO)

    def _step(self, report_id: int, action: str) -> list[HistoryEntry]:
        with self._write() as connection:
            self._editable_row(connection, report_id)
            find = _undo_target if action == UNDO else _redo_target
            target = find(connection, report_id)
            if target is None:
                return []
            rows = _group_rows(connection, report_id, target)
            wanted = {(r.kind, r.key): (r.old if action == UNDO else r.new) for r in rows}
            before = _last_history_id(connection)
            keys = [key for kind, key in wanted if kind == VALUE]
            origins = Origins(connection, report_id)
            if action == UNDO:
                restored = origins.before(rows[0], keys)
            else:  # a redo re-applies the step: whoever supplied it supplied it again
                supplier = origins.of_row(rows[0].id)
                restored = {key: Origin(supplier=supplier) for key in keys} if supplier else {}
            result = self._restore(connection, report_id, wanted)
            # Restoring changed the flags like any change: set back what the history knows.
            if restored:
                connection.execute(_SET_META, [
                    {"p_report": report_id, "p_key": key, "p_unconfirmed": int(origin.unconfirmed),
                     "p_supplier": None if origin.supplier is None else dump_json(origin.supplier)}
                    for key, origin in restored.items()
                ])
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
