"""initial: reports, their answers and the history of every answer.

Revision ID: 0001
Revises:
Create Date: 2024-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # AUTOINCREMENT: a purged report's number is never given to a new report, so an exported
    # file or a message quoting "report 12" cannot later point at someone else's report.
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        sa.Column("form_id", sa.Text, nullable=False),
        sa.Column("form_version", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("finalized_at", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_reports_form_country_period", "reports", ["form_id", "country", "period"])
    op.create_table(
        "answers",
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "answer_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
    )
    op.create_index("ix_answer_history_report_key", "answer_history", ["report_id", "key"])


def downgrade() -> None:
    op.drop_table("answer_history")
    op.drop_table("answers")
    op.drop_table("reports")
