"""Trusted signers registered per country (issues 8 and 9).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

Placeholder in the chain, filled in by the work it names (an empty revision changes nothing).
"""
from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
