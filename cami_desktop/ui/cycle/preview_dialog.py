"""Preview before signing: the PDF's pages as images and the workbook's sheets as tables.

The PDF and the workbook are made exactly as the export makes them (the same content, the
signature left out), on the background helper; the pages are rendered there too, with pypdfium2
(PDFium, bundled in its wheel, so it works on Windows without anything installed).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QRadioButton, QScrollArea, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from ...core.i18n import ntr, tr
from ...core.signing import load_identity
from ..background import run_in_background
from ..language import connect_retranslate
from ..plain import plain_label

#: Pages rendered at this many pixels per PDF point (72 per inch): about 110 dpi, readable.
SCALE = 1.5
#: Rows of a sheet shown; a preview is for looking, the workbook holds everything.
MAX_ROWS = 2000


@dataclass
class Preview:
    pages: list[QImage] = field(default_factory=list)
    sheets: list[tuple[str, list[list[str]]]] = field(default_factory=list)
    pdf: bytes = b""
    workbook: bytes = b""


def make_preview(store, library, data_dir, report_id: int, *, short: bool = False,
                 comments_in_pdf: bool = False, scale: float = SCALE, progress=None) -> Preview:
    """Build the report's PDF and workbook as the export would, and render them for the eye."""
    import openpyxl
    import pypdfium2 as pdfium

    from ...core.cycle.extras import comments_for_pdf
    from ...core.export.content import build_content
    from ...core.export.pdf import render_pdf
    from ...core.export.workbook import render_workbook
    from ...core.reports.session import ReportSession

    progress = progress or (lambda *_: None)
    session = ReportSession.open(store, library, report_id)
    record = session.record
    identity = load_identity(data_dir)
    profile = store.get_setting("profile") or {}
    signer = ({"name": identity.name, "position": identity.profile.get("position", ""),
               "institution": identity.profile.get("institution", ""), "fingerprint": identity.fingerprint}
              if identity is not None else {"name": profile.get("name", "")})
    content = build_content(session, record.language, short=short, draft=record.status != "final",
                            signer=signer,
                            comments=comments_for_pdf(store, report_id) if comments_in_pdf else None)
    progress(0.05, tr("Writing the workbook…"))
    result = Preview()
    result.workbook = render_workbook(content)
    progress(0.2, tr("Writing the PDF…"))
    result.pdf = render_pdf(content, lambda f, t: progress(0.2 + 0.4 * f, t))
    document = pdfium.PdfDocument(result.pdf)
    try:
        total = len(document)
        for index in range(total):
            progress(0.6 + 0.35 * index / max(1, total), tr("Rendering page {n}…", n=index + 1))
            page = document[index]
            image = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
            data = image.tobytes()
            # QImage may be made off the UI thread (a QPixmap may not); copy() owns the bytes.
            result.pages.append(QImage(data, image.width, image.height, 3 * image.width,
                                       QImage.Format_RGB888).copy())
    finally:
        document.close()
    book = openpyxl.load_workbook(io.BytesIO(result.workbook), read_only=True, data_only=True)
    for sheet in book.worksheets:
        rows = []
        for values in sheet.iter_rows(max_row=MAX_ROWS, values_only=True):
            rows.append(["" if v is None else str(v) for v in values])
        result.sheets.append((sheet.title, rows))
    book.close()
    progress(1.0, "")
    return result


