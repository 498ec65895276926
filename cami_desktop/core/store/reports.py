"""Reports: creating, listing, the trash, finalizing and reopening, and their event log.

A report's life: ``draft`` → ``final`` (answers locked, declaration kept) → ``reopened``
(revision + 1, editable again) → ``final`` … Deleting moves a report to the trash, from which
it can be restored; only purging a report from the trash removes it and everything it holds.
"""
from __future__ import annotations

import uuid

from sqlalchemy import Row, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from .. import errors
from ..i18n import N_
from . import listing
from .base import StoreBase
# ReportSummary lived here before listing.py; kept importable.
from .listing import SUMMARY_FIELDS as _SUMMARY_FIELDS, ReportSummary  # noqa: F401
from .records import EventEntry, ReportRecord, check_json, dump_json, load_json, utcnow
from .schema import report_events, report_summaries, reports


def report_record(row: Row) -> ReportRecord:
    """A ``reports`` row as a :class:`ReportRecord`."""
    return ReportRecord(
        id=row.id,
        uid=row.uid,
        form_id=row.form_id,
        form_version=row.form_version,
        country=row.country,
        period=row.period,
        language=row.language,
        status=row.status,
        revision=row.revision,
        created_at=row.created_at,
        updated_at=row.updated_at,
        finalized_at=row.finalized_at,
        deleted_at=row.deleted_at,
        declaration=load_json(row.declaration),
    )


