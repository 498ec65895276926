"""The bar above the editor's pages: answers still to confirm, and changes since the last revision.

Hidden when there is nothing to say: a report that was not carried over nor reopened shows no bar.
"""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...core import cycle
from ...core.i18n import ntr, tr
from ..plain import plain_label


class CycleBar(QWidget):
    """"N answers carried over, not yet confirmed" with the filter and Confirm buttons."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("cycleBar")
        self.skipped: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        row = QHBoxLayout()
        self.text = plain_label(self)
        self.text.setWordWrap(True)
        self.only = QCheckBox(self)
        self.only.toggled.connect(controller.set_only_unconfirmed)
        self.confirm_section = QPushButton(self)
        self.confirm_section.clicked.connect(lambda: controller.confirm_section())
        self.confirm_all = QPushButton(self)
        self.confirm_all.clicked.connect(lambda: controller.confirm(None))
        self.changes_button = QPushButton(self)
        self.changes_button.clicked.connect(self.show_changes)
        # A colleague's working copy of shared sections: say whose, and how to send it back.
        self.copy = controller.store.shared_copy(controller.report_id)
        self.return_button = QPushButton(self)
        self.return_button.clicked.connect(self._return_answers)
        row.addWidget(self.text, 1)
        for widget in (self.only, self.confirm_section, self.confirm_all, self.changes_button,
                       self.return_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.skipped_text = plain_label(self)
        self.skipped_text.setWordWrap(True)
        self.skipped_text.hide()
        layout.addWidget(self.skipped_text)
        self.changes: cycle.Changes | None = None
        self.retranslate_ui()

    def show_skipped(self, keys: list[str]) -> None:
        """After a carry-over: say which earlier answers were left behind."""
        self.skipped = list(keys)
        self._show_skipped()
        self.refresh_changes()

    def _show_skipped(self) -> None:
        self.skipped_text.setVisible(bool(self.skipped))
        if self.skipped:
            form = self.controller.editor.form
            numbers = [form.questions[k].number if k in form.questions else k for k in self.skipped]
            self.skipped_text.setText(ntr(
                "{n} earlier answer was not carried over (the question changed or is gone, or the "
                "answer no longer passes the checks): {keys}",
                "{n} earlier answers were not carried over (the questions changed or are gone, or the "
                "answers no longer pass the checks): {keys}",
                len(numbers), keys=", ".join(numbers[:12]) + (" …" if len(numbers) > 12 else "")))

    def refresh_changes(self) -> None:
        """Compare with the last revision again (on opening, making final and reopening only:
        it reads the whole history, too slow for every keystroke)."""
        try:
            self.changes = cycle.changes(self.controller.store, self.controller.report_id)
        except Exception:  # noqa: BLE001 - the bar must never keep a report from opening
            self.changes = None
        self.update_counts()

    def update_counts(self) -> None:
        session = self.controller.session
        waiting = len(self.controller.waiting)
        locked = session.locked
        self.text.setVisible(waiting > 0)
        self.text.setText("↻ " + ntr("{n} answer carried over from the earlier report is not yet confirmed.",
                                     "{n} answers carried over from the earlier report are not yet confirmed.",
                                     waiting))
        for widget in (self.only, self.confirm_section, self.confirm_all):
            widget.setVisible(waiting > 0 or (widget is self.only and self.only.isChecked()))
            widget.setEnabled(not locked or widget is self.only)
        if waiting and not locked:  # nothing to confirm in the section shown: say so by greying
            self.confirm_section.setEnabled(bool(self.controller.section_keys()))
        since = self.changes.since if self.changes else None
        self.changes_button.setVisible(since is not None)
        if since is not None:
            self.changes_button.setText(tr("Changes since revision {revision}…", revision=since))
        self.return_button.setVisible(self.copy is not None)
        if self.copy is not None and waiting == 0:
            sender = self.copy.get("from") or {}
            self.text.setVisible(True)
            self.text.setText(tr("Sections shared by {name} ({agency}): answer them, then return the answers.",
                                 name=sender.get("name") or "—", agency=sender.get("agency") or "—"))
        self.setVisible(waiting > 0 or bool(self.skipped) or since is not None or self.only.isChecked()
                        or self.copy is not None)

    def _return_answers(self) -> None:
        window = self.window()
        if hasattr(window, "cycle_actions"):
            window.cycle_actions.return_dialog()

    def show_changes(self) -> None:
        from .changes_dialog import ChangesDialog
        self.refresh_changes()
        dialog = ChangesDialog(self.controller.editor, self.changes, self.window())
        dialog.question_chosen.connect(self.controller.editor.goto_question)
        dialog.show()
        self.changes_dialog = dialog

    def retranslate_ui(self) -> None:
        self.only.setText(tr("Show only answers to confirm"))
        self.confirm_section.setText(tr("Confirm all in this section"))
        self.confirm_all.setText(tr("Confirm all"))
        self.return_button.setText(tr("Return answers…"))
        self._show_skipped()
        self.refresh_changes()
