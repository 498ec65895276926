"""The list of all errors and warnings of a report; activating one jumps to its question."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from ...core.forms.model import Form
from ...core.i18n import current_language, ntr, tr
from ...core.reports.review import Message, Review
from ..plain import plain_label, set_tooltip

KEY = Qt.UserRole + 1


class MessagesPanel(QWidget):
    """Errors first, then warnings, in form order."""

    question_chosen = Signal(str)

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.messages: list[Message] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        # Room at both ends: flush with the window's edge, the last letters were cut off.
        head.setContentsMargins(6, 3, 10, 3)
        self.summary = plain_label(self)
        self.summary.setObjectName("messagesSummary")
        self.hint = plain_label(self)
        self.hint.setObjectName("hint")
        head.addWidget(self.summary)
        head.addStretch(1)
        head.addWidget(self.hint)
        layout.addLayout(head)
        self.list = QTreeWidget(self)
        self.list.setColumnCount(3)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        # Question and message share the width, so that a message is not squeezed out of
        # sight by a long question; each shows in full as its tooltip.
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout.addWidget(self.list)
        self._order = {key: index for index, key in enumerate(form.questions)}
        self.retranslate_ui()

    def _activated(self, item: QTreeWidgetItem) -> None:
        self.question_chosen.emit(item.data(0, KEY))

    def retranslate_ui(self) -> None:
        self.list.setHeaderLabels([tr("No."), tr("Question"), tr("Message")])
        self.list.setAccessibleName(tr("Errors and warnings"))
        self.hint.setText(tr("F8: next  ·  Shift+F8: previous"))
        self.show_messages(self.messages)

    def sorted_messages(self, review: Review) -> list[Message]:
        return sorted(review.messages, key=lambda m: (m.level != "error", self._order.get(m.key, 0)))

    def apply_review(self, review: Review) -> None:
        self.show_messages(self.sorted_messages(review))

    def show_messages(self, messages: list[Message]) -> None:
        self.messages = messages
        lang = current_language()
        errors = sum(1 for m in messages if m.level == "error")
        warnings = len(messages) - errors
        if not messages:
            self.summary.setText(tr("No errors or warnings."))
        else:
            self.summary.setText(ntr("{n} error", "{n} errors", errors) + ", "
                                 + ntr("{n} warning", "{n} warnings", warnings))
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        items = []
        icons = {"error": self.style().standardIcon(QStyle.SP_MessageBoxCritical),
                 "warning": self.style().standardIcon(QStyle.SP_MessageBoxWarning)}
        for message in messages:
            q = self.form.questions.get(message.key)
            item = QTreeWidgetItem([q.number if q else "", q.label.get(lang) if q else message.key,
                                    message.render(lang)])
            item.setData(0, KEY, message.key)
            item.setIcon(0, icons[message.level])
            set_tooltip(item, item.text(1), 1)  # a message may quote an answer
            set_tooltip(item, item.text(2), 2)
            items.append(item)
        self.list.addTopLevelItems(items)
        self.list.setUpdatesEnabled(True)
        self.list.resizeColumnToContents(0)

    def keys(self) -> list[str]:
        """Question keys with a message, errors first, without repeats."""
        seen: dict[str, None] = {}
        for message in self.messages:
            seen.setdefault(message.key, None)
        return list(seen)
