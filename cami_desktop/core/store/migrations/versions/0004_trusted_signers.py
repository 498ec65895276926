"""Trusted signers registered per country (issues 8 and 9).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

One row per registration of a signer's certificate (or of its fingerprint alone) for a
country. Rows are never deleted: a replaced or revoked registration stays, with the moment
it ended, so that the Secretariat can still tell why an old package is judged as it is.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trusted_signers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        # DER; NULL when only the fingerprint was read out over the telephone
        sa.Column("certificate", sa.LargeBinary),
        sa.Column("source", sa.Text, nullable=False, server_default="certificate"),
        sa.Column("registered_at", sa.Text, nullable=False),
        # dates (YYYY-MM-DD), both ends included; NULL: no limit
        sa.Column("valid_from", sa.Text),
        sa.Column("valid_until", sa.Text),
        sa.Column("replaced_at", sa.Text),
        sa.Column("replaced_by", sa.Integer),
        sa.Column("revoked_at", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_trusted_signers_fingerprint", "trusted_signers", ["fingerprint"])
    op.create_index("ix_trusted_signers_country", "trusted_signers", ["country"])


def downgrade() -> None:
    op.drop_table("trusted_signers")
