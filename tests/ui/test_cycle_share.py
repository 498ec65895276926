"""Share sections offline: share, open the copy, return answers, import with a per-question diff."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt

from cami_desktop.core import cycle
from cami_desktop.core.cycle import share as sharing
from cami_desktop.ui.background import running


def shared_report(app, qtbot, tmp_path, sections=("populations",), email=""):
    record = app.report()
    app.store.set_answers(record.id, {"population_estimate": 1000, "estimate_method": "Ground count"})
    editor = app.window.open_report(record.id)
    dialog = app.window.cycle_actions.share_dialog()
    dialog.check(list(sections))
    dialog.path.setText(str(tmp_path / "shared.json"))
    dialog.email.setText(email)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    qtbot.waitUntil(lambda: running() == 0, timeout=5000)
    dialog.close()
    return record, editor, dialog.result


def test_share_dialog_writes_the_file_and_an_email_draft(app, qtbot, tmp_path):
    record, _, result = shared_report(app, qtbot, tmp_path, email="colleague@example.org")
    assert result.path.exists() and not result.signed
    assert "population_estimate" in result.keys and "presence" in result.keys
    assert result.email is not None and result.email.exists()
    events = [e.kind for e in app.store.events(record.id)]
    assert "shared" in events


def test_no_section_chosen_is_refused_with_a_message(app, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    record = app.report()
    app.window.open_report(record.id)
    dialog = app.window.cycle_actions.share_dialog()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    dialog.path.setText(str(tmp_path / "x.json"))
    dialog.start()
    assert shown and "section" in shown[0]
    assert not (tmp_path / "x.json").exists()
    dialog.close()


def colleague_returns(app, qtbot, tmp_path, shared_path):
    """The colleague's side, in the same window: open, answer, return."""
    app.window.close_report()
    editor = app.window.cycle_actions.open_shared_file(shared_path)
    assert editor is not None
    copy_id = editor.session.record.id
    assert app.store.shared_copy(copy_id) is not None
    assert app.window.cycle_actions.return_answers.isEnabled()
    assert not app.window.cycle_actions.share.isEnabled()
    assert editor.cycle.bar.return_button.isVisibleTo(editor)
    editor.goto_question("population_estimate")
    row = editor.row("population_estimate")
    assert row.widget.edit.text() == "1000"
    assert row.cycle_marks.supplier_text() == ""  # a sender without a name is no blank "Supplied by"
    row.widget.edit.clear()
    qtbot.keyClicks(row.widget.edit, "1250")
    editor.goto_question("estimate_year")
    qtbot.keyClicks(editor.row("estimate_year").widget.edit, "2024")
    editor.flush()
    dialog = app.window.cycle_actions.return_dialog()
    dialog.name.setText("Bolat Isaev")
    dialog.agency.setText("Institute of Zoology")
    dialog.path.setText(str(tmp_path / "back.json"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    qtbot.waitUntil(lambda: running() == 0, timeout=5000)
    dialog.close()
    return copy_id, tmp_path / "back.json"


def test_open_shared_twice_is_refused(app, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    _, _, result = shared_report(app, qtbot, tmp_path)
    assert app.window.cycle_actions.open_shared_file(result.path) is not None
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    assert app.window.cycle_actions.open_shared_file(result.path) is None
    assert shown and "already open" in shown[0]


def test_import_answers_diff_accept_and_reject(app, qtbot, tmp_path, monkeypatch):
    record, _, result = shared_report(app, qtbot, tmp_path)
    _, back = colleague_returns(app, qtbot, tmp_path, result.path)
    app.window.close_report()
    editor = app.window.open_report(record.id)
    # meanwhile we changed the method ourselves: not overwritten silently
    editor.goto_question("estimate_method")
    dialog = app.window.cycle_actions.import_file(back)
    assert dialog is not None
    states = {i.key: i.state for i in dialog.items}
    assert states["population_estimate"] == sharing.THEIRS
    assert states["estimate_year"] == sharing.THEIRS
    assert states["estimate_method"] == sharing.SAME
    pending = {i.key for i in dialog.pending()}
    assert pending == {"population_estimate", "estimate_year"}
    rows = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert any("Population" in text or "population" in text for text in rows)
    # nothing written until accepted
    assert app.store.answers(record.id)["population_estimate"] == 1000
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.items[r].key == "population_estimate")
    accept_button = dialog.table.cellWidget(row, 4).findChildren(type(dialog.accept_all_button))[0]
    threads = []
    real_accept = cycle.accept_return
    monkeypatch.setattr(cycle, "accept_return",
                        lambda *a, **k: threads.append(threading.get_ident()) or real_accept(*a, **k))
    accept_button.click()
    assert dialog.busy and not dialog.accept_all_button.isEnabled()  # no second decision meanwhile
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert threads and threads[0] != threading.get_ident()  # taken on the background helper
    assert app.store.answers(record.id)["population_estimate"] == 1250
    editor.goto_question("population_estimate")
    shown = editor.row("population_estimate")
    assert shown.widget.edit.text() == "1250"
    assert shown.cycle_marks.isVisibleTo(editor)
    assert "Bolat Isaev (Institute of Zoology), unsigned return" in shown.cycle_marks.supplier_text()
    # the answer's history says who supplied the change, and that the return was not signed
    from cami_desktop.ui.editor.history_dialog import HistoryDialog
    history = HistoryDialog(app.store, editor.session, "population_estimate", editor)
    qtbot.addWidget(history)
    newest = history.list.topLevelItem(0)
    assert newest.text(2) == "1250"
    assert newest.text(3) == "Supplied by Bolat Isaev (Institute of Zoology), unsigned return"
    assert history.list.topLevelItem(history.list.topLevelItemCount() - 1).text(3) == ""
    dialog.reject_all_button.click()
    assert "estimate_year" not in app.store.answers(record.id)
    assert {i.key: i.decided for i in dialog.items}["estimate_year"] == "rejected"
    assert not dialog.pending()
    dialog.close()
    # the acceptance is one undo step
    app.window.cycle_actions.undo.trigger()
    assert app.store.answers(record.id)["population_estimate"] == 1000


def test_conflict_shown_and_accept_all_overturns_nothing(app, qtbot, tmp_path):
    """Accept all takes only what the colleague alone changed: never a conflict, never an
    answer rejected before; a conflict is taken on its own row (issue 15)."""
    record, editor, result = shared_report(app, qtbot, tmp_path)
    _, back = colleague_returns(app, qtbot, tmp_path, result.path)
    app.window.close_report()
    app.store.set_answers(record.id, {"population_estimate": 1100})  # both changed it
    app.window.open_report(record.id)
    dialog = app.window.cycle_actions.import_file(back)
    states = {i.key: i.state for i in dialog.items}
    assert states["population_estimate"] == sharing.CONFLICT
    assert states["estimate_year"] == sharing.THEIRS
    before = app.store.answers(record.id).get("estimate_year")
    dialog.reject_keys(["estimate_year"])
    assert not dialog.accept_all_button.isEnabled()  # nothing left that only they changed
    dialog.accept_keys(None)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    answers = app.store.answers(record.id)
    assert answers["population_estimate"] == 1100 and answers.get("estimate_year") == before
    shown = {i.key: (i.state, i.decided) for i in dialog.items}
    assert shown["estimate_year"] == (sharing.THEIRS, "rejected")
    assert shown["population_estimate"] == (sharing.CONFLICT, None)
    dialog.accept_keys(["population_estimate"])  # named on its row: taken
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert app.store.answers(record.id)["population_estimate"] == 1250
    dialog.close()
    # the decisions are there when the same return is opened again
    again = app.window.cycle_actions.import_file(back)
    decided = {i.key: i.decided for i in again.items}
    assert decided["estimate_year"] == "rejected" and decided["population_estimate"] == "accepted"
    assert again.table.item(0, 3) is not None
    texts = [again.table.item(row, 3).text() for row in range(again.table.rowCount())]
    assert "Rejected" in texts and "Accepted" in texts
    again.close()


def test_signed_share_and_a_wrong_passphrase(app, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from cami_desktop.core.signing import create_identity
    create_identity(app.folder, name="Aigul Nurlanova", country="KZ", passphrase="correct horse battery")
    record = app.report()
    app.window.open_report(record.id)
    dialog = app.window.cycle_actions.share_dialog()
    dialog.check(["populations"])
    dialog.path.setText(str(tmp_path / "signed.json"))
    assert dialog.sign.isEnabled()
    dialog.sign.setChecked(True)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    dialog.passphrase.setText("wrong")
    dialog.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert dialog.result is None and not (tmp_path / "signed.json").exists()
    assert shown[0].strip() and "Traceback" not in shown[0]
    dialog.passphrase.setText("correct horse battery")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    qtbot.waitUntil(lambda: running() == 0, timeout=5000)
    assert dialog.result.signed
    dialog.close()
    app.window.close_report()
    editor = app.window.cycle_actions.open_shared_file(tmp_path / "signed.json")
    assert editor is not None
    assert "Aigul Nurlanova" in app.window.statusBar().currentMessage()


def test_a_return_file_gone_before_accepting_is_one_message_and_changes_nothing(app, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    record, _, result = shared_report(app, qtbot, tmp_path)
    _, back = colleague_returns(app, qtbot, tmp_path, result.path)
    app.window.close_report()
    app.window.open_report(record.id)
    dialog = app.window.cycle_actions.import_file(back)
    before = app.store.answers(record.id)
    back.unlink()  # moved away while the dialog was open
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    dialog.accept_all_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert not dialog.busy and dialog.accept_all_button.isEnabled()
    assert "Traceback" not in shown[0] and len(shown[0].splitlines()) == 1
    assert app.store.answers(record.id) == before
    dialog.close()


def test_a_cyrillic_organization_gives_a_readable_share_file_name(app, qtbot):
    from cami_desktop.core.reports.session import create_report

    record = create_report(app.store, app.ctx.library, form_id="concerted-action",
                           organization="Рабочая группа «Манул»", period="2025", language="ru")
    app.window.open_report(record.id)
    dialog = app.window.cycle_actions.share_dialog()
    assert Path(dialog.path.text()).name == "concerted-action-Rabochaia-gruppa-Manul-2025-shared.json"
    dialog.close()


def test_every_label_of_the_share_dialog_has_its_field(app, qtbot):
    app.window.open_report(app.report().id)
    dialog = app.window.cycle_actions.share_dialog()
    for label in dialog.labels:
        assert label.buddy() is not None, label.text()  # else "&File" shows its ampersand
    assert dialog.labels[-1].buddy() is dialog.path
    dialog.close()


def test_a_colleagues_note_is_a_row_to_decide(app, qtbot, tmp_path):
    """A note for the Secretariat in a return is shown and decided, never taken unseen (issue 15)."""
    from cami_desktop.core.store import Store
    record, editor, result = shared_report(app, qtbot, tmp_path)
    with Store.open(tmp_path / "colleague", app_version="test", backups=False) as theirs:
        copy, _ = cycle.open_share(theirs, app.ctx.library, result.path)
        theirs.set_comment(copy.id, "population_estimate", "<b>Census</b> of 2024", "secretariat")
        back = cycle.export_return(theirs, app.ctx.library, copy.id, tmp_path / "back.json",
                                   supplier={"name": "Bolat", "agency": ""})
    dialog = app.window.cycle_actions.import_file(back)
    [row] = [r for r in range(dialog.table.rowCount()) if dialog.items[r].key == "note:population_estimate"]
    assert dialog.table.item(row, 0).text().startswith("Note on ")
    assert dialog.table.item(row, 2).text() == "For the Secretariat: <b>Census</b> of 2024"
    assert dialog.intro.textFormat() == Qt.PlainText
    dialog.accept_keys(None)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert app.store.comments(record.id)["population_estimate"].text == "<b>Census</b> of 2024"
    assert {i.key: i.decided for i in dialog.items}["note:population_estimate"] == "accepted"
    dialog.close()


def test_a_pasted_name_and_agency_are_cleaned_as_one_line_answers(app, qtbot, tmp_path, monkeypatch):
    """Word's line break in the agency is a space and an escape code goes, so the file is written
    and the colleague can open it (the core refuses what the receiver would refuse)."""
    from cami_desktop.ui import plain
    refused = []  # a refusal would be a modal box: recorded instead
    monkeypatch.setattr(plain, "warning", lambda parent, title, text, *a, **k: refused.append(text))
    record = app.report()
    app.window.open_report(record.id)
    dialog = app.window.cycle_actions.share_dialog()
    dialog.check(["populations"])
    dialog.path.setText(str(tmp_path / "shared.json"))
    dialog.name.setText("Dilnoza\x1b[31m Karimova")
    dialog.agency.setText("State Committee\x0bfor Ecology")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None or bool(refused), timeout=30000)
    qtbot.waitUntil(lambda: running() == 0, timeout=5000)
    dialog.close()
    assert refused == []
    payload, _ = cycle.sharefile.read(dialog.result.path)
    assert payload["from"] == {"name": "Dilnoza[31m Karimova", "agency": "State Committee for Ecology"}
