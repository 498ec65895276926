"""Schema migrations: an old database is copied aside, upgraded and keeps its data; a newer
one is refused without a byte changed."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from cami_desktop.core import errors
from cami_desktop.core.store import Store, database, migrate, schema

from .conftest import APP_VERSION

OLD_REPORT = (
    1, "a" * 32, "cami-national-report", "2023.2", "MN", "2023", "ru", "final", 2,
    "2023-05-01T08:00:00.000000+00:00", "2023-05-02T09:30:00.500000+00:00",
    "2023-05-02T09:30:00.500000+00:00",
)
OLD_ANSWERS = {"q1": "Снежный барс 🐆", "q2": 42, "q3": [{"species": "Saiga", "count": 1.5}]}


def build_0001(data_dir: Path) -> Path:
    """A database at revision 0001 holding a final report, its answers and history."""
    data_dir.mkdir(parents=True)
    db_path = data_dir / database.DB_NAME
    engine, _ = database.create_store_engine(db_path)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", OLD_REPORT)
        for key, value in OLD_ANSWERS.items():
            text = json.dumps(value, ensure_ascii=False)
            connection.execute("INSERT INTO answers VALUES (1, ?, ?)", (key, text))
            connection.execute(
                "INSERT INTO answer_history (report_id, at, key, old, new)"
                " VALUES (1, '2023-05-01T08:10:00.000000+00:00', ?, NULL, ?)",
                (key, text),
            )
    connection.close()
    return db_path


def _revision(db_path: Path) -> str | None:
    connection = sqlite3.connect(f"{db_path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return migrate.read_revision(connection)
    finally:
        connection.close()


def test_the_revision_list_matches_the_scripts() -> None:
    assert migrate.script_revisions() == list(migrate.REVISIONS)
    assert migrate.REVISIONS[:2] == ("0001", "0002")


def test_head_schema_matches_the_tables_the_store_queries(tmp_path: Path) -> None:
    with Store.open(tmp_path, app_version=APP_VERSION, backups=False) as store:
        inspector = inspect(store._engine)
        for table in schema.metadata.sorted_tables:
            found = {c["name"]: c["nullable"] for c in inspector.get_columns(table.name)}
            expected = {c.name: c.nullable for c in table.columns}
            assert found == expected, table.name
            indexes = {i["name"] for i in inspector.get_indexes(table.name)}
            assert {i.name for i in table.indexes} <= indexes, table.name


def test_an_old_database_is_backed_up_and_upgraded_with_its_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    db_path = build_0001(data_dir)
    assert _revision(db_path) == "0001"

    with Store.open(data_dir, app_version=APP_VERSION) as store:
        report = store.get_report(1)
        assert (report.uid, report.country, report.status) == ("a" * 32, "MN", "final")
        assert report.revision == 2
        assert report.finalized_at.isoformat() == "2023-05-02T09:30:00.500000+00:00"
        assert report.deleted_at is None and report.declaration is None
        assert store.answers(1) == OLD_ANSWERS
        history = store.history(1)
        assert [(h.key, h.kind, h.old, h.new) for h in history] == [
            (key, "value", None, value) for key, value in OLD_ANSWERS.items()
        ]
        assert store.events(1) == []
        backups = {b.kind: b for b in store.list_backups()}
        # The new tables work on the migrated data.
        store.set_setting("profile", {"name": "Батор"})
        store.reopen_report(1)
        store.set_translation(1, "q1", "Snow leopard")
    assert _revision(db_path) == migrate.HEAD_REVISION

    before = backups["before-migration"]
    assert before.name.startswith("cami-before-migration-0001-")
    assert "automatic" in backups  # the daily backup, made after the upgrade
    assert _revision(before.path) == "0001"
    copy = sqlite3.connect(f"{before.path.absolute().as_uri()}?mode=ro", uri=True)
    assert copy.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert copy.execute("SELECT * FROM reports").fetchall() == [OLD_REPORT]
    stored = dict(copy.execute("SELECT key, value FROM answers").fetchall())
    copy.close()
    assert {k: json.loads(v) for k, v in stored.items()} == OLD_ANSWERS

    # The copy is itself a database this version can open (and upgrade).
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(before.path, elsewhere / database.DB_NAME)
    with Store.open(elsewhere, app_version=APP_VERSION, backups=False) as store:
        assert store.answers(1) == OLD_ANSWERS


def test_a_failed_migration_leaves_the_old_revision(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    db_path = build_0001(data_dir)
    connection = sqlite3.connect(db_path)
    # A table in the way of revision 0002, which creates "settings" after altering "reports".
    connection.execute("CREATE TABLE settings (x)")
    connection.commit()
    connection.close()
    with pytest.raises(Exception, match="settings"):
        Store.open(data_dir, app_version=APP_VERSION, backups=False)
    assert _revision(db_path) == "0001"
    connection = sqlite3.connect(db_path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(reports)")]
    assert "deleted_at" not in columns  # 0002's first step was rolled back with the rest
    assert connection.execute("SELECT count(*) FROM answers").fetchone() == (3,)
    connection.close()


def test_a_database_from_a_newer_version_is_refused_unchanged(data_dir: Path) -> None:
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        report = store.create_report(
            form_id="f", form_version="1", country="TJ", period="2025", language="en"
        )
        store.set_answer(report.id, "q1", "kept")
    db_path = data_dir / database.DB_NAME
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = db_path.read_bytes()
    files_before = sorted(p.name for p in data_dir.rglob("*"))

    with pytest.raises(errors.NewerDatabase) as refused:
        Store.open(data_dir, app_version=APP_VERSION)
    assert refused.value.params["revision"] == "9999_from_the_future"
    assert "newer version" in str(refused.value) and str(db_path) in str(refused.value)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in data_dir.rglob("*")) == files_before  # no backup either
    # The failed open released the lock: the newer version could open it right away.
    database.acquire_lock(data_dir).release()
