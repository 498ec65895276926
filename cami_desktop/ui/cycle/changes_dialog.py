"""Changes since revision N: what a reopened report changed since it was last made final."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QVBoxLayout, QWidget

from ...core import cycle
from ...core.i18n import ntr, tr
from ..language import connect_retranslate
from ..plain import plain_label
from .values import KEY_ROLE, answer_text, item, kind_text, make_table, question_text


class ChangesDialog(QDialog):
    """Question, before, after; double-click (or Enter) goes to the question in the editor."""

    question_chosen = Signal(str)

    def __init__(self, editor, changes: cycle.Changes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.form = editor.form
        self.changes = changes or cycle.Changes(editor.session.record.revision, None)
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.intro = plain_label(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = make_table(4, self)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.table.itemActivated.connect(self._activated)
        self.table.itemDoubleClicked.connect(self._activated)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.go_button = self.buttons.addButton("", QDialogButtonBox.ActionRole)
        self.go_button.clicked.connect(self._go)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        c = self.changes
        self.setWindowTitle(tr("Changes since revision {revision}", revision=c.since or "—"))
        self.intro.setText(ntr("{n} answer changed since revision {revision} was made final.",
                               "{n} answers changed since revision {revision} was made final.",
                               len(c.keys), revision=c.since or "—"))
        self.table.setHorizontalHeaderLabels([tr("Question"), tr("Changed"), tr("Before"), tr("After")])
        self.go_button.setText(tr("Go to the question"))
        self.table.setRowCount(0)
        for change in c.items:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, item(question_text(self.form, change.key), change.key))
            self.table.setItem(row, 1, item(kind_text(change.kind), change.key))
            old = change.old if change.kind == "value" else change.old or None
            new = change.new if change.kind == "value" else change.new or None
            self.table.setItem(row, 2, item(answer_text(self.form, change.key, old)
                                            if change.kind == "value" else (old or "—"), change.key))
            self.table.setItem(row, 3, item(answer_text(self.form, change.key, new)
                                            if change.kind == "value" else (new or "—"), change.key))
        if c.items:
            self.table.selectRow(0)

    def _activated(self, cell) -> None:
        self.question_chosen.emit(cell.data(KEY_ROLE))

    def _go(self) -> None:
        cell = self.table.currentItem()
        if cell is not None:
            self.question_chosen.emit(cell.data(KEY_ROLE))
