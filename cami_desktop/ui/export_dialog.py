"""Export: choose a folder, the PDF variant and the passphrase; unlock the key and make the
package in the background; then offer "Send by email" and "Show in folder".

The folder starts as the one of the last successful export, else the person's Documents folder.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QInputDialog, QLineEdit, QMessageBox, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from ..core import settings
from ..core.errors import CamiError
from ..core.export.mail import mail_subject, write_draft_email
from ..core.export.package import MAIL_LIMIT, PackageResult, export_package
from ..core.i18n import tr
from ..core.signing import load_identity, unlock
from . import plain
from .background import run_in_background, show_error
from .plain import plain_label


EXPORT_FOLDER = "export_folder"  # store setting: the folder of the last successful export


def documents_folder() -> Path:
    """The person's Documents folder (the home folder if the system has none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def default_folder(store) -> Path:
    """Where an export goes unless the person chooses: the last export's folder, else Documents."""
    saved = store.get_setting(EXPORT_FOLDER)
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    return documents_folder()


def grouped_fingerprint(fingerprint: str, per_group: int = 8) -> str:
    """"AC:83:…" in groups of ``per_group`` bytes separated by spaces, so that a label can wrap it."""
    parts = fingerprint.split(":")
    return "  ".join(":".join(parts[i:i + per_group]) for i in range(0, len(parts), per_group))


