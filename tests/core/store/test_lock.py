"""The data folder's writer lock (lock.py): exclusive, non-blocking, released at once."""
from __future__ import annotations

from pathlib import Path

import pytest

from cami_desktop.core import errors
from cami_desktop.core.store import database
from cami_desktop.core.store.lock import FolderLock, LockHeld


def test_a_second_handle_is_refused_until_the_first_lets_go(tmp_path: Path) -> None:
    first, second = FolderLock(tmp_path / "cami.lock"), FolderLock(tmp_path / "cami.lock")
    first.acquire()
    assert first.is_locked
    with pytest.raises(LockHeld):
        second.acquire()
    assert not second.is_locked
    first.release()
    first.release()  # twice is harmless
    assert not first.is_locked
    with second:
        assert second.is_locked
    assert not second.is_locked


def test_the_folder_is_created(tmp_path: Path) -> None:
    with FolderLock(tmp_path / "new" / "deeper" / "cami.lock") as lock:
        assert lock.path.is_file()


def test_a_dropped_lock_is_released(tmp_path: Path) -> None:
    FolderLock(tmp_path / "cami.lock").acquire()  # no reference kept
    with FolderLock(tmp_path / "cami.lock"):
        pass


def test_an_unusable_lock_file_is_a_store_error_not_in_use(tmp_path: Path) -> None:
    (tmp_path / "cami.lock").mkdir()  # a folder where the lock file should be
    with pytest.raises(errors.StoreError) as refused:
        database.acquire_lock(tmp_path)
    assert not isinstance(refused.value, errors.DataInUse)
    assert str(tmp_path) in str(refused.value)
