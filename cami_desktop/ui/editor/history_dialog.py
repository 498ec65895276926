"""An answer's history: every stored change, newest first."""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ...core.cycle.suppliers import history_with_suppliers, supplier_text
from ...core.i18n import current_language, tr
from ..language import format_datetime
from ..plain import plain_label, set_tooltip


def short(value: Any, limit: int = 80) -> str:
    """A value as one short line."""
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class HistoryDialog(QDialog):
    """Lists the changes of one answer (and of its translation)."""

    def __init__(self, store, session, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(700, 420)
        self.store, self.session, self.key = store, session, key
        layout = QVBoxLayout(self)
        self.heading = plain_label(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(4)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        q = self.session.form.questions[self.key]
        lang = current_language()
        self.setWindowTitle(tr("Answer history"))
        self.heading.setText(f"{q.number}  {q.label.get(lang)}")
        self.list.setHeaderLabels([tr("When"), tr("What"), tr("New value"), tr("Supplier")])
        self.list.clear()
        # who gave each change: a colleague's accepted answer names them (signed or not)
        entries = history_with_suppliers(self.store, self.session.record.id, self.key)
        for entry, supplier in reversed(entries):
            kind = tr("Answer") if entry.kind == "value" else tr("English translation")
            who = supplier_text(supplier)
            item = QTreeWidgetItem([format_datetime(entry.at, lang), kind, short(entry.new), who])
            set_tooltip(item, short(entry.new, 2000), 2)  # an answer, as written
            set_tooltip(item, who, 3)  # a name from a colleague's file
            self.list.addTopLevelItem(item)
        if not entries:
            self.list.addTopLevelItem(QTreeWidgetItem(["", tr("No changes stored yet."), "", ""]))
        for column in range(2):
            self.list.resizeColumnToContents(column)
