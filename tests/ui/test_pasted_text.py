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
