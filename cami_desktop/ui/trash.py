"""Moving a report to the deleted reports: the confirmation, and the Undo notice afterwards."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from ..core.errors import CamiError
from ..core.i18n import current_language, tr
from . import plain
from .plain import plain_label

UNDO_MS = 30000


def confirm_delete(parent: QWidget, ctx, record) -> bool:
    """Ask before moving ``record`` to the deleted reports; No is the default answer."""
    try:
        title = ctx.library.get(record.form_id, record.form_version).short_title.get(current_language())
    except CamiError:
        title = record.form_id
    answer = plain.question(
        parent, tr("Delete report"),
        tr("Move the report {report} to the deleted reports? It can be restored from there.",
           report=f"“{title} — {record.country} {record.period}”"),
        QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


class UndoBar(QWidget):
    """The notice of a deletion with its Undo button, shown in the status bar for a while.

    It is meant to be a *permanent* status-bar widget: ``showMessage`` hides the ordinary
    ones, which is how the Undo button used to vanish behind its own notice.
    """

    undo = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = plain_label(self)
        self.button = QPushButton(self)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(UNDO_MS)
        self.timer.timeout.connect(self.dismiss)
        self.button.clicked.connect(self._clicked)
        self.report_id: int | None = None
        self.hide()
        self.retranslate_ui()

    def offer(self, report_id: int) -> None:
        """Offer to bring back the report just deleted."""
        self.report_id = report_id
        self.show()
        self.timer.start()

    def dismiss(self) -> None:
        self.report_id = None
        self.timer.stop()
        self.hide()

    def _clicked(self) -> None:
        report_id = self.report_id
        self.dismiss()
        if report_id is not None:
            self.undo.emit(report_id)

    def retranslate_ui(self) -> None:
        self.label.setText(tr("The report was moved to the deleted reports."))
        self.button.setText(tr("Undo delete"))
