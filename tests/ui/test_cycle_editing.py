"""Undo/redo across answers (menu, keys, even from a focused field) and notes on questions."""
from __future__ import annotations

from PySide6.QtCore import Qt

from cami_desktop.core import cycle


def open_report(app):
    record = app.report()
    editor = app.window.open_report(record.id)
    return record, editor


def test_undo_redo_from_the_edit_menu(app, qtbot):
    record, editor = open_report(app)
    actions = app.window.cycle_actions
    editor.goto_question("population_estimate")
    row = editor.row("population_estimate")
    qtbot.keyClicks(row.widget.edit, "42")
    editor.flush()
    assert app.store.answers(record.id)["population_estimate"] == 42
    assert actions.undo.isEnabled() and not actions.redo.isEnabled()
    actions.undo.trigger()
    assert app.store.answers(record.id)["population_estimate"] == 4
    assert row.widget.edit.text() == "4"  # shown at once
    assert editor.session.answers["population_estimate"] == 4
    assert actions.redo.isEnabled()
    actions.redo.trigger()
    assert app.store.answers(record.id)["population_estimate"] == 42
    assert row.widget.edit.text() == "42"
    actions.undo.trigger()
    actions.undo.trigger()
    assert "population_estimate" not in app.store.answers(record.id)
    assert row.widget.edit.text() == ""


def test_ctrl_z_in_a_focused_field_undoes_the_stored_answer(app, qtbot):
    """The field's own undo would show text that is not stored: the report's undo takes the key."""
    record, editor = open_report(app)
    editor.goto_question("fp_name")
    row = editor.row("fp_name")
    edit = row.widget.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Ab")
    assert app.store.answers(record.id)["fp_name"] == "Ab"
    qtbot.keyClick(edit, Qt.Key_Z, Qt.ControlModifier)
    assert app.store.answers(record.id)["fp_name"] == "A"
    assert edit.text() == "A"
    qtbot.keyClick(edit, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert app.store.answers(record.id)["fp_name"] == "Ab"
    assert edit.text() == "Ab"


def test_undo_after_restart(app, qtbot):
    record, editor = open_report(app)
    editor.goto_question("population_estimate")
    qtbot.keyClicks(editor.row("population_estimate").widget.edit, "7")
    app.restart()  # the report opens again
    assert app.editor is not None
    assert app.window.cycle_actions.undo.isEnabled()
    app.window.cycle_actions.undo.trigger()
    assert "population_estimate" not in app.store.answers(record.id)


def test_undo_disabled_on_a_final_report(app, qtbot):
    record, editor = open_report(app)
    app.store.set_answers(record.id, {"population_estimate": 5})
    app.store.finalize_report(record.id, {"name": "A"})
    editor = app.window.open_report(record.id)
    assert editor.session.locked
    assert not app.window.cycle_actions.undo.isEnabled()


def test_note_on_a_question_saved_as_typed(app, qtbot):
    record, editor = open_report(app)
    editor.goto_question("population_estimate")
    row = editor.row("population_estimate")
    marks = row.cycle_marks
    assert not marks.note_shown()
    row.cycle_actions[1].trigger()  # "Add a note…" on the question's menu
    assert marks.note_shown()
    qtbot.keyClicks(marks.note.edit, "From the 2024 census")
    stored = cycle.comments(app.store, record.id)["population_estimate"]
    assert stored.text == "From the 2024 census" and stored.audience == "secretariat"
    marks.note.audience.setCurrentIndex(marks.note.audience.findData("colleagues"))
    assert cycle.comments(app.store, record.id)["population_estimate"].audience == "colleagues"
    # shown again after the page is rebuilt
    app.window.close_report()
    editor = app.window.open_report(record.id)
    editor.goto_question("population_estimate")
    marks = editor.row("population_estimate").cycle_marks
    assert marks.note_shown()
    assert marks.note_text() == "From the 2024 census"
    marks.note.remove.click()
    assert cycle.comments(app.store, record.id) == {}
    assert not marks.note_shown()


def test_note_on_a_table_question(app, qtbot):
    record, editor = open_report(app)
    editor.cycle.open_note("subpopulations")
    marks = editor.row("subpopulations").cycle_marks
    qtbot.keyClicks(marks.note.edit, "Two surveys")
    assert cycle.comments(app.store, record.id)["subpopulations"].text == "Two surveys"


def test_ctrl_z_in_a_note_undoes_the_note_typing_not_an_answer(app, qtbot):
    record, editor = open_report(app)
    editor.goto_question("population_estimate")
    qtbot.keyClicks(editor.row("population_estimate").widget.edit, "9")
    editor.cycle.open_note("population_estimate")
    note = editor.row("population_estimate").cycle_marks.note.edit
    note.setFocus()
    qtbot.keyClicks(note, "abc")
    qtbot.keyClick(note, Qt.Key_Z, Qt.ControlModifier)
    assert app.store.answers(record.id)["population_estimate"] == 9
    assert note.toPlainText() != "abc"  # the note's own undo ran
    stored = cycle.comments(app.store, record.id).get("population_estimate")
    assert (stored.text if stored else "") == note.toPlainText().strip()  # and was saved


def test_ctrl_z_in_a_field_does_not_depend_on_the_window_being_active(app, qtbot):
    """A window shortcut fires only in the active window; the field's Ctrl+Z must not wait for it."""
    from PySide6.QtWidgets import QWidget
    record, editor = open_report(app)
    editor.goto_question("fp_name")
    edit = editor.row("fp_name").widget.edit
    qtbot.keyClicks(edit, "Ab")
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()  # another window is active: the main window's shortcuts sleep
    qtbot.keyClick(edit, Qt.Key_Z, Qt.ControlModifier)
    assert app.store.answers(record.id)["fp_name"] == "A"
    assert edit.text() == "A"
