"""Nothing signed unseen (issue 15): a package holds only the answers of the questions shown
when the report is made final; hidden answers stay in the store and come back when shown."""
from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pypdfium2 as pdfium
import pytest

from cami_desktop.core import cycle
from cami_desktop.core.export.package import export_package
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.signing import create_identity, unlock
from tests.helpers.answers import full_answers

POW = "cami-pow-2014-2020"
STATUS, ACTIONS, PARTNERS = "status[1.1.1]", "actions[1.1.1]", "partners[1.1.1]"
HIDDEN = "Zapovednik ranger patrols 7f3a"
HIDDEN_EN = "Translated ranger text 9c2e"
NOTE = "Hidden note 4b1d for the Secretariat"


@pytest.fixture
def identity(tmp_path):
    create_identity(tmp_path / "id", name="Dilnoza Karimova", passphrase="correct horse 42")
    return unlock(tmp_path / "id", "correct horse 42")


def _pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _workbook_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return " ".join(str(cell) for sheet in book.worksheets
                    for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


def _package(result) -> dict:
    with zipfile.ZipFile(result.path) as archive:
        names = [n for n in archive.namelist() if "/" not in n]
        member = lambda end: archive.read(next(n for n in names if n.endswith(end)  # noqa: E731
                                                and n != "manifest.json"))
        return {"json": json.loads(member(".json")), "xlsx": _workbook_text(member(".xlsx")),
                "pdf": _pdf_text(member(".pdf")), "manifest": json.loads(archive.read("manifest.json"))}


def test_hidden_answers_are_never_signed_and_come_back_when_shown(store, library, tmp_path, identity):
    record = create_report(store, library, form_id=POW, country="UZ", period="2019-2021", language="ru")
    session = ReportSession.open(store, library, record.id)
    answers = full_answers(session.form, "ru")
    answers.update({STATUS: "in_progress", ACTIONS: HIDDEN})
    session.fill(answers, {ACTIONS: HIDDEN_EN})
    cycle.set_comment(store, library, record.id, ACTIONS, NOTE)
    session.set(STATUS, "not_started")  # hides "What was done" and its partners
    assert store.answers(record.id)[ACTIONS] == HIDDEN  # kept in the store
    session.finalize(name="Dilnoza Karimova")

    first = _package(export_package(store, library, record.id, tmp_path, identity, comments_in_pdf=True))
    document = first["json"]
    assert ACTIONS not in document["answers"] and PARTNERS not in document["answers"]
    assert document["answers"][STATUS] == "not_started"
    assert ACTIONS not in document["translations"] and ACTIONS not in document.get("comments", {})
    for kind in ("json", "xlsx", "pdf"):
        text = json.dumps(first[kind], ensure_ascii=False) if kind == "json" else first[kind]
        for secret in (HIDDEN, HIDDEN_EN, NOTE):
            assert secret not in text, (kind, secret)
    assert "obstacles[1.1.1]" in document["answers"]  # what "not started" shows is there

    # a hidden answer changed is no change of what is signed
    store.reopen_report(record.id)
    store.set_answer(record.id, ACTIONS, HIDDEN + " (edited)")
    assert cycle.changes(store, record.id, library.get(POW)).items == []
    assert [c.key for c in cycle.changes(store, record.id).items] == [ACTIONS]  # the store's view
    store.set_answer(record.id, ACTIONS, HIDDEN)

    # switching back shows it again, and then it is signed
    session = ReportSession.open(store, library, record.id)
    session.set(STATUS, "in_progress")
    session.finalize(name="Dilnoza Karimova")
    second = _package(export_package(store, library, record.id, tmp_path, identity, comments_in_pdf=True))
    assert second["json"]["answers"][ACTIONS] == HIDDEN
    assert second["json"]["translations"][ACTIONS] == HIDDEN_EN
    assert second["json"]["comments"][ACTIONS] == NOTE
    assert HIDDEN in second["xlsx"] and HIDDEN in second["pdf"].replace("\r\n", " ").replace("\n", " ")
    changed = second["manifest"]["report"]["changed_keys"]
    assert STATUS in changed and ACTIONS in changed  # shown now: a change of what is signed


def test_hidden_carried_answers_are_not_to_confirm_until_shown(store, library, tmp_path, identity):
    record = create_report(store, library, form_id=POW, country="UZ", period="2019-2021", language="en")
    session = ReportSession.open(store, library, record.id)
    answers = full_answers(session.form, "en")
    answers.update({STATUS: "not_started", ACTIONS: HIDDEN})
    session.fill(answers)
    session.finalize(name="Dilnoza Karimova")
    new = cycle.start_from(store, library, record.id, period="2022-2025").record

    waiting = cycle.to_confirm(store, library, new.id)
    every = cycle.unconfirmed(store, new.id)
    assert STATUS in waiting and ACTIONS not in waiting and ACTIONS in every
    assert len(every) > len(waiting)
    order = list(library.get(POW).questions)
    assert waiting == sorted(waiting, key=order.index)  # the form's order, not the keys'
    session = ReportSession.open(store, library, new.id)
    review = session.review()
    assert review.to_confirm == set(waiting)
    assert not any(m.key == ACTIONS for m in review.errors)

    # confirming what shows is enough to make it final; the hidden answer is not signed
    cycle.confirm(store, new.id, waiting)
    session = ReportSession.open(store, library, new.id)
    assert session.review().errors == [] and ACTIONS in session.unconfirmed
    session.set(STATUS, "in_progress")  # now it shows: it waits, and blocks making final
    review = session.review()
    assert ACTIONS in review.to_confirm and any(m.key == ACTIONS for m in review.errors)
    with pytest.raises(Exception, match="cannot be made final"):
        session.finalize(name="Dilnoza Karimova")
    session.set(STATUS, "not_started")
    session.finalize(name="Dilnoza Karimova")
    package = _package(export_package(store, library, new.id, tmp_path, identity))
    assert ACTIONS not in package["json"]["answers"] and HIDDEN not in package["pdf"]
