"""Deleting a report takes an explicit, confirmed action, and its Undo can be seen and used."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox


def answer(monkeypatch, reply) -> list:
    """Make the confirmation answer ``reply``; the returned list records each question asked."""
    asked: list = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return reply
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_delete_key_in_an_answer_leaves_the_report_alone(app, qtbot, monkeypatch):
    asked = answer(monkeypatch, QMessageBox.Yes)
    record = app.report()
    editor = app.window.open_report(record.id)
    app.window.activateWindow()
    editor.goto_question("mou_signed")
    qtbot.wait(10)
    radio = editor.row("mou_signed").widget.radios[0]
    radio.setFocus()
    qtbot.keyClick(radio, Qt.Key_Delete)
    editor.goto_question("fp_address")
    qtbot.wait(10)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Delete)
    assert [r.id for r in app.store.list_reports()] == [record.id]
    assert asked == [] and app.window.editor is editor


def test_delete_asks_first_then_undo_is_shown_and_works(app, qtbot, monkeypatch):
    record = app.report()
    app.window.report_list.reload()
    app.window.report_list.select(record.id)
    asked = answer(monkeypatch, QMessageBox.No)
    app.window.actions.delete.trigger()
    assert len(asked) == 1 and "KZ 2022-2024" in asked[0]
    assert [r.id for r in app.store.list_reports()] == [record.id]

    answer(monkeypatch, QMessageBox.Yes)
    app.window.actions.delete.trigger()
    assert app.store.list_reports() == []
    app.window.statusBar().showMessage("another message")  # used to hide the Undo button
    assert app.window.undo_bar.button.isVisible()
    assert "deleted reports" in app.window.undo_bar.label.text()
    qtbot.mouseClick(app.window.undo_bar.button, Qt.LeftButton)
    assert [r.id for r in app.store.list_reports()] == [record.id]
    assert not app.window.undo_bar.button.isVisible()


def test_delete_key_on_the_report_list_asks_first(app, qtbot, monkeypatch):
    record = app.report()
    lst = app.window.report_list
    lst.reload()
    lst.select(record.id)
    app.window.activateWindow()
    lst.view.setFocus()
    asked = answer(monkeypatch, QMessageBox.No)
    qtbot.keyClick(lst.view, Qt.Key_Delete)
    assert len(asked) == 1
    assert [r.id for r in app.store.list_reports()] == [record.id]
    answer(monkeypatch, QMessageBox.Yes)
    qtbot.keyClick(lst.view, Qt.Key_Delete)
    assert app.store.list_reports() == []
