"""Migration 0006 on a database with reports: final ones get their snapshot, data is kept."""
from __future__ import annotations

import json
import sqlite3

from cami_desktop.core import cycle
from cami_desktop.core.store import database, migrate

from .conftest import open_store


def test_upgrading_keeps_answers_and_snapshots_final_reports(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    db_path = folder / database.DB_NAME
    engine, _ = database.create_store_engine(db_path)
    migrate.upgrade(engine, "0005")
    engine.dispose()
    with sqlite3.connect(db_path) as connection:
        for report_id, status in ((1, "final"), (2, "draft")):
            connection.execute(
                "INSERT INTO reports (id, uid, form_id, form_version, country, period, language, status,"
                " revision, created_at, updated_at) VALUES (?, ?, 'concerted-action', '1', 'TJ', '2023',"
                " 'ru', ?, 1, '2024-01-01T00:00:00.000000+00:00', '2024-01-01T00:00:00.000000+00:00')",
                (report_id, f"{report_id:032d}", status))
            connection.execute("INSERT INTO answers VALUES (?, 'ca_title', ?)",
                               (report_id, json.dumps("Архар")))
        connection.execute("INSERT INTO answer_translations VALUES (1, 'ca_title', 'Argali')")
    connection.close()

    with open_store(folder) as store:
        snapshot = store.snapshot(1, 1)
        assert snapshot.answers == {"ca_title": "Архар"} and snapshot.translations == {"ca_title": "Argali"}
        assert store.snapshot(2, 1) is None
        assert store.answers(2) == {"ca_title": "Архар"} and store.unconfirmed_keys(2) == []
        store.reopen_report(1)
        store.set_answer(1, "ca_title", "Архар (горный баран)")
        assert [c.key for c in cycle.changes(store, 1).items] == ["ca_title"]
