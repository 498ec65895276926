"""Screen readers: every control of a question has a name of its own."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from cami_desktop.ui.language import language


def controls(row) -> list[QWidget]:
    """What a keyboard or a screen reader reaches in a question's row."""
    found = [w for w in row.findChildren(QWidget)
             if (w.focusPolicy() != Qt.NoFocus or isinstance(w, QAbstractButton))
             and w.isVisibleTo(row) and not w.inherits("QScrollBar")]
    return [w for w in found if not _inside_a_control(w, row)]


def _inside_a_control(widget: QWidget, row) -> bool:
    """Parts of a table or a date editor (its corner button, its line edit) belong to it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not row:
        if parent.inherits("QAbstractItemView") or parent.inherits("QAbstractSpinBox"):
            return True
        parent = parent.parentWidget()
    return False


def all_rows(editor):
    for section in editor.form.section_index:
        page = editor.page(section)
        page.show()
        yield from page.rows.values()


def check_names(editor) -> int:
    checked = 0
    for row in all_rows(editor):
        names = [w.accessibleName() for w in controls(row)]
        assert all(names), (row.question.key, [type(w).__name__ for w in controls(row)], names)
        assert len(set(names)) == len(names), (row.question.key, names)
        checked += len(names)
    return checked


def test_each_control_of_a_question_has_its_own_name(app, qtbot):
    record = app.report()
    editor = app.window.open_report(record.id)
    assert check_names(editor) > 50

    choice = editor.row("mou_signed")
    number = choice.question.number
    options = choice.widget.options()
    assert [r.accessibleName() for r in choice.widget.radios] == [o.label.en for o in options]
    assert choice.question.label.en in choice.widget.radios[0].accessibleDescription()
    assert choice.widget.clear.accessibleName() == f"Clear answer to {number}"

    table = editor.row("subpopulations")
    number = table.question.number
    assert table.widget.table.accessibleName() == table.question.label.en
    assert table.widget.add_button.accessibleName() == f"Add row to table {number}"
    assert table.widget.remove_button.accessibleName() == f"Remove row from table {number}"
    assert table.widget.up_button.accessibleName() == f"Move row up in table {number}"
    assert table.widget.down_button.accessibleName() == f"Move row down in table {number}"

    attachment = editor.row("documents").widget
    assert attachment.add_button.accessibleName() == f"Attach a file to {editor.row('documents').question.number}"


def test_names_follow_the_language(app, qtbot):
    record = app.report(language="ru")
    editor = app.window.open_report(record.id)
    language().set_language("ru")
    check_names(editor)
    choice = editor.row("mou_signed")
    assert [r.accessibleName() for r in choice.widget.radios] == [o.label.ru for o in choice.widget.options()]
    assert choice.question.number in choice.widget.clear.accessibleName()
