"""The store: reports, answers, attachments and settings in SQLite, with backups.

Use :meth:`Store.open` on a data folder (see :mod:`cami_desktop.core.paths`); the functions in
:mod:`.backup` list and restore backups without opening a store. The schema is kept by Alembic
migrations in ``migrations/``, run automatically when a store opens an older database.
"""
from __future__ import annotations

from .records import BackupInfo, EventEntry, HistoryEntry, ReportRecord
from .store import Store

__all__ = ["BackupInfo", "EventEntry", "HistoryEntry", "ReportRecord", "Store"]
