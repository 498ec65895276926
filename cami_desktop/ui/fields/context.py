"""Read-only context (``context``): an activity's responsible bodies, its priority, and such."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ..plain import plain_label
from .base import FieldWidget, register


@register("context")
class ContextField(FieldWidget):
    """Text the form gives; shown, never edited."""

    def build(self) -> None:
        self.label = plain_label(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.label.setObjectName("contextText")
        self.row_layout(self).addWidget(self.label)

    def _show(self, value: Any) -> None:
        text = getattr(self.field, "text", None)
        self.label.setText(text.get(self.lang()) if text else "")

    def editors(self) -> list:
        return [self.label]

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = True
