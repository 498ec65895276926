"""Links (``link``): one web address, or several, one a line."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from ...core.i18n import tr
from .base import FieldWidget, register
from .text import GrowingTextEdit


@register("link")
class LinkField(FieldWidget):
    """A web address, or several when the question allows it."""

    def build(self) -> None:
        if self.field.multiple:
            self.edit = GrowingTextEdit(self)
            self.edit.MIN_LINES = 2
            self.edit.textChanged.connect(self._changed_many)
        else:
            self.edit = QLineEdit(self)
            self.edit.textEdited.connect(lambda text: self.emit_value(text.strip() or None))
        self.row_layout(self).addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def _changed_many(self) -> None:
        links = [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]
        self.emit_value(links or None)

    def _show(self, value: Any) -> None:
        if self.field.multiple:
            self.edit.setPlaceholderText(tr("One address a line, e.g. https://www.cms.int/…"))
            text = "\n".join(value or [])
            current = [l.strip() for l in self.edit.toPlainText().splitlines() if l.strip()]
            if current != (value or []):
                self.edit.setPlainText(text)
        else:
            self.edit.setPlaceholderText("https://…")
            if self.edit.text().strip() != (value or ""):
                self.edit.setText(value or "")
