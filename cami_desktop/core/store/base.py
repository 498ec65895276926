"""What every part of the store shares: its connections, transactions and report guards.

:class:`~.store.Store` is assembled from mixins (reports, answers, attachments), each in its own
module to keep modules small; they all reach the database through the helpers here.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Row, bindparam, insert, select
from sqlalchemy.engine import Connection, Engine

from .. import errors
from ..i18n import N_
from .records import dump_json, utcnow
from .schema import report_events, reports

# Built once: nearly every call of the store starts by reading its report.
_REPORT_BY_ID = select(reports).where(reports.c.id == bindparam("p_report"))
_INSERT_EVENT = insert(report_events)


class StoreBase:
    """Connections and guards; see :class:`~.store.Store` for the public API."""

    data_dir: Path
    db_path: Path
    app_version: str
    _engine: Engine | None = None
    _writer: Engine | None = None

    def _live_engine(self, writer: bool) -> Engine:
        engine = self._writer if writer else self._engine
        if engine is None:
            # A closed store no longer holds the lock; writing now could race another window.
            raise RuntimeError("the store is closed")
        return engine

    def _joined(self) -> Connection | None:
        """The connection of this thread's :meth:`transaction`, if one is open."""
        local = self.__dict__.get("_transactions")
        return getattr(local, "connection", None) if local is not None else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Several store calls made by this thread as one write transaction: all or none.

        Every ``_read`` and ``_write`` inside the block uses its connection (so reads see what
        the block wrote), and nothing is committed until the block ends cleanly: a failure
        halfway leaves the database as it was. Other threads wait for it, as for any writer.
        A ``transaction`` inside another one joins it.
        """
        if self._joined() is not None:
            yield
            return
        local = self.__dict__.setdefault("_transactions", threading.local())
        with self._write() as connection:
            local.connection = connection
            try:
                yield
            finally:
                local.connection = None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot for all queries in the block."""
        joined = self._joined()
        if joined is not None:
            yield joined
            return
        with self._live_engine(writer=False).connect() as connection:
            yield connection

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction (``BEGIN IMMEDIATE``), committed when the block ends cleanly
        (inside :meth:`transaction`: when that one ends)."""
        joined = self._joined()
        if joined is not None:
            yield joined
            return
        with self._live_engine(writer=True).begin() as connection:
            yield connection

    @staticmethod
    def _report_row(connection: Connection, report_id: int) -> Row:
        row = connection.execute(_REPORT_BY_ID, {"p_report": report_id}).first()
        if row is None:
            raise errors.ReportNotFound(N_("There is no report number {id}."), id=report_id)
        return row

    @classmethod
    def _editable_row(cls, connection: Connection, report_id: int) -> Row:
        """The report's row, or :class:`errors.ReportLocked` if it is final."""
        row = cls._report_row(connection, report_id)
        if row.status == "final":
            raise errors.ReportLocked(
                N_(
                    "The report {form} {country} {period} is final and cannot be changed. "
                    "Reopen it to make changes."
                ),
                form=row.form_id,
                country=row.country,
                period=row.period,
            )
        return row

    @staticmethod
    def _record_event(
        connection: Connection, report_id: int, kind: str, detail: dict | None = None
    ) -> None:
        values = {"report_id": report_id, "at": utcnow(), "kind": kind}
        connection.execute(_INSERT_EVENT, {**values, "detail": dump_json(detail or {})})
