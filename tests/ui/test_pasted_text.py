"""Text pasted from Word into the window: its line breaks become line breaks, other control
characters are dropped, and the report still exports (issue 15 B)."""
from __future__ import annotations

import zipfile
from io import BytesIO

from openpyxl import load_workbook

from cami_desktop.core.signing import create_identity
from cami_desktop.ui.export_dialog import ExportDialog

PASSPHRASE = "correct horse battery"


def test_pasted_control_characters_are_cleaned_and_the_report_exports(app, qtbot, tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    create_identity(app.folder, name="Aigul Nurlanova", country="KZ", passphrase=PASSPHRASE)
    record = app.report()
    editor = app.window.open_report(record.id)
    editor.goto_question("other_agencies")
    long_text = editor.row("other_agencies").widget.edit
    long_text.insertPlainText("=1+1 Word\x0bline\r\nbreak\u2028sep\x00nul\x07bell\tend")
    editor.goto_question("fp_name")
    line = editor.row("fp_name").widget.edit
    line.insert("Aigul\x0bNurlanova\x1b[31m")
    editor.flush()
    stored = app.store.answers(record.id)
    assert stored["other_agencies"] == "=1+1 Word\nline\nbreak\nsepnulbell\tend"
    assert stored["fp_name"] == "Aigul Nurlanova[31m"

    dialog = ExportDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(dialog)
    dialog.draft.setChecked(True)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    with zipfile.ZipFile(dialog.result.path) as package:
        names = package.namelist()
        workbook = load_workbook(BytesIO(next(package.read(n) for n in names if n.endswith(".xlsx"))))
        assert package.read(next(n for n in names if n.endswith(".pdf"))).startswith(b"%PDF")
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert any(c.value == stored["other_agencies"] and c.data_type == "s" for c in cells)


def test_pasted_translation_and_note_are_cleaned_as_answers_are(app, qtbot, monkeypatch):
    """The English translation and a note take Word's line breaks as line breaks; other control
    characters go, and nothing reaches the store that the export would refuse."""
    from cami_desktop.core import cycle
    from cami_desktop.ui import plain

    refused = []  # a refusal would be a modal box: recorded instead, and none is expected
    monkeypatch.setattr(plain, "warning", lambda parent, title, text, *a, **k: refused.append(text))
    record = app.report(language="ru")
    editor = app.window.open_report(record.id)
    editor.goto_question("other_agencies")
    row = editor.row("other_agencies")
    row.widget.edit.insertPlainText("Институт зоологии")
    row.translation.insertPlainText("Institute\x0bof Zoology\x1b[31m\x07")
    editor.goto_question("fp_institution")
    line = editor.row("fp_institution")
    line.widget.edit.insert("Госкомэкологии")
    line.translation.insert("State\x0bCommittee\x00")
    editor.cycle.open_note("other_agencies")
    note = editor.row("other_agencies").cycle_marks.note.edit
    note.insertPlainText("Data\u2028from 2024\x1b[0m")
    editor.flush()
    assert refused == []
    assert app.store.translations(record.id) == {"other_agencies": "Institute\nof Zoology[31m",
                                                  "fp_institution": "State Committee"}
    assert cycle.comments(app.store, record.id)["other_agencies"].text == "Data\nfrom 2024[0m"


def test_a_translation_or_note_too_long_is_said_once_beside_it_never_a_box_per_key(app, qtbot, monkeypatch):
    """Pasting a text over the limit and typing on: no message box at all (one per keystroke was
    the bug); the label beside the field says it is not saved; the store keeps what was within it."""
    from PySide6.QtWidgets import QMessageBox

    from cami_desktop.core import cycle
    from cami_desktop.core.cycle.editing import MAX_COMMENT
    from cami_desktop.core.values import MAX_TEXT
    from cami_desktop.ui import plain

    boxes = []
    monkeypatch.setattr(plain, "warning", lambda parent, title, text, *a, **k: boxes.append(text))
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: boxes.append(a)))
    record = app.report(language="ru")
    editor = app.window.open_report(record.id)
    editor.goto_question("other_agencies")
    row = editor.row("other_agencies")
    row.widget.edit.insertPlainText("Институт зоологии")
    row.translation.insertPlainText("Institute of Zoology")
    assert app.store.translations(record.id) == {"other_agencies": "Institute of Zoology"}
    row.translation.setPlainText("x" * (MAX_TEXT + 1))
    row.translation.moveCursor(row.translation.textCursor().MoveOperation.End)
    qtbot.keyClicks(row.translation, "ab")
    assert boxes == []  # before the fix: one box per keystroke
    assert "100000" in row.translation_label.text().replace("\u00a0", "").replace(",", "")
    stored = app.store.translations(record.id)["other_agencies"]
    assert stored == "Institute of Zoology" and len(stored) <= MAX_TEXT
    row.translation.setPlainText("Institute of Zoology, Almaty")  # back within the limit: saved, said no more
    assert app.store.translations(record.id)["other_agencies"] == "Institute of Zoology, Almaty"
    assert "—" not in row.translation_label.text()

    editor.cycle.open_note("other_agencies")
    note = editor.row("other_agencies").cycle_marks.note
    note.edit.insertPlainText("Data from 2024")
    note.edit.setPlainText("n" * (MAX_COMMENT + 1))
    note.edit.moveCursor(note.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(note.edit, "ab")
    editor.flush()
    assert boxes == []
    assert str(MAX_COMMENT) in note.label.text()
    assert cycle.comments(app.store, record.id)["other_agencies"].text == "Data from 2024"
