"""Backups of the database: made with SQLite's backup API, listed, rotated and restored.

These functions work with or without an open :class:`~.store.Store`, so the command line can
list and restore backups even when the database is too damaged to open. A backup file is named
``cami-<kind>-<UTC YYYYmmddTHHMMSSffffffZ>.sqlite3`` and is a complete, single-file database
(rollback journal, not WAL), readable by any SQLite tool. Kinds: ``automatic`` (rotated, the
newest :data:`KEEP_AUTOMATIC` kept), ``manual``, ``before-migration-<rev>``, ``before-restore``
and ``damaged`` (a damaged database replaced by a restore, kept for a rescue); only automatic
ones are ever deleted by the app.

A backup is only ever made of a database that passes ``integrity_check``: a copy of a damaged
one would look like a good backup, and rotation would delete a really good one for it.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .. import errors, paths
from ..i18n import N_
from . import migrate
from .checks import content_check, corrupt, integrity_check, verify
from .database import BACKUPS_DIR, DB_NAME, acquire_lock, create_private
from .records import BackupInfo, utcnow

AUTOMATIC = "automatic"
#: The kind of the copy kept of a damaged database replaced by a restore.
DAMAGED = "damaged"
KEEP_AUTOMATIC = 10
AUTOMATIC_EVERY = timedelta(hours=24)

_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^cami-(?P<kind>[a-z][a-z0-9-]*?)-(?P<stamp>\d{8}T\d{12}Z)\.sqlite3$")


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR


def backup_name(kind: str, moment: datetime | None = None) -> str:
    """The file name of a backup of ``kind`` made at ``moment`` (default: now)."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", kind):
        raise ValueError(f"bad backup kind {kind!r}")
    stamp = (moment or utcnow()).astimezone(timezone.utc).strftime(_STAMP_FORMAT)
    return f"cami-{kind}-{stamp}.sqlite3"


def _stamp_time(stamp: str) -> datetime:
    """The moment of a ``_STAMP_FORMAT`` stamp (``20261130T160020323228Z``), in UTC.

    Read by slicing: ``strptime`` would import and compile its regular expressions on every
    start of the window, which lists the backups (issue 10).
    """
    return datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]), int(stamp[11:13]),
                    int(stamp[13:15]), int(stamp[15:21]), tzinfo=timezone.utc)


