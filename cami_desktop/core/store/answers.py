"""Answers and their English translations, each change kept in the history.

An answer is any JSON value under a question key; ``None`` clears it. Every change is one
transaction that writes the answer, appends a history row (time, old JSON, new JSON) and bumps
the report's ``updated_at`` together, so the history can never disagree with the answers.
Writing a value equal to the stored one writes nothing: the UI may save on every keystroke
or focus change without flooding the history.
"""
from __future__ import annotations

from sqlalchemy import Delete, Insert, Table, bindparam, delete, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from .base import StoreBase
from .records import HistoryEntry, dump_json, load_json, same_json, utcnow
from .schema import UtcDateTime, answer_history, answer_meta, answer_translations, answers, reports

VALUE = "value"
TRANSLATION = "translation"


# The statements are built once: building a statement costs SQLAlchemy more than SQLite takes
# to run it, and set_answer runs on every edit.
def _upsert(table: Table, column: str) -> Insert:
    statement = sqlite_insert(table)
    return statement.on_conflict_do_update(
        index_elements=[table.c.report_id, table.c.key],
        set_={column: statement.excluded[column]},
    )


def _remove(table: Table) -> Delete:
    return delete(table).where(
        table.c.report_id == bindparam("p_report"), table.c.key == bindparam("p_key")
    )


_WRITES = {
    VALUE: (_upsert(answers, "value"), _remove(answers), "value"),
    TRANSLATION: (_upsert(answer_translations, "text"), _remove(answer_translations), "text"),
}
_READ_ONE = select(answers.c.value).where(
    answers.c.report_id == bindparam("p_report"), answers.c.key == bindparam("p_key")
)
_READ_ALL = select(answers.c.key, answers.c.value).where(
    answers.c.report_id == bindparam("p_report")
)
_INSERT_HISTORY = insert(answer_history)
# A changed answer is the focal point's own: confirmed (if it was carried over) and no longer a
# colleague's. Callers writing for someone else set the flags again in the same transaction.
_RESET_META = (
    update(answer_meta)
    .where(answer_meta.c.report_id == bindparam("p_report"), answer_meta.c.key == bindparam("p_key"))
    .values(unconfirmed=0, supplier=None)
)
_TOUCH_REPORT = (
    update(reports)
    .where(reports.c.id == bindparam("p_report"))
    .values(updated_at=bindparam("p_now", type_=UtcDateTime))
)


def _json_or_none(text: str | None) -> str | None:
    return None if text is None else dump_json(text)


def _check_key(key: object) -> None:
    if not isinstance(key, str) or not key:
        raise TypeError(f"an answer key must be a non-empty string, not {key!r}")


