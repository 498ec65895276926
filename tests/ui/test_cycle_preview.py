"""Preview before signing: PDF pages rendered as images, workbook sheets as tables."""
from __future__ import annotations

import pypdfium2 as pdfium

from cami_desktop.core import cycle
from cami_desktop.ui.background import running


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document).replace("\r\n", " ")
    finally:
        document.close()


def test_preview_renders_pdf_pages_and_sheets(app, qtbot):
    record = app.report()
    app.store.set_answers(record.id, {"population_estimate": 4321})
    cycle.set_comment(app.store, app.ctx.library, record.id, "population_estimate", "Aerial census 2024")
    editor = app.window.open_report(record.id)
    assert editor is not None
    dialog = app.window.cycle_actions.show_preview()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60000)
    qtbot.waitUntil(lambda: running() == 0, timeout=5000)
    preview = dialog.preview
    assert len(preview.pages) >= 2
    assert preview.pages[0].width() > 500 and not preview.pages[0].isNull()
    assert dialog.pdf_area.widget().findChildren(type(dialog.status))  # page labels shown
    assert dialog.sheets.count() == len(preview.sheets) >= 2
    cells = [v for _, rows in preview.sheets for row in rows for v in row]
    assert any("4321" in v or "4 321" in v or "4,321" in v for v in cells)
    assert "Aerial census 2024" not in pdf_text(preview.pdf)
    # with comments: the note is in the PDF made for the preview
    dialog.comments.setChecked(True)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60000)
    assert "Aerial census 2024" in pdf_text(dialog.preview.pdf)
    dialog.close()


def test_pdf_shows_comments_on_tables_and_unanswered_questions(app):
    from cami_desktop.core.export.content import build_content
    from cami_desktop.core.export.pdf import render_pdf
    from cami_desktop.core.reports.session import ReportSession
    record = app.report()
    form = app.ctx.library.get("saiga-mou")
    column = form.questions["subpopulations"].columns[0].key
    app.store.set_answers(record.id, {"subpopulations": [{column: "Ustyurt"}]})
    notes = {"subpopulations": "Counts from two surveys", "estimate_method": "Not surveyed this period"}
    session = ReportSession.open(app.store, app.ctx.library, record.id)
    with_notes = pdf_text(render_pdf(build_content(session, "en", comments=notes)))
    assert "Counts from two surveys" in with_notes
    assert "Not surveyed this period" in with_notes
    without = pdf_text(render_pdf(build_content(session, "en")))
    assert "Counts from two surveys" not in without


def test_export_dialog_includes_comments_and_previews(app, qtbot, tmp_path, monkeypatch):
    import zipfile

    from cami_desktop.core.signing import create_identity
    from cami_desktop.ui.export_dialog import ExportDialog
    monkeypatch.setenv("HOME", str(tmp_path))
    create_identity(app.folder, name="Aigul Nurlanova", country="KZ", passphrase="correct horse battery")
    record = app.report()
    cycle.set_comment(app.store, app.ctx.library, record.id, "estimate_method", "No survey in 2023")
    dialog = ExportDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    dialog.draft.setChecked(True)
    dialog.comments_box.setChecked(True)
    preview = dialog.preview()
    assert preview.comments.isChecked()
    qtbot.waitUntil(lambda: preview.preview is not None, timeout=60000)
    assert "No survey in 2023" in pdf_text(preview.preview.pdf)
    preview.close()
    dialog.passphrase.setText("correct horse battery")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    with zipfile.ZipFile(dialog.result.path) as package:
        pdf = next(package.read(n) for n in package.namelist() if n.endswith(".pdf"))
    assert "No survey in 2023" in pdf_text(pdf)


def test_finalize_dialog_offers_the_preview(app, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from cami_desktop.ui.editor.finalize_dialog import FinalizeDialog
    from tests.ui.test_finalize import ready_to_finalize
    editor = ready_to_finalize(app)
    seen = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FinalizeDialog)
        seen["button"] = dialog.preview_button.isVisible()
        preview = dialog.preview()
        qtbot.waitUntil(lambda: preview.preview is not None, timeout=60000)
        seen["pages"] = len(preview.preview.pages)
        preview.close()
        dialog.reject()
    QTimer.singleShot(0, look)
    assert editor.finalize() is False
    assert seen == {"button": True, "pages": seen["pages"]} and seen["pages"] >= 1
    assert not editor.session.locked
