"""Received submissions in the Secretariat's inbox (issue 9).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Two tables: ``submissions`` (every package accepted into the inbox, with the answers it carried,
so that the overview needs no package on disk) and ``refused_packages`` (what was refused, why
and when; nothing else of a refused package is kept).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True),
        # One row per package file: importing the same bytes twice must change nothing.
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("received_at", sa.Text, nullable=False),
        sa.Column("report_uid", sa.Text, nullable=False),
        sa.Column("form_id", sa.Text, nullable=False),
        sa.Column("form_version", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("report_status", sa.Text, nullable=False),
        sa.Column("draft", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.Text),
        sa.Column("signer_name", sa.Text, nullable=False),
        sa.Column("signer_fingerprint", sa.Text, nullable=False),
        sa.Column("verdict", sa.Text, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("completeness", sa.Integer, nullable=False),
        sa.Column("progress_state", sa.Text, nullable=False),
        sa.Column("superseded_by", sa.Integer),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("translations", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_submissions_form_period_country", "submissions",
                    ["form_id", "period", "country"])
    op.create_index("ix_submissions_fingerprint", "submissions", ["signer_fingerprint"])
    op.create_table(
        "refused_packages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("received_at", sa.Text, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("refused_packages")
    op.drop_index("ix_submissions_fingerprint", "submissions")
    op.drop_index("ix_submissions_form_period_country", "submissions")
    op.drop_table("submissions")
