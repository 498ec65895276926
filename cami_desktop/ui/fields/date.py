"""Dates: ``date`` (one day) and ``date_range`` (from – to), with a calendar and a way to clear."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QToolButton, QWidget

from ...core.i18n import tr
from ..plain import plain_label
from .base import FieldWidget, register

_EMPTY = QDate(1900, 1, 1)
_FORMATS = {"en": "d MMM yyyy", "ru": "dd.MM.yyyy"}


class DateEdit(QDateEdit):
    """A date editor whose lowest date stands for "not given"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(_EMPTY)
        self.setSpecialValueText("—")
        self.setDate(_EMPTY)
        self.setMinimumWidth(140)

    def iso(self) -> str | None:
        date = self.date()
        return None if date == _EMPTY else date.toString("yyyy-MM-dd")

    def set_iso(self, value: str | None) -> None:
        date = QDate.fromString(value, "yyyy-MM-dd") if value else _EMPTY
        self.setDate(date if date.isValid() else _EMPTY)

    def set_language(self, lang: str) -> None:
        self.setDisplayFormat(_FORMATS.get(lang, _FORMATS["en"]))

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - Qt name
        """Read-only also loses the calendar's drop-down arrow, which invited a click."""
        super().setReadOnly(read_only)
        self.setCalendarPopup(not read_only)
        self.setButtonSymbols(QAbstractSpinBox.NoButtons if read_only else QAbstractSpinBox.UpDownArrows)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt name
        """A read-only date shows no highlighted day on focus: that is the look of a date being typed."""
        super().focusInEvent(event)
        if self.isReadOnly():
            self.lineEdit().deselect()


@register("date", "date_range")
class DateField(FieldWidget):
    """One date, or a period with a start and an end."""

    def build(self) -> None:
        layout = self.row_layout(self)
        self.start = DateEdit(self)
        self.end = DateEdit(self) if self.field.type == "date_range" else None
        self.dash = plain_label("–", self)
        self.clear = QToolButton(self)
        layout.addWidget(self.start)
        if self.end is not None:
            layout.addWidget(self.dash)
            layout.addWidget(self.end)
            self.end.dateChanged.connect(self._changed)
        else:
            self.dash.hide()
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self.start.dateChanged.connect(self._changed)
        self.clear.clicked.connect(self._clear)
        self.setFocusProxy(self.start)

    def editors(self) -> list[QWidget]:
        return [self.start] + ([self.end] if self.end is not None else [])

    def name_controls(self, question: str, description: str) -> None:
        if self.end is not None:
            label = self.accessibleName()
            self.start.setAccessibleName(tr("{question}: from", question=label))
            self.end.setAccessibleName(tr("{question}: to", question=label))
        self.clear.setAccessibleName(tr("Clear the date of {question}", question=question))

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.clear.setVisible(not read_only)

    def _clear(self) -> None:
        if self.read_only:
            return
        self.start.set_iso(None)
        if self.end is not None:
            self.end.set_iso(None)

    def _changed(self, *_: object) -> None:
        if self.end is None:
            return self.emit_value(self.start.iso())
        value = {k: v for k, v in (("from", self.start.iso()), ("to", self.end.iso())) if v}
        self.emit_value(value or None)

    def _show(self, value: Any) -> None:
        lang = self.lang()
        self.clear.setText(tr("Clear"))
        self.clear.setToolTip(tr("Remove the date"))
        self.clear.setVisible(not self.read_only)
        self.start.set_language(lang)
        if self.end is not None:
            self.end.set_language(lang)
            value = value or {}
            self.start.set_iso(value.get("from"))
            self.end.set_iso(value.get("to"))
        else:
            self.start.set_iso(value)
