"""A submission can be set aside by the Secretariat, with a reason (issue 15).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08

Two columns of ``submissions``: ``set_aside_reason`` (the officer's words) and ``set_aside_at``
(when). A submission set aside stays in the inbox's history but is never a country's current
submission and is counted nowhere else. Existing submissions are not set aside.

Which submission is current is settled again for every history by the rule of this revision
(``store/submissions.py``): only a registered submission may be current, a country's or an
organization's (whose signer is registered the same way from this revision). Before, a
stranger's package claiming a higher revision could have become current, and any intact package
naming an organization was; after the upgrade the registered focal point's report is current
again, and an organization's report awaits the registration of its signer.
"""
from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _counts(verdict: str) -> bool:
    # The rule of store/submissions.counts at this revision (no submission is set aside yet),
    # written out here so that the migration does not change when the application does.
    return verdict == "registered"


def _made(created: str | None, received: str) -> datetime:
    # core/trust.signing_time at this revision: the manifest's time, never later than arrival
    # (a time that is missing, malformed or in the future counts as the arrival).
    bound = _utc(datetime.fromisoformat(received))
    try:
        moment = _utc(datetime.fromisoformat((created or "").strip().replace("Z", "+00:00")))
    except ValueError:
        return bound
    return min(moment, bound)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def upgrade() -> None:
    op.add_column("submissions", sa.Column("set_aside_reason", sa.Text, nullable=True))
    op.add_column("submissions", sa.Column("set_aside_at", sa.Text, nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, form_id, country, period, revision, draft, created, received_at, verdict FROM submissions")).all()
    histories: dict[tuple, list] = {}
    for row in rows:
        histories.setdefault((row.form_id, row.country, row.period), []).append(row)
    for history in histories.values():
        eligible = [r for r in history if _counts(r.verdict)]
        newest = (max(eligible, key=lambda r: (r.revision, not r.draft, _made(r.created, r.received_at), r.id)).id
                  if eligible else None)
        for row in history:
            target = newest if row in eligible and row.id != newest else None
            connection.execute(sa.text("UPDATE submissions SET superseded_by = :target WHERE id = :id"),
                               {"target": target, "id": row.id})


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("set_aside_at")
        batch.drop_column("set_aside_reason")
