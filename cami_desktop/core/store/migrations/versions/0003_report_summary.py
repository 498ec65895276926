"""Stored report summary (completeness) for a fast report list (issue 10).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Placeholder in the chain, filled in by the work it names (an empty revision changes nothing).
"""
from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
