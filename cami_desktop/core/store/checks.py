"""Checks of the database's soundness, and telling damage from other errors.

``PRAGMA quick_check`` is fast but does not compare indexes with their tables, so bytes changed
inside a page can pass it; ``PRAGMA integrity_check`` does compare them, and
:func:`content_check` makes sure every stored value still decodes, which neither pragma looks
at. :class:`DamageGuard` turns damage met halfway through a query into
:class:`errors.StoreCorrupt`, the message that points at the backups.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from types import TracebackType

from .. import errors
from ..i18n import N_

# SQLite's primary result codes for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB).
_CORRUPTION_CODES = {11, 26}

CORRUPT_MESSAGE = N_(
    "The database {path} is damaged ({detail}). Your work can be recovered from a backup: "
    "list the backups with `cami-desktop backup list` and restore one with "
    "`cami-desktop backup restore NAME`."
)


def is_corruption(exc: BaseException) -> bool:
    """Whether an sqlite3 error means a damaged file rather than, say, a busy database."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in _CORRUPTION_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def quick_check(connection: sqlite3.Connection) -> list[str]:
    """``PRAGMA quick_check`` rows; ``['ok']`` for a sound database."""
    return [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]


def integrity_check(connection: sqlite3.Connection) -> list[str]:
    """``PRAGMA integrity_check`` rows; ``['ok']`` for a sound database.

    Unlike ``quick_check`` it also finds index entries that no longer match their rows, which
    is what bytes changed inside a page usually look like.
    """
    return [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]


#: Columns that hold :func:`records.dump_json` text; every other text column need only be UTF-8.
_JSON_COLUMNS = frozenset({
    ("answers", "value"),
    ("answer_history", "old"),
    ("answer_history", "new"),
    ("report_events", "detail"),
    ("reports", "declaration"),
    ("settings", "value"),
})
_TEXT_TYPES = ("CHAR", "CLOB", "TEXT")


def _text_columns(connection: sqlite3.Connection) -> dict[str, list[str]]:
    """Every table's text columns (by declared type), from the database's own schema."""
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]
    found = {}
    for table in tables:
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')
                   if any(kind in (row[2] or "").upper() for kind in _TEXT_TYPES)]
        if columns:
            found[table] = columns
    return found


def content_check(connection: sqlite3.Connection, limit: int = 3) -> list[str]:
    """Stored values that no longer decode (not UTF-8, or not JSON); ``[]`` when all do.

    Bytes changed inside a value leave the b-trees intact, so ``integrity_check`` passes, but
    the value can no longer be read back: the sqlite3 module refuses text that is not UTF-8.
    The store writes nothing else, so such a value is damage, and a backup of it would not be
    a good one. Every text column of every table is read, also those of tables added later.
    """
    problems: list[str] = []
    for table, columns in _text_columns(connection).items():
        cast = ", ".join(f'CAST("{column}" AS BLOB)' for column in columns)
        for number, row in enumerate(connection.execute(f'SELECT {cast} FROM "{table}"'), 1):
            for column, raw in zip(columns, row):
                if raw is None:
                    continue
                try:
                    text = raw.decode("utf-8")
                    if (table, column) in _JSON_COLUMNS:
                        json.loads(text)
                except ValueError:  # UnicodeDecodeError and JSONDecodeError alike
                    problems.append(f"{table} row {number}: {column} cannot be read")
                    if len(problems) >= limit:
                        return problems
    return problems


def corrupt(path: Path, detail: object) -> errors.StoreCorrupt:
    return errors.StoreCorrupt(CORRUPT_MESSAGE, path=str(path), detail=detail)


def verify(connection: sqlite3.Connection, path: Path, *, full: bool) -> None:
    """Raise :class:`errors.StoreCorrupt` unless the database passes its check.

    ``full`` runs ``integrity_check`` and :func:`content_check`, else ``quick_check``. A file
    too damaged to be read at all makes SQLite raise instead of answering; the same verdict.
    """
    try:
        rows = integrity_check(connection) if full else quick_check(connection)
        if full and rows == ["ok"]:
            rows = content_check(connection) or rows
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise corrupt(path, str(exc)) from exc
        raise
    if rows != ["ok"]:
        raise corrupt(path, "; ".join(rows[:3]))


_UNREADABLE = N_("a stored value cannot be read")


def damage_detail(exc: BaseException) -> object | None:
    """What in ``exc`` shows that the database is damaged, or ``None`` if it does not.

    Besides SQLite's own verdicts, text that is not UTF-8 (the sqlite3 module refuses to
    decode it) and stored JSON that does not parse can only come from changed bytes: the
    store writes nothing else.
    """
    # SQLAlchemy wraps the sqlite3 error as ``.orig``. It can only have done so once it was
    # imported; the opening path (plain sqlite3, see lazy.py) must not import it just for this.
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is not None and isinstance(exc, sa_exc.DBAPIError):
        exc = exc.orig
    if isinstance(exc, json.JSONDecodeError):
        return errors.StoreError(_UNREADABLE)
    if isinstance(exc, sqlite3.DatabaseError):
        if is_corruption(exc):
            return str(exc)
        if "could not decode to utf-8" in str(exc).lower():
            return errors.StoreError(_UNREADABLE)
    return None


class DamageGuard:
    """A ``with`` block that turns signs of a damaged database into :class:`errors.StoreCorrupt`.

    Without it a damaged page surfaced as an "unexpected error" from whichever query read it.
    It holds no state but the path, so one instance serves every thread.
    """

    __slots__ = ("path",)

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> DamageGuard:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if exc is None:
            return False
        if isinstance(exc, errors.StoreCorrupt) and "path" not in exc.params:
            # records.load_json cannot know the path; here it is known, so say it.
            raise corrupt(self.path, errors.StoreError(_UNREADABLE)) from exc
        if not isinstance(exc, errors.CamiError):
            detail = damage_detail(exc)
            if detail is not None:
                raise corrupt(self.path, detail) from exc
        return False