def _parse(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if not match or not path.is_file():
        return None
    kind = match["kind"]
    if kind.startswith("before-migration-"):
        kind = "before-migration"
    try:
        created = _stamp_time(match["stamp"])
    except ValueError:  # digits that are no date (a month 13): not one of ours
        return None
    return BackupInfo(path.name, path, created, path.stat().st_size, kind)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in ``data_dir``, newest first; other files in the folder are ignored."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [info for info in map(_parse, folder.iterdir()) if info is not None]
    return sorted(found, key=lambda info: (info.created, info.name), reverse=True)


def find_backup(data_dir: Path, name: str) -> BackupInfo:
    """The backup called ``name`` (a bare file name from :func:`list_backups`)."""
    for info in list_backups(data_dir):
        if info.name == name:
            return info
    raise errors.StoreError(
        N_("There is no backup called {name} in {folder}."),
        name=name,
        folder=str(backups_dir(data_dir)),
    )


def refuse_emptied(data_dir: Path) -> None:
    """Raise :class:`errors.EmptyDatabase` if the database file is empty beside backups.

    SQLite takes an empty file for a new database; next to backups it is rather one whose
    content was lost (a failed copy, a full disk, a sync tool), and opening it would bury the
    backups under a fresh empty store. With no backups it is simply new.
    """
    db_path = Path(data_dir) / DB_NAME
    if not db_path.is_file() or db_path.stat().st_size > 0:
        return
    found = sorted(list_backups(data_dir), key=lambda info: info.kind == DAMAGED)  # stable
    if found:
        raise errors.EmptyDatabase(
            N_(
                "The database {path} is empty, but there are backups; the newest is {backup}. "
                "Restore it with `cami-desktop backup restore {backup}`."
            ),
            path=str(db_path),
            backup=found[0].name,
        )


def automatic_due(data_dir: Path, now: datetime | None = None) -> bool:
    """Whether the newest automatic backup is older than :data:`AUTOMATIC_EVERY` (or missing)."""
    newest = next((b for b in list_backups(data_dir) if b.kind == AUTOMATIC), None)
    return newest is None or (now or utcnow()) - newest.created >= AUTOMATIC_EVERY


def automatic_failed(data_dir: Path, exc: OSError) -> errors.StoreError:
    """Why the automatic backup on opening could not be written, for the window to show."""
    return errors.StoreError(
        N_("The automatic backup could not be written to {folder}: {reason}"),
        folder=str(backups_dir(data_dir)),
        reason=errors.os_reason(exc),
    )


def copy_database(source: sqlite3.Connection, dest: Path) -> None:
    """Copy an open database to ``dest`` with the backup API, atomically.

    The copy is written under a temporary name and renamed, so a crash never leaves a
    half-written file that looks like a backup. It is switched to a rollback journal so that
    it is one self-contained file.
    """
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        create_private(partial)  # 0600, and so its journal; the rename keeps the mode
        target = sqlite3.connect(str(partial))
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            target.close()
        os.replace(partial, dest)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.OperationalError) and errors.is_disk_full(exc):
            # An OSError as for any full disk: the automatic backup's caller names it and the
            # store opens all the same; elsewhere it is the one sentence about a full disk.
            raise OSError(errno.ENOSPC, str(exc)) from exc
        raise


def create_backup(
    data_dir: Path,
    kind: str = "manual",
    *,
    source: sqlite3.Connection | None = None,
    check: bool = True,
) -> Path:
    """Back up the database of ``data_dir`` (or the open ``source`` connection) now.

    With ``check``, refuses with :class:`errors.StoreCorrupt` unless the database passes
    ``integrity_check``: a damaged backup would rotate a good one away. (``check=False`` is
    for callers that have just run it.) Automatic backups are rotated afterwards.
    """
    data_dir = Path(data_dir)
    db_path = data_dir / DB_NAME
    own = source is None
    if own and not db_path.is_file():
        raise errors.StoreError(
            N_("There is no database in {path} to back up."), path=str(data_dir)
        )
    connection = sqlite3.connect(str(db_path)) if own else source
    try:
        if check:
            verify(connection, db_path, full=True)
        folder = paths.private_folder(backups_dir(data_dir))
        dest = folder / backup_name(kind)
        copy_database(connection, dest)
    finally:
        if own:
            connection.close()
    if kind == AUTOMATIC:
        rotate(data_dir)
    return dest


