"""One question on a page: number, label, required marker, help, widget, message, translation."""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QGridLayout, QLabel, QLineEdit, QMenu, QToolButton, QVBoxLayout,
                               QWidget)

from ...core.forms.model import Question
from ...core.i18n import current_language, tr
from ...core.values import MAX_TEXT, clean_typed
from ..fields import FieldEnv, create_field
from ..fields.base import show_locked
from ..fields.text import GrowingTextEdit
from ..plain import plain_label


class QuestionRow(QWidget):
    """A question with its answer widget; emits what the person changes."""

    answer_edited = Signal(str, object)
    translation_edited = Signal(str, object)
    history_requested = Signal(str)

    def __init__(self, question: Question, env: FieldEnv, with_translation: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName("questionRow")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 6, 0, 6)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        self.number = plain_label(question.number if question.answerable else "", self)
        self.number.setObjectName("questionNumber")
        self.number.setAlignment(Qt.AlignRight | Qt.AlignTop)
        self.number.setMinimumWidth(44)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setObjectName("questionLabel")
        self.label.setTextFormat(Qt.RichText)
        self.help = plain_label(self)
        self.help.setWordWrap(True)
        self.help.setObjectName("questionHelp")
        self.help.setVisible(question.help is not None)
        self.menu_button = QToolButton(self)
        self.menu_button.setText("⋯")
        self.menu_button.setAutoRaise(True)
        self.menu_button.setPopupMode(QToolButton.InstantPopup)
        self.menu_button.setFocusPolicy(Qt.NoFocus)
        self.menu = QMenu(self)
        self.history_action = self.menu.addAction("")
        self.history_action.triggered.connect(self._history)
        self.menu_button.setMenu(self.menu)
        self.menu_button.setVisible(question.answerable)
        self.widget = create_field(question, env, self)
        if question.answerable:
            self.widget.edited.connect(self._edited)
            self.label.setBuddy(self.widget)
        self.message = plain_label(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("questionMessage")
        self.message.hide()

        head = QWidget(self)
        head_layout = QGridLayout(head)
        head_layout.setContentsMargins(0, 0, 0, 0)
        head_layout.addWidget(self.label, 0, 0)
        head_layout.addWidget(self.menu_button, 0, 2, Qt.AlignTop)
        head_layout.setColumnStretch(0, 1)
        body = QVBoxLayout()
        body.setSpacing(4)
        body.addWidget(head)
        body.addWidget(self.help)
        body.addWidget(self.widget)
        self.translation: QWidget | None = None
        self.translation_label: QLabel | None = None
        if with_translation and question.free_text:
            self.translation_label = plain_label(self)
            self.translation_label.setObjectName("translationLabel")
            if question.type == "long_text":
                self.translation = GrowingTextEdit(self)
                self.translation.textChanged.connect(
                    lambda: self._translation_changed(self.translation.toPlainText()))
            else:
                self.translation = QLineEdit(self)
                self.translation.textEdited.connect(self._translation_changed)
            body.addWidget(self.translation_label)
            body.addWidget(self.translation)
        body.addWidget(self.message)
        grid.addWidget(self.number, 0, 0, Qt.AlignTop)
        grid.addLayout(body, 0, 1)
        grid.setColumnStretch(1, 1)
        self._loading = False
        self.translation_too_long = False
        self.retranslate_ui()

    # Slots are methods returning None: PySide6 6.12 mishandles a lambda slot that returns a bool
    # (such as Signal.emit's result), which corrupts the interpreter's True/False refcounts.
    def _edited(self, value: Any) -> None:
        self.answer_edited.emit(self.question.key, value)

    def _history(self) -> None:
        self.history_requested.emit(self.question.key)

    def _translation_changed(self, text: str) -> None:
        if not self._loading:  # cleaned as the answer's own text is (ui/fields/text.py)
            text = clean_typed(text)
            if isinstance(self.translation, QLineEdit):
                text = text.replace("\n", " ")
            # too long: said once beside the field, as for a note, never a box; the stored text stays
            self.translation_too_long = len(text) > MAX_TEXT
            self._show_translation_label()
            if not self.translation_too_long:
                self.translation_edited.emit(self.question.key, text)

    def _show_translation_label(self) -> None:
        if self.translation_label is not None:
            label = tr("English translation (for the Secretariat)")
            if self.translation_too_long:
                label += " — " + tr("at most {n} characters; not saved", n=MAX_TEXT)
            self.translation_label.setText(label)

    def retranslate_ui(self) -> None:
        lang = current_language()
        q = self.question
        label = q.label.get(lang)
        shown = html.escape(label)
        if q.type == "context":
            shown += ":"
        if q.required:
            required = html.escape(tr("An answer is required."))  # outside the f-string: extracted
            shown += f' <span style="color:#c0392b" title="{required}">*</span>'
        self.label.setText(shown)
        if q.help is not None:
            self.help.setText(q.help.get(lang))
        self.history_action.setText(tr("Answer history…"))
        self.menu_button.setToolTip(tr("More"))
        if self.translation_label is not None:
            self._show_translation_label()
        self.widget.retranslate_ui()
        description = q.help.get(lang) if q.help else ""
        if q.required:
            description = (tr("An answer is required.") + " " + description).strip()
        number = q.number if q.answerable else ""
        self.widget.set_accessible(label, description, number)
        self.menu_button.setAccessibleName(tr("More actions for question {question}", question=number or label))
        if self.translation is not None:
            self.translation.setAccessibleName(tr("English translation of the answer to {question}",
                                                  question=number or label))

    def set_answer(self, value: Any, translation: str | None = None) -> None:
        self.widget.set_value(value)
        if self.translation is not None:
            self._loading = True
            if isinstance(self.translation, QLineEdit):
                self.translation.setText(translation or "")
            else:
                self.translation.setPlainText(translation or "")
            self._loading = False
            self.translation_too_long = False  # the stored text is shown again
            self._show_translation_label()

    def set_message(self, level: str | None, text: str = "") -> None:
        """Show a validation message beside the question (``None`` hides it)."""
        if not level:
            self.message.hide()
            return
        self.message.setProperty("level", level)
        self.message.setText(("⚠ " if level == "warning" else "✖ ") + text)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def set_read_only(self, read_only: bool) -> None:
        self.widget.set_read_only(read_only)
        if self.translation is not None:
            self.translation.setReadOnly(read_only)
            show_locked(self.translation, read_only)

    def focus(self) -> None:
        self.widget.focus_editor()
