"""A database file that was emptied, or replaced by a folder, next to backups (issue 8)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cami_desktop.core import errors
from cami_desktop.core.store import Store, backup

from .conftest import APP_VERSION
from .test_damage import damage_index


def _open(data_dir: Path) -> Store:
    return Store.open(data_dir, app_version=APP_VERSION, backups=False)


def _with_backups(data_dir: Path) -> tuple[str, str]:
    """A store with a report, backed up twice; return the older and the newest backup names."""
    with _open(data_dir) as store:
        report = store.create_report(
            form_id="f", form_version="1", country="TJ", period="2024", language="ru"
        )
        store.set_answer(report.id, "q1", "первая")
        older = store.backup_now().name
        store.set_answer(report.id, "q1", "последняя")
        newest = store.backup_now().name
    return older, newest


def _files(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def test_an_emptied_database_beside_backups_is_refused_naming_the_newest(data_dir: Path) -> None:
    _, newest = _with_backups(data_dir)
    db_path = data_dir / "cami.sqlite3"
    db_path.write_bytes(b"")
    before = _files(data_dir)
    with pytest.raises(errors.EmptyDatabase) as refused:
        _open(data_dir)
    assert isinstance(refused.value, errors.StoreCorrupt)
    assert refused.value.params["backup"] == newest
    message = refused.value.translated("en")
    assert f"cami-desktop backup restore {newest}" in message and "empty" in message
    assert "\n" not in message
    assert _files(data_dir) == before  # nothing created, the empty file left as it was


def test_an_emptied_database_is_restored_without_a_useless_copy(data_dir: Path) -> None:
    _, newest = _with_backups(data_dir)
    (data_dir / "cami.sqlite3").write_bytes(b"")
    assert backup.restore_backup(data_dir, newest, app_version=APP_VERSION) is None
    assert [b.kind for b in backup.list_backups(data_dir)] == ["manual", "manual"]
    with _open(data_dir) as store:
        [report] = store.list_reports()
        assert store.answers(report.id) == {"q1": "последняя"}


def test_a_folder_in_place_of_the_database_is_a_clear_message(data_dir: Path) -> None:
    _with_backups(data_dir)
    db_path = data_dir / "cami.sqlite3"
    db_path.unlink()
    db_path.mkdir()
    (db_path / "note.txt").write_text("someone's files", encoding="utf-8")
    with pytest.raises(errors.StoreCorrupt) as refused:
        _open(data_dir)
    message = refused.value.translated("en")
    assert "is a folder" in message and "cami-desktop backup restore" in message
    assert (db_path / "note.txt").is_file()


def test_restore_moves_the_folder_aside_and_keeps_it(data_dir: Path) -> None:
    older, _ = _with_backups(data_dir)
    db_path = data_dir / "cami.sqlite3"
    db_path.unlink()
    db_path.mkdir()
    (db_path / "note.txt").write_text("someone's files", encoding="utf-8")
    aside = backup.restore_backup(data_dir, older, app_version=APP_VERSION)
    assert aside is not None and aside.parent == data_dir and aside.name.startswith("cami.sqlite3-")
    assert (aside / "note.txt").read_text(encoding="utf-8") == "someone's files"
    assert db_path.is_file()
    with _open(data_dir) as store:
        [report] = store.list_reports()
        assert store.answers(report.id) == {"q1": "первая"}


def test_a_damaged_database_replaced_by_a_restore_is_kept_as_damaged(data_dir: Path) -> None:
    older, newest = _with_backups(data_dir)
    db_path = data_dir / "cami.sqlite3"
    with _open(data_dir) as store:
        report_id = store.list_reports()[0].id
        store.set_answers(report_id, {f"q{i:04d}": i for i in range(300)})
    damage_index(db_path)
    saved = backup.restore_backup(data_dir, older, app_version=APP_VERSION)
    connection = sqlite3.connect(saved)  # kept for a rescue, damage and all
    assert "missing from index" in connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    kinds = {info.name: info.kind for info in backup.list_backups(data_dir)}
    assert kinds[saved.name] == "damaged"  # and not passed off as a good backup
    # An emptied database later on is offered the newest good backup, not the damaged copy.
    db_path.write_bytes(b"")
    with pytest.raises(errors.EmptyDatabase) as refused:
        _open(data_dir)
    assert refused.value.params["backup"] == newest