class ReportsMixin(StoreBase):
    """Report methods of :class:`~.store.Store`."""

    def create_report(
        self, *, form_id: str, form_version: str, country: str, period: str, language: str
    ) -> ReportRecord:
        """Create an empty draft report (revision 1) and record a ``created`` event."""
        now = utcnow()
        with self._write() as connection:
            report_id = connection.execute(
                insert(reports).values(
                    uid=uuid.uuid4().hex,
                    form_id=form_id,
                    form_version=form_version,
                    country=country,
                    period=period,
                    language=language,
                    status="draft",
                    revision=1,
                    created_at=now,
                    updated_at=now,
                )
            ).inserted_primary_key[0]
            self._record_event(
                connection, report_id, "created", {"app_version": self.app_version}
            )
            return report_record(self._report_row(connection, report_id))

    def list_reports(self, *, deleted: bool = False) -> list[ReportRecord]:
        """Reports not in the trash, most recently changed first; ``deleted=True``: the trash."""
        # Plain SQL shared with the light opening path (listing.py), which runs it before
        # SQLAlchemy is imported.
        with self._read() as connection:
            rows = connection.exec_driver_sql(listing.reports_query(deleted))
            return [listing.record_of(row) for row in rows]

    def get_report(self, report_id: int) -> ReportRecord:
        """One report, in the trash or not; :class:`errors.ReportNotFound` if there is none."""
        with self._read() as connection:
            return report_record(self._report_row(connection, report_id))

    def find_reports(self, *, form_id: str, country: str, period: str) -> list[ReportRecord]:
        """Reports (not in the trash) for the same form, country and period, oldest first."""
        query = (
            select(reports)
            .where(
                reports.c.form_id == form_id,
                reports.c.country == country,
                reports.c.period == period,
                reports.c.deleted_at.is_(None),
            )
            .order_by(reports.c.id)
        )
        with self._read() as connection:
            return [report_record(row) for row in connection.execute(query)]

    def delete_report(self, report_id: int) -> None:
        """Move a report to the trash; nothing of it is lost until it is purged."""
        with self._write() as connection:
            row = self._report_row(connection, report_id)
            if row.deleted_at is not None:
                return
            self._set(connection, report_id, deleted_at=utcnow())
            self._record_event(connection, report_id, "deleted")

    def restore_report(self, report_id: int) -> None:
        """Take a report out of the trash."""
        with self._write() as connection:
            row = self._report_row(connection, report_id)
            if row.deleted_at is None:
                return
            self._set(connection, report_id, deleted_at=None)
            self._record_event(connection, report_id, "restored")

    def purge_report(self, report_id: int) -> None:
        """Delete a report from the trash for good, with its answers, history and files."""
        with self._write() as connection:
            row = self._report_row(connection, report_id)
            if row.deleted_at is None:
                raise errors.StoreError(
                    N_(
                        "The report {form} {country} {period} is not in the trash. "
                        "Move it to the trash before deleting it for good."
                    ),
                    form=row.form_id,
                    country=row.country,
                    period=row.period,
                )
            # Child rows go by ON DELETE CASCADE (foreign_keys=ON on every connection).
            connection.execute(delete(reports).where(reports.c.id == report_id))

    def finalize_report(self, report_id: int, declaration: dict) -> ReportRecord:
        """Make a report final: answers are locked and the signed declaration is kept.

        The declaration is also copied into the ``finalized`` event, so reopening (which clears
        it from the report) does not lose what was declared for the earlier revision.
        """
        if not isinstance(declaration, dict):
            raise TypeError("declaration must be a dict")
        check_json(declaration, "declaration")
        now = utcnow()
        with self._write() as connection:
            row = self._editable_row(connection, report_id)
            self._set(
                connection,
                report_id,
                status="final",
                finalized_at=now,
                declaration=dump_json(declaration),
                updated_at=now,
            )
            self._record_event(
                connection,
                report_id,
                "finalized",
                {
                    "revision": row.revision,
                    "declaration": declaration,
                    "app_version": self.app_version,
                },
            )
            return report_record(self._report_row(connection, report_id))

    def reopen_report(self, report_id: int) -> ReportRecord:
        """Reopen a final report for changes as the next revision."""
        now = utcnow()
        with self._write() as connection:
            row = self._report_row(connection, report_id)
            if row.status != "final":
                raise errors.StoreError(
                    N_("The report {form} {country} {period} is not final, so it is open already."),
                    form=row.form_id,
                    country=row.country,
                    period=row.period,
                )
            revision = row.revision + 1
            self._set(
                connection,
                report_id,
                status="reopened",
                revision=revision,
                finalized_at=None,
                declaration=None,
                updated_at=now,
            )
            self._record_event(
                connection,
                report_id,
                "reopened",
                {
                    "revision": revision,
                    "finalized_at": row.finalized_at.isoformat() if row.finalized_at else None,
                },
            )
            return report_record(self._report_row(connection, report_id))

    def add_event(self, report_id: int, kind: str, detail: dict | None = None) -> None:
        """Record something that happened to a report (``exported``, ``sent`` …)."""
        check_json(detail or {}, "detail")
        with self._write() as connection:
            self._report_row(connection, report_id)
            self._record_event(connection, report_id, kind, detail)

    def events(self, report_id: int) -> list[EventEntry]:
        """The report's events, oldest first."""
        query = (
            select(report_events)
            .where(report_events.c.report_id == report_id)
            .order_by(report_events.c.id)
        )
        with self._read() as connection:
            self._report_row(connection, report_id)
            return [
                EventEntry(at=row.at, kind=row.kind, detail=load_json(row.detail))
                for row in connection.execute(query)
            ]

    def report_summaries(self, basis: str, *, deleted: bool = False) -> dict[int, ReportSummary]:
        """The current stored summaries of the listed reports (or the trash's), by report id.

        A summary is current when it was computed by ``basis`` after the report's last change
        of answers (its ``updated_at``) and its last event; reports without a current one are
        simply absent.
        """
        with self._read() as connection:
            rows = connection.exec_driver_sql(listing.summaries_query(deleted), (basis,))
            return listing.summaries_of(rows)

    def save_summaries(self, summaries: dict[int, ReportSummary], basis: str) -> None:
        """Store summaries computed by ``basis`` from the reports' current answers, in one go.

        Each is stamped with its report's ``updated_at`` and last event read in the same
        transaction, so a summary computed before a later change is never taken for current.
        """
        if not summaries:
            return
        ids = list(summaries)
        with self._write() as connection:
            stamps = dict(connection.execute(
                select(reports.c.id, reports.c.updated_at).where(reports.c.id.in_(ids))
            ).all())
            events = dict(connection.execute(
                select(report_events.c.report_id, func.max(report_events.c.id))
                .where(report_events.c.report_id.in_(ids)).group_by(report_events.c.report_id)
            ).all())
            rows = [
                {"report_id": report_id, "updated_at": stamps[report_id],
                 "event_id": events.get(report_id) or 0, "basis": basis,
                 **{name: getattr(summary, name) for name in _SUMMARY_FIELDS}}
                for report_id, summary in summaries.items()
                if report_id in stamps
            ]
            if not rows:
                return
            statement = sqlite_insert(report_summaries)
            connection.execute(statement.on_conflict_do_update(
                index_elements=[report_summaries.c.report_id],
                set_={name: statement.excluded[name]
                      for name in ("updated_at", "event_id", "basis", *_SUMMARY_FIELDS)},
            ), rows)

    @staticmethod
    def _set(connection: Connection, report_id: int, **values: object) -> None:
        connection.execute(update(reports).where(reports.c.id == report_id).values(**values))
