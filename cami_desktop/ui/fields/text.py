"""Text answers: one line (``text``, also e-mail and phone) and several lines (``long_text``)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QLineEdit, QPlainTextEdit, QWidget

from ...core.values import clean_typed
from .base import FieldWidget, register


@register("text")
class TextField(FieldWidget):
    """A single line of text."""

    def build(self) -> None:
        self.edit = QLineEdit(self)
        if self.field.max_length:
            self.edit.setMaxLength(self.field.max_length)
        if self.field.format == "email":
            self.edit.setInputMethodHints(Qt.ImhEmailCharactersOnly)
        self.row_layout(self).addWidget(self.edit)
        # one line: a line break pasted from Word (a vertical tab, U+2028) becomes a space, other controls go
        self.edit.textEdited.connect(
            lambda text: self.emit_value(clean_typed(text).replace("\n", " ") if text.strip() else None))
        self.setFocusProxy(self.edit)

    def _show(self, value: Any) -> None:
        if self.edit.text() != (value or ""):
            self.edit.setText(value or "")


class GrowingTextEdit(QPlainTextEdit):
    """A plain text editor that grows with its text between a few and a dozen lines."""

    MIN_LINES, MAX_LINES = 3, 14

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on through the form, as in a paper form
        self.setFrameShape(QFrame.StyledPanel)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        line = QFontMetrics(self.font()).lineSpacing()
        lines = max(self.MIN_LINES, min(self.MAX_LINES, int(self.document().size().height()) + 1))
        self.setFixedHeight(lines * line + 2 * int(self.document().documentMargin()) + 6)


@register("long_text")
class LongTextField(FieldWidget):
    """Several lines of text."""

    def build(self) -> None:
        self.edit = GrowingTextEdit(self)
        self.row_layout(self).addWidget(self.edit)
        self.edit.textChanged.connect(self._changed)
        self.setFocusProxy(self.edit)

    def _changed(self) -> None:
        # a line break pasted from Word (a vertical tab, U+2028) is one; other control characters go
        text = clean_typed(self.edit.toPlainText())
        if self.field.max_length and len(text) > self.field.max_length:
            return self.emit_value(text)  # the core refuses it with a clear message
        self.emit_value(text if text.strip() else None)

    def _show(self, value: Any) -> None:
        if self.edit.toPlainText() != (value or ""):
            self.edit.setPlainText(value or "")
