"""The report list: create through the dialog, open, answers kept across a restart, delete."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from cami_desktop.ui.new_report_dialog import NewReportDialog


def fill_new_report(form_id: str, country: str, period: str, language: str, seen: list) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NewReportDialog)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData(form_id))
    dialog.country_box.setCurrentIndex(dialog.country_box.findData(country))
    dialog.period.setText(period)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData(language))
    seen.append(dialog.warning.text() if dialog.warning.isVisible() else "")
    dialog.buttons.button(QDialogButtonBox.Ok).click()


def test_create_type_restart_and_find_answers(app, qtbot):
    seen: list = []
    QTimer.singleShot(0, lambda: fill_new_report("saiga-mou", "MN", "2022-2024", "en", seen))
    app.window.new_report()
    editor = app.editor
    assert editor is not None
    record = editor.session.record
    assert (record.form_id, record.country, record.period) == ("saiga-mou", "MN", "2022-2024")
    editor.goto_question("fp_position")
    row = editor.row("fp_position")
    qtbot.keyClicks(row.widget.edit, "Chief specialist")
    editor.goto_question("fp_address")
    qtbot.keyClicks(editor.row("fp_address").widget.edit, "Ulaanbaatar")
    assert app.store.answers(record.id)["fp_position"] == "Chief specialist"
    assert "All changes saved" in app.window.save_indicator.text()

    app.restart()  # the last open report comes back, with what was typed
    assert app.editor is not None and app.editor.session.record.id == record.id
    assert app.store.answers(record.id)["fp_address"] == "Ulaanbaatar"
    app.editor.goto_question("fp_position")
    assert app.editor.row("fp_position").widget.edit.text() == "Chief specialist"


def test_duplicate_warning_and_delete_restore(app, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    first = app.report(country="KZ", period="2022-2024")
    app.window.report_list.reload()
    dialog = NewReportDialog(app.ctx, app.window)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("saiga-mou"))
    dialog.country_box.setCurrentIndex(dialog.country_box.findData("KZ"))
    dialog.period.setText("2022-2024")
    assert "already exists" in dialog.warning.text()
    dialog.period.setText("2024-2022")
    assert not dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()
    dialog.close()

    app.window.report_list.select(first.id)
    app.window.delete_report()
    assert app.store.list_reports() == []
    app.window.undo_bar.button.click()
    assert [r.id for r in app.store.list_reports()] == [first.id]
    app.window.report_list.select(first.id)
    app.window.delete_report()
    app.window.report_list.show_deleted.setChecked(True)
    app.window.report_list.select(first.id)
    app.window.actions.restore.trigger()
    assert [r.id for r in app.store.list_reports()] == [first.id]


def test_list_filter_and_completeness(app):
    app.report(country="KZ")
    app.report(form_id="bukhara-deer-mou", country="TJ", period="2023")
    lst = app.window.report_list
    lst.reload()
    assert lst.proxy.rowCount() == 2
    lst.filter.setText("Tajik")
    assert lst.proxy.rowCount() == 1
    lst.filter.setText("")
    percents = {r.record.country: r.percent for r in lst.model.rows}
    assert percents["KZ"] > 0  # pre-filled country and period count as answers
