"""The window's opening path (store/lazy.py): the same checks as Store.open, without SQLAlchemy."""
from __future__ import annotations

import sqlite3
import subprocess
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from cami_desktop.core import errors
from cami_desktop.core.store import Store, backup, database, migrate
from cami_desktop.core.store.lazy import LazyStore, open_store
from cami_desktop.core.store.listing import ReportSummary

from .conftest import APP_VERSION, PYTHON, child_env
from .test_damage import _with_answers, damage_index, set_last_check


def _open(data_dir: Path, backups: bool = False):
    return open_store(data_dir, app_version=APP_VERSION, backups=backups)


def _two_reports(data_dir: Path) -> list[int]:
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        ids = [store.create_report(form_id="f", form_version="1", country=c, period="2024",
                                   language="en").id for c in ("KZ", "UZ")]
        store.finalize_report(ids[0], {"name": "Ana"})
        store.save_summaries({ids[0]: ReportSummary(3, 4, 75, 1, 0, "partial")}, "basis")
        store.set_setting("language", "ru")
        return ids


def test_a_database_at_head_opens_without_sqlalchemy(data_dir: Path) -> None:
    _two_reports(data_dir)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from cami_desktop.core.store.lazy import open_store\n"
        f"store = open_store(Path({str(data_dir)!r}), app_version='t')\n"
        "print(type(store).__name__, len(store.list_reports()), store.get_setting('language'),"
        " len(store.report_summaries('basis')))\n"
        "store.set_setting('window', {'x': 1})\n"
        "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))\n"
        "store.get_report(store.list_reports()[0].id)  # anything else: the real store\n"
        "print('sqlalchemy' in sys.modules)\n"
        "store.close()\n"
    )
    out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, env=child_env(),
                         check=True).stdout.split("\n")
    assert out[:3] == ["LazyStore 2 ru 1", "[]", "True"]


def test_reads_match_the_store(data_dir: Path) -> None:
    ids = _two_reports(data_dir)
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        store.delete_report(ids[1])
        expected = (store.list_reports(), store.list_reports(deleted=True),
                    store.report_summaries("basis"), store.report_summaries("basis", deleted=True))
    with _open(data_dir) as lazy:
        assert isinstance(lazy, LazyStore)
        got = (lazy.list_reports(), lazy.list_reports(deleted=True),
               lazy.report_summaries("basis"), lazy.report_summaries("basis", deleted=True))
        assert got == expected
        assert got[0][0].declaration == {"name": "Ana"} and got[0][0].finalized_at is not None


def test_settings_and_then_the_real_store(data_dir: Path) -> None:
    ids = _two_reports(data_dir)
    with _open(data_dir) as lazy:
        lazy.set_setting("window", {"last_report": ids[0]})
        lazy.set_setting("language", None)
        assert lazy.get_setting("language", "en") == "en"
        from_thread = []
        thread = threading.Thread(target=lambda: from_thread.append(lazy.list_reports()))
        thread.start()
        thread.join()
        assert len(from_thread[0]) == 2
        assert lazy.get_report(ids[1]).country == "UZ"  # made the real store
        assert lazy.get_setting("window") == {"last_report": ids[0]}
        lazy.set_setting("window", None)
        assert len(lazy.list_reports()) == 2
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:  # lock released
        assert store.get_setting("window") is None and store.get_setting("language") is None


def test_the_lock_is_held_and_released(data_dir: Path) -> None:
    _two_reports(data_dir)
    lazy = _open(data_dir)
    with pytest.raises(errors.DataInUse):
        Store.open(data_dir, app_version=APP_VERSION, backups=False)
    lazy.real()
    with pytest.raises(errors.DataInUse):
        _open(data_dir)
    lazy.close()
    lazy.close()
    assert lazy.closed
    _open(data_dir).close()


def test_new_or_old_databases_go_to_the_store(data_dir: Path) -> None:
    store = _open(data_dir)  # new: Alembic creates it
    assert isinstance(store, Store)
    store.close()
    old = data_dir.parent / "old"
    old.mkdir()
    engine, _ = database.create_store_engine(old / database.DB_NAME)
    migrate.upgrade(engine, "0002")
    engine.dispose()
    store = _open(old)  # old: backed up and upgraded by Store
    assert isinstance(store, Store)
    store.close()
    assert [b.kind for b in backup.list_backups(old)] == ["before-migration"]
    with sqlite3.connect(old / database.DB_NAME) as connection:
        assert migrate.read_revision(connection) == migrate.HEAD_REVISION
    assert isinstance(_open(old), LazyStore)


def test_a_newer_database_is_refused_and_left_alone(data_dir: Path) -> None:
    _two_reports(data_dir)
    connection = sqlite3.connect(data_dir / database.DB_NAME)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = (data_dir / database.DB_NAME).read_bytes()
    with pytest.raises(errors.NewerDatabase):
        _open(data_dir)
    assert (data_dir / database.DB_NAME).read_bytes() == before


