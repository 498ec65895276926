"""Stored report summary (completeness) for a fast report list (issue 10).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

The table starts empty: computing completeness needs the forms, which a migration must not
depend on. The report list computes the missing summaries on its first showing and stores
them (``cami_desktop.core.reports.listing.report_summaries``), once.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_summaries",
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        # The report's updated_at when the summary was computed: equal while it is current.
        sa.Column("updated_at", sa.Text, nullable=False),
        # The report's last event then (0: none): an event such as confirming carried-over
        # answers changes completeness without changing an answer.
        sa.Column("event_id", sa.Integer, nullable=False),
        # Which version's rules computed it; another version recomputes rather than trusts it.
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("answered", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("percent", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("report_summaries")
