"""The editor: conditions, required questions, tables, errors navigation, finalize, search."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from cami_desktop.ui.editor.finalize_dialog import FinalizeDialog
from cami_desktop.ui.editor.search_bar import search
from tests.helpers.editor import answer_every_error


def open_saiga(app):
    record = app.report()
    return app.window.open_report(record.id)


def test_conditions_show_and_hide(app, qtbot):
    editor = open_saiga(app)
    editor.goto_question("mou_signed")
    row = editor.row("mou_signed")
    options = [o.value for o in row.widget.options()]
    row.widget.radios[options.index("no")].click()
    editor.flush()
    assert editor.session.answers["mou_signed"] == "no"
    assert not editor.row("date_signed").isVisibleTo(editor)
    assert editor.row("target_date").isVisibleTo(editor)
    row.widget.radios[options.index("yes")].click()
    editor.flush()
    assert editor.row("date_signed").isVisibleTo(editor)
    assert not editor.row("target_date").isVisibleTo(editor)


def test_required_and_refused_values_show_beside_question(app, qtbot):
    editor = open_saiga(app)
    editor.goto_question("presence")
    presence = editor.row("presence")
    assert presence.message.isVisibleTo(editor)
    assert "required" in presence.message.text()
    editor.goto_question("population_estimate")
    number = editor.row("population_estimate")
    qtbot.keyClicks(number.widget.edit, "12x")
    assert number.message.isVisibleTo(editor)
    assert app.store.answers(editor.session.record.id)["population_estimate"] == 12  # last valid
    number.widget.edit.clear()
    qtbot.keyClicks(number.widget.edit, "1 500")
    editor.flush()
    assert app.store.answers(editor.session.record.id)["population_estimate"] == 1500
    assert not number.message.isVisibleTo(editor)


def test_table_add_edit_reorder_remove(app, qtbot):
    editor = open_saiga(app)
    editor.goto_question("subpopulations")
    qtbot.wait(5)
    field = editor.row("subpopulations").widget
    key = editor.session.record.id
    first_col = field.field.columns[0]
    for name in ("Ustyurt", "Betpak-Dala"):
        field.add_row()
        qtbot.wait(5)  # "Add row" opens the first cell for typing
        editor_widget = QApplication.focusWidget()
        assert isinstance(editor_widget, QLineEdit)
        qtbot.keyClicks(editor_widget, name)
        qtbot.keyClick(editor_widget, Qt.Key_Return)
        qtbot.wait(5)
    stored = app.store.answers(key)["subpopulations"]
    assert [r[first_col.key] for r in stored] == ["Ustyurt", "Betpak-Dala"]
    field.table.setCurrentCell(1, 0)
    field.up_button.click()
    assert [r[first_col.key] for r in app.store.answers(key)["subpopulations"]] == ["Betpak-Dala", "Ustyurt"]
    field.table.setCurrentCell(0, 0)
    field.remove_button.click()
    assert [r[first_col.key] for r in app.store.answers(key)["subpopulations"]] == ["Ustyurt"]


def test_error_navigation_with_f8(app, qtbot):
    editor = open_saiga(app)
    first_errors = [m.key for m in editor.messages.messages if m.level == "error"]
    assert first_errors, "a new report has required answers missing"
    keys = sorted(editor.messages.keys(), key=list(editor.form.questions).index)
    editor.step_message(1)
    qtbot.wait(10)
    assert editor.row(keys[0]).isAncestorOf(QApplication.focusWidget())
    editor.step_message(1)
    qtbot.wait(10)
    assert editor.row(keys[1]).isAncestorOf(QApplication.focusWidget())
    item = editor.messages.list.topLevelItem(2)
    editor.messages.list.itemActivated.emit(item, 0)
    qtbot.wait(10)
    assert editor.current_key == editor.form.questions[item.data(0, Qt.UserRole + 1)].section


def _close_message_box(result: list) -> None:
    box = QApplication.activeModalWidget()
    result.append(box)
    if isinstance(box, QMessageBox):
        box.close()


def test_finalize_refused_while_errors_then_done_and_reopened(app, qtbot):
    record = app.report(form_id="concerted-action", country="KZ", period="2024")
    editor = app.window.open_report(record.id)
    seen: list = []
    QTimer.singleShot(0, lambda: _close_message_box(seen))
    assert editor.finalize() is False
    assert isinstance(seen[0], QMessageBox)
    assert app.store.get_report(record.id).status == "draft"

    answer_every_error(editor)  # answering may reveal conditional required questions
    assert not editor.review.errors

    def declare() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FinalizeDialog)
        dialog.name.setText("A. Focal Point")
        dialog.confirm.setChecked(True)
        dialog.accept()
    QTimer.singleShot(0, declare)
    assert editor.finalize() is True
    assert app.store.get_report(record.id).status == "final"
    assert editor.banner.isVisibleTo(editor)
    assert not app.window.actions.finalize.isEnabled()
    editor.reopen()
    reopened = app.store.get_report(record.id)
    assert reopened.status == "reopened" and reopened.revision == 2


def test_search_in_both_languages_and_answers(app, qtbot):
    editor = open_saiga(app)
    form = editor.form
    q = form.questions["presence"]
    assert "presence" in search(form, {}, {}, q.label.ru[:12])
    assert "presence" in search(form, {}, {}, q.label.en[:12].upper())
    editor.session.set("fp_address", "Astana, Mangilik El 8")
    assert search(form, editor.session.answers, {}, "mangilik") == ["fp_address"]
    editor.search_bar.open()
    qtbot.keyClicks(editor.search_bar.edit, "mangilik")
    qtbot.keyClick(editor.search_bar.edit, Qt.Key_Return)
    assert editor.current_key == form.questions["fp_address"].section


def test_translation_beside_russian_answers(app, qtbot):
    record = app.report(language="ru")
    editor = app.window.open_report(record.id)
    editor.goto_question("fp_address")
    row = editor.row("fp_address")
    assert row.translation is not None
    row.widget.edit.insertPlainText("Астана")  # QTest types Latin-1 only
    qtbot.keyClicks(row.translation, "Astana")
    assert app.store.translations(record.id)["fp_address"] == "Astana"


def test_programme_of_work_builds_pages_when_first_shown(app, qtbot):
    # How fast it opens and types is measured in benchmarks/, never asserted here.
    record = app.report(form_id="cami-pow-2014-2020", country="UZ", period="2021-2024")
    editor = app.window.open_report(record.id)
    QApplication.processEvents()
    assert len(editor.pages) == 1  # pages are built when first shown
    editor.show_section("pow/1/1.1/1.1.1")
    assert len(editor.pages) == 2
    editor.goto_question("actions[1.1.1]")
    qtbot.keyClicks(editor.row("actions[1.1.1]").widget.edit, "abcdefghij")
    assert app.store.answers(record.id)["actions[1.1.1]"] == "abcdefghij"


def test_attachment_copied_into_store(app, qtbot, tmp_path):
    editor = open_saiga(app)
    editor.goto_question("documents")
    field = editor.row("documents").widget
    doc = tmp_path / "plan.txt"
    doc.write_text("national action plan")
    field.add_file(doc)
    stored = app.store.answers(editor.session.record.id)["documents"]
    assert stored[0]["name"] == "plan.txt"
    assert app.store.attachment_data(stored[0]["id"]) == b"national action plan"
    field.list.setCurrentRow(0)
    field.remove_button.click()
    assert "documents" not in app.store.answers(editor.session.record.id)
