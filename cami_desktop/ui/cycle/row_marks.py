"""What the cycle adds under a question: the carry-over mark, who supplied it, and a note.

One :class:`RowMarks` sits in each question row, under the answer. Each part is built only when
it has something to say: a page of the Programme of Work report has a hundred questions, and a
hidden text editor under each of them cost memory and build time for nothing (issue 10).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QToolButton,
                               QVBoxLayout, QWidget)

from ...core.cycle.editing import MAX_COMMENT
from ...core.cycle.suppliers import supplier_text
from ...core.i18n import N_, tr
from ...core.values import clean_typed
from ..fields.text import GrowingTextEdit
from ..plain import plain_label

STYLE = """
#carriedMark { background: #fff4d6; border-left: 3px solid #d39e00; }
#supplierMark { color: #1f5f8b; }
#commentLabel { color: #4b5563; font-weight: bold; }
"""
AUDIENCE_LABELS = {"secretariat": N_("For the Secretariat"), "colleagues": N_("For colleagues")}


class _Carried(QWidget):
    """ "Carried over, not yet confirmed" and its Confirm button, on an amber band."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("carriedMark")
        self.setAttribute(Qt.WA_StyledBackground)  # a plain QWidget paints no background
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        self.text = plain_label(self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignTop)


class _Note(QWidget):
    """A note: who it is for, its text (saved as typed), and a button to remove it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("commentBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        head = QHBoxLayout()
        self.label = plain_label(self)
        self.label.setObjectName("commentLabel")
        self.audience = QComboBox(self)
        for audience in AUDIENCE_LABELS:
            self.audience.addItem("", audience)
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        head.addWidget(self.label)
        head.addWidget(self.audience)
        head.addStretch(1)
        head.addWidget(self.remove)
        layout.addLayout(head)
        self.edit = GrowingTextEdit(self)
        self.edit.MIN_LINES = 2
        self.edit._fit()
        layout.addWidget(self.edit)


class RowMarks(QWidget):
    """Carry-over mark with Confirm, "supplied by", and the question's note (edited in place)."""

    confirm_requested = Signal(str)
    comment_edited = Signal(str, object, str)   # key, text or None, audience

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("cycleMarks")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(3)
        self.carried: _Carried | None = None
        self.supplier: QLabel | None = None
        self.note: _Note | None = None
        self._supplier: dict | None = None
        self._loading = False
        self._read_only = False
        self.hide()  # shown when a part has something to say

    def _refresh_visible(self) -> None:
        parts = (self.carried, self.supplier, self.note)
        self.setVisible(any(p is not None and not p.isHidden() for p in parts))

    # -- parts -----------------------------------------------------------------------------
    def set_carried(self, carried: bool) -> None:
        if carried and self.carried is None:
            if not self.styleSheet():
                self.setStyleSheet(STYLE)
            self.carried = _Carried(self)
            self.carried.button.clicked.connect(self._confirm)
            self._layout.insertWidget(0, self.carried)
            self.retranslate_ui()
            self.carried.button.setEnabled(not self._read_only)
        if self.carried is not None:
            self.carried.setVisible(carried)
        self._refresh_visible()

    def is_carried(self) -> bool:
        return self.carried is not None and not self.carried.isHidden()

    def set_supplier(self, supplier: dict | None) -> None:
        # A share from someone who gave no name says nothing worth a line.
        self._supplier = supplier if supplier and (supplier.get("name") or "").strip() else None
        if self._supplier is not None and self.supplier is None:
            if not self.styleSheet():
                self.setStyleSheet(STYLE)
            self.supplier = plain_label(self)
            self.supplier.setObjectName("supplierMark")
            self.supplier.setTextFormat(Qt.PlainText)  # a name from a colleague's file
            self.supplier.setWordWrap(True)
            self._layout.insertWidget(1 if self.carried is not None else 0, self.supplier)
        if self.supplier is not None:
            self.supplier.setVisible(self._supplier is not None)
            self._show_supplier()
        self._refresh_visible()

    def supplier_text(self) -> str:
        return self.supplier.text() if self.supplier is not None and not self.supplier.isHidden() else ""

    def _show_supplier(self) -> None:
        s = self._supplier
        if not s or self.supplier is None:
            return
        # the certificate's name for a signed return, else the typed one marked unsigned
        self.supplier.setText("👤 " + supplier_text(s))

    def _make_note(self) -> _Note:
        if self.note is None:
            if not self.styleSheet():
                self.setStyleSheet(STYLE)
            self.note = _Note(self)
            self.note.remove.clicked.connect(self.remove_note)
            self.note.edit.textChanged.connect(self._note_changed)
            self.note.audience.currentIndexChanged.connect(self._note_changed)
            self._layout.addWidget(self.note)
            self.retranslate_ui()
            self._lock_note()
        return self.note

    def set_note(self, text: str | None, audience: str = "secretariat") -> None:
        """Show a stored note (``None``: hide the note box)."""
        if text is None and self.note is None:
            return
        note = self._make_note()
        self._loading = True
        try:
            note.audience.setCurrentIndex(max(0, note.audience.findData(audience)))
            if note.edit.toPlainText() != (text or ""):
                note.edit.setPlainText(text or "")
        finally:
            self._loading = False
        note.setVisible(text is not None)
        self._refresh_visible()

    def note_shown(self) -> bool:
        return self.note is not None and not self.note.isHidden()

    def open_note(self) -> None:
        """Show the note box (empty if there is no note yet) and put the cursor in it."""
        note = self._make_note()
        note.show()
        self._refresh_visible()
        note.edit.setFocus()

    def remove_note(self) -> None:
        audience = self.note.audience.currentData() if self.note is not None else "secretariat"
        self.set_note(None)
        self.comment_edited.emit(self.key, None, audience)

    def note_text(self) -> str:
        return self.note.edit.toPlainText() if self.note is not None else ""

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if self.carried is not None:
            self.carried.button.setEnabled(not read_only)
        self._lock_note()

    def _lock_note(self) -> None:
        if self.note is not None:
            self.note.edit.setReadOnly(self._read_only)
            self.note.audience.setEnabled(not self._read_only)
            self.note.remove.setEnabled(not self._read_only)

    # -- signals ---------------------------------------------------------------------------
    def _confirm(self, _checked: bool = False) -> None:
        self.confirm_requested.emit(self.key)

    def _note_changed(self, *_: object) -> None:
        if self._loading or self.note is None:
            return
        # as an answer's text: a line break pasted from Word is one; other control characters go
        text = clean_typed(self.note.edit.toPlainText())
        if len(text) > MAX_COMMENT:
            self.note.label.setText(tr("Note") + " — " + tr("at most {n} characters; not saved", n=MAX_COMMENT))
            return
        self.note.label.setText(tr("Note"))
        self.comment_edited.emit(self.key, text if text.strip() else None, self.note.audience.currentData())

    def retranslate_ui(self) -> None:
        if self.carried is not None:
            self.carried.text.setText("↻ " + tr("Carried over from the earlier report, not yet confirmed."))
            self.carried.button.setText(tr("Confirm"))
            self.carried.button.setToolTip(tr("Keep this answer as it is"))
        if self.note is not None:
            n = self.note
            n.label.setText(tr("Note"))
            for index in range(n.audience.count()):
                n.audience.setItemText(index, tr(AUDIENCE_LABELS[n.audience.itemData(index)]))
            n.audience.setAccessibleName(tr("Who the note is for"))
            n.edit.setPlaceholderText(tr("A note on this question"))
            n.edit.setAccessibleName(tr("Note"))
            n.remove.setToolTip(tr("Remove the note"))
        self._show_supplier()