class ExportDialog(QDialog):
    """The choices of an export; :meth:`start` runs it."""

    def __init__(self, ctx, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.report_id = ctx, report_id
        self.record = ctx.store.get_report(report_id)
        self.result: PackageResult | None = None
        self.setMinimumWidth(720)  # the Russian DRAFT option fits on one line
        layout = QVBoxLayout(self)
        self.intro = plain_label(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        # The fingerprint on lines of its own, in groups that wrap: one unbroken 95-character
        # string was cut at the dialog's edge, and it is read out by telephone.
        self.fingerprint = plain_label(self)
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        layout.addWidget(self.fingerprint)
        form = QFormLayout()
        row = QHBoxLayout()
        self.folder = QLineEdit(str(default_folder(ctx.store)), self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose_folder)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.folder_label, self.variant_label, self.pass_label = plain_label(self), plain_label(self), plain_label(self)
        form.addRow(self.folder_label, row)
        self.full, self.short = QRadioButton(self), QRadioButton(self)
        self.full.setChecked(True)
        variants = QHBoxLayout()
        variants.addWidget(self.full)
        variants.addWidget(self.short)
        form.addRow(self.variant_label, variants)
        self.draft = QCheckBox(self)
        self.draft.setVisible(self.record.status != "final")
        form.addRow("", self.draft)
        self.comments_box = QCheckBox(self)  # notes for the Secretariat under their answers (issue 11)
        form.addRow("", self.comments_box)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.Password)
        form.addRow(self.pass_label, self.passphrase)
        layout.addLayout(form)
        self.done_label = plain_label(self)
        self.done_label.setWordWrap(True)
        layout.addWidget(self.done_label)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.AcceptRole)
        self.mail_button = self.buttons.addButton("", QDialogButtonBox.ActionRole)
        self.preview_button = self.buttons.addButton("", QDialogButtonBox.ActionRole)
        self.preview_button.clicked.connect(self.preview)
        self.show_button = self.buttons.addButton("", QDialogButtonBox.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.Close)
        self.export_button.clicked.connect(self.start)
        self.mail_button.clicked.connect(self.send_by_email)
        self.show_button.clicked.connect(self.show_in_folder)
        self.close_button.clicked.connect(self.reject)
        self.mail_button.setVisible(False)
        self.show_button.setVisible(False)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Export and sign"))
        identity = load_identity(self.ctx.data_dir)
        if identity is None:
            self.intro.setText(tr("There is no signing identity yet. Create one or import a certificate first."))
            self.fingerprint.hide()
        else:
            self.intro.setText(tr("The package holds the report as a workbook and a PDF, signed by {name} "
                                  "(fingerprint below).", name=identity.name))
            self.fingerprint.setText(grouped_fingerprint(identity.fingerprint))
            self.fingerprint.show()
        self.export_button.setEnabled(identity is not None)
        self.folder_label.setText(tr("Folder"))
        self.browse.setText(tr("Choose…"))
        self.variant_label.setText(tr("PDF"))
        self.full.setText(tr("Every question"))
        self.short.setText(tr("Answered questions only"))
        self.draft.setText(tr("The report is not final: make a DRAFT package"))
        self.comments_box.setText(tr("Include comments in the PDF"))
        self.preview_button.setText(tr("Preview…"))
        self.pass_label.setText(tr("Passphrase"))
        self.export_button.setText(tr("Export"))
        self.mail_button.setText(tr("Send by email"))
        self.show_button.setText(tr("Show in folder"))
        self.adjustSize()  # a longer language needs more height for the wrapped lines

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Choose a folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        if self.record.status != "final" and not self.draft.isChecked():
            plain.warning(self, tr("Export and sign"), tr(
                "The report is not final. Make it final first, or tick the DRAFT option."))
            return
        store, library, folder = self.ctx.store, self.ctx.library, Path(self.folder.text())
        data_dir, passphrase, report_id = self.ctx.data_dir, self.passphrase.text(), self.report_id
        short, draft = self.short.isChecked(), self.draft.isChecked()
        comments = self.comments_box.isChecked()
        unlocking = tr("Unlocking the signing key…")

        def work(progress):
            # Unlocking derives the key from the passphrase (deliberately slow): off the UI thread too.
            progress(0.0, unlocking)
            signer = unlock(data_dir, passphrase)
            return export_package(store, library, report_id, folder, signer, short=short, draft=draft,
                                  progress=progress, comments_in_pdf=comments)
        self.export_button.setEnabled(False)
        self.result = None
        self.done_label.clear()
        self.mail_button.setVisible(False)
        self.show_button.setVisible(False)
        run_in_background(self, tr("Exporting the package…"), work, self.finished, self.failed)

    def preview(self):
        """The PDF's pages and the workbook's sheets, before signing (ui/cycle/preview_dialog.py)."""
        from .cycle.preview_dialog import PreviewDialog
        dialog = PreviewDialog(self.ctx, self.report_id, self, short=self.short.isChecked(),
                               comments_in_pdf=self.comments_box.isChecked())
        dialog.open()
        dialog.start()
        return dialog

    def failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        show_error(self, error)

    def finished(self, result: PackageResult) -> None:
        self.result = result
        self.export_button.setEnabled(True)
        self.passphrase.clear()
        self.ctx.store.set_setting(EXPORT_FOLDER, str(result.path.parent))
        text = tr("Package written: {path} ({size} MB)", path=str(result.path), size=round(result.size / 1e6, 2))
        if result.too_big_for_mail:
            text += "\n" + tr("Warning: the package is {size} MB; many mail servers refuse messages above {limit} MB.",
                              size=round(result.size / 1e6, 1), limit=MAIL_LIMIT // (1024 * 1024))
        self.done_label.setText(text)
        self.mail_button.setVisible(True)
        self.show_button.setVisible(True)

    def show_in_folder(self) -> None:
        if self.result:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))

    def send_by_email(self) -> None:
        if not self.result:
            return
        if self.result.too_big_for_mail and plain.question(self, tr("Send by email"), tr(
                "The package is larger than {limit} MB and may be refused by mail servers. Continue?",
                limit=MAIL_LIMIT // (1024 * 1024))) != QMessageBox.Yes:
            return
        store, record = self.ctx.store, self.record
        form = self.ctx.library.get(record.form_id, record.form_version)
        lang = record.language
        country = form.reference.lists["range_states"].label(record.country, lang)
        to = self.secretariat_address()
        if not to:
            return
        try:
            eml = write_draft_email(self.result.path, self.result.manifest, to=to, lang=lang,
                                    sender=(store.get_setting("profile") or {}).get("email", ""),
                                    form_title=form.short_title.get(lang), country_name=country,
                                    package_sha256=self.result.sha256)
        except CamiError as exc:
            show_error(self, exc)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(eml))):
            subject = mail_subject(self.result.manifest, lang, form.short_title.get(lang), country)
            QGuiApplication.clipboard().setText(f"{to}\n{subject}")
            self.show_in_folder()
            plain.information(self, tr("Send by email"), tr(
                "No mail program is set up. The address and the subject are copied; attach {file} "
                "to a new message to {to}.", file=self.result.path.name, to=to))


    def secretariat_address(self) -> str:
        """The Secretariat's address; asked for (and saved in the settings) when there is none."""
        stored = self.ctx.store.get_setting("secretariat_email")
        text = stored.strip() if isinstance(stored, str) else ""
        problem = tr("No Secretariat e-mail address is set yet.")
        if text:
            try:
                return settings.setting("secretariat_email").check(text, None)
            except CamiError as exc:
                problem = exc.translated()
        while True:
            text, ok = QInputDialog.getText(
                self, tr("Send by email"),
                problem + "\n" + tr("The Secretariat's e-mail address (it is kept in the settings):"),
                QLineEdit.Normal, text)
            if not ok:
                return ""
            try:
                return settings.put(self.ctx.store, "secretariat_email", text)
            except CamiError as exc:
                problem = exc.translated()


def open_export_dialog(parent: QWidget | None, ctx, report_id: int) -> None:
    """Show the export dialog for a report (``ctx``: AppContext)."""
    dialog = ExportDialog(ctx, report_id, parent)
    dialog.exec()
    dialog.deleteLater()  # else each opening stays a child of the window
