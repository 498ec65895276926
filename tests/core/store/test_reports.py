"""Reports: creation, lookup, the trash, finalizing and reopening, events."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cami_desktop.core import errors
from cami_desktop.core.store import ReportRecord, Store

from .conftest import APP_VERSION


def _new(store: Store, country: str = "KZ", period: str = "2024") -> ReportRecord:
    return store.create_report(
        form_id="cami-national-report", form_version="2024.1", country=country,
        period=period, language="ru",
    )


def test_a_new_report_is_an_empty_draft(store: Store, report: ReportRecord) -> None:
    assert report.status == "draft" and report.revision == 1
    assert len(report.uid) == 32 and int(report.uid, 16) >= 0
    assert report.created_at.tzinfo == timezone.utc
    assert abs((datetime.now(timezone.utc) - report.created_at).total_seconds()) < 60
    assert report.updated_at == report.created_at
    assert report.finalized_at is None and report.deleted_at is None
    assert report.declaration is None
    assert store.get_report(report.id) == report
    assert store.answers(report.id) == {}
    assert [e.kind for e in store.events(report.id)] == ["created"]
    assert store.events(report.id)[0].detail == {"app_version": APP_VERSION}


def test_unknown_report(store: Store) -> None:
    for call in (store.get_report, store.answers, store.history, store.events,
                 store.delete_report, store.reopen_report):
        with pytest.raises(errors.ReportNotFound):
            call(404)
    with pytest.raises(errors.ReportNotFound):
        store.set_answer(404, "q1", "x")


def test_find_reports_for_the_duplicate_warning(store: Store) -> None:
    first = _new(store)
    second = _new(store)
    _new(store, country="UZ")
    _new(store, period="2025")
    found = store.find_reports(form_id="cami-national-report", country="KZ", period="2024")
    assert [r.id for r in found] == [first.id, second.id]
    store.delete_report(first.id)
    found = store.find_reports(form_id="cami-national-report", country="KZ", period="2024")
    assert [r.id for r in found] == [second.id]


def test_list_reports_most_recent_first(store: Store) -> None:
    older, newer = _new(store), _new(store)
    assert [r.id for r in store.list_reports()] == [newer.id, older.id]
    store.set_answer(older.id, "q1", "touched")
    assert [r.id for r in store.list_reports()] == [older.id, newer.id]


def test_trash_restore_and_purge(store: Store) -> None:
    kept, trashed = _new(store), _new(store)
    store.set_answer(trashed.id, "q1", "still here")
    store.delete_report(trashed.id)
    assert [r.id for r in store.list_reports()] == [kept.id]
    assert [r.id for r in store.list_reports(deleted=True)] == [trashed.id]
    assert store.get_report(trashed.id).deleted_at is not None
    assert store.answers(trashed.id) == {"q1": "still here"}

    store.restore_report(trashed.id)
    assert store.get_report(trashed.id).deleted_at is None
    assert store.list_reports(deleted=True) == []
    assert [e.kind for e in store.events(trashed.id)] == ["created", "deleted", "restored"]

    with pytest.raises(errors.StoreError, match="not in the trash"):
        store.purge_report(trashed.id)
    assert store.answers(trashed.id) == {"q1": "still here"}

    store.delete_report(trashed.id)
    store.purge_report(trashed.id)
    with pytest.raises(errors.ReportNotFound):
        store.get_report(trashed.id)
    with store._read() as connection:  # the cascade removed what the report held
        for table in ("answers", "answer_history", "report_events"):
            count = connection.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE report_id = ?", (trashed.id,)
            ).scalar()
            assert count == 0, table
    # A purged report's number is never reused.
    assert _new(store).id > trashed.id


def test_finalize_locks_and_reopen_makes_a_new_revision(store: Store, report: ReportRecord) -> None:
    store.set_answer(report.id, "q1", "before")
    declaration = {"name": "Айгуль", "position": "Focal point", "date": "2024-12-01"}
    final = store.finalize_report(report.id, declaration)
    assert final.status == "final" and final.revision == 1
    assert final.declaration == declaration and final.finalized_at is not None

    with pytest.raises(errors.ReportLocked) as locked:
        store.set_answer(report.id, "q1", "after")
    assert "Reopen" in str(locked.value)
    with pytest.raises(errors.ReportLocked):
        store.set_answers(report.id, {"q2": 1})
    with pytest.raises(errors.ReportLocked):
        store.set_translation(report.id, "q1", "before (en)")
    with pytest.raises(errors.ReportLocked):
        store.finalize_report(report.id, declaration)
    assert store.answers(report.id) == {"q1": "before"}
    assert len(store.history(report.id)) == 1

    reopened = store.reopen_report(report.id)
    assert reopened.status == "reopened" and reopened.revision == 2
    assert reopened.finalized_at is None and reopened.declaration is None
    assert store.set_answer(report.id, "q1", "after") is True
    with pytest.raises(errors.StoreError, match="not final"):
        store.reopen_report(report.id)

    again = store.finalize_report(report.id, {**declaration, "date": "2024-12-02"})
    assert again.revision == 2
    assert store.reopen_report(report.id).revision == 3
    events = store.events(report.id)
    assert [e.kind for e in events] == [
        "created", "finalized", "reopened", "finalized", "reopened"
    ]
    # What was declared for revision 1 is kept in its event after reopening.
    assert events[1].detail["declaration"] == declaration and events[1].detail["revision"] == 1
    assert events[2].detail["revision"] == 2


def test_events_added_by_callers(store: Store, report: ReportRecord) -> None:
    store.add_event(report.id, "exported", {"format": "pdf", "file": "Отчёт.pdf"})
    store.add_event(report.id, "sent")
    events = store.events(report.id)
    assert [(e.kind, e.detail) for e in events[1:]] == [
        ("exported", {"format": "pdf", "file": "Отчёт.pdf"}), ("sent", {})
    ]
    assert events[1].at <= events[2].at
    with pytest.raises(errors.ReportNotFound):
        store.add_event(404, "exported")
