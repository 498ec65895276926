"""translations, report events, attachments, settings; trash and declaration on reports.

Revision ID: 0002
Revises: 0001
Create Date: 2024-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _report_fk() -> sa.ForeignKey:
    return sa.ForeignKey("reports.id", ondelete="CASCADE")


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): SQLite does it in place, so old rows keep their ids.
    op.add_column("reports", sa.Column("deleted_at", sa.Text))
    op.add_column("reports", sa.Column("declaration", sa.Text))
    # Every history row written before this revision was a change of value.
    op.add_column(
        "answer_history",
        sa.Column("kind", sa.Text, nullable=False, server_default="value"),
    )
    # Translations live beside the answers, not in them: clearing an answer must not be the
    # only way to lose a translation, and a translation may be typed before the answer settles.
    op.create_table(
        "answer_translations",
        sa.Column("report_id", sa.Integer, _report_fk(), primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "report_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, _report_fk(), nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_report_events_report", "report_events", ["report_id"])
    op.create_table(
        "attachments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("report_id", sa.Integer, _report_fk(), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("added_at", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_attachments_report", "attachments", ["report_id"])
    op.create_table(
        "settings",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("attachments")
    op.drop_table("report_events")
    op.drop_table("answer_translations")
    # Native DROP COLUMN (SQLite 3.35+), not a batch copy: copying would DROP TABLE reports,
    # and with foreign keys on that cascades into every answer.
    op.drop_column("answer_history", "kind")
    op.drop_column("reports", "declaration")
    op.drop_column("reports", "deleted_at")
