"""The tables at the head revision, as SQLAlchemy Core objects for the store's queries.

The migrations in ``migrations/versions/`` create these tables and do not import this module:
a migration must keep describing the schema of its own day after this file has moved on.
``tests/core/store/test_migration.py`` checks that the two agree.

Times are stored as ISO 8601 text in UTC (readable in any SQLite tool, sortable as text);
JSON values are stored as text written by :func:`records.dump_json`.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator

from .records import to_utc


class UtcDateTime(TypeDecorator):
    """An aware UTC datetime kept as ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00`` text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        if value is None:
            return None
        return to_utc(value).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return to_utc(datetime.fromisoformat(value))


metadata = MetaData()

_CASCADE = {"ondelete": "CASCADE"}

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(32), nullable=False, unique=True),
    Column("form_id", Text, nullable=False),
    Column("form_version", Text, nullable=False),
    Column("country", Text, nullable=False),
    Column("period", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("finalized_at", UtcDateTime),
    Column("deleted_at", UtcDateTime),
    Column("declaration", Text),
    sqlite_autoincrement=True,
)
Index("ix_reports_form_country_period", reports.c.form_id, reports.c.country, reports.c.period)

# Completeness of each report as last computed (revision 0003), so that the report list does not
# review every report's answers. A row is current only while its updated_at equals the report's
# (every change of answers moves that), its event_id is the report's last event (confirming
# carried-over answers changes completeness but no answer) and its basis is the running
# version's; else it is redone.
report_summaries = Table(
    "report_summaries",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("event_id", Integer, nullable=False),
    Column("basis", Text, nullable=False),
    Column("answered", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("percent", Integer, nullable=False),
    Column("errors", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
    Column("state", Text, nullable=False),
)

answers = Table(
    "answers",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

answer_history = Table(
    "answer_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("key", Text, nullable=False),
    Column("old", Text),
    Column("new", Text),
    Column("kind", Text, nullable=False, server_default="value"),
)
Index("ix_answer_history_report_key", answer_history.c.report_id, answer_history.c.key)

answer_translations = Table(
    "answer_translations",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("text", Text, nullable=False),
)

report_events = Table(
    "report_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("kind", Text, nullable=False),
    Column("detail", Text, nullable=False),
)
Index("ix_report_events_report", report_events.c.report_id)

attachments = Table(
    "attachments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), nullable=False),
    Column("name", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("added_at", UtcDateTime, nullable=False),
    Column("data", LargeBinary, nullable=False),
)
Index("ix_attachments_report", attachments.c.report_id)

settings = Table(
    "settings",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

trusted_signers = Table(
    "trusted_signers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("country", Text, nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("certificate", LargeBinary),
    Column("source", Text, nullable=False, server_default="certificate"),
    Column("registered_at", UtcDateTime, nullable=False),
    Column("valid_from", Text),
    Column("valid_until", Text),
    Column("replaced_at", UtcDateTime),
    Column("replaced_by", Integer),
    Column("revoked_at", UtcDateTime),
    sqlite_autoincrement=True,
)
Index("ix_trusted_signers_fingerprint", trusted_signers.c.fingerprint)
Index("ix_trusted_signers_country", trusted_signers.c.country)

# The reporting cycle (issue 11): carry-over, suppliers, comments, snapshots, undo, shared copies.
answer_meta = Table(
    "answer_meta",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("unconfirmed", Integer, nullable=False, server_default="0"),
    Column("carried_from", Integer),
    Column("supplier", Text),
)

answer_comments = Table(
    "answer_comments",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("text", Text, nullable=False),
    Column("audience", Text, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

revision_answers = Table(
    "revision_answers",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

undo_steps = Table(
    "undo_steps",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), nullable=False),
    Column("action", Text, nullable=False),
    Column("target", Integer, nullable=False),
    Column("first_id", Integer, nullable=False),
    Column("last_id", Integer, nullable=False),
)
Index("ix_undo_steps_report", undo_steps.c.report_id)
# Undo reads a report's history newest first (migration 0006).
Index("ix_answer_history_report", answer_history.c.report_id)

shared_copies = Table(
    "shared_copies",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", **_CASCADE), primary_key=True),
    Column("share_id", String(32), nullable=False),
    Column("detail", Text, nullable=False),
)

# Secretariat's inbox (issue 9, migration 0005): accepted packages with their answers, and refusals.
submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("report_uid", Text, nullable=False),
    Column("form_id", Text, nullable=False),
    Column("form_version", Text, nullable=False),
    Column("country", Text, nullable=False),
    Column("period", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("report_status", Text, nullable=False),
    Column("draft", Integer, nullable=False, server_default="0"),
    Column("created", Text),
    Column("signer_name", Text, nullable=False),
    Column("signer_fingerprint", Text, nullable=False),
    Column("verdict", Text, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("completeness", Integer, nullable=False),
    Column("progress_state", Text, nullable=False),
    Column("superseded_by", Integer),
    Column("answers", Text, nullable=False),
    Column("translations", Text, nullable=False),
    # Set aside by the Secretariat, with why and when (migration 0007): kept, counted nowhere.
    Column("set_aside_reason", Text),
    Column("set_aside_at", UtcDateTime),
    sqlite_autoincrement=True,
)
Index("ix_submissions_form_period_country", submissions.c.form_id, submissions.c.period,
      submissions.c.country)
Index("ix_submissions_fingerprint", submissions.c.signer_fingerprint)

refused_packages = Table(
    "refused_packages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("reasons", Text, nullable=False),
    sqlite_autoincrement=True,
)
