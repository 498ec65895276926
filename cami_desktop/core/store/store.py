"""The store: one data folder, opened by one process at a time, safe against crashes.

Opening a store takes the folder's writer lock, checks the database, copies it aside and
upgrades it if it is older than this version, refuses it if it is newer, and makes the daily
automatic backup. ``quick_check`` runs on every open, ``integrity_check`` before every backup
and once a day; a query that meets damaged data raises :class:`errors.StoreCorrupt`, never a
bare SQLite or JSON error. The report, answer and attachment methods come from the mixins in
``reports.py``, ``answers.py`` and ``attachments.py``.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Iterator

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from .. import errors
from . import backup, checks, database, migrate
from .answers import AnswersMixin
from .attachments import AttachmentsMixin
from .cycle import CycleMixin
from .lock import FolderLock
from .records import BackupInfo, dump_json, load_json, utcnow
from .reports import ReportsMixin
from .submissions import SubmissionsMixin
from .schema import settings
from .trust import TrustMixin


class Store(ReportsMixin, AnswersMixin, AttachmentsMixin, SubmissionsMixin, TrustMixin, CycleMixin):
    """The reports, answers, attachments, settings and backups of one data folder.

    Open it with :meth:`open` (not the constructor) and close it, or use it as a context
    manager. It may be shared between threads; each call is its own transaction.
    """

    def __init__(self, data_dir: Path, lock: FolderLock, app_version: str) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / database.DB_NAME
        self.app_version = app_version
        self._lock: FolderLock | None = lock
        self._guard = checks.DamageGuard(self.db_path)
        #: Why the automatic backup on opening failed (e.g. a full disk), for the UI to show;
        #: ``None`` if it worked or was not due. Opening goes on: the answers are safe.
        self.backup_error: errors.StoreError | None = None

    @classmethod
    def open(cls, data_dir: Path, *, app_version: str, backups: bool = True) -> Store:
        """Open (creating if needed) the store in ``data_dir``.

        Raises :class:`errors.DataInUse` if another process has it open,
        :class:`errors.StoreCorrupt` if the database fails ``quick_check`` (or the daily
        ``integrity_check``), :class:`errors.EmptyDatabase` if the file is empty but backups
        exist, and :class:`errors.NewerDatabase` if a newer version wrote it (then nothing is
        changed). With ``backups``, an automatic backup is made if the newest is a day old or
        more, after an ``integrity_check``.
        """
        data_dir = Path(data_dir)
        return cls.open_locked(data_dir, database.acquire_lock(data_dir), app_version, backups=backups)

    @classmethod
    def open_locked(
        cls, data_dir: Path, lock: FolderLock, app_version: str, *, backups: bool = True,
        found: database.Preflight | None = None,
    ) -> Store:
        """:meth:`open` with the folder's lock already taken; the store owns it from here on
        (released on failure too). ``found``: the caller's ``preflight`` under this lock, not
        run again."""
        store = cls(data_dir, lock, app_version)
        try:
            due = backups and backup.automatic_due(data_dir)
            created = store._connect(full_check=due, found=found)
            if due and not created:
                store._automatic_backup()
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def adopt(cls, data_dir: Path, lock: FolderLock, app_version: str) -> Store:
        """A store over a database that :mod:`.lazy` has already opened: checked, at the
        head revision, backed up as due, the lock held. Only the engine is made."""
        store = cls(data_dir, lock, app_version)
        store._engine, store._writer = database.create_store_engine(store.db_path)
        return store

    def _connect(self, full_check: bool = False, found: database.Preflight | None = None) -> bool:
        """Check, migrate and connect to the database; return whether it was new.

        ``integrity_check`` runs when ``full_check`` (a backup follows), before a migration
        (which backs up too) and when the last one passed a day ago or more. ``found``: the
        opening checks (``refuse_emptied``, ``preflight``) already made under this lock.
        """
        if found is None:
            backup.refuse_emptied(self.data_dir)
            found = database.preflight(self.db_path, self.app_version)
        migrating = found.revision is not None and found.revision != migrate.HEAD_REVISION
        checked = found.new  # a new file holds nothing that could be damaged
        if not found.new and (full_check or migrating or database.full_check_due(found.checked_at)):
            database.full_check(self.db_path)
            checked = True
        if migrating:
            # check=False: integrity_check has just passed on this very file.
            backup.create_backup(
                self.data_dir, f"before-migration-{found.revision}", check=False
            )
        if found.new:
            database.create_private(self.db_path)  # 0600 before SQLite makes its -wal and -shm
        self._engine, self._writer = database.create_store_engine(self.db_path)
        if found.revision != migrate.HEAD_REVISION:
            migrate.upgrade(self._engine)
        if checked:
            self._record_full_check()
        return found.new

    def _record_full_check(self) -> None:
        self.set_setting(database.FULL_CHECK_SETTING, utcnow().isoformat(timespec="seconds"))

    # Every store call reads or writes through these two; the guard makes damage met halfway
    # through a query a StoreCorrupt that points at the backups, not an unexpected error.
    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._guard, super()._read() as connection:
            yield connection

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self._guard, super()._write() as connection:
                yield connection
        except errors.CamiError:
            raise
        except Exception as exc:
            # SQLite rolled the transaction back: nothing saved before is lost. Said plainly,
            # not as an "unexpected error" (issue 15).
            if errors.is_disk_full(exc):
                raise errors.DiskFull(errors.DISK_FULL) from exc
            raise

    def _disconnect(self) -> None:
        if self._engine is not None:
            # Closing the last connection checkpoints the WAL into the database file.
            self._engine.dispose()
        self._engine = self._writer = None

    def wait_checked(self) -> None:
        """As :meth:`LazyStore.wait_checked <.lazy.LazyStore.wait_checked>`: this store checks
        before it opens, so there is nothing to wait for."""

    def close(self) -> None:
        """Close the database and release the folder's lock; closing twice is harmless."""
        self._disconnect()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def closed(self) -> bool:
        return self._lock is None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # settings

    def get_setting(self, key: str, default: object = None) -> object:
        """A setting's JSON value, or ``default`` if it was never set."""
        with self._read() as connection:
            text = connection.execute(
                select(settings.c.value).where(settings.c.key == key)
            ).scalar()
        return default if text is None else load_json(text)

    def set_setting(self, key: str, value: object) -> None:
        """Store a setting's JSON value; ``None`` removes it (back to the default)."""
        with self._write() as connection:
            if value is None:
                connection.execute(delete(settings).where(settings.c.key == key))
                return
            statement = sqlite_insert(settings).values(key=key, value=dump_json(value))
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[settings.c.key], set_={"value": statement.excluded.value}
                )
            )

    # backups and checks

    def backup_now(self, *, kind: str = "manual") -> Path:
        """Back up the database now, after ``integrity_check``; refused
        (:class:`errors.StoreCorrupt`) if it is damaged."""
        path = self._backup(kind, check=True)
        self._record_full_check()
        return path

    def _backup(self, kind: str, check: bool) -> Path:
        with self._read() as connection:
            raw = connection.connection.driver_connection
            return backup.create_backup(self.data_dir, kind, source=raw, check=check)

    def _automatic_backup(self) -> None:
        try:
            # No second check: opening has just run integrity_check on this database.
            self._backup(backup.AUTOMATIC, check=False)
        except OSError as exc:
            self.backup_error = backup.automatic_failed(self.data_dir, exc)

    def list_backups(self) -> list[BackupInfo]:
        """This folder's backups, newest first."""
        return backup.list_backups(self.data_dir)

    def restore_backup(self, name: str) -> Path | None:
        """Replace the database with backup ``name``; return where the replaced one was saved.

        The backup is checked first (damaged or newer: refused, nothing changed). The store
        stays open, and holds the lock, throughout; an older backup is migrated on re-opening.
        """
        backup.check_backup(backup.find_backup(self.data_dir, name), self.app_version)
        self._disconnect()
        try:
            saved = backup.restore_locked(self.data_dir, name, self.app_version)
        finally:
            self._connect()
        return saved

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` rows; ``['ok']`` when the database is sound."""
        with self._read() as connection:
            return [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
