"""Editable tables (``table``): add, remove and reorder rows; each cell typed by its column."""
from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QStyledItemDelegate,
                               QTableWidget, QTableWidgetItem, QWidget)

from ...core.forms.model import Field, Form
from ...core.i18n import tr
from ...core.values import MAX_ROWS, clean_typed
from ..language import format_date, format_number
from .base import FieldWidget, register, show_locked
from .date import DateEdit
from .number import parse_number

VALUE = Qt.UserRole + 1
MULTI_TYPES = ("multi_choice",)
EDIT_TRIGGERS = (QAbstractItemView.DoubleClicked | QAbstractItemView.SelectedClicked
                 | QAbstractItemView.EditKeyPressed | QAbstractItemView.AnyKeyPressed)


def is_multi(col: Field) -> bool:
    return col.type in MULTI_TYPES or (col.type == "pick" and col.multiple)


def cell_text(form: Form, col: Field, value: Any, lang: str) -> str:
    """How a cell's value reads in the table."""
    if value is None or value == "" or value == []:
        return ""
    if col.type in ("choice", "scale", "yes_no", "pick", "multi_choice"):
        values = value if isinstance(value, list) else [value]
        return ", ".join(form.choice_label(col, v, lang) for v in values)
    if col.type in ("integer", "decimal") and isinstance(value, (int, float)):
        return format_number(value, lang)
    if col.type == "date":
        return format_date(value, lang)
    return str(value)


class CellDelegate(QStyledItemDelegate):
    """Creates the editor a column's type calls for."""

    def __init__(self, owner: "TableField") -> None:
        super().__init__(owner)
        self.owner = owner

    def column(self, index: QModelIndex) -> Field:
        return self.owner.field.columns[index.column()]

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        col = self.column(index)
        lang = self.owner.lang()
        if is_multi(col):
            editor = QListWidget(parent)
            for opt in self.owner.env.form.reference.choices(col):
                item = QListWidgetItem(opt.label.get(lang), editor)
                item.setData(VALUE, opt.value)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Unchecked)
            return editor
        if col.type in ("choice", "scale", "yes_no", "pick"):
            editor = QComboBox(parent)
            editor.addItem("—", None)
            for opt in self.owner.env.form.reference.choices(col):
                editor.addItem(opt.label.get(lang), opt.value)
            return editor
        if col.type == "date":
            editor = DateEdit(parent)
            editor.set_language(lang)
            return editor
        editor = QLineEdit(parent)
        if col.max_length:
            editor.setMaxLength(col.max_length)
        return editor

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:  # noqa: N802
        rect = option.rect
        if isinstance(editor, QListWidget):
            rect.setHeight(min(220, 22 * editor.count() + 6))
            rect.setWidth(max(rect.width(), 220))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(VALUE)
        col = self.column(index)
        if isinstance(editor, QListWidget):
            chosen = set(value or [])
            for row in range(editor.count()):
                item = editor.item(row)
                item.setCheckState(Qt.Checked if item.data(VALUE) in chosen else Qt.Unchecked)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)) if value is not None else 0)
        elif isinstance(editor, DateEdit):
            editor.set_iso(value)
        else:
            if col.type in ("integer", "decimal") and isinstance(value, (int, float)):
                value = format_number(value, self.owner.lang()).replace("\u00a0", " ")
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        col = self.column(index)
        if isinstance(editor, QListWidget):
            value = [editor.item(r).data(VALUE) for r in range(editor.count())
                     if editor.item(r).checkState() == Qt.Checked] or None
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, DateEdit):
            value = editor.iso()
        elif col.type in ("integer", "decimal"):
            value = parse_number(editor.text(), col.type == "integer")
        else:
            value = clean_typed(editor.text()).strip() or None
        self.owner.set_cell(index.row(), index.column(), value)


@register("table")
class TableField(FieldWidget):
    """A table of rows; the value is a list of ``{column_key: value}``."""

    def build(self) -> None:
        layout = self.column_layout(self)
        self.table = QTableWidget(0, len(self.field.columns), self)
        self.table.setItemDelegate(CellDelegate(self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(EDIT_TRIGGERS)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(90)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.up_button = QPushButton(self)
        self.down_button = QPushButton(self)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.setFocusProxy(self.table)
        self.rows: list[dict] = []

    def name_controls(self, question: str, description: str) -> None:
        self.add_button.setAccessibleName(tr("Add row to table {question}", question=question))
        self.remove_button.setAccessibleName(tr("Remove row from table {question}", question=question))
        self.up_button.setAccessibleName(tr("Move row up in table {question}", question=question))
        self.down_button.setAccessibleName(tr("Move row down in table {question}", question=question))

    # -- editing ------------------------------------------------------------------------
    def set_cell(self, row: int, column: int, value: Any) -> None:
        key = self.field.columns[column].key
        if value is None:
            self.rows[row].pop(key, None)
        else:
            self.rows[row][key] = value
        self._fill_cell(row, column)
        self._commit()

    def add_row(self) -> None:
        if len(self.rows) >= (self.field.max_rows or MAX_ROWS):
            return
        self.rows.append({})
        self._refill()
        self._commit()
        self.table.setFocus()
        self.table.setCurrentCell(len(self.rows) - 1, 0)
        self.table.edit(self.table.model().index(len(self.rows) - 1, 0))  # type at once

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            del self.rows[row]
            self._refill()
            self.table.setCurrentCell(min(row, len(self.rows) - 1), 0)
            self._commit()

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if 0 <= row < len(self.rows) and 0 <= target < len(self.rows):
            self.rows[row], self.rows[target] = self.rows[target], self.rows[row]
            self._refill()
            self.table.setCurrentCell(target, self.table.currentColumn())
            self._commit()

    def _commit(self) -> None:
        self._update_buttons()
        self.emit_value(copy.deepcopy(self.rows) or None)

    # -- showing ------------------------------------------------------------------------
    def _fill_cell(self, row: int, column: int) -> None:
        col = self.field.columns[column]
        value = self.rows[row].get(col.key)
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, column, item)
        item.setData(VALUE, value)
        item.setText(cell_text(self.env.form, col, value, self.lang()))

    def _refill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for row in range(len(self.rows)):
            for column in range(len(self.field.columns)):
                self._fill_cell(row, column)
        header = self.table.horizontalHeader().sizeHint().height()
        body = sum(self.table.rowHeight(r) for r in range(len(self.rows))) or 30
        self.table.setFixedHeight(min(420, header + body + 2 * self.table.frameWidth() + 24))

    def _update_buttons(self) -> None:
        row = self.table.currentRow()
        has = 0 <= row < len(self.rows) and not self.read_only
        full = len(self.rows) >= (self.field.max_rows or MAX_ROWS)
        self.add_button.setEnabled(not full and not self.read_only)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.rows) - 1)

    def _show(self, value: Any) -> None:
        lang = self.lang()
        self.table.setHorizontalHeaderLabels(
            [c.label.get(lang) + (" *" if c.required else "") for c in self.field.columns])
        for index, col in enumerate(self.field.columns):
            if col.help:
                self.table.horizontalHeaderItem(index).setToolTip(col.help.get(lang))
        self.add_button.setText(tr("Add row"))
        self.remove_button.setText(tr("Remove row"))
        self.up_button.setText(tr("Move up"))
        self.down_button.setText(tr("Move down"))
        self.rows = copy.deepcopy(value) if isinstance(value, list) else []
        self._refill()
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers if read_only
                                   else EDIT_TRIGGERS)
        show_locked(self.table, read_only)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setVisible(not read_only)  # a final report's table takes no rows
        self._update_buttons()
