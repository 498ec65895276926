"""Signing identity: create one, import a .p12/.pfx, show it, export the certificate.

Creating a key and encrypting it with the passphrase take a moment (an RSA key several seconds):
both run in the background, with the dialog's buttons off meanwhile.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ..core.errors import CamiError
from ..core.i18n import tr
from ..core.signing import create_identity, export_certificate, import_pkcs12, load_identity
from ..core.values import clean_typed
from . import plain
from .background import run_in_background, show_error
from .plain import plain_label


class IdentityDialog(QDialog):
    """Shows the current identity and creates, imports or exports one."""

    def __init__(self, data_dir: Path, profile: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.current = plain_label(self)
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextSelectableByMouse)  # the fingerprint can be copied
        layout.addWidget(self.current)
        form = QFormLayout()
        profile = profile or {}
        self.fields = {}
        self.labels = {}
        for key in ("name", "position", "institution", "country", "email"):
            self.fields[key] = QLineEdit(profile.get(key, ""), self)
            self.labels[key] = plain_label(self)
            form.addRow(self.labels[key], self.fields[key])
        self.key_type = QComboBox(self)
        self.key_type.addItems(["ECDSA P-256", "RSA 3072"])
        self.key_label = plain_label(self)
        form.addRow(self.key_label, self.key_type)
        self.passphrase, self.repeat = QLineEdit(self), QLineEdit(self)
        for edit in (self.passphrase, self.repeat):
            edit.setEchoMode(QLineEdit.Password)
        self.pass_label, self.repeat_label = plain_label(self), plain_label(self)
        form.addRow(self.pass_label, self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.create_button, self.import_button, self.export_button = QPushButton(self), QPushButton(self), QPushButton(self)
        self.create_button.clicked.connect(self.create)
        self.import_button.clicked.connect(self.import_p12)
        self.export_button.clicked.connect(self.export)
        for button in (self.create_button, self.import_button, self.export_button):
            row.addWidget(button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Signing identity"))
        for key, text in (("name", tr("Name")), ("position", tr("Position")), ("institution", tr("Institution")),
                          ("country", tr("Country")), ("email", tr("E-mail"))):
            self.labels[key].setText(text)
        self.key_label.setText(tr("Key type"))
        self.pass_label.setText(tr("Passphrase"))
        self.repeat_label.setText(tr("Repeat the passphrase"))
        self.create_button.setText(tr("Create identity"))
        self.import_button.setText(tr("Import .p12 / .pfx…"))
        self.export_button.setText(tr("Export certificate…"))
        self.show_current()

    def show_current(self) -> None:
        identity = load_identity(self.data_dir)
        self.export_button.setEnabled(identity is not None)
        if identity is None:
            self.current.setText(tr("There is no signing identity yet. Fill in your details and choose a "
                                    "passphrase; you will need it for every export."))
            return
        self.current.setText(tr("Current identity: {name}\nCertificate fingerprint (SHA-256):\n{fingerprint}",
                                name=identity.name, fingerprint=identity.fingerprint))

    def _confirm_replace(self) -> bool:
        if load_identity(self.data_dir) is None:
            return True
        answer = plain.question(self, tr("Signing identity"), tr(
            "Replace the current identity? The Secretariat will need your new certificate."))
        return answer == QMessageBox.Yes

    def _busy(self, busy: bool) -> None:
        for button in (self.create_button, self.import_button, self.export_button):
            button.setEnabled(not busy)
        if not busy:
            self.show_current()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        show_error(self, error)

    def _created(self, _identity: object) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self._busy(False)

    def create(self) -> None:
        if self.passphrase.text() != self.repeat.text():
            plain.warning(self, tr("Signing identity"), tr("The two passphrases differ."))
            return
        if not self._confirm_replace():
            return
        # pasted text as in a one-line answer: a line break is a space, other control characters go
        values = {k: clean_typed(f.text()).replace("\n", " ") for k, f in self.fields.items()}
        data_dir, passphrase = self.data_dir, self.passphrase.text()
        key_type = "ec" if self.key_type.currentIndex() == 0 else "rsa"

        def work(progress):
            return create_identity(data_dir, **values, passphrase=passphrase, key_type=key_type, replace=True)
        self._busy(True)
        run_in_background(self, tr("Creating the signing identity…"), work, self._created, self._failed,
                          cancellable=False)

    def import_p12(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Import a certificate"), "",
                                              tr("PKCS#12 certificates (*.p12 *.pfx)"))
        if not name or not self._confirm_replace():
            return
        password, ok = plain.get_text(self, tr("Import a certificate"),  # the prompt names the file
                                      tr("Password of {file}:", file=Path(name).name), QLineEdit.Password)
        if not ok:
            return
        data_dir, passphrase = self.data_dir, self.passphrase.text() or password

        def work(progress):
            return import_pkcs12(data_dir, Path(name), p12_password=password, passphrase=passphrase,
                                 replace=True)
        self._busy(True)
        run_in_background(self, tr("Importing the certificate…"), work, self._created, self._failed,
                          cancellable=False)

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("Export certificate"), "certificate.pem",
                                              tr("Certificates (*.pem)"))
        if not name:
            return
        try:
            export_certificate(self.data_dir, Path(name))
        except CamiError as exc:
            show_error(self, exc)
            return
        identity = load_identity(self.data_dir)
        plain.information(self, tr("Export certificate"), tr(
            "Certificate written to {path}. Send it to the Secretariat once, and tell them its fingerprint "
            "through another channel (telephone, official letter):\n{fingerprint}",
            path=name, fingerprint=identity.fingerprint))


def open_identity_dialog(parent: QWidget | None, ctx) -> None:
    """Show the signing identity dialog (``ctx``: AppContext)."""
    profile = (ctx.store.get_setting("profile") or {}) if getattr(ctx, "store", None) else {}
    dialog = IdentityDialog(ctx.data_dir, profile, parent)
    dialog.exec()
    dialog.deleteLater()  # else each opening stays a child of the window


if __name__ == "__main__":
    import sys
    import tempfile
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv)
    IdentityDialog(Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp()),
                   {"name": "Aigul Nurlanova", "country": "KZ"}).exec()
