"""Opening a data folder: the writer lock, the pragmas, and refusing damaged or foreign files."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from cami_desktop.core import errors
from cami_desktop.core.store import Store
from cami_desktop.core.store.lock import FolderLock

from .conftest import APP_VERSION, PYTHON, child_env

HOLDER = """
import sys
from pathlib import Path
from cami_desktop.core.store import Store
store = Store.open(Path(sys.argv[1]), app_version="child", backups=False)
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""


def _open(data_dir: Path, **kwargs: object) -> Store:
    return Store.open(data_dir, app_version=APP_VERSION, backups=False, **kwargs)


def _fill(data_dir: Path, answers: int = 400) -> None:
    """A real database with many small answers, so its middle pages are b-tree pages."""
    with _open(data_dir) as store:
        report = store.create_report(
            form_id="f", form_version="1", country="KZ", period="2024", language="en"
        )
        store.set_answers(report.id, {f"q{i:04d}": f"answer {i}" for i in range(answers)})


def _spawn_holder(data_dir: Path) -> subprocess.Popen:
    holder = subprocess.Popen(
        [PYTHON, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=child_env(),
    )
    line = holder.stdout.readline()
    assert line.strip() == "ready", holder.stderr.read()
    return holder


def test_open_creates_the_folder_database_and_lock(data_dir: Path) -> None:
    with _open(data_dir) as store:
        assert store.data_dir == data_dir
        assert store.db_path == data_dir / "cami.sqlite3"
        assert store.db_path.is_file()
        assert (data_dir / "cami.lock").exists()
        assert store.integrity_check() == ["ok"]


def test_every_connection_has_the_pragmas(store: Store) -> None:
    def pragmas() -> tuple:
        with store._read() as connection:
            return tuple(
                connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys")
            )

    results = [pragmas()]
    # Another thread gets another pooled connection; it must be set up the same way.
    thread = threading.Thread(target=lambda: results.append(pragmas()))
    thread.start()
    thread.join()
    assert results == [("wal", 2, 1), ("wal", 2, 1)]


def test_second_open_in_the_same_process_is_refused(data_dir: Path) -> None:
    first = _open(data_dir)
    with pytest.raises(errors.DataInUse) as refused:
        _open(data_dir)
    assert refused.value.params["path"] == str(data_dir)
    assert str(data_dir) in str(refused.value)
    first.close()
    _open(data_dir).close()  # released by close()


def test_open_in_another_process_is_refused(data_dir: Path) -> None:
    holder = _spawn_holder(data_dir)
    try:
        with pytest.raises(errors.DataInUse):
            _open(data_dir)
    finally:
        holder.communicate("done\n", timeout=30)
    assert holder.returncode == 0
    _open(data_dir).close()


def test_another_process_is_refused_while_we_hold_it(data_dir: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom cami_desktop.core import errors\n"
        "from cami_desktop.core.store import Store\n"
        "try:\n    Store.open(Path(sys.argv[1]), app_version='child')\n"
        "except errors.DataInUse:\n    print('in use')\n"
    )
    with _open(data_dir):
        result = subprocess.run(
            [PYTHON, "-c", code, str(data_dir)], capture_output=True, text=True,
            env=child_env(), timeout=60,
        )
    assert result.stdout.strip() == "in use", result.stderr


def test_a_killed_holder_leaves_the_folder_free(data_dir: Path) -> None:
    holder = _spawn_holder(data_dir)
    holder.kill()
    holder.communicate(timeout=30)
    lock = FolderLock(data_dir / "cami.lock")
    lock.acquire()  # raises LockHeld if the OS kept the dead process's lock
    lock.release()
    with _open(data_dir) as store:
        assert store.integrity_check() == ["ok"]


def test_damaged_page_is_refused_with_backup_advice(data_dir: Path) -> None:
    _fill(data_dir)
    db_path = data_dir / "cami.sqlite3"
    size = db_path.stat().st_size
    page = 4096
    assert size >= 8 * page
    with db_path.open("r+b") as handle:
        handle.seek((size // page // 2) * page)
        handle.write(os.urandom(page))
    with pytest.raises(errors.StoreCorrupt) as refused:
        _open(data_dir)
    message = str(refused.value)
    assert "cami-desktop backup list" in message and "cami-desktop backup restore" in message
    assert str(db_path) in message
    # The failed open released the lock.
    with FolderLock(data_dir / "cami.lock"):
        pass


def test_garbage_header_is_refused(data_dir: Path) -> None:
    _fill(data_dir, answers=10)
    db_path = data_dir / "cami.sqlite3"
    with db_path.open("r+b") as handle:
        handle.write(b"this is no database at all, sorry" * 3)
    with pytest.raises(errors.StoreCorrupt):
        _open(data_dir)


def test_foreign_database_is_refused_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    db_path = data_dir / "cami.sqlite3"
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(errors.StoreError, match="not a CAMI Reporter database"):
        _open(data_dir)
    assert db_path.read_bytes() == before


def test_an_empty_file_is_treated_as_new(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "cami.sqlite3").write_bytes(b"")
    with _open(data_dir) as store:
        assert store.list_reports() == []


def test_a_closed_store_refuses_to_work(data_dir: Path) -> None:
    store = _open(data_dir)
    store.close()
    store.close()  # twice is harmless
    assert store.closed
    with pytest.raises(RuntimeError):
        store.list_reports()


def test_an_unusable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    with pytest.raises(errors.StoreError, match="cannot be used") as refused:
        _open(blocker / "data")
    assert not isinstance(refused.value, errors.DataInUse)
