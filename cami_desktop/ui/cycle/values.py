"""Answers as short text for the cycle's tables (diff of a return, changes since a revision)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...core.export.content import value_text
from ...core.forms.model import Form
from ...core.i18n import current_language, ntr, tr
from ..plain import set_tooltip

KEY_ROLE = Qt.UserRole + 1
LONGEST = 300


def answer_text(form: Form, key: str, value: Any, lang: str | None = None) -> str:
    """An answer as one short text in the interface language ("—" when there is none)."""
    lang = lang or current_language()
    if value is None or value == "" or value == []:
        return "—"
    q = form.questions.get(key)
    if q is None:
        return str(value)
    if q.type == "table":
        rows = value if isinstance(value, list) else []
        lines = [ntr("{n} row", "{n} rows", len(rows))]
        for row in rows[:5]:
            cells = [value_text(form, c, row.get(c.key), lang) for c in q.columns]
            lines.append(" | ".join(cell or "—" for cell in cells))
        if len(rows) > 5:
            lines.append("…")
        text = "\n".join(lines)
    else:
        try:
            text = value_text(form, q, value, lang)
        except Exception:  # noqa: BLE001 - an odd stored value is still shown, as it is
            text = str(value)
    return text if len(text) <= LONGEST else text[:LONGEST - 1] + "…"


def question_text(form: Form, key: str) -> str:
    q = form.questions.get(key)
    if q is None:
        return key
    return f"{q.number}  {q.label.get(current_language())}".strip()


def make_table(columns: int, parent: QWidget | None = None) -> QTableWidget:
    """A read-only table whose text wraps and whose rows grow to fit it."""
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QTableWidget.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    return table


def item(text: str, key: str | None = None) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    set_tooltip(cell, text)  # a colleague's answer, as written
    if key is not None:
        cell.setData(KEY_ROLE, key)
    return cell


def kind_text(kind: str) -> str:
    return tr("English translation") if kind == "translation" else tr("Answer")
