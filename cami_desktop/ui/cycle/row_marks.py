"""What the cycle adds under a question: the carry-over mark, who supplied it, and a note.

One :class:`RowMarks` sits in each question row, under the answer. Each part is hidden unless it
has something to say, so a report that never used the cycle looks as before.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QToolButton,
                               QVBoxLayout, QWidget)

from ...core.cycle.editing import MAX_COMMENT
from ...core.i18n import N_, tr
from ..fields.text import GrowingTextEdit

STYLE = """
#carriedMark { background: #fff4d6; border-left: 3px solid #d39e00; }
#supplierMark { color: #1f5f8b; }
#commentLabel { color: #4b5563; font-weight: bold; }
"""
AUDIENCE_LABELS = {"secretariat": N_("For the Secretariat"), "colleagues": N_("For colleagues")}


class RowMarks(QWidget):
    """Carry-over mark with Confirm, "supplied by", and the question's note (edited in place)."""

    confirm_requested = Signal(str)
    comment_edited = Signal(str, object, str)   # key, text or None, audience

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("cycleMarks")
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)

        self.carried = QWidget(self)
        self.carried.setObjectName("carriedMark")
        self.carried.setAttribute(Qt.WA_StyledBackground)  # a plain QWidget paints no background
        carried_layout = QHBoxLayout(self.carried)
        carried_layout.setContentsMargins(6, 2, 2, 2)
        self.carried_text = QLabel(self.carried)
        self.carried_text.setWordWrap(True)
        self.confirm_button = QPushButton(self.carried)
        self.confirm_button.clicked.connect(self._confirm)
        carried_layout.addWidget(self.carried_text, 1)
        carried_layout.addWidget(self.confirm_button, 0, Qt.AlignTop)
        layout.addWidget(self.carried)

        self.supplier = QLabel(self)
        self.supplier.setObjectName("supplierMark")
        self.supplier.setWordWrap(True)
        layout.addWidget(self.supplier)

        self.note = QWidget(self)
        self.note.setObjectName("commentBox")
        note_layout = QVBoxLayout(self.note)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.setSpacing(2)
        head = QHBoxLayout()
        self.note_label = QLabel(self.note)
        self.note_label.setObjectName("commentLabel")
        self.audience = QComboBox(self.note)
        for audience in AUDIENCE_LABELS:
            self.audience.addItem("", audience)
        self.remove_button = QToolButton(self.note)
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(self.remove_note)
        head.addWidget(self.note_label)
        head.addWidget(self.audience)
        head.addStretch(1)
        head.addWidget(self.remove_button)
        note_layout.addLayout(head)
        self.note_edit = GrowingTextEdit(self.note)
        self.note_edit.MIN_LINES = 2
        self.note_edit._fit()
        note_layout.addWidget(self.note_edit)
        layout.addWidget(self.note)
        self._loading = False
        self.note_edit.textChanged.connect(self._note_changed)
        self.audience.currentIndexChanged.connect(self._note_changed)
        self.set_carried(False)
        self.set_supplier(None)
        self.note.hide()
        self.retranslate_ui()

    # -- parts -----------------------------------------------------------------------------
    def set_carried(self, carried: bool) -> None:
        self.carried.setVisible(carried)

    def set_supplier(self, supplier: dict | None) -> None:
        # A share from someone who gave no name says nothing worth a line.
        self._supplier = supplier if supplier and (supplier.get("name") or "").strip() else None
        self.supplier.setVisible(self._supplier is not None)
        self._show_supplier()

    def _show_supplier(self) -> None:
        s = self._supplier
        if not s:
            return
        if s.get("agency"):
            text = tr("Supplied by {name} ({agency})", name=s.get("name", ""), agency=s["agency"])
        else:
            text = tr("Supplied by {name}", name=s.get("name", ""))
        if s.get("fingerprint"):
            text += " · " + tr("signed")
        self.supplier.setText("👤 " + text)

    def set_note(self, text: str | None, audience: str = "secretariat") -> None:
        """Show a stored note (``None``: hide the note box)."""
        self._loading = True
        try:
            self.audience.setCurrentIndex(max(0, self.audience.findData(audience)))
            if self.note_edit.toPlainText() != (text or ""):
                self.note_edit.setPlainText(text or "")
        finally:
            self._loading = False
        self.note.setVisible(text is not None)

    def open_note(self) -> None:
        """Show the note box (empty if there is no note yet) and put the cursor in it."""
        self.note.show()
        self.note_edit.setFocus()

    def remove_note(self) -> None:
        self.set_note(None)
        self.comment_edited.emit(self.key, None, self.audience.currentData())

    def note_text(self) -> str:
        return self.note_edit.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        self.confirm_button.setEnabled(not read_only)
        self.note_edit.setReadOnly(read_only)
        self.audience.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    # -- signals ---------------------------------------------------------------------------
    def _confirm(self, _checked: bool = False) -> None:
        self.confirm_requested.emit(self.key)

    def _note_changed(self, *_: object) -> None:
        if self._loading:
            return
        text = self.note_edit.toPlainText()
        if len(text) > MAX_COMMENT:
            return  # longer than the core keeps: not stored, the text stays for the person to shorten
        self.comment_edited.emit(self.key, text if text.strip() else None, self.audience.currentData())

    def retranslate_ui(self) -> None:
        self.carried_text.setText("↻ " + tr("Carried over from the earlier report, not yet confirmed."))
        self.confirm_button.setText(tr("Confirm"))
        self.confirm_button.setToolTip(tr("Keep this answer as it is"))
        self.note_label.setText(tr("Note"))
        for index in range(self.audience.count()):
            self.audience.setItemText(index, tr(AUDIENCE_LABELS[self.audience.itemData(index)]))
        self.audience.setAccessibleName(tr("Who the note is for"))
        self.note_edit.setPlaceholderText(tr("A note on this question"))
        self.note_edit.setAccessibleName(tr("Note"))
        self.remove_button.setToolTip(tr("Remove the note"))
        self._show_supplier()
