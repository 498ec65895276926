"""The report list's queries as plain SQL, shared by the store and the light opening path.

The window's start reads the settings, the reports and their stored summaries; importing
SQLAlchemy alone costs twice a bare window's start, so these few statements are written for the
``sqlite3`` module and run by :class:`~.reports.ReportsMixin` (through the engine) and by
:class:`~.lazy.LazyStore` (before the engine exists) alike. One text, one meaning: the two
paths cannot drift apart. Times and JSON are decoded as ``schema.UtcDateTime`` and
``records.load_json`` decode them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .records import ReportRecord, load_json, time_of


@dataclass(frozen=True)
class ReportSummary:
    """A report's completeness as the report list shows it, stored when it changes."""

    answered: int
    total: int
    percent: int
    errors: int
    warnings: int
    state: str


SUMMARY_FIELDS = ("answered", "total", "percent", "errors", "warnings", "state")

_REPORT_COLUMNS = ("id, uid, form_id, form_version, country, period, language, status, revision, "
                   "created_at, updated_at, finalized_at, deleted_at, declaration")

#: Reports not in the trash, most recently changed first.
LIST_REPORTS = (f"SELECT {_REPORT_COLUMNS} FROM reports WHERE deleted_at IS NULL "
                "ORDER BY updated_at DESC, id DESC")
#: The trash, most recently deleted first.
LIST_DELETED = (f"SELECT {_REPORT_COLUMNS} FROM reports WHERE deleted_at IS NOT NULL "
                "ORDER BY deleted_at DESC, id DESC")

# A summary is current when its basis is the running version's, it was stamped with the
# report's updated_at and with the report's last event (0: none); see summary.py.
_SUMMARIES = (
    "SELECT s.report_id, s.answered, s.total, s.percent, s.errors, s.warnings, s.state "
    "FROM report_summaries AS s "
    "JOIN reports AS r ON r.id = s.report_id AND r.updated_at = s.updated_at "
    "LEFT OUTER JOIN (SELECT report_id, max(id) AS event_id FROM report_events "
    "GROUP BY report_id) AS last ON last.report_id = s.report_id "
    "WHERE s.basis = ? AND coalesce(last.event_id, 0) = s.event_id AND r.deleted_at IS {}"
)
SUMMARIES = _SUMMARIES.format("NULL")
SUMMARIES_DELETED = _SUMMARIES.format("NOT NULL")

GET_SETTING = "SELECT value FROM settings WHERE key = ?"


def record_of(row: Sequence) -> ReportRecord:
    """A row of :data:`LIST_REPORTS` as a :class:`ReportRecord`."""
    return ReportRecord(
        id=row[0], uid=row[1], form_id=row[2], form_version=row[3], country=row[4],
        period=row[5], language=row[6], status=row[7], revision=row[8],
        created_at=time_of(row[9]), updated_at=time_of(row[10]), finalized_at=time_of(row[11]),
        deleted_at=time_of(row[12]), declaration=load_json(row[13]),
    )


def reports_query(deleted: bool) -> str:
    return LIST_DELETED if deleted else LIST_REPORTS


def summaries_query(deleted: bool) -> str:
    return SUMMARIES_DELETED if deleted else SUMMARIES


def summaries_of(rows: Sequence[Sequence]) -> dict[int, ReportSummary]:
    """Rows of :data:`SUMMARIES` by report id."""
    return {row[0]: ReportSummary(*row[1:]) for row in rows}
