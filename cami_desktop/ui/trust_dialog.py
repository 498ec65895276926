"""Trusted signers: who may sign packages for each country or organization, registered by the Secretariat.

The list shows every registration, ended ones too (replaced, revoked), so that an old verdict
can still be understood. Add takes a certificate file or a fingerprint read out by telephone;
Replace puts a new signer in place of a country's current one; Revoke asks first. A second
signer in force for a country is registered only after a confirmation naming the current one.
After each change the received submissions are judged again, and those whose verdict changed
are listed below the signers.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from typing import Callable

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QMessageBox, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ..core.trust import assess as trust
from ..core.i18n import N_, ntr, tr
from ..core.store.signers import ACTIVE, TrustedSigner
from ..core.trust.registry import SecondSignerError
from . import plain
from .background import show_error
from .language import language
from .signer_form import SignerForm

# the long fingerprint last, where it may stretch or scroll without hiding the other columns
COLUMNS = (N_("Name"), N_("Country"), N_("Registered"), N_("Validity"), N_("State"),
           N_("Fingerprint (SHA-256)"))
FINGERPRINT_COLUMN = COLUMNS.index(N_("Fingerprint (SHA-256)"))


def no_markup(text: str) -> str:
    """A name from a certificate, safe to put in a message box: Qt takes a message whose first
    line looks like HTML for rich text, so a crafted name could restyle or hide the fingerprint
    beside it. Angle brackets, which no signer's name needs, become look-alike quotes."""
    return text.replace("<", "\u2039").replace(">", "\u203a")


def register_text(reporter: str) -> str:
    """The text of the *Register this signer for …* button, for a country or an organization.

    An organization's name comes from a package: its ``&`` is doubled, else Qt would take it for
    a shortcut mark and hide it ("Saiga & Co" would read "Saiga  Co").
    """
    if trust.is_country(reporter):
        return tr("Register this signer for {country}…", country=trust.country_name(reporter))
    return tr("Register this signer for the organization {organization}…",
              organization=reporter.replace("&", "&&"))


def confirm_registration(parent: QWidget | None, country: str, fingerprint: str, name: str) -> bool:
    """Ask, showing the fingerprint to compare by telephone, before registering a package's signer."""
    if trust.is_country(country):
        text = tr("Ask the focal point of {country} to read out their certificate's fingerprint by telephone, "
                  "and compare it with this one:\n\n{fingerprint}\n\nRegister {name} as the signer for "
                  "{country}?", country=trust.country_name(country), fingerprint=fingerprint, name=no_markup(name))
    else:  # the organization's name came in the package: no markup either
        text = tr("Ask the organization {organization} to read out their certificate's fingerprint by "
                  "telephone, and compare it with this one:\n\n{fingerprint}\n\nRegister {name} as the "
                  "signer for {organization}?", organization=no_markup(country), fingerprint=fingerprint,
                  name=no_markup(name))
    answer = plain.question(parent, tr("Register this signer"), text)
    return answer == QMessageBox.Yes


