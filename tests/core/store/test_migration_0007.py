"""Migration 0007 (issue 15): a submission received before it can be set aside after it."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from cami_desktop.core.store import Store, database, migrate

from .conftest import APP_VERSION

SUBMISSION = {
    "id": 7, "sha256": "b" * 64, "source": "/mail/np.zip", "received_at": "2026-05-05T08:00:00.000000+00:00",
    "report_uid": "u" * 32, "form_id": "cami-pow-2014-2020", "form_version": "1.1", "country": "NP",
    "period": "2017-2020", "language": "en", "revision": 1, "report_status": "final", "draft": 0,
    "created": "2026-05-04T09:12:30Z", "signer_name": "Sita Gurung", "signer_fingerprint": "AB:" * 31 + "AB",
    "verdict": "registered", "reasons": "[]", "completeness": 90, "progress_state": "partial",
    "superseded_by": None, "answers": '{"range_state": "NP"}', "translations": "{}",
}


def build_0006(data_dir: Path, *more: dict) -> Path:
    data_dir.mkdir(parents=True)
    db_path = data_dir / database.DB_NAME
    engine, _ = database.create_store_engine(db_path)
    migrate.upgrade(engine, "0006")
    engine.dispose()
    connection = sqlite3.connect(db_path)
    with connection:
        columns = ", ".join(SUBMISSION)
        marks = ", ".join("?" for _ in SUBMISSION)
        for values in (SUBMISSION, *more):
            connection.execute(f"INSERT INTO submissions ({columns}) VALUES ({marks})", tuple(values.values()))
    connection.close()
    return db_path


def test_a_0006_inbox_is_upgraded_and_its_submission_can_be_set_aside(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    build_0006(data_dir)
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        [record] = store.list_submissions()
        assert record.id == 7 and record.current and not record.set_aside and record.set_aside_at is None
        aside = store.set_submission_aside(7, "A test package")
        assert aside.set_aside_reason == "A test package" and aside.set_aside_at is not None
        assert not aside.current and store.list_submissions(current_only=True) == []
        assert store.set_submission_aside(7, None).current
        assert store.submission_answers(7) == ({"range_state": "NP"}, {})
    connection = sqlite3.connect(data_dir / database.DB_NAME)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(submissions)")]
    assert columns[-2:] == ["set_aside_reason", "set_aside_at"]
    assert migrate.read_revision(connection) == "0007" == migrate.HEAD_REVISION
    connection.close()


def test_a_strangers_package_made_current_before_0007_gives_way_to_the_registered_one(tmp_path: Path) -> None:
    """Before issue 15 the impostor's higher revision was current; the upgrade settles it again."""
    data_dir = tmp_path / "data"
    registered = {**SUBMISSION, "superseded_by": 8}
    impostor = {**SUBMISSION, "id": 8, "sha256": "c" * 64, "revision": 2, "signer_name": "Impostor Nepal",
                "signer_fingerprint": "CD:" * 31 + "CD", "verdict": "unregistered", "superseded_by": None}
    build_0006(data_dir, impostor)
    connection = sqlite3.connect(data_dir / database.DB_NAME)
    with connection:
        connection.execute("UPDATE submissions SET superseded_by = 8 WHERE id = 7")
    connection.close()
    assert registered["superseded_by"] == 8
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        records = {r.id: r for r in store.list_submissions()}
        assert records[7].current and records[7].superseded_by is None
        assert not records[8].current and records[8].superseded_by is None
        assert [r.id for r in store.list_submissions(current_only=True)] == [7]


def test_an_organizations_unregistered_packages_stop_counting_at_0007(tmp_path: Path) -> None:
    """Before, any intact package naming an organization counted; its signer must now be registered."""
    data_dir = tmp_path / "data"
    org = {**SUBMISSION, "form_id": "concerted-action", "country": "Saiga Conservation Alliance",
           "verdict": "unregistered", "superseded_by": 9}
    stranger = {**org, "id": 9, "sha256": "d" * 64, "revision": 9, "signer_name": "Stranger",
                "signer_fingerprint": "EF:" * 31 + "EF", "superseded_by": None}
    build_0006(data_dir, {**org, "id": 8, "sha256": "c" * 64}, stranger)
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        records = {r.id: r for r in store.list_submissions()}
        assert records[7].current  # Nepal's registered report is untouched
        assert not records[8].current and records[8].superseded_by is None
        assert not records[9].current and records[9].superseded_by is None
        assert [r.id for r in store.list_submissions(current_only=True)] == [7]
