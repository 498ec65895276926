"""The report editor: section tree on the left, the section's page, messages below.

Pages are built the first time they are shown, so even the Programme of Work report (144
sections, ~1100 questions) opens at once. Every change is stored as it is made; the review
(visibility, messages, completeness) is recomputed shortly after, off the keystroke path.
"""
from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QPushButton, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

from ...core.errors import AnswerError, CamiError
from ...core.i18n import current_language, tr
from ...core.reports.session import ReportSession
from ...core.reports.review import Review
from ..fields import FieldEnv
from ..language import language
from ..plain import plain_label
from .messages_panel import MessagesPanel
from .question_row import QuestionRow
from .search_bar import SearchBar, search
from .section_page import SectionPage
from .section_tree import SectionTree

REVIEW_DELAY_MS = 150
#: Section pages kept built; the least recently shown others are dropped and rebuilt from the
#: answers when shown again. Every page of the Programme of Work report built at once took
#: over 400 MB (issue 10); a page builds in milliseconds.
MAX_PAGES = 12


class ReportEditor(QWidget):
    """Edits one report; ``save_state`` tells the window "saved", "saving" or "failed"."""

    save_state = Signal(str)
    status_changed = Signal()

    def __init__(self, ctx, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = ReportSession.open(ctx.store, ctx.library, report_id)
        self.form = self.session.form
        self.env = FieldEnv(self.form, ctx.store, report_id)
        self.with_translation = self.session.record.language == "ru"
        self.pages: dict[str, SectionPage] = {}
        self.invalid: dict[str, CamiError] = {}
        self.review: Review = self.session.review()
        self.current_key: str | None = None
        self.last_save_ms = 0.0
        self.closing = False
        self._positions = {key: index for index, key in enumerate(self.form.questions)}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = QWidget(self)
        self.banner.setObjectName("lockBanner")
        banner_layout = QHBoxLayout(self.banner)
        self.banner_text = plain_label(self.banner)
        self.reopen_button = QPushButton(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.reopen_button)
        self.reopen_button.clicked.connect(self.reopen)
        layout.addWidget(self.banner)
        self.search_bar = SearchBar(self)
        self.search_bar.provider = self._search
        self.search_bar.question_chosen.connect(self.goto_question)
        self.search_bar.hide()
        layout.addWidget(self.search_bar)

        self.splitter = QSplitter(Qt.Horizontal, self)
        self.tree = SectionTree(self.form, self.splitter)
        self.tree.section_chosen.connect(self.show_section)
        right = QSplitter(Qt.Vertical, self.splitter)
        self.stack = QStackedWidget(right)
        self.messages = MessagesPanel(self.form, right)
        self.messages.question_chosen.connect(self.goto_question)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        self.right = right
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([340, 900])
        right.setSizes([600, 160])
        layout.addWidget(self.splitter, 1)

        self.review_timer = QTimer(self)
        self.review_timer.setSingleShot(True)
        self.review_timer.setInterval(REVIEW_DELAY_MS)
        self.review_timer.timeout.connect(self.refresh_review)
        # carry-over marks, suppliers, notes, undo/redo (issue 11, ui/cycle)
        from ..cycle.editor_cycle import EditorCycle
        self.cycle = EditorCycle(self)
        language().changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self._apply_review()
        first = self.form.sections[0].key if self.form.sections else None
        if first:
            self.show_section(first)

    # -- pages -----------------------------------------------------------------------------
    def _connect_row(self, row: QuestionRow) -> None:
        row.answer_edited.connect(self.on_answer)
        row.translation_edited.connect(self.on_translation)
        row.history_requested.connect(self.show_history)

    def page(self, key: str) -> SectionPage:
        """The page of a section, built now if it was never shown."""
        page = self.pages.get(key)
        if page is None:
            page = SectionPage(self.form.section_index[key], self.env, self.with_translation,
                               self._connect_row, self.stack)
            page.section_requested.connect(self.show_section)
            page.load(self.session.answers, self.session.translations)
            page.apply_review(self.review, self._messages_by_key())
            page.set_read_only(self.session.locked)
            self.cycle.decorate(page)
            self.stack.addWidget(page)
            self.pages[key] = page
            self._drop_pages(keep=key)
        else:
            self.pages[key] = self.pages.pop(key)  # the most recently shown last
        return page

    def _drop_pages(self, keep: str) -> None:
        """Drop the least recently shown pages beyond :data:`MAX_PAGES` (answers are all stored)."""
        current = self.stack.currentWidget()
        for key in [k for k in self.pages if k != keep and self.pages[k] is not current]:
            if len(self.pages) <= MAX_PAGES:
                break
            page = self.pages.pop(key)
            self.stack.removeWidget(page)
            page.deleteLater()

    def show_section(self, key: str) -> None:
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self.current_key = key
        self.tree.select(key)
        page.verticalScrollBar().setValue(0)

    def goto_question(self, key: str) -> None:
        """Show the question's section and put the focus on its answer."""
        q = self.form.questions.get(key)
        if q is None:
            return
        self.show_section(q.section)
        page = self.pages[q.section]
        QTimer.singleShot(0, page, lambda: page.scroll_to(key))  # after the layout has settled

    def row(self, key: str) -> QuestionRow | None:
        q = self.form.questions.get(key)
        page = self.pages.get(q.section) if q else None
        return page.rows.get(key) if page else None

    # -- answers -------------------------------------------------------------------------
    def on_answer(self, key: str, value: Any) -> None:
        """Store a change at once; a refused value is shown beside its question."""
        if self.closing:
            return
        self.save_state.emit("saving")
        started = time.perf_counter()
        try:
            self.session.set(key, value)
        except AnswerError as exc:
            self.invalid[key] = exc
            self.save_state.emit("saved")
        except CamiError as exc:
            self.save_state.emit("failed")
            from ..background import show_error
            show_error(self, exc)
            return
        else:
            self.invalid.pop(key, None)
            self.save_state.emit("saved")
        self.last_save_ms = (time.perf_counter() - started) * 1000
        row = self.row(key)
        if row is not None and key in self.invalid:
            row.set_message("error", self.invalid[key].translated())
        self.review_timer.start()

    def on_translation(self, key: str, text: str) -> None:
        if self.closing:
            return
        try:
            self.session.set_translation(key, text)
        except CamiError as exc:
            self.save_state.emit("failed")
            from ..background import show_error
            show_error(self, exc)
            return
        self.save_state.emit("saved")

    def shut(self) -> None:
        """Commit an open cell editor, then ignore the late signals of widgets being destroyed."""
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()  # a table cell editor commits when it loses the focus
        self.flush()
        self.closing = True

    def flush(self) -> None:
        """Run a pending review now (stored answers are never pending)."""
        if self.review_timer.isActive():
            self.review_timer.stop()
            self.refresh_review()

    # -- review ----------------------------------------------------------------------------
    def _messages_by_key(self) -> dict[str, list]:
        found: dict[str, list] = {}
        for message in self.review.messages:
            found.setdefault(message.key, []).append(message)
        for key, error in self.invalid.items():
            found[key] = [_Refused(key, error)]
        return found

    def refresh_review(self) -> None:
        self.review = self.session.review()
        self._apply_review()
        self.status_changed.emit()

    def _apply_review(self) -> None:
        by_key = self._messages_by_key()
        for page in self.pages.values():
            page.apply_review(self.review, by_key)
        self.tree.apply_review(self.review)
        self.messages.apply_review(self.review)
        self.cycle.after_review()

    def step_message(self, direction: int = 1) -> None:
        """F8 / Shift+F8: go to the next (previous) question with an error or warning."""
        self.flush()
        position = self._positions
        keys = sorted(self.messages.keys(), key=lambda k: position.get(k, 0))
        if not keys:
            return
        here = self._focused_position()
        if direction > 0:
            target = next((k for k in keys if position.get(k, 0) > here), keys[0])
        else:
            target = next((k for k in reversed(keys) if position.get(k, 0) < here), keys[-1])
        self.goto_question(target)

    def _focused_position(self) -> float:
        """Where the keyboard is in form order: the focused question, else the page's start."""
        focused = self.focusWidget()
        page = self.pages.get(self.current_key or "")
        if page is not None:
            for key, row in page.rows.items():
                if focused is not None and row.isAncestorOf(focused):
                    return self._positions.get(key, 0)
            first = next(iter(page.rows), None)
            if first is not None:
                return self._positions.get(first, 0) - 0.5
        return -1

    def _search(self, text: str) -> list[str]:
        return search(self.form, self.session.answers, self.session.translations, text,
                      self.review.visible_questions)

    # -- state -------------------------------------------------------------------------------
    def finalize(self) -> bool:
        from .finalize_dialog import run_finalize
        self.flush()
        done = run_finalize(self, self.ctx, self.session, self.review)
        if done:
            self._set_locked()
        return done

    def reopen(self) -> None:
        try:
            self.session.reopen()
        except CamiError as exc:
            from ..background import show_error
            show_error(self, exc)
            return
        self._set_locked()

    def _set_locked(self) -> None:
        for page in self.pages.values():
            page.set_read_only(self.session.locked)
        self._update_banner()
        self.status_changed.emit()

    def _update_banner(self) -> None:
        record = self.session.record
        self.banner.setVisible(self.session.locked)
        self.banner_text.setText(tr("This report is final (revision {revision}) and cannot be "
                                    "changed. Reopen it to start a new revision.",
                                    revision=record.revision))
        self.reopen_button.setText(tr("Reopen"))

    def show_history(self, key: str) -> None:
        from .history_dialog import HistoryDialog
        dialog = HistoryDialog(self.ctx.store, self.session, key, self)
        dialog.exec()
        dialog.deleteLater()  # else each opening stays a child of the editor

    def retranslate_ui(self) -> None:
        self.tree.retranslate_ui()
        for page in self.pages.values():
            page.retranslate_ui()
        self.messages.retranslate_ui()
        self.search_bar.retranslate_ui()
        self._update_banner()
        if self.pages:
            self._apply_review()

    def title(self) -> str:
        record = self.session.record
        return f"{self.form.short_title.get(current_language())} — {record.country} {record.period}"


class _Refused:
    """A value the core refused, shown like a validation error."""

    level = "error"

    def __init__(self, key: str, error: CamiError) -> None:
        self.key = key
        self.error = error

    def render(self, lang: str | None = None) -> str:
        return self.error.translated(lang)
