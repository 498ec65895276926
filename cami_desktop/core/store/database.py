"""The data folder's files, its writer lock, the SQLite engine and the checks before opening.

Layout of a data folder::

    cami.sqlite3        the database (WAL mode, so also cami.sqlite3-wal / -shm while open)
    cami.lock           held by the one process allowed to write
    backups/            copies made by backup.py

Every connection gets ``journal_mode=WAL`` (readers never block the writer),
``synchronous=FULL`` (a committed answer survives a power cut, not only a crash) and
``foreign_keys=ON`` (SQLite's default is off, and purging a report relies on cascades).

The checks (see ``checks.py``): ``quick_check`` on every open; the full check
(``integrity_check`` and every stored value decoding) before every backup and at start when it
last passed a day ago or more (:data:`FULL_CHECK_SETTING` records when).
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from .. import errors, paths
from ..i18n import N_
from . import migrate
from .checks import corrupt, is_corruption, verify
from .lock import FolderLock, LockHeld
from .records import load_json, to_utc, utcnow

if TYPE_CHECKING:  # SQLAlchemy is imported when the engine is made, not by opening (lazy.py)
    from sqlalchemy.engine import Connection, Engine

DB_NAME = "cami.sqlite3"
LOCK_NAME = "cami.lock"
BACKUPS_DIR = "backups"

#: Seconds a connection waits for another one in this process to finish writing.
BUSY_TIMEOUT = 30.0

_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON")

#: The setting that holds when ``integrity_check`` last passed (ISO 8601, UTC).
FULL_CHECK_SETTING = "store.integrity_checked_at"
FULL_CHECK_EVERY = timedelta(days=1)

FOLDER_MESSAGE = N_(
    "{path} is a folder, not the database file. Restore a backup with "
    "`cami-desktop backup restore NAME` (it moves the folder aside; `cami-desktop backup list` "
    "lists the backups), or move the folder away yourself to start with no data."
)


READ_ONLY_MESSAGE = N_(
    "The database {path} is read-only, so nothing could be saved. Make the file writable "
    "(on Windows: Properties, clear Read-only) and start again."
)


def acquire_lock(data_dir: Path) -> FolderLock:
    """Create the folder if needed and take its writer lock at once, or raise
    :class:`errors.DataInUse` (held elsewhere) or :class:`errors.StoreError` (unusable folder).

    The lock is the OS's own (see ``lock.py``), dropped when the process dies, so a crashed or
    killed app never leaves the folder locked.
    """
    try:
        paths.private_folder(data_dir)
        lock = FolderLock(data_dir / LOCK_NAME)
        lock.acquire()
    except LockHeld:
        raise errors.DataInUse(
            N_(
                "The data folder {path} is in use by another CAMI Reporter window or command. "
                "Close it and try again."
            ),
            path=str(data_dir),
        ) from None
    except OSError as exc:
        raise errors.StoreError(
            N_("The data folder {path} cannot be used: {reason}"),
            path=str(data_dir),
            reason=errors.os_reason(exc),
        ) from exc
    make_private(data_dir)
    return lock


def make_private(data_dir: Path) -> None:
    """Make what the store keeps in ``data_dir`` private to the user, where POSIX permissions
    exist: the folder and ``backups/`` 0700; the database, its ``-wal`` and ``-shm``, the lock,
    ``cami.log`` and every backup 0600 (issue 15). New files are created so (:func:`create_private`,
    ``backup.copy_database``; SQLite gives the ``-wal`` and ``-shm`` the database's own mode);
    this also closes up a folder written by an older version. A few ``chmod`` calls, harmless
    where they fail (see :func:`paths.make_private`)."""
    if os.name != "posix":
        return
    paths.make_private(data_dir)
    for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", LOCK_NAME, paths.LOG_NAME):
        if (data_dir / name).is_file():
            paths.make_private(data_dir / name)
    folder = data_dir / BACKUPS_DIR
    if folder.is_dir():
        paths.make_private(folder)
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False):
                paths.make_private(entry.path)


def create_private(path: Path) -> None:
    """Create ``path`` as an empty file readable by its owner only, unless it exists: SQLite
    then takes it for a new database and gives its ``-wal`` and ``-shm`` the same mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE))
    except FileExistsError:
        pass


def check_file(db_path: Path, *, full: bool) -> None:
    """Run ``integrity_check`` (``full``) or ``quick_check`` on the database file over a
    connection of its own; raise :class:`errors.StoreCorrupt` if it is damaged."""
    connection = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT)
    try:
        verify(connection, db_path, full=full)
    finally:
        connection.close()