def confirm_additional(parent: QWidget | None, current: TrustedSigner) -> bool:
    """Ask before registering a second signer for a country that has one in force (default: No)."""
    reporter = no_markup(trust.country_name(current.country))
    details = {"name": no_markup(current.name), "id": current.id, "fingerprint": current.fingerprint}
    if trust.is_country(current.country):
        text = tr("{country} already has a registered signer: {name} (number {id}).\n{fingerprint}\n\n"
                  "Register a second signer for {country}? Packages signed by either will then count for "
                  "{country}. To put a new focal point in place of the old one, use Replace instead.",
                  country=reporter, **details)
    else:
        text = tr("The organization {organization} already has a registered signer: {name} (number {id}).\n"
                  "{fingerprint}\n\nRegister a second signer for {organization}? Packages signed by either will "
                  "then count for {organization}. To put a new signer in place of the old one, use Replace instead.",
                  organization=reporter, **details)
    answer = plain.question(parent, tr("A second signer"), text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def register_asking(parent: QWidget | None, register: Callable[..., TrustedSigner]) -> TrustedSigner | None:
    """``register(additional=…)``; a second signer in force only once confirmed (else ``None``)."""
    try:
        return register(additional=False)
    except SecondSignerError as exc:
        if not confirm_additional(parent, exc.current):
            return None
        return register(additional=True)


def changes_text(changes) -> str:
    """The submissions whose verdict changed, one a line, in the interface language."""
    from ..core.secretariat.views import change_line
    if not changes:
        return tr("No received submission changed verdict.")
    lines = [ntr("{n} received submission changed verdict:", "{n} received submissions changed verdict:",
                 len(changes))]
    return "\n".join(lines + [change_line(change) for change in changes])


class TrustDialog(QDialog):
    """The registered signers, with Add, Replace and Revoke."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signers: list[TrustedSigner] = []
        self.resize(1180, 420)
        self.mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        layout.addWidget(self.table, 1)
        #: what the last Add, Replace or Revoke changed in the inbox (hidden until then)
        self.changes = QPlainTextEdit(self)
        self.changes.setReadOnly(True)
        self.changes.setMaximumHeight(140)
        self.changes.hide()
        layout.addWidget(self.changes)
        row = QHBoxLayout()
        self.add_cert = QPushButton(self)
        self.add_cert.clicked.connect(lambda: self.add_signer(SignerForm.CERTIFICATE))
        self.add_fingerprint = QPushButton(self)
        self.add_fingerprint.clicked.connect(lambda: self.add_signer(SignerForm.FINGERPRINT))
        self.replace = QPushButton(self)
        self.replace.clicked.connect(self.replace_signer)
        self.revoke = QPushButton(self)
        self.revoke.clicked.connect(self.revoke_signer)
        for button in (self.add_cert, self.add_fingerprint, self.replace, self.revoke):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        language().changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self, *_args) -> None:
        self.setWindowTitle(tr("Trusted signers"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.add_cert.setText(tr("Add from a certificate file…"))
        self.add_fingerprint.setText(tr("Add by fingerprint…"))
        self.replace.setText(tr("Replace…"))
        self.revoke.setText(tr("Revoke…"))
        self.refresh()

    def refresh(self) -> None:
        """Read the registrations again and show them."""
        try:
            trust.migrate_legacy_folder(self.ctx.store)
        except Exception as exc:  # noqa: BLE001 - the list is still worth showing
            show_error(self, exc)
        self.signers = self.ctx.store.list_trusted_signers()
        self.table.setRowCount(len(self.signers))
        for row, signer in enumerate(self.signers):
            state = signer.state()
            cells = (signer.name, trust.reporter_label(signer.country),
                     signer.registered_at.date().isoformat(), trust.validity_text(signer),
                     tr(trust.STATE_LABELS[state]), signer.fingerprint)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, signer.id)
                if state != ACTIVE:
                    item.setForeground(Qt.gray)
                if column == FINGERPRINT_COLUMN:
                    item.setFont(self.mono)
                self.table.setItem(row, column, item)
        self.update_buttons()

    def judge_again(self) -> list:
        """Judge the received submissions again and show which changed verdict."""
        from ..core.secretariat.inbox import refresh_registrations
        try:
            found = refresh_registrations(self.ctx.store)
        except Exception as exc:  # noqa: BLE001 - the registration is done; say what failed after it
            show_error(self, exc)
            return []
        self.changes.setPlainText(changes_text(found))
        self.changes.setAccessibleName(tr("Submissions whose verdict changed"))
        self.changes.show()
        return found

    def selected(self) -> TrustedSigner | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.signers[rows.pop()] if len(rows) == 1 else None

    def select_id(self, signer_id: int) -> None:
        for row, signer in enumerate(self.signers):
            if signer.id == signer_id:
                self.table.selectRow(row)

    def update_buttons(self) -> None:
        signer = self.selected()
        self.replace.setEnabled(signer is not None)
        self.revoke.setEnabled(signer is not None and signer.revoked_at is None)

    def _ask(self, form: SignerForm) -> bool:
        """Show the form until it is cancelled or its registration works; then delete it."""
        try:
            while form.exec() == QDialog.Accepted:
                try:
                    signer = register_asking(self, lambda **kw: form.register(self.ctx.store, **kw))
                except Exception as exc:  # noqa: BLE001 - a translated message; the form stays filled
                    show_error(self, exc)
                    continue
                if signer is None:  # a second signer not wanted: the form stays filled
                    continue
                self.judge_again()
                self.refresh()
                self.select_id(signer.id)
                return True
            return False
        finally:
            form.deleteLater()  # else each Add or Replace stays a child of this dialog

    def add_signer(self, mode: str) -> bool:
        return self._ask(SignerForm(mode, parent=self))

    def replace_signer(self) -> bool:
        current = self.selected()
        if current is None:
            return False
        return self._ask(SignerForm(SignerForm.CERTIFICATE, country=current.country, replacing=current, parent=self))

    def revoke_signer(self) -> bool:
        signer = self.selected()
        if signer is None or signer.revoked_at is not None:
            return False
        if trust.is_country(signer.country):
            text = tr("Revoke {name} for {country}? From now on, packages signed with this certificate are "
                      "NOT VALID.\n\n{fingerprint}", name=no_markup(signer.name),
                      country=trust.country_name(signer.country), fingerprint=signer.fingerprint)
        else:
            text = tr("Revoke {name} for the organization {organization}? From now on, packages signed with "
                      "this certificate are NOT VALID.\n\n{fingerprint}", name=no_markup(signer.name),
                      organization=no_markup(signer.country), fingerprint=signer.fingerprint)
        answer = plain.question(self, tr("Revoke"), text)
        if answer != QMessageBox.Yes:
            return False
        self.ctx.store.revoke_trusted_signer(signer.id)
        self.judge_again()
        self.refresh()
        self.select_id(signer.id)
        return True


def open_trust_dialog(parent: QWidget | None, ctx) -> None:
    """Show the Trusted signers dialog (``ctx``: AppContext)."""
    dialog = TrustDialog(ctx, parent)
    dialog.exec()
    dialog.deleteLater()  # else each opening stays a child of the window, and on the language signal


if __name__ == "__main__":
    import sys
    import tempfile
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ..core.store import Store
    from .context import AppContext
    app = QApplication(sys.argv)
    with Store.open(Path(tempfile.mkdtemp()), app_version="preview") as preview_store:
        trust.register_fingerprint(preview_store, "KZ", "AB" * 32, "Айгуль Нурланова")
        trust.register_fingerprint(preview_store, "MN", "CD" * 32, "Bat Erdene")
        TrustDialog(AppContext(preview_store, None, preview_store.data_dir)).exec()
