"""The data folder, the database and the backups are private to the user (issue 15): folders
0700, files 0600, where POSIX permissions exist. Set on each file as it is made, not through the
process-wide umask; a folder written by an older version is closed up when opened."""
from __future__ import annotations

import logging
import os
import stat
import sys

import pytest

from cami_desktop.core import paths
from cami_desktop.core.store import Store, backup
from cami_desktop.core.store.lazy import open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions (README: Windows)")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    """The usual umask, under which a file is made readable by everyone unless we say so."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_data_folder_is_private(tmp_path):
    data = tmp_path / "data"
    with Store.open(data, app_version="test") as store:
        store.set_setting("probe", 1)
        assert mode(data) == 0o700
        for name in ("cami.sqlite3", "cami.sqlite3-wal", "cami.sqlite3-shm", "cami.lock"):
            assert (data / name).exists(), name
            assert mode(data / name) == 0o600, name
        made = store.backup_now()
    assert mode(data / "backups") == 0o700
    assert mode(made) == 0o600
    with Store.open(data, app_version="test") as store:  # the next day: the automatic one
        assert all(mode(info.path) == 0o600 for info in store.list_backups())


def test_a_folder_written_by_an_older_version_is_closed_up_when_opened(tmp_path):
    data = tmp_path / "data"
    with Store.open(data, app_version="test") as store:
        store.backup_now()
    os.chmod(data, 0o755)
    for path in [data / "cami.sqlite3", data / "cami.lock", *(data / "backups").iterdir()]:
        os.chmod(path, 0o644)
    os.chmod(data / "backups", 0o755)
    (data / "cami.log").write_text("old\n")
    os.chmod(data / "cami.log", 0o644)
    store = open_store(data, app_version="test")  # as the window and the command line open it
    try:
        assert mode(data) == mode(data / "backups") == 0o700
        assert {mode(p) for p in data.rglob("*") if p.is_file()} == {0o600}
    finally:
        store.close()


def test_restoring_keeps_every_copy_private(tmp_path):
    data = tmp_path / "data"
    with Store.open(data, app_version="test") as store:
        name = store.backup_now().name
        store.set_setting("probe", 2)
    backup.restore_backup(data, name, app_version="test")
    assert mode(data / "cami.sqlite3") == 0o600
    assert {mode(info.path) for info in backup.list_backups(data)} == {0o600}
    assert any(info.kind == "before-restore" for info in backup.list_backups(data))


def test_a_damaged_database_kept_aside_is_private(tmp_path):
    data = tmp_path / "data"
    with Store.open(data, app_version="test") as store:
        name = store.backup_now().name
    raw = bytearray((data / "cami.sqlite3").read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # the first page ruined: SQLite cannot read it
    (data / "cami.sqlite3").write_bytes(bytes(raw))
    backup.restore_backup(data, name, app_version="test")
    damaged = [info for info in backup.list_backups(data) if info.kind == "damaged"]
    assert damaged and mode(damaged[0].path) == 0o600


def test_the_log_file_is_private(tmp_path):
    data = tmp_path / "data"
    handler = paths.log_handler(data)
    logger = logging.getLogger("cami.test-permissions")
    logger.addHandler(handler)
    try:
        logger.error("something")
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert (data / "cami.log").read_text().strip().endswith("something")
    assert mode(data / "cami.log") == 0o600 and mode(data) == 0o700
