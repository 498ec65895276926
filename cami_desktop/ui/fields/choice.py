"""Choices: ``yes_no``, ``choice`` and ``scale`` (one answer) and ``multi_choice`` (several).

A few options are radio buttons (arrow keys move between them); many are a drop-down list.
Several answers are check boxes in columns. "Other, please specify" is an option like the
others; its specification is the separate question ``KEY_other`` the form shows when chosen.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QGridLayout, QRadioButton,
                               QToolButton, QWidget)

from ...core.i18n import tr
from .base import FieldWidget, register

RADIO_LIMIT = 7


class NoWheelComboBox(QComboBox):
    """A drop-down list that ignores the mouse wheel unless focused, so scrolling a page is safe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


@register("yes_no", "choice", "scale")
class SingleChoiceField(FieldWidget):
    """One answer among options."""

    def build(self) -> None:
        opts = self.options()
        self.radios: list[QRadioButton] = []
        self.combo: QComboBox | None = None
        long_labels = sum(max(len(o.label.en), len(o.label.ru)) + 6 for o in opts) > 70
        if len(opts) <= RADIO_LIMIT and (len(opts) <= 3 or long_labels):
            layout = self.column_layout(self) if long_labels else self.row_layout(self)
        else:
            layout = self.row_layout(self)
        if len(opts) <= RADIO_LIMIT:
            self.group = QButtonGroup(self)
            self.group.setExclusive(True)
            for index, _ in enumerate(opts):
                radio = QRadioButton(self)
                self.group.addButton(radio, index)
                self.radios.append(radio)
                layout.addWidget(radio)
            self.group.idClicked.connect(lambda index: self.emit_value(self.options()[index].value))
            if self.radios:
                self.setFocusProxy(self.radios[0])
        else:
            self.combo = NoWheelComboBox(self)
            self.combo.setMinimumWidth(260)
            layout.addWidget(self.combo)
            self.combo.activated.connect(self._combo_changed)
            self.setFocusProxy(self.combo)
        self.clear = QToolButton(self)
        self.clear.setAutoRaise(True)
        self.clear.clicked.connect(self._clear)
        layout.addWidget(self.clear, 0, Qt.AlignLeft)
        layout.addStretch(1)

    def _combo_changed(self, index: int) -> None:
        self.emit_value(self.combo.itemData(index) or None)

    def editors(self) -> list[QWidget]:
        return [self.combo] if self.combo is not None else []

    def name_controls(self, question: str, description: str) -> None:
        # Each option is named by its own text; the question reaches it as the description.
        context = " ".join(part for part in (self.accessibleName(), description) if part)
        for radio in self.radios:
            radio.setAccessibleName(radio.text())
            radio.setAccessibleDescription(context)
        self.clear.setAccessibleName(tr("Clear answer to {question}", question=question))

    def _clear(self) -> None:
        self.set_value(None)
        self.emit_value(None)

    def _show(self, value: Any) -> None:
        lang = self.lang()
        opts = self.options()
        self.clear.setText(tr("Clear"))
        self.clear.setToolTip(tr("Remove the answer"))
        self.clear.setVisible(value is not None and not self.read_only)
        if self.combo is not None:
            self.combo.clear()
            self.combo.addItem("—", None)
            for option in opts:
                self.combo.addItem(option.label.get(lang), option.value)
            index = self.combo.findData(value) if value is not None else 0
            self.combo.setCurrentIndex(max(index, 0))
            return
        self.group.setExclusive(False)  # lets all be unchecked for "no answer"
        for radio, option in zip(self.radios, opts):
            radio.setText(option.label.get(lang))
            radio.setChecked(option.value == value)
        self.group.setExclusive(True)

    def emit_value(self, value: Any) -> None:
        self.clear.setVisible(value is not None and not self.read_only)
        super().emit_value(value)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.clear.setVisible(self._value is not None and not read_only)


@register("multi_choice")
class MultiChoiceField(FieldWidget):
    """Several answers among options, as check boxes in columns."""

    COLUMNS = 2

    def build(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        opts = self.options()
        columns = self.COLUMNS if len(opts) > 4 else 1
        rows = (len(opts) + columns - 1) // columns
        for index, _ in enumerate(opts):
            box = QCheckBox(self)
            box.toggled.connect(self._changed)
            grid.addWidget(box, index % rows, index // rows)  # reads down the columns
            self.boxes.append(box)
        grid.setColumnStretch(columns, 1)
        if self.boxes:
            self.setFocusProxy(self.boxes[0])

    def _changed(self, *_: object) -> None:
        chosen = [o.value for o, b in zip(self.options(), self.boxes) if b.isChecked()]
        self.emit_value(chosen or None)

    def editors(self) -> list[QWidget]:
        return []

    def name_controls(self, question: str, description: str) -> None:
        context = " ".join(part for part in (self.accessibleName(), description) if part)
        for box in self.boxes:
            box.setAccessibleName(box.text())
            box.setAccessibleDescription(context)

    def _show(self, value: Any) -> None:
        lang = self.lang()
        chosen = set(value or [])
        for box, option in zip(self.boxes, self.options()):
            box.setText(option.label.get(lang))
            box.setChecked(option.value in chosen)
