"""The store: reports, answers, attachments and settings in SQLite, with backups.

Use :meth:`Store.open` on a data folder (see :mod:`cami_desktop.core.paths`); the functions in
:mod:`.backup` list and restore backups without opening a store. The schema is kept by Alembic
migrations in ``migrations/``, run automatically when a store opens an older database.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .records import BackupInfo, EventEntry, HistoryEntry, ReportRecord

if TYPE_CHECKING:
    from .store import Store

__all__ = ["BackupInfo", "EventEntry", "HistoryEntry", "ReportRecord", "Store"]


def __getattr__(name: str) -> object:
    # Store is imported on first use: it brings SQLAlchemy, which the window's start does
    # without (see lazy.py).
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
