"""Import answers from a colleague: per question, ours against theirs, each accepted or rejected.

Nothing is written until the person accepts a row (or all); each decision is stored at once and
the table is read again from the core, so it always shows what is stored. Accepting reads the
file again (its signature is checked again: it may have changed since it was opened) and writes
every answer taken; that runs on the background helper, with the dialog's buttons off meanwhile.
Measured on the largest form (Programme of Work, 375 answers taken from an RSA-signed return,
shared machine): 40-60 ms of core work here, more on a slow laptop with a busy disk; the progress
dialog only shows after 300 ms, so the usual case does not flash one.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QPushButton, QVBoxLayout, QWidget)

from ...core import cycle
from ...core.cycle import share as sharing
from ...core.errors import CamiError
from ...core.i18n import N_, ntr, tr
from ..background import run_in_background, show_error
from ..language import connect_retranslate
from ..plain import plain_label
from .values import answer_text, item, make_table, question_text

STATES = {
    sharing.SAME: N_("Same as ours"),
    sharing.THEIRS: N_("Changed by the colleague"),
    sharing.CONFLICT: N_("Both changed: choose"),
    sharing.OURS: N_("We changed it since sharing"),
}
NOTE_FOR = {"secretariat": N_("For the Secretariat"), "colleagues": N_("For colleagues")}
DECIDED = {"accepted": N_("Accepted"), "rejected": N_("Rejected")}
COLORS = {sharing.THEIRS: "#e8f4ea", sharing.CONFLICT: "#fdeaea", sharing.OURS: "#fdf5e0"}


class ImportDialog(QDialog):
    """The diff of a colleague's return against the report it was shared from."""

    def __init__(self, ctx, editor, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.editor, self.path = ctx, editor, Path(path)
        self.report_id = editor.session.record.id
        self.form = editor.form
        self.payload, _share, self.signer = sharing.read_return(ctx.store, ctx.library, self.report_id,
                                                                self.path)
        self.items: list[cycle.DiffItem] = []
        self.resize(1000, 600)
        layout = QVBoxLayout(self)
        self.intro = plain_label(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.PlainText)  # names from a colleague's file
        layout.addWidget(self.intro)
        self.table = make_table(5, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(36)  # room for the Accept/Reject buttons
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.accept_all_button = self.buttons.addButton("", QDialogButtonBox.ActionRole)
        self.reject_all_button = self.buttons.addButton("", QDialogButtonBox.ActionRole)
        self.accept_all_button.clicked.connect(lambda: self.accept_keys(None))
        self.reject_all_button.clicked.connect(lambda: self.reject_keys(None))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.busy = False
        self.items = cycle.diff_return(ctx.store, ctx.library, self.report_id, self.path)
        connect_retranslate(self)  # fills the table (once)

    def reload(self) -> None:
        self.items = cycle.diff_return(self.ctx.store, self.ctx.library, self.report_id, self.path)
        self.retranslate_ui()

    def pending(self) -> list[cycle.DiffItem]:
        return [i for i in self.items if i.pending]

    def retranslate_ui(self) -> None:
        sender = self.payload.get("from") or {}
        who = sender.get("name", "")
        if sender.get("agency"):
            who = f"{who} ({sender['agency']})"
        self.setWindowTitle(tr("Answers from {who}", who=who))
        signed = (tr("The file is signed by {name} ({fingerprint}).", name=self.signer.get("name", ""),
                     fingerprint=self.signer.get("fingerprint", "")[:16])
                  if self.signer else tr("The file is not signed."))
        pending = self.pending()
        self.intro.setText(" ".join([
            tr("From {who}.", who=who),
            tr("Compare each answer with yours, and accept or reject it. Nothing is changed until "
               "you accept."), signed,
            ntr("{n} difference to decide.", "{n} differences to decide.", len(pending))]))
        self.table.setHorizontalHeaderLabels([tr("Question"), tr("Ours"), tr("Theirs"), tr("Status"), ""])
        self.accept_all_button.setText(tr("Accept all"))
        self.reject_all_button.setText(tr("Reject all"))
        # "all" never overturns a decision nor overwrites ours: accept all takes only what the
        # colleague alone changed; a conflict is accepted only on its own row
        takeable = [i for i in pending if i.state == sharing.THEIRS]
        leavable = [i for i in pending if i.state in (sharing.THEIRS, sharing.CONFLICT)]
        self.accept_all_button.setEnabled(bool(takeable) and not self.editor.session.locked and not self.busy)
        self.reject_all_button.setEnabled(bool(leavable) and not self.busy)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(0)
        locked = self.editor.session.locked
        for entry in self.items:
            row = self.table.rowCount()
            self.table.insertRow(row)
            ours, theirs = self._value(entry, entry.ours), self._value(entry, entry.theirs)
            if entry.ours_translation != entry.theirs_translation:
                ours += "\n" + tr("English: {text}", text=entry.ours_translation or "—")
                theirs += "\n" + tr("English: {text}", text=entry.theirs_translation or "—")
            state = tr(DECIDED[entry.decided]) if entry.decided else tr(STATES[entry.state])
            question = question_text(self.form, entry.question)
            if entry.is_note:
                question = tr("Note on {question}", question=question)
            cells = [item(question, entry.key), item(ours, entry.key),
                     item(theirs, entry.key), item(state, entry.key)]
            for column, cell in enumerate(cells):
                if entry.decided is None and entry.state in COLORS:
                    cell.setBackground(QColor(COLORS[entry.state]))
                elif not entry.differs or entry.decided:
                    cell.setForeground(QColor("#6b7280"))  # nothing to decide: recedes
                self.table.setItem(row, column, cell)
            if entry.differs and entry.decided is None:
                box = QWidget(self.table)
                buttons = QHBoxLayout(box)
                buttons.setContentsMargins(2, 2, 2, 2)
                take = QPushButton(tr("Accept"), box)
                take.setEnabled(not locked)
                leave = QPushButton(tr("Reject"), box)
                take.clicked.connect(partial(self._one, True, entry.key))
                leave.clicked.connect(partial(self._one, False, entry.key))
                buttons.addWidget(take)
                buttons.addWidget(leave)
                self.table.setCellWidget(row, 4, box)

    def _value(self, entry: cycle.DiffItem, value) -> str:
        if not entry.is_note:
            return answer_text(self.form, entry.key, value)
        if value is None:
            return "—"
        return f"{tr(NOTE_FOR[value['audience']])}: {value['text']}"

    def _one(self, accept: bool, key: str, _checked: bool = False) -> None:
        (self.accept_keys if accept else self.reject_keys)([key])

    def _set_busy(self, busy: bool) -> None:
        """While answers are being taken, no second decision can be started."""
        self.busy = busy
        self.table.setEnabled(not busy)
        if busy:
            self.accept_all_button.setEnabled(False)
            self.reject_all_button.setEnabled(False)

    def accept_keys(self, keys: list[str] | None) -> None:
        """Take theirs for ``keys`` (``None``: what only the colleague changed, not decided yet),
        on the background helper; the editor and the table follow when it is done."""
        if self.busy:
            return
        store, library, report_id, path = self.ctx.store, self.ctx.library, self.report_id, self.path

        def work(progress):
            taken = cycle.accept_return(store, library, report_id, path, keys)
            return taken, cycle.diff_return(store, library, report_id, path)

        self._set_busy(True)
        run_in_background(self, tr("Taking the colleague's answers…"), work, self._accepted,
                          self._failed, cancellable=False)

    def _accepted(self, result) -> None:
        taken, self.items = result
        self._set_busy(False)
        if taken:
            self.editor.cycle.reload(sorted({i.question for i in taken}))
        self.retranslate_ui()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.retranslate_ui()
        show_error(self, error)

    def reject_keys(self, keys: list[str] | None) -> None:
        if self.busy:
            return
        try:
            cycle.reject_return(self.ctx.store, self.ctx.library, self.report_id, self.path, keys)
        except CamiError as exc:
            show_error(self, exc)
            return
        self.reload()