class AnswersMixin(StoreBase):
    """Answer methods of :class:`~.store.Store`."""

    def answers(self, report_id: int) -> dict[str, object]:
        """All answers of a report, by question key (sorted)."""
        query = select(answers.c.key, answers.c.value).where(answers.c.report_id == report_id)
        with self._read() as connection:
            self._report_row(connection, report_id)
            rows = connection.execute(query.order_by(answers.c.key))
            return {row.key: load_json(row.value) for row in rows}

    def translations(self, report_id: int) -> dict[str, str]:
        """English translations of free-text answers, by question key (sorted)."""
        table = answer_translations
        query = select(table.c.key, table.c.text).where(table.c.report_id == report_id)
        with self._read() as connection:
            self._report_row(connection, report_id)
            return {row.key: row.text for row in connection.execute(query.order_by(table.c.key))}

    def set_answer(self, report_id: int, key: str, value: object) -> bool:
        """Store one answer (``None`` clears it); ``False`` if it was already that value.

        Raises :class:`errors.ReportLocked` on a final report, and ``TypeError``/``ValueError``
        for a value that is not plain JSON (see :func:`records.check_json`).
        """
        return self.set_answers(report_id, {key: value}) == 1

    def set_answers(self, report_id: int, values: dict[str, object],
                    translations: dict[str, str | None] | None = None) -> int:
        """Store many answers (and translations) in one transaction (an import, one undo step);
        return how many answers and translations changed.

        Every value is checked before anything is written, and the transaction is all or
        nothing, so a failed import leaves the report as it was.
        """
        new_texts = {}
        for key, value in values.items():
            _check_key(key)
            new_texts[key] = None if value is None else dump_json(value)
        for key, text in (translations or {}).items():
            _check_key(key)
            if text is not None and not isinstance(text, str):
                raise TypeError(f"a translation must be a string or None, not {type(text).__name__}")
        now = utcnow()
        with self._write() as connection:
            self._editable_row(connection, report_id)
            old_texts = self._current(connection, report_id, list(values))
            changes = [
                (key, old_texts.get(key), new_texts[key])
                for key, value in values.items()
                if not same_json(old_texts.get(key), value)
            ]
            if changes:
                self._apply(connection, report_id, VALUE, changes, now)
            texts = self._write_translations(connection, report_id, translations, now) if translations else 0
            return len(changes) + texts

    def set_translation(self, report_id: int, key: str, text: str | None) -> bool:
        """Store the English translation of an answer (``None`` clears it), with history."""
        _check_key(key)
        if text is not None and not isinstance(text, str):
            raise TypeError(f"a translation must be a string or None, not {type(text).__name__}")
        table = answer_translations
        with self._write() as connection:
            self._editable_row(connection, report_id)
            old = connection.execute(
                select(table.c.text).where(table.c.report_id == report_id, table.c.key == key)
            ).scalar()
            if old == text:
                return False
            self._apply(connection, report_id, TRANSLATION, [(key, old, text)])
            return True

    def history(self, report_id: int, key: str | None = None) -> list[HistoryEntry]:
        """Changes to a report's answers and translations (or one key's), oldest first."""
        return [entry for _, entry in self.history_rows(report_id, key)]

    def history_rows(self, report_id: int, key: str | None = None) -> list[tuple[int, HistoryEntry]]:
        """:meth:`history` with each row's id (to find who supplied it, :mod:`..cycle.suppliers`)."""
        query = select(answer_history).where(answer_history.c.report_id == report_id)
        if key is not None:
            query = query.where(answer_history.c.key == key)
        with self._read() as connection:
            self._report_row(connection, report_id)
            rows = connection.execute(query.order_by(answer_history.c.id))
            return [
                (row.id, HistoryEntry(
                    at=row.at,
                    key=row.key,
                    kind=row.kind,
                    old=load_json(row.old),
                    new=load_json(row.new),
                ))
                for row in rows
            ]

    @staticmethod
    def _current(connection: Connection, report_id: int, keys: list[str]) -> dict[str, str]:
        if len(keys) == 1:
            # The common single-answer save reads one row, not the whole report.
            value = connection.execute(_READ_ONE, {"p_report": report_id, "p_key": keys[0]})
            text = value.scalar()
            return {} if text is None else {keys[0]: text}
        rows = connection.execute(_READ_ALL, {"p_report": report_id})
        return {row.key: row.value for row in rows}

    @staticmethod
    def _apply(
        connection: Connection,
        report_id: int,
        kind: str,
        changes: list[tuple[str, str | None, str | None]],
        now=None,
    ) -> None:
        """Write ``(key, old, new)`` changes of ``kind``, their history and ``updated_at``.

        For values ``old``/``new`` are JSON text; for translations they are the plain text,
        and the history stores them as JSON strings so that both kinds read back alike. ``now``:
        the time of the rows, shared by every write of one store call (one undo step).
        """
        now = now or utcnow()
        upsert, remove, column = _WRITES[kind]
        if kind == TRANSLATION:
            changes_json = [(k, _json_or_none(old), _json_or_none(new)) for k, old, new in changes]
        else:
            changes_json = changes
        upserts = [
            {"report_id": report_id, "key": key, column: new}
            for key, _, new in changes
            if new is not None
        ]
        if upserts:
            connection.execute(upsert, upserts)
        removed = [{"p_report": report_id, "p_key": key} for key, _, new in changes if new is None]
        if removed:
            connection.execute(remove, removed)
        rows = [
            {"report_id": report_id, "at": now, "kind": kind, "key": key, "old": old, "new": new}
            for key, old, new in changes_json
        ]
        connection.execute(_INSERT_HISTORY, rows)
        if kind == VALUE:
            connection.execute(_RESET_META, [{"p_report": report_id, "p_key": k} for k, _, _ in changes])
        connection.execute(_TOUCH_REPORT, {"p_report": report_id, "p_now": now})
