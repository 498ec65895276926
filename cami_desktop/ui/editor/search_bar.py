"""Search (Ctrl+F) across question texts in both languages and across answers."""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from ...core.forms.model import Form
from ...core.i18n import ntr, tr
from ..plain import plain_label


def search(form: Form, answers: dict[str, Any], translations: dict[str, str], text: str,
           visible: set[str] | None = None) -> list[str]:
    """Keys of the questions whose number, label (en or ru), help or answer contains ``text``."""
    needle = text.strip().casefold()
    if not needle:
        return []
    found = []
    for key, q in form.questions.items():
        if visible is not None and key not in visible:
            continue
        haystack = [q.label.en, q.label.ru]
        if q.help:
            haystack += [q.help.en, q.help.ru]
        if q.text:
            haystack += [q.text.en, q.text.ru]
        value = answers.get(key)
        if value is not None:
            haystack.append(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
            if q.type in ("choice", "scale", "pick", "yes_no", "multi_choice"):
                for v in value if isinstance(value, list) else [value]:
                    haystack += [form.choice_label(q, v, "en"), form.choice_label(q, v, "ru")]
        if key in translations:
            haystack.append(translations[key])
        if any(needle in part.casefold() for part in haystack if part):
            found.append(key)
    return found


class SearchBar(QWidget):
    """A find bar: Enter goes to the next match, Shift+Enter to the previous, Esc closes."""

    question_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matches: list[str] = []
        self.position = -1
        self.provider = None  # callable(text) -> list of keys
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.count = plain_label(self)
        self.previous = QToolButton(self)
        self.previous.setArrowType(Qt.UpArrow)
        self.next = QToolButton(self)
        self.next.setArrowType(Qt.DownArrow)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        for widget in (self.edit, self.count, self.previous, self.next, self.close_button):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(lambda: self.step(1))
        QShortcut(QKeySequence("Shift+Return"), self.edit, lambda: self.step(-1))
        QShortcut(QKeySequence(Qt.Key_Escape), self, self.hide)
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.hide)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.edit.setPlaceholderText(tr("Search questions and answers (English or Russian)"))
        self.edit.setAccessibleName(tr("Search"))
        self.previous.setToolTip(tr("Previous match (Shift+Enter)"))
        self.next.setToolTip(tr("Next match (Enter)"))
        self.close_button.setToolTip(tr("Close search (Esc)"))
        self._show_count()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def _search(self, text: str) -> None:
        self.matches = self.provider(text) if self.provider else []
        self.position = -1
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text().strip():
            self.count.setText("")
        elif not self.matches:
            self.count.setText(tr("No matches"))
        else:
            shown = self.position + 1 if self.position >= 0 else 0
            self.count.setText(ntr("{shown} of {n} match", "{shown} of {n} matches",
                                   len(self.matches), shown=shown))

    def step(self, direction: int) -> None:
        if not self.matches:
            return
        self.position = (self.position + direction) % len(self.matches)
        self._show_count()
        self.question_chosen.emit(self.matches[self.position])
        self.edit.setFocus()  # keep typing Enter to go on
