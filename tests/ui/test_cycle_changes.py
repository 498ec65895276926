"""A reopened report shows what changed since the submitted revision, with a jump to each question."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication


def test_changes_since_revision_listed_and_jump(app, qtbot):
    record = app.report()
    app.store.set_answers(record.id, {"population_estimate": 900, "estimate_method": "Ground count"})
    app.store.finalize_report(record.id, {"name": "A"})
    editor = app.window.open_report(record.id)
    assert not editor.cycle.bar.changes_button.isVisibleTo(editor)  # final, revision 1: nothing yet
    editor.reopen()
    assert editor.cycle.bar.changes_button.isVisibleTo(editor)
    assert "1" in editor.cycle.bar.changes_button.text()
    editor.goto_question("population_estimate")
    row = editor.row("population_estimate")
    row.widget.edit.clear()
    qtbot.keyClicks(row.widget.edit, "950")
    editor.flush()
    assert app.window.cycle_actions.changes.isEnabled()
    dialog = app.window.cycle_actions.show_changes()
    table = dialog.table
    rows = [(table.item(r, 0).text(), table.item(r, 2).text(), table.item(r, 3).text())
            for r in range(table.rowCount())]
    assert len(rows) == 1
    (question, before, after), = rows
    assert question.startswith(editor.form.questions["population_estimate"].number)
    assert "900" in before and "950" in after
    editor.show_section("general")
    table.selectRow(0)
    dialog.go_button.click()
    qtbot.waitUntil(lambda: editor.current_key == "populations", timeout=2000)
    dialog.close()
    QApplication.processEvents()


def test_no_changes_panel_for_a_report_never_final(app, qtbot):
    record = app.report()
    editor = app.window.open_report(record.id)
    assert not editor.cycle.bar.changes_button.isVisibleTo(editor)
    assert not app.window.cycle_actions.changes.isEnabled()