class PreviewDialog(QDialog):
    """Tabs: the PDF (pages one under the other) and the workbook (a tab per sheet)."""

    def __init__(self, ctx, report_id: int, parent: QWidget | None = None, *, short: bool = False,
                 comments_in_pdf: bool = False) -> None:
        super().__init__(parent)
        self.ctx, self.report_id = ctx, report_id
        self.preview: Preview | None = None
        self.resize(980, 760)
        layout = QVBoxLayout(self)
        options = QHBoxLayout()
        self.full, self.short = QRadioButton(self), QRadioButton(self)
        (self.short if short else self.full).setChecked(True)
        self.comments = QCheckBox(self)
        self.comments.setChecked(comments_in_pdf)
        self.status = plain_label(self)
        for widget in (self.full, self.short, self.comments):
            options.addWidget(widget)
            if widget is not self.comments:
                widget.toggled.connect(self._option_changed)
        self.comments.toggled.connect(self._option_changed)
        options.addStretch(1)
        options.addWidget(self.status)
        layout.addLayout(options)
        self.tabs = QTabWidget(self)
        self.pdf_area = QScrollArea(self.tabs)
        self.pdf_area.setWidgetResizable(True)
        self.pdf_area.setAlignment(Qt.AlignHCenter)
        self.sheets = QTabWidget(self.tabs)
        self.tabs.addTab(self.pdf_area, "")
        self.tabs.addTab(self.sheets, "")
        layout.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Preview"))
        self.full.setText(tr("Every question"))
        self.short.setText(tr("Answered questions only"))
        self.comments.setText(tr("Include comments in the PDF"))
        self.tabs.setTabText(0, tr("PDF"))
        self.tabs.setTabText(1, tr("Workbook"))
        self._show_status()

    def _show_status(self) -> None:
        if self.preview is None:
            self.status.setText(tr("Preparing the preview…"))
        else:
            self.status.setText(ntr("{n} page", "{n} pages", len(self.preview.pages)))

    def _option_changed(self, *_: object) -> None:
        if self.preview is not None:
            self.start()

    def start(self) -> None:
        """Make the preview on the background helper; shown when it is ready."""
        store, library, data_dir, report_id = self.ctx.store, self.ctx.library, self.ctx.data_dir, self.report_id
        short, comments = self.short.isChecked(), self.comments.isChecked()
        self.preview = None
        self._show_status()

        def work(progress):
            return make_preview(store, library, data_dir, report_id, short=short,
                                comments_in_pdf=comments, progress=progress)
        run_in_background(self, tr("Preparing the preview…"), work, self.show_preview)

    def show_preview(self, preview: Preview) -> None:
        self.preview = preview
        pages = QWidget(self.pdf_area)
        pages.setObjectName("previewPages")
        column = QVBoxLayout(pages)
        column.setSpacing(12)
        for index, image in enumerate(preview.pages):
            label = plain_label(pages)
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(tr("Page {n}", n=index + 1))
            label.setFrameShape(QLabel.Box)
            column.addWidget(label, 0, Qt.AlignHCenter)
        self.pdf_area.setWidget(pages)
        while self.sheets.count():
            widget = self.sheets.widget(0)
            self.sheets.removeTab(0)
            widget.deleteLater()
        for title, rows in preview.sheets:
            width = max((len(r) for r in rows), default=0)
            table = QTableWidget(len(rows), width, self.sheets)
            table.setEditTriggers(QTableWidget.NoEditTriggers)
            for r, values in enumerate(rows):
                for c, value in enumerate(values):
                    if value:
                        table.setItem(r, c, QTableWidgetItem(value))
            table.resizeColumnsToContents()
            for c in range(width):
                table.setColumnWidth(c, min(table.columnWidth(c), 420))
            self.sheets.addTab(table, title)
        self._show_status()



if __name__ == "__main__":
    import sys
    import tempfile
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ...core.forms.library import default_library
    from ...core.reports.session import create_report
    from ...core.reports.sample import sample_answers
    from ...core.store import Store
    from ..context import AppContext
    app = QApplication(sys.argv)
    folder, library = Path(tempfile.mkdtemp()), default_library()
    with Store.open(folder, app_version="preview") as store:
        record = create_report(store, library, form_id="saiga-mou", country="KZ", period="2024", language="en")
        store.set_answers(record.id, {k: v for k, v in sample_answers(library.get("saiga-mou")).items()
                                      if k not in store.answers(record.id)})
        dialog = PreviewDialog(AppContext(store, library, folder), record.id)
        dialog.show()
        dialog.start()
        app.exec()