def full_check(db_path: Path) -> None:
    """Run ``integrity_check`` on the database file; raise if it is damaged."""
    check_file(db_path, full=True)


def full_check_due(checked_at: datetime | None, now: datetime | None = None) -> bool:
    """Whether the last passed ``integrity_check`` (``None``: never) is a day old or more."""
    return checked_at is None or (now or utcnow()) - checked_at >= FULL_CHECK_EVERY


def _read_full_check(connection: sqlite3.Connection) -> datetime | None:
    """When ``integrity_check`` last passed, from the settings (missing before revision 0002)."""
    try:
        row = connection.execute(
            "SELECT value FROM settings WHERE key = ?", (FULL_CHECK_SETTING,)
        ).fetchone()
    except sqlite3.OperationalError:
        return None  # no settings table (yet): the migration will say what is wrong
    try:
        return to_utc(datetime.fromisoformat(load_json(row[0]))) if row else None
    except (TypeError, ValueError, errors.StoreCorrupt):
        return None  # unreadable: check again (content_check will name it if it is damage)


@dataclass(frozen=True)
class Preflight:
    """What was found in the database file before anything was changed."""

    new: bool
    revision: str | None
    #: When ``integrity_check`` last passed; ``None`` if never (or the file is new).
    checked_at: datetime | None = None


def preflight(db_path: Path, app_version: str, *, check: bool = True) -> Preflight:
    """Check an existing database without writing to it.

    Raises :class:`errors.StoreCorrupt` if it fails ``quick_check`` (``check=False``: the
    caller runs it, see ``lazy.py``) or is a folder,
    :class:`errors.NewerDatabase` if a newer version wrote it, and :class:`errors.StoreError`
    if it is some other database. An empty file counts as new (see ``backup.refuse_emptied``).
    A plain sqlite3 connection without pragmas is used on purpose: setting WAL mode would
    already rewrite the header of a file we may be about to refuse.
    """
    if db_path.is_dir():
        raise errors.StoreCorrupt(FOLDER_MESSAGE, path=str(db_path))
    if db_path.is_file() and not os.access(db_path, os.W_OK):
        # a copy from a CD or a read-only share, or Windows' Read-only attribute: said at once,
        # not as an "unexpected error" at the first answer saved
        raise errors.StoreError(READ_ONLY_MESSAGE, path=str(db_path))
    if not db_path.exists() or db_path.stat().st_size == 0:
        return Preflight(new=True, revision=None)
    try:
        connection = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT)
        try:
            if check:
                verify(connection, db_path, full=False)
            revision = migrate.read_revision(connection)
            tables = migrate.user_tables(connection)
            checked_at = _read_full_check(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise corrupt(db_path, str(exc)) from exc
        raise
    if revision is None:
        if tables:
            raise errors.StoreError(
                N_("The file {path} is not a CAMI Reporter database."), path=str(db_path)
            )
        return Preflight(new=True, revision=None)
    if revision not in migrate.REVISIONS:
        raise errors.NewerDatabase(
            N_(
                "The database {path} was written by a newer version of CAMI Reporter "
                "(schema {revision}) than this one ({version}). Install the newer version "
                "to open it; nothing in the database was changed."
            ),
            path=str(db_path),
            revision=revision,
            version=app_version,
        )
    return Preflight(new=False, revision=revision, checked_at=checked_at)


def configure(connection: sqlite3.Connection) -> None:
    """Set up a new connection as every store connection is (the engine's, and lazy.py's)."""
    # isolation_level=None stops the sqlite3 module from opening transactions behind our back
    # (it would defer BEGIN until the first INSERT); _on_begin below says BEGIN explicitly.
    connection.isolation_level = None
    for pragma in _PRAGMAS:
        connection.execute(pragma).fetchall()


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    configure(dbapi_connection)


def _on_begin(connection: Connection) -> None:
    # Writers say IMMEDIATE: they take SQLite's write lock before reading the old value, so
    # two threads cannot both read "unchanged" and then both write.
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def create_store_engine(db_path: Path) -> tuple[Engine, Engine]:
    """The long-lived engine for ``db_path`` and its writer variant (``BEGIN IMMEDIATE``).

    The pool keeps its connections open for the life of the store, so a call costs a
    transaction, not a connection.
    """
    # Imported here, not at the top: opening a store at head needs no engine (lazy.py).
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import URL

    url = URL.create("sqlite", database=str(db_path))
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine, engine.execution_options(sqlite_begin="IMMEDIATE")
