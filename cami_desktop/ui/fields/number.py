"""Numbers with bounds and units: ``integer`` and ``decimal``.

A line editor rather than a spin box: a spin box cannot be empty, and "no answer" differs from 0.
Both decimal separators are accepted, and spaces between thousands.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from ...core.i18n import tr
from ..language import format_number
from ..plain import plain_label
from .base import FieldWidget, register


def parse_number(text: str, integer: bool) -> Any:
    """``"1 234,5"`` → 1234.5; text that is no number is returned as is for the core to refuse."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        return text
    if integer:
        return int(number) if number.is_integer() else text
    return number


@register("integer", "decimal")
class NumberField(FieldWidget):
    """A number, its unit after it, its bounds as a hint."""

    def build(self) -> None:
        self.edit = QLineEdit(self)
        self.edit.setMaximumWidth(180)
        self.unit = plain_label(self)
        layout = self.row_layout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.unit)
        layout.addStretch(1)
        self.edit.textEdited.connect(
            lambda text: self.emit_value(parse_number(text, self.field.type == "integer")))
        self.setFocusProxy(self.edit)

    def _show(self, value: Any) -> None:
        lang = self.lang()
        self.unit.setText(self.field.unit.get(lang) if self.field.unit else "")
        lo, hi = self.field.min, self.field.max
        if lo is not None and hi is not None:
            hint = tr("from {min} to {max}", min=format_number(lo), max=format_number(hi))
        elif lo is not None:
            hint = tr("at least {min}", min=format_number(lo))
        elif hi is not None:
            hint = tr("at most {max}", max=format_number(hi))
        else:
            hint = ""
        self.edit.setPlaceholderText(hint)
        current = parse_number(self.edit.text(), self.field.type == "integer")
        if current != value:
            self.edit.setText("" if value is None else format_number(value).replace("\u00a0", " "))
