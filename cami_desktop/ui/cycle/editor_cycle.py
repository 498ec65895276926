"""The cycle's part of the report editor: carried-over answers, suppliers, notes and undo/redo.

:class:`EditorCycle` is made by the editor and decorates each section page as it is built (pages
are dropped and rebuilt, so everything shown comes from the store and the session). It keeps the
editor's code free of the cycle's details: the editor calls :meth:`decorate` and
:meth:`after_review`, nothing else.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from ...core import cycle
from ...core.errors import CamiError
from ...core.i18n import current_language
from ...core.reports.review import UNCONFIRMED
from ..background import show_error
from ..language import language
from .cycle_bar import CycleBar
from .row_marks import RowMarks

UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


def _in_note(widget: QWidget) -> bool:
    """Notes are not in the answer history: their editor keeps its own undo (it saves as typed)."""
    while widget is not None:
        if widget.objectName() == "commentBox":
            return True
        widget = widget.parentWidget()
    return False


class EditorCycle(QObject):
    """Carry-over marks, "supplied by", notes, the "to confirm" filter and undo/redo of one editor."""

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.store = editor.ctx.store
        self.report_id = editor.session.record.id
        self.suppliers: dict[str, dict] = self.store.suppliers(self.report_id)
        self.comments = self.store.comments(self.report_id)
        self.only_unconfirmed = False
        self.bar = CycleBar(self, editor)
        editor.layout().insertWidget(1, self.bar)  # under the "final" banner
        editor.status_changed.connect(self._status_changed)
        # "Confirm all in this section" is on only where the shown section has answers to confirm
        editor.stack.currentChanged.connect(lambda _index: self.bar.update_counts())
        language().changed.connect(self.retranslate_ui)
        # A focused text field has its own Ctrl+Z, which would change what is shown without
        # storing it. Every keystroke is stored already, so the report's undo is the one that
        # counts: the window's Undo and Redo take the keys even from a focused field.
        QApplication.instance().installEventFilter(self)
        editor.destroyed.connect(self._remove_filter)

    @property
    def session(self):
        return self.editor.session

    @property
    def waiting(self) -> set[str]:
        """The carried-over answers to confirm: those of the questions shown. An answer hidden
        by another answer is not signed, so it waits only once its question shows again."""
        return self.editor.review.to_confirm

    def _remove_filter(self, *_: object) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if kind not in (QEvent.ShortcutOverride, QEvent.KeyPress) or not isinstance(watched, QWidget):
            return False
        if not self.editor.isAncestorOf(watched) or _in_note(watched):
            return False
        pressed = QKeySequence(event.keyCombination())
        step = ("undo" if any(pressed.matches(seq) == QKeySequence.ExactMatch for seq in UNDO_KEYS)
                else "redo" if any(pressed.matches(seq) == QKeySequence.ExactMatch for seq in REDO_KEYS)
                else None)
        if step is None:
            return False
        if kind == QEvent.ShortcutOverride:
            # Taken here rather than left to the window's shortcut: a shortcut fires only while
            # its window is active, which a key press in a focused field need not wait for.
            event.accept()
            return True
        actions = getattr(self.editor.window(), "cycle_actions", None)
        action = getattr(actions, step, None)
        if action is not None and action.isEnabled():
            action.trigger()
        return True  # never the field's own undo: it would show text that is not stored

    # -- pages -----------------------------------------------------------------------------
    def decorate(self, page) -> None:
        """Add the marks and the menu actions to each question of a page just built."""
        locked = self.session.locked
        for key, row in page.rows.items():
            if not row.question.answerable:
                continue
            marks = RowMarks(key, row)
            body = row.layout().itemAtPosition(0, 1).layout()
            body.insertWidget(body.indexOf(row.message), marks)
            marks.confirm_requested.connect(self.confirm_one)
            marks.comment_edited.connect(self.set_comment)
            row.answer_edited.connect(self._answered)  # after the editor's own slot: stored by then
            row.menu.addSeparator()
            confirm = row.menu.addAction("")
            confirm.triggered.connect(lambda _=False, k=key: self.confirm_one(k))
            note = row.menu.addAction("")
            note.triggered.connect(marks.open_note)
            row.cycle_marks, row.cycle_actions = marks, (confirm, note)
            self._show_row(row)
            marks.set_read_only(locked)
            self._retranslate_row(row)
        self._quiet_carried(page.rows)
        if self.only_unconfirmed:  # the page is not among the editor's pages yet
            for key, row in page.rows.items():
                if key not in self.waiting:
                    row.setVisible(False)

    def _rows(self):
        for page in self.editor.pages.values():
            for row in page.rows.values():
                if hasattr(row, "cycle_marks"):
                    yield row

    def _show_row(self, row) -> None:
        key = row.question.key
        marks = row.cycle_marks
        carried = key in self.session.unconfirmed
        marks.set_carried(carried)
        row.cycle_actions[0].setVisible(carried)
        row.cycle_actions[0].setEnabled(not self.session.locked)
        row.cycle_actions[1].setEnabled(not self.session.locked)
        marks.set_supplier(self.suppliers.get(key))
        note = self.comments.get(key)
        if note is not None:
            marks.set_note(note.text, note.audience)
        elif marks.note_shown() and not marks.note_text().strip():
            pass  # a note box opened and not typed in yet stays open
        else:
            marks.set_note(None)

    def _answered(self, key: str, _value: Any) -> None:
        row = self.editor.row(key)
        if key in self.suppliers:  # changed by us: the answer is ours again
            self.suppliers = self.store.suppliers(self.report_id)
        if row is not None and hasattr(row, "cycle_marks"):
            self._show_row(row)
        self.bar.update_counts()

    def _status_changed(self) -> None:
        locked = self.session.locked
        for row in self._rows():
            row.cycle_marks.set_read_only(locked)
            self._show_row(row)
        self.bar.refresh_changes()

    # -- confirm ---------------------------------------------------------------------------
    def confirm(self, keys: list[str] | None) -> list[str]:
        """Confirm carried-over answers as they are (``None``: all those shown); refresh what
        shows them."""
        if keys is None:
            keys = [key for key in self.editor.form.questions if key in self.waiting]
            if not keys:
                return []
        try:
            done = cycle.confirm(self.store, self.report_id, keys)
        except CamiError as exc:
            show_error(self.editor, exc)
            return []
        self.session.unconfirmed.difference_update(done)
        for key in done:
            row = self.editor.row(key)
            if row is not None and hasattr(row, "cycle_marks"):
                self._show_row(row)
        self.session.summary_due = True
        self.editor.refresh_review()
        return done

    def confirm_one(self, key: str) -> None:
        if key in self.session.unconfirmed:
            self.confirm([key])

    def section_keys(self, key: str | None = None) -> list[str]:
        """The answers to confirm in a section (default: the one shown) and all its subsections:
        on "1.1" of the Programme of Work, those of its ten activities."""
        if key is None:  # the page shown (the stack says it before ``current_key`` follows)
            page = self.editor.stack.currentWidget()
            key = getattr(getattr(page, "section", None), "key", None) or self.editor.current_key
        section = self.editor.form.section_index.get(key or "")
        if section is None:
            return []
        waiting = self.waiting
        return [q.key for part in section.walk() for q in part.questions if q.key in waiting]

    def confirm_section(self) -> list[str]:
        """Confirm the carried-over answers of the section shown and of its subsections."""
        keys = self.section_keys()
        return self.confirm(keys) if keys else []

    def set_only_unconfirmed(self, on: bool) -> None:
        """Show only the answers still to confirm (and the sections that have them)."""
        self.only_unconfirmed = on
        self.editor.refresh_review()
        waiting = self.waiting
        if on and waiting:
            current = self.editor.pages.get(self.editor.current_key or "")
            if current is None or not any(k in waiting for k in current.rows):
                first = next(k for k in self.editor.form.questions if k in waiting)
                self.editor.goto_question(first)

    def _quiet_carried(self, rows: dict, by_key: dict | None = None) -> None:
        """Under a carried answer the amber band already says it waits, with its Confirm
        button: the same sentence again in red under it was noise (59 times on a Saiga MoU
        report). The message stays in the list under the page; other messages of the row stay."""
        waiting = [key for key in rows if key in self.session.unconfirmed]
        if not waiting:
            return
        lang = current_language()
        if by_key is None:
            by_key = self.editor._messages_by_key()
        for key in waiting:
            others = [m for m in by_key.get(key, ()) if getattr(m, "message", None) != UNCONFIRMED]
            if len(others) == len(by_key.get(key, ())):
                continue  # nothing about confirming: as the editor showed it
            if others:
                level = "error" if any(m.level == "error" for m in others) else "warning"
                rows[key].set_message(level, "\n".join(m.render(lang) for m in others))
            else:
                rows[key].set_message(None)

    def after_review(self) -> None:
        """Called after the editor applied a review: quiet the carried answers' rows, and
        narrow it to the "to confirm" filter."""
        self.bar.update_counts()
        if self.session.unconfirmed:
            by_key = self.editor._messages_by_key()  # once, not once per page
            for page in self.editor.pages.values():
                self._quiet_carried(page.rows, by_key)
        if not self.only_unconfirmed:
            return
        waiting = self.waiting
        for page in self.editor.pages.values():
            for key, row in page.rows.items():
                if key not in waiting:
                    row.setVisible(False)
        form = self.editor.form
        keep: set[str] = set()
        for key in waiting:
            q = form.questions.get(key)
            section = form.section_index.get(q.section) if q else None
            while section is not None:
                keep.add(section.key)
                section = form.section_index.get(section.parent) if section.parent else None
        for key, item in self.editor.tree.items.items():
            if key not in keep and not item.isHidden():
                item.setHidden(True)

    # -- notes -----------------------------------------------------------------------------
    def set_comment(self, key: str, text: str | None, audience: str) -> None:
        """Store a note as it is typed (blank removes it)."""
        try:
            cycle.set_comment(self.store, self.editor.ctx.library, self.report_id, key, text, audience)
        except CamiError as exc:
            self.editor.save_state.emit("failed")
            show_error(self.editor, exc)
            return
        self.comments = self.store.comments(self.report_id)
        self.editor.save_state.emit("saved")

    def open_note(self, key: str) -> None:
        self.editor.goto_question(key)
        row = self.editor.row(key)
        if row is not None and hasattr(row, "cycle_marks"):
            row.cycle_marks.open_note()

    # -- undo / redo -------------------------------------------------------------------------
    def can_undo_redo(self) -> tuple[bool, bool]:
        if self.session.locked:
            return False, False
        return self.store.can_undo_redo(self.report_id)

    def undo(self) -> cycle.UndoResult | None:
        return self._step(cycle.undo)

    def redo(self) -> cycle.UndoResult | None:
        return self._step(cycle.redo)

    def _step(self, action) -> cycle.UndoResult | None:
        try:
            result = action(self.store, self.report_id)
        except CamiError as exc:
            show_error(self.editor, exc)
            return None
        if result.changes:
            self.reload(result.keys)
            first = result.keys[0]
            q = self.editor.form.questions.get(first)
            if q is not None and (self.editor.current_key != q.section):
                self.editor.goto_question(first)
        return result

    def reload(self, keys: list[str] | None = None) -> None:
        """Read the answers again from the store and show them (``None``: every built page)."""
        session = self.session
        session.answers = self.store.answers(self.report_id)
        session.translations = self.store.translations(self.report_id)
        session.unconfirmed = set(self.store.unconfirmed_keys(self.report_id))
        session.summary_due = True
        self.suppliers = self.store.suppliers(self.report_id)
        self.comments = self.store.comments(self.report_id)
        for key in list(self.editor.invalid):
            if keys is None or key in keys:
                self.editor.invalid.pop(key, None)
        for row in self._rows():
            key = row.question.key
            if keys is None or key in keys:
                row.set_answer(session.answers.get(key), session.translations.get(key))
            self._show_row(row)
        self.editor.refresh_review()
        self.editor.save_state.emit("saved")

    # -- language ----------------------------------------------------------------------------
    def _retranslate_row(self, row) -> None:
        from ...core.i18n import tr
        row.cycle_marks.retranslate_ui()
        row.cycle_actions[0].setText(tr("Confirm the carried-over answer"))
        row.cycle_actions[1].setText(tr("Add a note…") if row.question.key not in self.comments
                                     else tr("Edit the note…"))

    def retranslate_ui(self) -> None:
        for row in self._rows():
            self._retranslate_row(row)
        self.bar.retranslate_ui()