def rotate(data_dir: Path, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; return what was deleted."""
    automatic = [b for b in list_backups(data_dir) if b.kind == AUTOMATIC]
    removed = []
    for info in automatic[keep:]:
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def check_backup(info: BackupInfo, app_version: str) -> None:
    """Refuse a backup that is damaged or was written by a newer version, before any change."""
    try:
        connection = sqlite3.connect(f"{info.path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            # The full check: restoring a subtly damaged backup would bring the damage back.
            rows = integrity_check(connection)
            if rows == ["ok"]:
                rows = content_check(connection) or rows
            revision = migrate.read_revision(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
        revision = None
    if rows != ["ok"]:
        raise corrupt(info.path, "; ".join(rows[:3]))
    if revision is not None and revision not in migrate.REVISIONS:
        raise errors.NewerDatabase(
            N_(
                "The backup {path} was made by a newer version of CAMI Reporter "
                "(schema {revision}) than this one ({version}); it cannot be restored here."
            ),
            path=str(info.path),
            revision=revision,
            version=app_version,
        )


def _is_sound(db_path: Path) -> bool:
    try:
        connection = sqlite3.connect(str(db_path))
        try:
            verify(connection, db_path, full=True)
        finally:
            connection.close()
    except (errors.StoreCorrupt, sqlite3.DatabaseError):
        return False
    return True


def _save_aside(db_path: Path, dest: Path) -> None:
    """Keep the current database as ``dest``, even if it is damaged."""
    try:
        connection = sqlite3.connect(str(db_path))
        try:
            copy_database(connection, dest)
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        # The backup API cannot read a damaged file; keep its bytes (and its WAL, under the
        # matching name so that SQLite still finds it) for whoever tries to rescue it.
        paths.private_folder(dest.parent)
        for source, copy in ((db_path, dest), (db_path.with_name(db_path.name + "-wal"),
                                                dest.with_name(dest.name + "-wal"))):
            if source.exists():
                create_private(copy)
                shutil.copyfile(source, copy)  # into the private file: copyfile keeps its mode


def _replace_database(backup_path: Path, db_path: Path) -> None:
    """Put the backup's content into ``db_path``; no connection to it may be open."""
    source = sqlite3.connect(f"{backup_path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        try:
            # The backup API writes the live file in one SQLite transaction: a crash halfway
            # leaves the old content, never a mixture.
            create_private(db_path)  # when there was none; an existing file keeps its mode
            target = sqlite3.connect(str(db_path))
            try:
                source.backup(target)
            finally:
                target.close()
            return
        except sqlite3.DatabaseError:
            pass  # the current file is too damaged to be written through SQLite
        fresh = db_path.with_name(db_path.name + ".restoring")
        copy_database(source, fresh)
    finally:
        source.close()
    # A left-over WAL would be replayed onto the restored file; the old content is saved aside.
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(fresh, db_path)


def _move_folder_aside(db_path: Path) -> Path:
    """Rename a folder that stands where the database should be; nothing in it is deleted."""
    stamp = utcnow().strftime(_STAMP_FORMAT)
    aside = db_path.with_name(f"{db_path.name}-folder-{stamp}")
    try:
        os.replace(db_path, aside)
    except OSError as exc:
        raise errors.StoreError(
            N_("The folder {path} could not be moved aside: {reason}"),
            path=str(db_path),
            reason=errors.os_reason(exc),
        ) from exc
    return aside


def restore_locked(data_dir: Path, name: str, app_version: str) -> Path | None:
    """Restore backup ``name`` into the database; the caller holds the lock, no connection open.

    Returns where the replaced database was kept: a copy ``backups/cami-before-restore-…``,
    or, for a folder standing in its place, the folder renamed ``cami.sqlite3-folder-…``;
    ``None`` if there was nothing to keep (no file, or an empty one).
    """
    data_dir = Path(data_dir)
    info = find_backup(data_dir, name)
    check_backup(info, app_version)
    db_path = data_dir / DB_NAME
    saved = None
    if db_path.is_dir():
        saved = _move_folder_aside(db_path)
    elif db_path.exists() and db_path.stat().st_size > 0:
        # A damaged database is kept too, for a rescue, but under a name that says so: it must
        # not pass for a good backup in the list.
        kind = "before-restore" if _is_sound(db_path) else DAMAGED
        saved = backups_dir(data_dir) / backup_name(kind)
        _save_aside(db_path, saved)
    _replace_database(info.path, db_path)
    return saved


def restore_backup(data_dir: Path, name: str, *, app_version: str) -> Path | None:
    """Restore a backup without an open store (the command line's ``backup restore``).

    Takes the writer lock, so it raises :class:`errors.DataInUse` while the app is open. The
    database is migrated, if the backup is older, the next time a store opens it.
    """
    lock = acquire_lock(Path(data_dir))
    try:
        return restore_locked(Path(data_dir), name, app_version)
    finally:
        lock.release()
