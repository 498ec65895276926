"""Finalize: check the report, show what blocks it, ask for the declaration, lock the report.

The declaration is pre-filled: each of name, position and institution from the saved profile
(Settings), else from the signing identity (its details, else its certificate's subject).
"""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLineEdit, QMessageBox, QVBoxLayout, QWidget)

from ...core.reports.declaration import declaration_defaults, identity_details
from ...core.errors import CamiError
from ...core.i18n import ntr, tr
from ...core.reports.session import DECLARATION, ReportSession
from ...core.reports.review import Review
from ...core.values import clean_typed
from ..plain import plain_box, plain_label


class FinalizeDialog(QDialog):
    """The declaration: who approves the report, and a confirmation."""

    def __init__(self, profile: dict, warnings: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.intro = plain_label(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.declaration = plain_label(self)
        self.declaration.setWordWrap(True)
        self.declaration.setObjectName("declaration")
        layout.addWidget(self.declaration)
        form = QFormLayout()
        self.name = QLineEdit(profile.get("name", ""), self)
        self.position = QLineEdit(profile.get("position", ""), self)
        self.institution = QLineEdit(profile.get("institution", ""), self)
        self.name_label, self.position_label, self.institution_label = plain_label(), plain_label(), plain_label()
        form.addRow(self.name_label, self.name)
        form.addRow(self.position_label, self.position)
        form.addRow(self.institution_label, self.institution)
        layout.addLayout(form)
        self.confirm = QCheckBox(self)
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Preview the PDF and the workbook before making final (issue 11, ui/cycle/preview_dialog.py)
        self.preview_source = None  # (ctx, report_id), set by run_finalize
        self.preview_button = self.buttons.addButton("", QDialogButtonBox.ActionRole)
        self.preview_button.clicked.connect(self.preview)
        self.preview_button.hide()
        layout.addWidget(self.buttons)
        self.confirm.toggled.connect(self._update)
        self.name.textChanged.connect(self._update)
        self.warnings = warnings
        self.retranslate_ui()
        self._update()

    def _update(self, *_: object) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(
            self.confirm.isChecked() and bool(self.name.text().strip()))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Make the report final"))
        intro = tr("The report has no errors. Once final, it is locked; reopening it starts a new revision.")
        if self.warnings:
            intro += " " + ntr("{n} warning remains; please look at it first if you have not.",
                               "{n} warnings remain; please look at them first if you have not.",
                               self.warnings)
        self.intro.setText(intro)
        self.declaration.setText(tr(DECLARATION))
        self.name_label.setText(tr("Name"))
        self.position_label.setText(tr("Position"))
        self.institution_label.setText(tr("Institution"))
        self.confirm.setText(tr("I confirm this declaration"))
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("Make final"))
        self.preview_button.setText(tr("Preview…"))

    def preview(self):
        if self.preview_source is None:
            return None
        from ..cycle.preview_dialog import PreviewDialog
        dialog = PreviewDialog(*self.preview_source, self)
        dialog.open()
        dialog.start()
        return dialog


def run_finalize(parent: QWidget, ctx, session: ReportSession, review: Review) -> bool:
    """Refuse while errors remain (saying which), else ask for the declaration; True if final."""
    if session.locked:
        return False
    errors = review.errors
    if errors:
        box = QMessageBox(QMessageBox.Warning, tr("The report cannot be made final yet"),
                          ntr("{n} error must be corrected first:", "{n} errors must be corrected first:",
                              len(errors)), QMessageBox.Close, parent)
        lines = []
        for message in errors[:8]:
            q = session.form.questions.get(message.key)
            label = q.label.get(_lang()) if q else message.key
            lines.append(f"• {q.number if q else ''} {label}: {message.render()}")
        if len(errors) > 8:
            lines.append("…")
        box.setInformativeText("\n".join(lines))
        plain_box(box)  # the messages may quote answers
        go = box.addButton(tr("Go to the first error"), QMessageBox.AcceptRole)
        box.exec()
        if box.clickedButton() is go and hasattr(parent, "goto_question"):
            parent.goto_question(errors[0].key)
        return False
    defaults = declaration_defaults(ctx.store.get_setting("profile") or {}, identity_details(ctx.data_dir))
    dialog = FinalizeDialog(defaults, len(review.warnings), parent)
    dialog.preview_source = (ctx, session.record.id)
    dialog.preview_button.show()
    if dialog.exec() != QDialog.Accepted:
        return False
    try:
        # pasted text as in an answer's one-line field: a line break is a space, other controls go
        typed = {key: clean_typed(getattr(dialog, key).text()).replace("\n", " ").strip()
                 for key in ("name", "position", "institution")}
        session.finalize(**typed)
    except CamiError as exc:
        from ..background import show_error
        show_error(parent, exc)
        return False
    return True


def _lang() -> str:
    from ...core.i18n import current_language
    return current_language()


if __name__ == "__main__":
    import sys
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv)
    FinalizeDialog({"name": "A. Focal Point", "position": "Head of department"}, 2).exec()
