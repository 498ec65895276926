"""Schema revisions: which ones this version knows, and upgrading a database to the newest.

The revisions are Alembic scripts in ``migrations/versions/``, run programmatically on the
store's own connection (no ``alembic.ini``). :data:`REVISIONS` repeats their ids so that the
common case, opening a database already at head, needs neither Alembic's import time nor a scan
of the scripts; ``tests/core/store/test_migration.py`` fails if the two ever disagree.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Every revision this version can read, oldest first.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD_REVISION = REVISIONS[-1]


def alembic_config() -> Config:
    """An Alembic configuration pointing at the bundled scripts, without an ini file."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_revisions() -> list[str]:
    """The revision ids of the bundled scripts, oldest first, read by Alembic itself."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def read_revision(connection: sqlite3.Connection) -> str | None:
    """The revision stamped in a database, or ``None`` when it has none (new or foreign)."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def user_tables(connection: sqlite3.Connection) -> list[str]:
    """Tables other than SQLite's own and Alembic's, to tell an empty file from a foreign one."""
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
    ).fetchall()
    return [row[0] for row in rows]


def upgrade(engine: Engine, target: str = "head") -> None:
    """Upgrade the database behind ``engine`` to ``target`` in one transaction.

    The caller holds the writer lock and has already copied the database aside. The whole
    upgrade commits at once, so a crash or a failing script leaves the old revision intact.
    """
    from alembic import command

    config = alembic_config()
    # engine.begin(): Alembic sees a transaction already open and leaves committing to us,
    # which is what makes all revisions one atomic step.
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
