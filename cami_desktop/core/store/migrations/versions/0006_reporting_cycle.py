"""Carry-over confirmation, answer supplier, comments, revision snapshots, undo, shared copies (issue 11).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

- ``answer_meta``: per answer, whether it was carried over from an earlier report and not yet
  confirmed, and who supplied it when that was not the focal point (a colleague's return).
- ``answer_comments``: a note on a question, for colleagues or for the Secretariat.
- ``revision_answers``: the answers and translations as they were when a revision was made
  final, written by a trigger in the same transaction as the status change, so that no code
  path that finalizes can forget it.
- ``undo_steps``: which history rows were written by undo or redo, so that undo/redo survive
  a restart.
- ``shared_copies``: a report that is a colleague's working copy of shared sections.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SNAPSHOT_TRIGGER = """
CREATE TRIGGER tr_reports_snapshot_on_final
AFTER UPDATE OF status ON reports
WHEN NEW.status = 'final' AND OLD.status != 'final'
BEGIN
    DELETE FROM revision_answers WHERE report_id = NEW.id AND revision = NEW.revision;
    INSERT INTO revision_answers (report_id, revision, kind, key, value)
        SELECT NEW.id, NEW.revision, 'value', key, value FROM answers WHERE report_id = NEW.id;
    INSERT INTO revision_answers (report_id, revision, kind, key, value)
        SELECT NEW.id, NEW.revision, 'translation', key, text
        FROM answer_translations WHERE report_id = NEW.id;
END
"""


def _report_fk() -> sa.ForeignKey:
    return sa.ForeignKey("reports.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "answer_meta",
        sa.Column("report_id", sa.Integer, _report_fk(), primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("unconfirmed", sa.Integer, nullable=False, server_default="0"),
        # No foreign key: the earlier report may be purged later; the id is only information.
        sa.Column("carried_from", sa.Integer),
        sa.Column("supplier", sa.Text),
    )
    op.create_table(
        "answer_comments",
        sa.Column("report_id", sa.Integer, _report_fk(), primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("audience", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
    )
    op.create_table(
        "revision_answers",
        sa.Column("report_id", sa.Integer, _report_fk(), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("kind", sa.Text, primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "undo_steps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, _report_fk(), nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target", sa.Integer, nullable=False),
        sa.Column("first_id", sa.Integer, nullable=False),
        sa.Column("last_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_undo_steps_report", "undo_steps", ["report_id"])
    op.create_table(
        "shared_copies",
        sa.Column("report_id", sa.Integer, _report_fk(), primary_key=True),
        sa.Column("share_id", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    # Undo reads a report's history newest first; this index gives that order without a sort
    # (the (report_id, key) index does not).
    op.create_index("ix_answer_history_report", "answer_history", ["report_id"])
    op.execute(SNAPSHOT_TRIGGER)
    # Reports already final hold exactly what was submitted: that is their snapshot.
    op.execute(
        "INSERT INTO revision_answers (report_id, revision, kind, key, value) "
        "SELECT r.id, r.revision, 'value', a.key, a.value FROM reports r "
        "JOIN answers a ON a.report_id = r.id WHERE r.status = 'final'"
    )
    op.execute(
        "INSERT INTO revision_answers (report_id, revision, kind, key, value) "
        "SELECT r.id, r.revision, 'translation', t.key, t.text FROM reports r "
        "JOIN answer_translations t ON t.report_id = r.id WHERE r.status = 'final'"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS tr_reports_snapshot_on_final")
    op.drop_index("ix_answer_history_report", "answer_history")
    op.drop_table("shared_copies")
    op.drop_table("undo_steps")
    op.drop_table("revision_answers")
    op.drop_table("answer_comments")
    op.drop_table("answer_meta")
