"""A page per section, built the first time it is shown: title, intro, items and questions."""
from __future__ import annotations

from functools import partial
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...core.forms.model import Section
from ...core.i18n import current_language, ntr, tr
from ...core.reports.review import Review
from ..fields import FieldEnv
from ..plain import plain_label
from .question_row import QuestionRow


class SectionPage(QScrollArea):
    """The questions of one section (not those of its subsections, which have their own page)."""

    section_requested = Signal(str)

    def __init__(self, section: Section, env: FieldEnv, with_translation: bool,
                 connect_row: Callable[[QuestionRow], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        inner = QWidget(self)
        inner.setObjectName("page")
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(24, 18, 24, 24)
        layout.setSpacing(6)
        self.title = plain_label(inner)
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.intro = plain_label(inner)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("pageIntro")
        layout.addWidget(self.intro)
        self.rows: dict[str, QuestionRow] = {}
        for question in section.questions:
            row = QuestionRow(question, env, with_translation, inner)
            connect_row(row)
            self.rows[question.key] = row
            layout.addWidget(row)
        self.child_buttons: dict[str, QPushButton] = {}
        for child in section.sections:
            button = QPushButton(inner)
            button.setObjectName("childLink")
            button.setFlat(True)
            button.setCursor(Qt.PointingHandCursor)
            button.clicked.connect(partial(self._child_clicked, child.key))
            self.child_buttons[child.key] = button
            layout.addWidget(button, 0, Qt.AlignLeft)
        layout.addStretch(1)
        self.setWidget(inner)
        self.retranslate_ui()

    def _child_clicked(self, key: str, _checked: bool = False) -> None:
        self.section_requested.emit(key)

    def retranslate_ui(self) -> None:
        lang = current_language()
        s = self.section
        title = s.title.get(lang)
        self.title.setText(f"{s.number}  {title}".strip())
        self.title.setProperty("long", len(title) > 90)
        self.title.style().unpolish(self.title)
        self.title.style().polish(self.title)
        intro = [s.intro.get(lang)] if s.intro else []
        if s.item is not None:
            intro += [f"{chr(ord('a') + i)}) {t.get(lang)}" for i, t in enumerate(s.item.sub_items)]
        self.intro.setText("\n".join(intro))
        self.intro.setVisible(bool(intro))
        for child in s.sections:
            self.child_buttons[child.key].setText(f"→  {child.number}  {child.title.get(lang)}")
        for row in self.rows.values():
            row.retranslate_ui()

    def load(self, answers: dict[str, Any], translations: dict[str, str]) -> None:
        for key, row in self.rows.items():
            row.set_answer(answers.get(key), translations.get(key))

    def apply_review(self, review: Review, messages: dict[str, list]) -> None:
        """Show or hide conditional questions and put messages beside them."""
        lang = current_language()
        for key, row in self.rows.items():
            empty_context = row.question.type == "context" and not (
                row.question.text and row.question.text.get(lang).strip())
            row.setVisible(key in review.visible_questions and not empty_context)
            found = messages.get(key)
            if found:
                level = "error" if any(m.level == "error" for m in found) else "warning"
                row.set_message(level, "\n".join(m.render(lang) for m in found))
            else:
                row.set_message(None)
        for key, button in self.child_buttons.items():
            progress = review.progress.get(key)
            button.setVisible(key in review.visible_sections)
            if progress is not None:
                button.setToolTip(ntr("{n} answer of {total}", "{n} answers of {total}",
                                      progress.answered, total=progress.total))

    def set_read_only(self, read_only: bool) -> None:
        for row in self.rows.values():
            row.set_read_only(read_only)

    def scroll_to(self, key: str) -> None:
        row = self.rows.get(key)
        if row is not None:
            self.ensureWidgetVisible(row, 0, 40)
            row.focus()


def empty_hint() -> str:
    return tr("This section has no questions of its own; choose a subsection.")
