"""The store: one data folder, opened by one process at a time, safe against crashes.

Opening a store takes the folder's writer lock, checks the database, copies it aside and
upgrades it if it is older than this version, refuses it if it is newer, and makes the daily
automatic backup. The report, answer and attachment methods come from the mixins in
``reports.py``, ``answers.py`` and ``attachments.py``.
"""
from __future__ import annotations

from pathlib import Path
from types import TracebackType

import filelock
from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .. import errors
from ..i18n import N_
from . import backup, database, migrate
from .answers import AnswersMixin
from .attachments import AttachmentsMixin
from .cycle import CycleMixin
from .records import BackupInfo, dump_json, load_json
from .reports import ReportsMixin
from .submissions import SubmissionsMixin
from .schema import settings
from .trust import TrustMixin


class Store(ReportsMixin, AnswersMixin, AttachmentsMixin, SubmissionsMixin, TrustMixin, CycleMixin):
    """The reports, answers, attachments, settings and backups of one data folder.

    Open it with :meth:`open` (not the constructor) and close it, or use it as a context
    manager. It may be shared between threads; each call is its own transaction.
    """

    def __init__(self, data_dir: Path, lock: filelock.BaseFileLock, app_version: str) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / database.DB_NAME
        self.app_version = app_version
        self._lock: filelock.BaseFileLock | None = lock
        #: Why the automatic backup on opening failed (e.g. a full disk), for the UI to show;
        #: ``None`` if it worked or was not due. Opening goes on: the answers are safe.
        self.backup_error: errors.StoreError | None = None

    @classmethod
    def open(cls, data_dir: Path, *, app_version: str, backups: bool = True) -> Store:
        """Open (creating if needed) the store in ``data_dir``.

        Raises :class:`errors.DataInUse` if another process has it open,
        :class:`errors.StoreCorrupt` if the database fails ``quick_check``, and
        :class:`errors.NewerDatabase` if a newer version wrote it (then nothing is changed).
        With ``backups``, an automatic backup is made if the newest is a day old or more.
        """
        data_dir = Path(data_dir)
        store = cls(data_dir, database.acquire_lock(data_dir), app_version)
        try:
            created = store._connect()
            if backups and not created and backup.automatic_due(data_dir):
                store._automatic_backup()
        except BaseException:
            store.close()
            raise
        return store

    def _connect(self) -> bool:
        """Check, migrate and connect to the database; return whether it was new."""
        found = database.preflight(self.db_path, self.app_version)
        if found.revision is not None and found.revision != migrate.HEAD_REVISION:
            backup.create_backup(
                self.data_dir, f"before-migration-{found.revision}", check=False
            )
        self._engine, self._writer = database.create_store_engine(self.db_path)
        if found.revision != migrate.HEAD_REVISION:
            migrate.upgrade(self._engine)
        return found.new

    def _disconnect(self) -> None:
        if self._engine is not None:
            # Closing the last connection checkpoints the WAL into the database file.
            self._engine.dispose()
        self._engine = self._writer = None

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
        """Back up the database now; refused (:class:`errors.StoreCorrupt`) if it is damaged."""
        return self._backup(kind, check=True)

    def _backup(self, kind: str, check: bool) -> Path:
        with self._read() as connection:
            raw = connection.connection.driver_connection
            return backup.create_backup(self.data_dir, kind, source=raw, check=check)

    def _automatic_backup(self) -> None:
        try:
            # No second quick_check: preflight has just run one on this database.
            self._backup(backup.AUTOMATIC, check=False)
        except OSError as exc:
            self.backup_error = errors.StoreError(
                N_("The automatic backup could not be written to {folder}: {reason}"),
                folder=str(backup.backups_dir(self.data_dir)),
                reason=exc.strerror or str(exc),
            )

    def list_backups(self) -> list[BackupInfo]:
        """This folder's backups, newest first."""
        return backup.list_backups(self.data_dir)

    def restore_backup(self, name: str) -> Path:
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
