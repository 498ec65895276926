"""Damage that ``quick_check`` misses: found by ``integrity_check`` before backups and daily,
and never shown as an unexpected error when a query meets it (issue 8)."""
from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from cami_desktop.core import errors
from cami_desktop.core.store import Store, backup, database
from cami_desktop.core.store.records import dump_json, utcnow

from .conftest import APP_VERSION

INDEX = "sqlite_autoindex_answers_1"  # the answers' primary key (report_id, key)


def _open(data_dir: Path, backups: bool = False) -> Store:
    return Store.open(data_dir, app_version=APP_VERSION, backups=backups)


def _with_answers(data_dir: Path, count: int = 400) -> int:
    with _open(data_dir) as store:
        report = store.create_report(
            form_id="f", form_version="1", country="KZ", period="2024", language="en"
        )
        store.set_answers(report.id, {f"q{i:04d}": f"answer {i}" for i in range(count)})
        return report.id


def damage_index(db_path: Path) -> None:
    """Change two bytes of an answer key inside a leaf page of the answers' index.

    The page stays a well-formed b-tree page, so ``quick_check`` passes; the index entry no
    longer matches its row, which only ``integrity_check`` compares. The bytes are not UTF-8,
    as random damage usually is not.
    """
    connection = sqlite3.connect(db_path)
    try:
        pages = [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
            (INDEX,),
        )]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    assert pages, "the answers' index has no leaf page"
    data = bytearray(db_path.read_bytes())
    start = (pages[0] - 1) * page_size
    offset = data.find(b"q0", start, start + page_size)
    assert offset >= 0, "no answer key found in the index page"
    data[offset:offset + 2] = b"\xff\xfe"
    db_path.write_bytes(bytes(data))


def set_last_check(db_path: Path, age: timedelta) -> None:
    connection = sqlite3.connect(db_path)
    with connection:
        stamp = (utcnow() - age).isoformat(timespec="seconds")
        connection.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            (database.FULL_CHECK_SETTING, dump_json(stamp)),
        )
    connection.close()


def _checks(db_path: Path) -> tuple[list, list]:
    connection = sqlite3.connect(db_path)
    try:
        return (connection.execute("PRAGMA quick_check").fetchall(),
                connection.execute("PRAGMA integrity_check").fetchall())
    finally:
        connection.close()


def _points_at_backups(error: errors.StoreCorrupt) -> None:
    message = error.translated("en")
    assert "cami-desktop backup restore" in message and "\n" not in message


def test_damaged_index_passes_quick_check_but_not_integrity_check(data_dir: Path) -> None:
    _with_answers(data_dir)
    db_path = data_dir / "cami.sqlite3"
    assert _checks(db_path) == ([("ok",)], [("ok",)])
    damage_index(db_path)
    quick, full = _checks(db_path)
    assert quick == [("ok",)]
    assert full != [("ok",)] and "missing from index" in full[0][0]


def test_no_backup_is_made_of_a_damaged_index(data_dir: Path) -> None:
    _with_answers(data_dir)
    damage_index(data_dir / "cami.sqlite3")
    with _open(data_dir) as store:  # checked a moment ago: only quick_check runs
        with pytest.raises(errors.StoreCorrupt) as refused:
            store.backup_now()
        _points_at_backups(refused.value)
        assert "missing from index" in refused.value.translated("en")
    with pytest.raises(errors.StoreCorrupt):
        backup.create_backup(data_dir, "manual")
    assert backup.list_backups(data_dir) == []
    assert not any(backup.backups_dir(data_dir).glob("*.partial"))


def test_opening_for_the_daily_backup_runs_the_full_check(data_dir: Path) -> None:
    _with_answers(data_dir)
    damage_index(data_dir / "cami.sqlite3")
    with pytest.raises(errors.StoreCorrupt):
        _open(data_dir, backups=True)  # no backup yet: one is due
    assert backup.list_backups(data_dir) == []


def test_opening_runs_the_full_check_when_the_last_is_a_day_old(data_dir: Path) -> None:
    _with_answers(data_dir)
    db_path = data_dir / "cami.sqlite3"
    set_last_check(db_path, timedelta(hours=23))
    damage_index(db_path)
    _open(data_dir).close()  # checked 23 hours ago: quick_check only, which passes
    set_last_check(db_path, timedelta(hours=25))
    with pytest.raises(errors.StoreCorrupt) as refused:
        _open(data_dir)
    _points_at_backups(refused.value)


