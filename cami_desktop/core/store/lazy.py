"""Opening the store for the window without SQLAlchemy, which is imported on first real use.

Importing SQLAlchemy costs twice a bare window's whole start, and the window's start needs
only the opening checks, a few settings and the report list. :func:`open_store` does what
:meth:`Store.open <.store.Store.open>` does, in the same order and with the same checks, but
with the ``sqlite3`` module: the writer lock, ``quick_check``, refusing an emptied or newer
database, the daily ``integrity_check`` (recorded as ``Store`` records it) and the automatic
backup made only after it passed. A database that is new or not at the head revision is left
to ``Store`` itself (Alembic must create or upgrade it, after its backup), so only an
up-to-date database is ever opened this way.

The :class:`LazyStore` it returns answers the start's calls (settings, reports, stored
summaries) over one sqlite3 connection with the store's pragmas; any other attribute makes the
real :class:`~.store.Store` over the same lock (``Store.adopt``: only its engine is made) and
hands the call to it, and from then on everything goes to that store.

One difference in order: unless the daily ``integrity_check`` runs (then before anything
else, as in ``Store``), ``quick_check`` runs on a thread of its own while the window reads its
first page. Every write, and the real store, wait for its verdict (:meth:`LazyStore.wait_checked`),
so nothing is written to a damaged file; the window asks for the verdict once it is shown.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .. import errors
from . import backup, checks, database, listing, migrate
from .records import ReportRecord, dump_json, load_json, utcnow

if TYPE_CHECKING:
    from .lock import FolderLock
    from .signers import TrustedSigner
    from .store import Store

_SET_SETTING = ("INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
_DELETE_SETTING = "DELETE FROM settings WHERE key = ?"


def open_store(data_dir: Path, *, app_version: str, backups: bool = True) -> Store | LazyStore:
    """Open the store in ``data_dir`` as :meth:`Store.open` does, without SQLAlchemy when the
    database exists at the head revision (then a :class:`LazyStore`); raises as it does."""
    data_dir = Path(data_dir)
    db_path = data_dir / database.DB_NAME
    lock = database.acquire_lock(data_dir)
    try:
        backup.refuse_emptied(data_dir)
        found = database.preflight(db_path, app_version, check=False)  # quick_check: below
        upgrade = found.new or found.revision != migrate.HEAD_REVISION
        if upgrade and not found.new:
            database.check_file(db_path, full=False)  # Store checks fully before migrating
    except BaseException:
        lock.release()
        raise
    if upgrade:
        from .store import Store

        return Store.open_locked(data_dir, lock, app_version, backups=backups, found=found)
    store = LazyStore(data_dir, lock, app_version)
    try:
        store._finish_opening(found, backups)
    except BaseException:
        store.close()
        raise
    return store


class LazyStore:
    """A :class:`~.store.Store` whose SQLAlchemy half is made on first use (see the module)."""

    def __init__(self, data_dir: Path, lock: FolderLock, app_version: str) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / database.DB_NAME
        self.app_version = app_version
        self.backup_error: errors.StoreError | None = None
        self._lock: FolderLock | None = lock
        self._real: Store | None = None
        self._guard = checks.DamageGuard(self.db_path)
        # The store may be shared between threads: one connection, used under this mutex.
        self._mutex = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self._check: _QuickCheck | None = None  # the opening's quick_check, while it runs
        self._damage: BaseException | None = None  # what it found

    def _finish_opening(self, found: database.Preflight, backups: bool) -> None:
        """The rest of ``Store.open`` for a database at head that passed ``preflight``."""
        due = backups and backup.automatic_due(self.data_dir)
        checked = due or database.full_check_due(found.checked_at)
        if checked:
            database.full_check(self.db_path)  # raises StoreCorrupt: no backup of damage
        else:
            self._check = _QuickCheck(self.db_path)  # the window is built meanwhile
            self._check.start()
        self._connection = sqlite3.connect(
            str(self.db_path), timeout=database.BUSY_TIMEOUT, check_same_thread=False
        )
        database.configure(self._connection)  # WAL, synchronous=FULL, foreign keys, BEGIN said
        if checked:
            self.set_setting(database.FULL_CHECK_SETTING, utcnow().isoformat(timespec="seconds"))
        if due:
            self._automatic_backup()

    def _automatic_backup(self) -> None:
        try:
            with self._mutex, self._guard:
                # No second check: integrity_check has just passed on this database.
                backup.create_backup(self.data_dir, backup.AUTOMATIC, source=self._connection,
                                     check=False)
        except OSError as exc:
            self.backup_error = backup.automatic_failed(self.data_dir, exc)

    # -- the start's calls, in plain SQL ----------------------------------------------------------
    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._mutex, self._guard:
            if self._connection is None:
                raise RuntimeError("the store is closed")
            return self._connection.execute(sql, params).fetchall()

    def get_setting(self, key: str, default: object = None) -> object:
        """As :meth:`Store.get_setting`."""
        if self._real is not None:
            return self._real.get_setting(key, default)
        rows = self._query(listing.GET_SETTING, (key,))
        with self._guard:
            return default if not rows else load_json(rows[0][0])

    def wait_checked(self) -> None:
        """Wait for the opening's ``quick_check``; raise what it found (``StoreCorrupt``), now
        and at every later call. Every write and the real store wait for it first."""
        check = self._check
        if check is not None:
            check.join()
            if check.error is not None:
                self._damage = check.error  # before the check is forgotten: no write slips between
            self._check = None
        if self._damage is not None:
            raise self._damage

    def set_setting(self, key: str, value: object) -> None:
        """As :meth:`Store.set_setting`: one ``BEGIN IMMEDIATE`` transaction."""
        if self._real is not None:
            return self._real.set_setting(key, value)
        self.wait_checked()
        text = None if value is None else dump_json(value)
        with self._mutex, self._guard:
            if self._connection is None:
                raise RuntimeError("the store is closed")
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                if text is None:
                    self._connection.execute(_DELETE_SETTING, (key,))
                else:
                    self._connection.execute(_SET_SETTING, (key, text))
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")
        return None

    def list_reports(self, *, deleted: bool = False) -> list[ReportRecord]:
        """As :meth:`Store.list_reports`."""
        if self._real is not None:
            return self._real.list_reports(deleted=deleted)
        rows = self._query(listing.reports_query(deleted))
        with self._guard:
            return [listing.record_of(row) for row in rows]

    def report_summaries(
        self, basis: str, *, deleted: bool = False
    ) -> dict[int, listing.ReportSummary]:
        """As :meth:`Store.report_summaries`."""
        if self._real is not None:
            return self._real.report_summaries(basis, deleted=deleted)
        return listing.summaries_of(self._query(listing.summaries_query(deleted), (basis,)))

    def trusted_signers_with_fingerprint(self, fingerprint: str) -> list[TrustedSigner]:
        """As :meth:`Store.trusted_signers_with_fingerprint` (what ``verify`` asks)."""
        from . import signers  # not at the window's start

        if self._real is not None:
            return self._real.trusted_signers_with_fingerprint(fingerprint)
        rows = self._query(signers.WITH_FINGERPRINT, (fingerprint,))
        with self._guard:
            return [signers.signer_of(row) for row in rows]

    def submission_received_at(self, sha256: str) -> datetime | None:
        """As :meth:`Store.submission_received_at` (what ``verify`` asks)."""
        from . import signers

        if self._real is not None:
            return self._real.submission_received_at(sha256)
        rows = self._query(signers.RECEIVED_AT, (sha256,))
        with self._guard:
            return signers.time_of(rows[0][0]) if rows else None

    # -- everything else: the real store ----------------------------------------------------------
    def real(self) -> Store:
        """The SQLAlchemy store over this lock, made now if not yet."""
        with self._mutex:
            if self._real is None:
                if self._lock is None:
                    raise RuntimeError("the store is closed")
                self.wait_checked()
                from .store import Store

                real = Store.adopt(self.data_dir, self._lock, self.app_version)
                real.backup_error = self.backup_error
                self._close_connection()
                self._real = real
            return self._real

    def __getattr__(self, name: str) -> Any:
        # Only called for what this class lacks; private names (and dunders) are not the
        # store's API: asking for one must not make the real store (getattr with a default).
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.real(), name)

    def _close_connection(self) -> None:
        if self._connection is not None:
            self._connection.close()  # the last connection checkpoints the WAL
            self._connection = None

    def close(self) -> None:
        """Close the database and release the folder's lock; closing twice is harmless."""
        check = self._check
        if check is not None:
            check.join()  # its connection is closed before the lock is let go
        with self._mutex:
            if self._real is not None:
                self._real.close()
            self._close_connection()
            if self._lock is not None:
                self._lock.release()  # after Store.close released it: a no-op
                self._lock = None

    @property
    def closed(self) -> bool:
        return self._lock is None

    def __enter__(self) -> LazyStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _QuickCheck(threading.Thread):
    """``quick_check`` of the database over its own connection, beside the window's start.

    It reads every page: 10–80 ms for 4–40 MB here, which the window's first page need not
    wait for (issue 10). Reading the list goes on meanwhile; :meth:`LazyStore.wait_checked`
    makes every write wait for the verdict, so nothing is ever written to a damaged file.
    """

    def __init__(self, db_path: Path) -> None:
        super().__init__(name="cami-quick-check", daemon=True)
        self.db_path = db_path
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            database.check_file(self.db_path, full=False)
        except BaseException as exc:  # noqa: BLE001 - handed to the thread that waits
            self.error = exc
