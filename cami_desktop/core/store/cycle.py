"""The reporting cycle in the store: carry-over flags, suppliers, comments, snapshots, shared copies.

Everything here is one transaction per call, like the rest of the store. Answers written through
``AnswersMixin._apply`` reset their flags (an answer the focal point changes is confirmed and
supplied by the focal point); the methods here that write answers for someone else set the flags
again in the same transaction, so no reader ever sees the answer without its origin.
Undo and redo live in :mod:`.undo`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from .answers import TRANSLATION, VALUE
from .records import dump_json, load_json, same_json, utcnow
from .schema import (
    answer_comments,
    answer_history,
    answer_meta,
    answer_translations,
    revision_answers,
    shared_copies,
)
from .origins import SUPPLIED
from .undo import BASE, CARRIED, UndoMixin, mark_floor

AUDIENCES = ("secretariat", "colleagues")


@dataclass(frozen=True)
class Comment:
    """A note on a question: its text, for whom, and when it was last changed."""

    key: str
    text: str
    audience: str
    updated_at: datetime


@dataclass(frozen=True)
class Snapshot:
    """The answers and translations of a revision as they were made final."""

    revision: int
    answers: dict
    translations: dict


def _upsert_meta(connection: Connection, rows: list[dict], columns: tuple[str, ...]) -> None:
    if not rows:
        return
    statement = sqlite_insert(answer_meta)
    statement = statement.on_conflict_do_update(
        index_elements=[answer_meta.c.report_id, answer_meta.c.key],
        set_={name: statement.excluded[name] for name in columns},
    )
    connection.execute(statement, rows)


class CycleMixin(UndoMixin):
    """Reporting-cycle methods of :class:`~.store.Store` (issue 11)."""

    # carry-over

    def carry_over(
        self,
        report_id: int,
        values: dict[str, object],
        translations: dict[str, str],
        source_id: int,
    ) -> int:
        """Write answers taken from report ``source_id``, each marked "not yet confirmed".

        Values and translations are written with their history like any change, but as the
        report's starting point, which no undo goes back past; return how many answers changed.
        """
        meta = {"unconfirmed": 1, "carried_from": source_id, "supplier": None}
        with self._write() as connection:
            first, changed = self._write_marked(connection, report_id, values, translations, meta)
            mark_floor(connection, report_id, CARRIED, first)
            return changed

    def _write_marked(self, connection, report_id: int, values: dict[str, object],
                      translations: dict[str, str | None], meta: dict) -> tuple[int, int]:
        """Write values and translations with their history, each key's ``answer_meta`` set to
        ``meta``; return the first history id written (for undo's bounds) and how many changed."""
        self._editable_row(connection, report_id)
        first = connection.execute(select(func.coalesce(func.max(answer_history.c.id), 0))).scalar() + 1
        now = utcnow()  # one time for values and translations: one undo step
        changed = self._write_values(connection, report_id, values, now)
        self._write_translations(connection, report_id, translations, now)
        rows = [{"report_id": report_id, "key": key, **meta} for key in values]
        _upsert_meta(connection, rows, tuple(meta))
        return first, changed

    def unconfirmed_keys(self, report_id: int) -> list[str]:
        """Keys of carried-over answers not yet confirmed or changed, sorted."""
        query = select(answer_meta.c.key).where(
            answer_meta.c.report_id == report_id, answer_meta.c.unconfirmed == 1
        )
        with self._read() as connection:
            self._report_row(connection, report_id)
            return [row.key for row in connection.execute(query.order_by(answer_meta.c.key))]

    def carried_from(self, report_id: int) -> int | None:
        """The report this one's answers were carried over from, if any."""
        query = select(func.max(answer_meta.c.carried_from)).where(
            answer_meta.c.report_id == report_id
        )
        with self._read() as connection:
            return connection.execute(query).scalar()

    def check_editable(self, report_id: int) -> None:
        """Raise :class:`~cami_desktop.core.errors.ReportLocked` if the report is final."""
        with self._read() as connection:
            self._editable_row(connection, report_id)

    def confirm_answers(self, report_id: int, keys: list[str] | None = None) -> list[str]:
        """Confirm carried-over answers (``None``: all of them); return the keys confirmed."""
        table = answer_meta
        where = [table.c.report_id == report_id, table.c.unconfirmed == 1]
        if keys is not None:
            where.append(table.c.key.in_(list(keys)))
        with self._write() as connection:
            self._editable_row(connection, report_id)
            found = [row.key for row in connection.execute(select(table.c.key).where(*where))]
            if found:
                connection.execute(update(table).where(*where).values(unconfirmed=0))
                self._record_event(connection, report_id, "confirmed", {"keys": sorted(found)})
            return sorted(found)

    # suppliers

    def set_answers_from(
        self,
        report_id: int,
        values: dict[str, object],
        translations: dict[str, str | None],
        supplier: dict,
    ) -> int:
        """Write answers supplied by someone other than the focal point (``name``, ``agency``).

        The history rows written are recorded with the supplier (a ``supplied`` event), so that
        an undo or redo that brings these values back brings back who supplied them.
        """
        # carried_from is left as it was: who supplied an answer does not change where it came from
        meta = {"unconfirmed": 0, "supplier": dump_json(supplier)}
        with self._write() as connection:
            first, changed = self._write_marked(connection, report_id, values, translations, meta)
            last = connection.execute(select(func.max(answer_history.c.id))).scalar() or 0
            if last >= first:
                self._record_event(connection, report_id, SUPPLIED,
                                   {"first_id": first, "last_id": last, "supplier": supplier})
            return changed

    def suppliers(self, report_id: int) -> dict[str, dict]:
        """Who supplied each answer that the focal point did not write, by key."""
        query = select(answer_meta.c.key, answer_meta.c.supplier).where(
            answer_meta.c.report_id == report_id, answer_meta.c.supplier.is_not(None)
        )
        with self._read() as connection:
            return {row.key: load_json(row.supplier) for row in connection.execute(query)}

    # comments

    def set_comment(
        self, report_id: int, key: str, text: str | None, audience: str = "secretariat"
    ) -> bool:
        """Store a note on question ``key`` (``None`` or blank removes it); return if it changed."""
        if audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
        text = text.strip() if text else ""
        table = answer_comments
        where = (table.c.report_id == report_id, table.c.key == key)
        with self._write() as connection:
            self._editable_row(connection, report_id)
            old = connection.execute(select(table.c.text, table.c.audience).where(*where)).first()
            if not text:
                if old is None:
                    return False
                connection.execute(delete(table).where(*where))
                return True
            if old is not None and (old.text, old.audience) == (text, audience):
                return False
            statement = sqlite_insert(table).values(
                report_id=report_id, key=key, text=text, audience=audience, updated_at=utcnow()
            )
            connection.execute(statement.on_conflict_do_update(
                index_elements=[table.c.report_id, table.c.key],
                set_={name: statement.excluded[name] for name in ("text", "audience", "updated_at")},
            ))
            return True

    def comments(self, report_id: int) -> dict[str, Comment]:
        """The report's notes, by question key (sorted)."""
        table = answer_comments
        query = select(table).where(table.c.report_id == report_id).order_by(table.c.key)
        with self._read() as connection:
            self._report_row(connection, report_id)
            return {
                row.key: Comment(row.key, row.text, row.audience, row.updated_at)
                for row in connection.execute(query)
            }

    # revision snapshots (written by a trigger when a report becomes final)

    def snapshot(self, report_id: int, revision: int) -> Snapshot | None:
        """The answers of ``revision`` as made final, or ``None`` if it never was."""
        table = revision_answers
        query = select(table.c.kind, table.c.key, table.c.value).where(
            table.c.report_id == report_id, table.c.revision == revision
        )
        with self._read() as connection:
            self._report_row(connection, report_id)
            rows = list(connection.execute(query.order_by(table.c.key)))
        # A revision finalized with no answers at all has no rows but is still a snapshot.
        if not rows and not self._was_final(report_id, revision):
            return None
        values = {r.key: load_json(r.value) for r in rows if r.kind == VALUE}
        texts = {r.key: r.value for r in rows if r.kind == TRANSLATION}
        return Snapshot(revision, values, texts)

    def _was_final(self, report_id: int, revision: int) -> bool:
        return any(
            event.kind == "finalized" and event.detail.get("revision") == revision
            for event in self.events(report_id)
        )

    # shared copies (a colleague's working copy of shared sections)

    def mark_shared_copy(self, report_id: int, share_id: str, detail: dict) -> None:
        """Record that report ``report_id`` is the working copy of share ``share_id``.

        The answers it holds so far are the ones sent: the copy's undo stops there.
        """
        with self._write() as connection:
            self._report_row(connection, report_id)
            mark_floor(connection, report_id, BASE)
            connection.execute(
                insert(shared_copies).values(
                    report_id=report_id, share_id=share_id, detail=dump_json(detail)
                )
            )

    def find_shared_copy(self, share_id: str) -> int | None:
        """The report that is the working copy of share ``share_id`` (in the trash or not)."""
        query = select(shared_copies.c.report_id).where(shared_copies.c.share_id == share_id)
        with self._read() as connection:
            return connection.execute(query).scalar()

    def shared_copy(self, report_id: int) -> dict | None:
        """The share a working copy came from (``share_id`` and its details), or ``None``."""
        query = select(shared_copies).where(shared_copies.c.report_id == report_id)
        with self._read() as connection:
            self._report_row(connection, report_id)
            row = connection.execute(query).first()
        return None if row is None else {"share_id": row.share_id, **load_json(row.detail)}

    # helpers shared with undo

    def _write_values(
        self, connection: Connection, report_id: int, values: dict[str, object], now=None
    ) -> int:
        old_texts = self._current(connection, report_id, list(values))
        changes = [
            (key, old_texts.get(key), None if value is None else dump_json(value))
            for key, value in values.items()
            if not same_json(old_texts.get(key), value)
        ]
        if changes:
            self._apply(connection, report_id, VALUE, changes, now)
        return len(changes)

    def _write_translations(
        self, connection: Connection, report_id: int, texts: dict[str, str | None], now=None
    ) -> int:
        table = answer_translations
        query = select(table.c.key, table.c.text).where(table.c.report_id == report_id)
        old = {row.key: row.text for row in connection.execute(query)}
        changes = [(key, old.get(key), text) for key, text in texts.items() if old.get(key) != text]
        if changes:
            self._apply(connection, report_id, TRANSLATION, changes, now)
        return len(changes)