def test_a_passed_full_check_is_recorded(data_dir: Path, monkeypatch) -> None:
    _with_answers(data_dir)
    db_path = data_dir / "cami.sqlite3"
    set_last_check(db_path, timedelta(days=3))
    ran = []
    real = database.full_check
    monkeypatch.setattr(database, "full_check", lambda path: ran.append(path) or real(path))
    with _open(data_dir) as store:
        stamp = store.get_setting(database.FULL_CHECK_SETTING)
    assert ran == [db_path]
    connection = sqlite3.connect(db_path)
    try:
        checked_at = database._read_full_check(connection)
    finally:
        connection.close()
    assert abs((utcnow() - checked_at).total_seconds()) < 60
    assert stamp == checked_at.isoformat(timespec="seconds")
    _open(data_dir).close()  # recorded: not again today
    assert ran == [db_path]


def test_a_new_database_records_its_check(data_dir: Path) -> None:
    with _open(data_dir) as store:
        assert store.get_setting(database.FULL_CHECK_SETTING) is not None


@pytest.mark.parametrize("stored", [
    "CAST(X'22FFFE7377657222' AS TEXT)",  # not UTF-8: the sqlite3 module refuses to decode it
    "'\"answer'",                         # UTF-8, but not JSON any more
])
def test_an_answer_that_cannot_be_decoded_is_a_corruption_message(data_dir: Path, stored: str) -> None:
    report_id = _with_answers(data_dir, count=5)
    connection = sqlite3.connect(data_dir / "cami.sqlite3")
    with connection:
        connection.execute(f"UPDATE answers SET value = {stored} WHERE key = 'q0003'")
        connection.execute(f"UPDATE answer_history SET new = {stored} WHERE key = 'q0003'")
    connection.close()
    with _open(data_dir) as store:
        for read in (store.answers, store.history):
            with pytest.raises(errors.StoreCorrupt) as refused:
                read(report_id)
            _points_at_backups(refused.value)
            assert "a stored value cannot be read" in refused.value.translated("en")
        # Everything else still works, and other errors stay what they were.
        assert store.get_report(report_id).country == "KZ"
        with pytest.raises(errors.ReportNotFound):
            store.answers(report_id + 1)


def test_an_index_key_that_cannot_be_decoded_is_a_corruption_message(data_dir: Path) -> None:
    report_id = _with_answers(data_dir)
    damage_index(data_dir / "cami.sqlite3")
    with _open(data_dir) as store:
        with pytest.raises(errors.StoreCorrupt) as refused:
            store.answers(report_id)
        _points_at_backups(refused.value)


def test_restore_refuses_a_backup_with_a_damaged_index(data_dir: Path) -> None:
    report_id = _with_answers(data_dir)
    with _open(data_dir) as store:
        damaged = store.backup_now()
        damage_index(damaged)
        store.set_answer(report_id, "q0001", "current")
        with pytest.raises(errors.StoreCorrupt):
            store.restore_backup(damaged.name)
        assert store.answers(report_id)["q0001"] == "current"


def _damage_value(db_path: Path) -> None:
    """Bytes changed inside an answer's text: the b-trees stay sound, the value does not."""
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE answers SET value = CAST(X'22FFFE7377657222' AS TEXT) "
                           "WHERE key = 'q0007'")
    connection.close()


def test_a_value_that_cannot_be_decoded_is_never_backed_up(data_dir: Path) -> None:
    _with_answers(data_dir, count=20)
    db_path = data_dir / "cami.sqlite3"
    _damage_value(db_path)
    assert _checks(db_path) == ([("ok",)], [("ok",)])  # invisible to SQLite's own checks
    with _open(data_dir) as store:
        with pytest.raises(errors.StoreCorrupt) as refused:
            store.backup_now()
        assert "answers row" in refused.value.translated("en")
    assert backup.list_backups(data_dir) == []
    set_last_check(db_path, timedelta(days=2))
    with pytest.raises(errors.StoreCorrupt):
        _open(data_dir)


def test_stored_text_that_is_not_json_is_damage_wherever_it_is_decoded() -> None:
    from cami_desktop.core.store.records import load_json
    with pytest.raises(errors.StoreCorrupt) as refused:
        load_json('{"cut off')  # outside any transaction, as some callers decode
    _points_at_backups(refused.value)
    assert load_json(None) is None and load_json('{"a":[1]}') == {"a": [1]}


def test_text_that_is_not_utf8_is_found_in_any_table(data_dir: Path) -> None:
    _with_answers(data_dir, count=3)
    db_path = data_dir / "cami.sqlite3"
    connection = sqlite3.connect(db_path)
    with connection:  # a column the store never decodes as JSON, in a table of its own
        connection.execute("UPDATE reports SET country = CAST(X'4BFF' AS TEXT)")
    connection.close()
    with _open(data_dir) as store:
        with pytest.raises(errors.StoreCorrupt) as refused:
            store.backup_now()
    assert "reports row 1: country cannot be read" in refused.value.translated("en")
