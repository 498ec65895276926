"""Backups: made with the backup API, listed, rotated, made daily on start, and restored."""
from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from cami_desktop.core import errors
from cami_desktop.core.store import Store, backup
from cami_desktop.core.store.records import utcnow

from .conftest import APP_VERSION
from .test_migration import OLD_ANSWERS, build_0001


def _open(data_dir: Path, backups: bool = False) -> Store:
    return Store.open(data_dir, app_version=APP_VERSION, backups=backups)


def _answers_in(path: Path) -> dict[str, str]:
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return dict(connection.execute("SELECT key, value FROM answers").fetchall())
    finally:
        connection.close()


def _damage(db_path: Path) -> tuple[int, bytes]:
    """Overwrite a page in the middle with garbage; return its offset and the garbage."""
    offset = (db_path.stat().st_size // 4096 // 2) * 4096
    garbage = os.urandom(4096)
    with db_path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(garbage)
    return offset, garbage


def _with_answers(data_dir: Path, count: int = 300) -> None:
    with _open(data_dir) as store:
        report = store.create_report(
            form_id="f", form_version="1", country="KG", period="2024", language="ru"
        )
        store.set_answers(report.id, {f"q{i:04d}": f"ответ {i}" for i in range(count)})


def test_backup_now_makes_a_complete_single_file_copy(store: Store) -> None:
    report = store.create_report(
        form_id="f", form_version="1", country="KG", period="2024", language="ru"
    )
    store.set_answer(report.id, "q1", "Архар")
    path = store.backup_now()
    assert path.parent == store.data_dir / "backups"
    assert path.name.startswith("cami-manual-") and path.suffix == ".sqlite3"
    assert not path.with_name(path.name + "-wal").exists()
    assert _answers_in(path) == {"q1": '"Архар"'}
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    connection.close()
    [info] = store.list_backups()
    assert (info.name, info.path, info.kind, info.size) == (
        path.name, path, "manual", path.stat().st_size
    )
    assert abs((utcnow() - info.created).total_seconds()) < 60


def test_list_is_newest_first_and_ignores_other_files(store: Store) -> None:
    first = store.backup_now()
    second = store.backup_now(kind="automatic")
    folder = store.data_dir / "backups"
    (folder / "notes.txt").write_text("not a backup")
    (folder / (first.name + ".partial")).write_bytes(b"half")
    (folder / "cami-manual-20261331T250000000000Z.sqlite3").write_bytes(b"")  # digits, no date
    assert [b.path for b in store.list_backups()] == [second, first]
    assert [b.kind for b in store.list_backups()] == ["automatic", "manual"]


def test_rotation_keeps_the_ten_newest_automatic_backups(store: Store) -> None:
    template = store.backup_now(kind="automatic")
    folder = template.parent
    old = [
        folder / backup.backup_name("automatic", utcnow() - timedelta(days=days))
        for days in range(1, 13)
    ]
    for path in old:
        shutil.copyfile(template, path)
    manual = store.backup_now(kind="manual")
    ancient_manual = folder / backup.backup_name("manual", utcnow() - timedelta(days=400))
    before = folder / backup.backup_name("before-migration-0001", utcnow() - timedelta(days=300))
    for path in (ancient_manual, before):
        shutil.copyfile(template, path)

    newest = store.backup_now(kind="automatic")
    automatic = [b.path for b in store.list_backups() if b.kind == "automatic"]
    assert automatic == [newest, template] + old[:8]
    assert manual.exists() and ancient_manual.exists() and before.exists()
    assert {b.kind for b in store.list_backups()} == {"automatic", "manual", "before-migration"}


def test_automatic_backup_on_open_at_most_daily(data_dir: Path) -> None:
    with _open(data_dir, backups=True) as store:
        assert store.list_backups() == []  # a brand-new database has nothing to keep
        store.set_setting("profile", {"name": "N"})
    with _open(data_dir, backups=True) as store:
        [first] = store.list_backups()
        assert first.kind == "automatic"
    with _open(data_dir, backups=True) as store:
        assert store.list_backups() == [first]
    # Make the backup look 23 hours old: still no new one; 25 hours: a new one.
    for hours, expected in ((23, 1), (25, 2)):
        newest = backup.list_backups(data_dir)[0].path
        stamp = utcnow() - timedelta(hours=hours)
        newest.rename(newest.with_name(backup.backup_name("automatic", stamp)))
        _open(data_dir, backups=True).close()
        assert len(backup.list_backups(data_dir)) == expected
    _open(data_dir, backups=False).close()
    assert len(backup.list_backups(data_dir)) == 2


def test_no_backup_of_a_damaged_database(data_dir: Path) -> None:
    _with_answers(data_dir)
    _damage(data_dir / "cami.sqlite3")
    with pytest.raises(errors.StoreCorrupt):
        backup.create_backup(data_dir, "automatic")
    assert backup.list_backups(data_dir) == []


def test_restore_puts_back_the_backup_and_keeps_the_current_database(store: Store) -> None:
    report = store.create_report(
        form_id="f", form_version="1", country="KG", period="2024", language="ru"
    )
    store.set_answer(report.id, "q1", "в резервной копии")
    name = store.backup_now().name
    store.set_answer(report.id, "q1", "после копии")
    store.set_answer(report.id, "q2", 2)

    saved = store.restore_backup(name)
    assert store.answers(report.id) == {"q1": "в резервной копии"}
    assert saved.parent == store.data_dir / "backups"
    assert saved.name.startswith("cami-before-restore-")
    assert _answers_in(saved) == {"q1": '"после копии"', "q2": "2"}
    assert {b.name: b.kind for b in store.list_backups()}[saved.name] == "before-restore"
    # Still open, still writable, still sound.
    assert store.set_answer(report.id, "q3", "дальше") is True
    assert store.integrity_check() == ["ok"]

    with pytest.raises(errors.StoreError, match="no backup called"):
        store.restore_backup("cami-manual-20000101T000000000000Z.sqlite3")
    with pytest.raises(errors.StoreError):
        store.restore_backup("../cami.sqlite3")
    assert store.answers(report.id)["q3"] == "дальше"


def test_a_damaged_backup_is_not_restored(store: Store) -> None:
    report = store.create_report(
        form_id="f", form_version="1", country="KG", period="2024", language="ru"
    )
    store.set_answers(report.id, {f"q{i}": f"value {i}" for i in range(300)})
    damaged = store.backup_now()
    _damage(damaged)
    store.set_answer(report.id, "q1", "current")
    with pytest.raises(errors.StoreCorrupt):
        store.restore_backup(damaged.name)
    assert store.answers(report.id)["q1"] == "current"
    assert [b.kind for b in store.list_backups()] == ["manual"]  # nothing saved aside either


def test_restoring_an_older_revision_migrates_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    build_0001(data_dir)
    with _open(data_dir) as store:
        [before] = store.list_backups()
        store.reopen_report(1)
        store.set_answer(1, "q2", 43)
        store.restore_backup(before.name)
        assert store.answers(1) == OLD_ANSWERS
        assert store.get_report(1).status == "final"
        store.set_setting("works", True)  # a 0002 table: the restored copy was upgraded


@pytest.mark.parametrize("where", ["page", "header"])
def test_command_line_restore_of_a_damaged_database(data_dir: Path, where: str) -> None:
    _with_answers(data_dir)
    with _open(data_dir) as store:
        name = store.backup_now().name
        with pytest.raises(errors.DataInUse):
            backup.restore_backup(data_dir, name, app_version=APP_VERSION)
    db_path = data_dir / "cami.sqlite3"
    if where == "page":
        offset, garbage = _damage(db_path)
    else:  # SQLite cannot even open it: the restore must go around SQLite
        offset, garbage = 0, b"garbage, not a database header!!" * 4
        with db_path.open("r+b") as handle:
            handle.write(garbage)
    with pytest.raises(errors.StoreCorrupt):
        _open(data_dir)

    saved = backup.restore_backup(data_dir, name, app_version=APP_VERSION)
    # The damaged database is kept page for page, for whoever attempts a rescue.
    assert saved.read_bytes()[offset:offset + len(garbage)] == garbage
    with _open(data_dir) as store:
        assert store.integrity_check() == ["ok"]
        [report] = store.list_reports()
        assert len(store.answers(report.id)) == 300


def test_a_failed_automatic_backup_does_not_stop_the_app(data_dir: Path) -> None:
    _with_answers(data_dir, count=3)
    (data_dir / "backups").write_text("a file where the backups folder should be")
    with _open(data_dir, backups=True) as store:
        assert isinstance(store.backup_error, errors.StoreError)
        assert "backups" in str(store.backup_error)
        assert len(store.answers(store.list_reports()[0].id)) == 3
    (data_dir / "backups").unlink()
    with _open(data_dir, backups=True) as store:
        assert store.backup_error is None
        assert len(store.list_backups()) == 1