def test_the_daily_check_blocks_the_backup_of_damage(data_dir: Path) -> None:
    _with_answers(data_dir)
    db_path = data_dir / database.DB_NAME
    damage_index(db_path)
    with pytest.raises(errors.StoreCorrupt):
        _open(data_dir, backups=True)  # a backup is due: the full check runs first
    assert backup.list_backups(data_dir) == []
    set_last_check(db_path, timedelta(hours=25))
    with pytest.raises(errors.StoreCorrupt):
        _open(data_dir)  # the last full check is a day old


def test_the_daily_backup_and_check_are_made_and_recorded(data_dir: Path) -> None:
    _two_reports(data_dir)
    set_last_check(data_dir / database.DB_NAME, timedelta(days=2))
    with _open(data_dir, backups=True) as lazy:
        assert isinstance(lazy, LazyStore) and lazy.backup_error is None
        checked = lazy.get_setting(database.FULL_CHECK_SETTING)
    assert not database.full_check_due(database.preflight(
        data_dir / database.DB_NAME, APP_VERSION).checked_at), checked
    [made] = backup.list_backups(data_dir)
    assert made.kind == backup.AUTOMATIC
    with _open(data_dir, backups=True) as again:  # a backup of today: none more
        assert isinstance(again, LazyStore)
    assert len(backup.list_backups(data_dir)) == 1


def test_an_emptied_database_beside_backups_is_refused(data_dir: Path) -> None:
    _two_reports(data_dir)
    backup.create_backup(data_dir, backup.AUTOMATIC)
    (data_dir / database.DB_NAME).write_bytes(b"")
    with pytest.raises(errors.EmptyDatabase):
        _open(data_dir)
    assert (data_dir / database.DB_NAME).stat().st_size == 0


def test_a_restore_goes_through_the_real_store(data_dir: Path) -> None:
    ids = _two_reports(data_dir)
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        made = store.backup_now().name
        store.delete_report(ids[1])
    with _open(data_dir) as lazy:
        assert [r.id for r in lazy.list_reports()] == [ids[0]]
        lazy.restore_backup(made)  # made the real store, which replaces the database
        assert sorted(r.id for r in lazy.list_reports()) == sorted(ids)
        assert lazy.get_setting("language") == "ru"


def test_the_connection_is_set_up_as_the_stores(data_dir: Path) -> None:
    _two_reports(data_dir)
    with _open(data_dir) as lazy:
        pragmas = [lazy._query(f"PRAGMA {name}")[0][0]
                   for name in ("journal_mode", "synchronous", "foreign_keys")]
        assert pragmas == ["wal", 2, 1]  # synchronous=FULL is 2


def _break_answers_page(db_path: Path) -> None:
    """Overwrite the cells of one leaf page of the answers table: ``quick_check`` fails, while
    the settings and reports the window's first page reads stay readable."""
    connection = sqlite3.connect(db_path)
    try:
        page = connection.execute("SELECT pageno FROM dbstat WHERE name = 'answers' AND pagetype = 'leaf' "
                                  "ORDER BY pageno LIMIT 1").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    with db_path.open("r+b") as handle:
        handle.seek((page - 1) * size + 8)
        handle.write(b"\xff" * (size - 8))


def test_the_quick_check_runs_beside_the_start_and_every_write_waits_for_it(data_dir: Path) -> None:
    _with_answers(data_dir)
    db_path = data_dir / database.DB_NAME
    set_last_check(db_path, timedelta(hours=1))  # the daily full check is not due
    _break_answers_page(db_path)
    before = db_path.read_bytes()
    store = _open(data_dir)
    try:
        assert isinstance(store, LazyStore)
        assert store.get_setting(database.FULL_CHECK_SETTING)  # the first page is read meanwhile
        with pytest.raises(errors.StoreCorrupt):
            store.set_setting("language", "ru")
        with pytest.raises(errors.StoreCorrupt):
            store.wait_checked()  # the verdict stays
        with pytest.raises(errors.StoreCorrupt):
            store.answers(1)  # no real store over a damaged file either
    finally:
        store.close()
    assert db_path.read_bytes() == before  # nothing was written


def test_a_sound_database_passes_its_quick_check_and_takes_writes(data_dir: Path) -> None:
    _two_reports(data_dir)
    set_last_check(data_dir / database.DB_NAME, timedelta(hours=1))
    with _open(data_dir) as store:
        store.wait_checked()
        store.set_setting("language", "en")
        assert store.get_setting("language") == "en"


def test_a_private_name_or_a_signer_lookup_does_not_make_the_real_store(data_dir: Path) -> None:
    _two_reports(data_dir)
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        registered = store.add_trusted_signer("KZ", "AB:" * 31 + "AB", "Aigul")
    with _open(data_dir) as store:
        assert isinstance(store, LazyStore)
        assert getattr(store, "_trust_legacy_checked", False) is False  # as verify asks
        assert store.trusted_signers_with_fingerprint(registered.fingerprint) == [registered]
        assert store.trusted_signers_with_fingerprint("CD:" * 31 + "CD") == []
        assert store._real is None
        assert store.list_trusted_signers() == [registered]  # anything else: the real store
        assert store._real is not None
