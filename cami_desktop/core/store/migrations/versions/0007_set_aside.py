"""A submission can be set aside by the Secretariat, with a reason (issue 15).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08

Two columns of ``submissions``: ``set_aside_reason`` (the officer's words) and ``set_aside_at``
(when). A submission set aside stays in the inbox's history but is never a country's current
submission and is counted nowhere else. Existing submissions are not set aside.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("set_aside_reason", sa.Text, nullable=True))
        batch.add_column(sa.Column("set_aside_at", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("set_aside_at")
        batch.drop_column("set_aside_reason")
