"""The stored completeness of each report always equals a fresh review of its answers (issue 10).

Whatever changed the answers (the session, a fill, finalizing, reopening, a write that went to
the store directly, or an upgrade from a database without summaries), the summaries the report
list reads are the ones a review of the stored answers computes now.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.listing import report_summaries
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.reports.summary import SUMMARY_BASIS, summary_of
from cami_desktop.core.store import Store, database, migrate

POW = "cami-pow-2014-2020"


@pytest.fixture
def library():
    return default_library()


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data", app_version="test", backups=False) as opened:
        yield opened


def recomputed(store, library, report_id: int):
    """A fresh review of what is stored now (a new session, not the one that wrote)."""
    return summary_of(ReportSession.open(store, library, report_id).review())


def stored(store, deleted: bool = False):
    return store.report_summaries(SUMMARY_BASIS, deleted=deleted)


def test_editing_filling_finalizing_and_reopening_keep_the_stored_summary_current(store, library):
    form = library.get(POW)
    answers = sample_answers(form, seed=3)
    record = create_report(store, library, form_id=POW, country="KZ", period="2021-2024")
    session = ReportSession.open(store, library, record.id)

    keys = list(answers)[:40]
    for key in keys:
        session.set(key, answers[key])
    session.review()  # what the editor does after typing
    assert stored(store)[record.id] == recomputed(store, library, record.id)
    assert 0 < stored(store)[record.id].percent < 100

    session.set(keys[0], None)  # a change not yet reviewed: the stored one is no longer current
    assert record.id not in stored(store)
    session.review()
    assert stored(store)[record.id] == recomputed(store, library, record.id)

    session.fill(answers)
    full = stored(store)[record.id]
    assert full == recomputed(store, library, record.id)
    assert full.answered > 40 and full.errors == 0

    session.finalize(name="A. Focal Point")
    assert stored(store)[record.id] == recomputed(store, library, record.id)
    session.reopen()
    assert stored(store)[record.id] == recomputed(store, library, record.id)


def test_a_change_made_without_a_session_is_recomputed_and_stored_on_listing(store, library):
    records = [create_report(store, library, form_id=form_id, country="KZ", period="2023")
               for form_id in (POW, "saiga-mou", "bukhara-deer-mou")]
    for record in records:
        form = library.get(record.form_id)
        store.set_answers(record.id, dict(list(sample_answers(form, seed=5).items())[:25]))
    assert not stored(store)

    listed = store.list_reports()
    summaries = report_summaries(store, library, listed)
    for record in records:
        assert summaries[record.id] == recomputed(store, library, record.id)
    assert stored(store) == summaries  # kept, so the next listing reviews nothing


def test_the_trash_has_its_own_summaries(store, library):
    record = create_report(store, library, form_id="saiga-mou", country="MN", period="2024")
    store.delete_report(record.id)
    assert report_summaries(store, library, store.list_reports()) == {}
    trash = report_summaries(store, library, store.list_reports(deleted=True), deleted=True)
    assert trash[record.id] == recomputed(store, library, record.id)


def test_a_summary_from_another_version_is_not_trusted(store, library):
    record = create_report(store, library, form_id="saiga-mou", country="MN", period="2024")
    wrong = summary_of(ReportSession.open(store, library, record.id).review())
    store.save_summaries({record.id: wrong}, "0.0.1/1")
    assert record.id not in stored(store)
    assert report_summaries(store, library, store.list_reports())[record.id] == wrong


def test_an_upgraded_database_gets_its_summaries_on_the_first_listing(tmp_path, library):
    """A database of revision 0002 (before summaries) with a half-answered report."""
    data_dir = tmp_path / "old"
    data_dir.mkdir()
    db_path = data_dir / database.DB_NAME
    engine, _ = database.create_store_engine(db_path)
    migrate.upgrade(engine, "0002")
    engine.dispose()
    form = library.get(POW)
    answers = dict(list(sample_answers(form, seed=7).items())[:60])
    stamp = "2024-03-01T10:00:00.000000+00:00"
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(
            "INSERT INTO reports (id, uid, form_id, form_version, country, period, language, status,"
            " revision, created_at, updated_at) VALUES (1, ?, ?, ?, 'UZ', '2021-2024', 'en', 'draft', 1, ?, ?)",
            ("b" * 32, POW, form.version, stamp, stamp))
        for key, value in answers.items():
            connection.execute("INSERT INTO answers VALUES (1, ?, ?)",
                               (key, json.dumps(value, ensure_ascii=False)))
    connection.close()

    with Store.open(data_dir, app_version="test", backups=False) as store:
        assert stored(store) == {}
        summaries = report_summaries(store, library, store.list_reports())
        assert summaries[1] == recomputed(store, library, 1)
        assert 0 < summaries[1].answered < summaries[1].total
        assert stored(store) == summaries


def test_confirming_carried_over_answers_is_seen_although_no_answer_changed(store, library):
    from cami_desktop.core.cycle.carry import confirm, start_from

    form = library.get("saiga-mou")
    source = create_report(store, library, form_id=form.id, country="KZ", period="2022")
    ReportSession.open(store, library, source.id).fill(sample_answers(form, seed=8))
    carried = start_from(store, library, source.id, period="2023")
    report_id = carried.record.id
    before = report_summaries(store, library, store.list_reports())[report_id]
    assert before == recomputed(store, library, report_id)

    confirm(store, report_id)  # no answer changes, completeness does
    after = report_summaries(store, library, store.list_reports())[report_id]
    assert after == recomputed(store, library, report_id)
    assert after.answered > before.answered
