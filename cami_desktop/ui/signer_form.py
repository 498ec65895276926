"""The form to register (or replace) a trusted signer: country or organization, certificate or
fingerprint, validity."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget)

from ..core.trust import assess as trust
from ..core.i18n import N_, tr
from ..core.store.signers import TrustedSigner
from ..core.trust.registry import TrustError, range_states
from .language import language
from .plain import plain_label


class SignerForm(QDialog):
    """Asks for what :func:`trust.register_certificate` / :func:`trust.register_fingerprint` need."""

    CERTIFICATE = "certificate"
    FINGERPRINT = "fingerprint"

    def __init__(self, mode: str, *, country: str = "", replacing: TrustedSigner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.replacing = replacing
        self.setMinimumWidth(560)
        layout = QFormLayout(self)
        self.intro = plain_label(self)
        self.intro.setWordWrap(True)
        layout.addRow(self.intro)
        self.country = QComboBox(self)
        self.country.setEditable(True)  # any ISO country may be typed, beside the Range States
        for code in range_states():
            self.country.addItem(f"{trust.country_name(code)} ({code})", code)
        self.country.setCurrentIndex(max(0, self.country.findData(country)) if country else -1)
        self.country.setEnabled(replacing is None)
        self.country_label = plain_label(self)
        layout.addRow(self.country_label, self.country)
        # An organization that files a Concerted Action report has its signer registered the same way.
        replacing_organization = replacing is not None and not trust.is_country(replacing.country)
        self.for_organization = QCheckBox(self)
        self.for_organization.setChecked(replacing_organization)
        self.for_organization.setEnabled(replacing is None)
        self.for_organization.toggled.connect(self._show_reporter)
        layout.addRow(self.for_organization)
        self.organization = QLineEdit(self)  # plain text: a name is never read as markup
        self.organization.setText(replacing.country if replacing_organization else "")
        self.organization.setReadOnly(replacing is not None)
        self.organization_label = plain_label(self)
        layout.addRow(self.organization_label, self.organization)
        self.mode = QComboBox(self)
        self.mode.addItem("", self.CERTIFICATE)
        self.mode.addItem("", self.FINGERPRINT)
        self.mode.setCurrentIndex(self.mode.findData(mode))
        self.mode.currentIndexChanged.connect(self._show_mode)
        self.mode_label = plain_label(self)
        layout.addRow(self.mode_label, self.mode)
        self.file_row = QHBoxLayout()
        self.file = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose_file)
        self.file_row.addWidget(self.file, 1)
        self.file_row.addWidget(self.browse)
        self.file_label = plain_label(self)
        layout.addRow(self.file_label, self.file_row)
        self.fingerprint = QLineEdit(self)
        self.fingerprint_label = plain_label(self)
        layout.addRow(self.fingerprint_label, self.fingerprint)
        self.name = QLineEdit(self)
        self.name_label = plain_label(self)
        layout.addRow(self.name_label, self.name)
        self.has_from, self.valid_from = self._date_row(layout)
        self.has_until, self.valid_until = self._date_row(layout)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addRow(self.buttons)
        self.layout_ = layout
        language().changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self._show_mode()
        self._show_reporter()

    def _date_row(self, layout: QFormLayout) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(self)
        edit = QDateEdit(QDate.currentDate(), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        layout.addRow(check, edit)
        return check, edit

    def retranslate_ui(self, *_args) -> None:
        if self.replacing is not None and self.for_organization.isChecked():
            organization = self.replacing.country
            self.setWindowTitle(tr("Replace the signer for the organization {organization}",
                                   organization=organization))
            self.intro.setText(tr("{name} stops being the signer for the organization {organization} when you "
                                  "press OK; the registration stays in the list as replaced.",
                                  name=self.replacing.name, organization=organization))
        elif self.replacing is not None:
            country = trust.country_name(self.replacing.country)
            self.setWindowTitle(tr("Replace the signer for {country}", country=country))
            self.intro.setText(tr("{name} stops being the signer for {country} when you press OK; the "
                                  "registration stays in the list as replaced.", name=self.replacing.name,
                                  country=country))
        else:
            self.setWindowTitle(tr("Register a signer"))
            self.intro.setText(tr("Compare the fingerprint with the one the focal point reads out to you "
                                  "by telephone before you register it."))
        self.country_label.setText(tr("Country"))
        self.for_organization.setText(tr("An organization (not a country)"))
        self.organization_label.setText(tr("Organization"))
        for index in range(self.country.count()):
            code = self.country.itemData(index)
            self.country.setItemText(index, f"{trust.country_name(code)} ({code})")
        self.country.lineEdit().setPlaceholderText(tr("Range State, or an ISO code such as FR"))
        self.mode_label.setText(tr("From"))
        self.mode.setItemText(0, tr("a certificate file (PEM or DER)"))
        self.mode.setItemText(1, tr("a fingerprint read out by telephone"))
        self.file_label.setText(tr("Certificate"))
        self.browse.setText(tr("Choose…"))
        self.fingerprint_label.setText(tr("Fingerprint (SHA-256)"))
        self.fingerprint.setPlaceholderText(tr("64 hexadecimal digits, with or without colons"))
        self.name_label.setText(tr("Name"))
        self.has_from.setText(tr("Valid from"))
        self.has_until.setText(tr("Valid until"))

    def _show_reporter(self) -> None:
        by_organization = self.for_organization.isChecked()
        self.layout_.setRowVisible(self.country, not by_organization)
        self.layout_.setRowVisible(self.organization, by_organization)

    def _show_mode(self) -> None:
        by_file = self.mode.currentData() == self.CERTIFICATE
        self.layout_.setRowVisible(self.file_row, by_file)
        self.layout_.setRowVisible(self.fingerprint, not by_file)
        self.layout_.setRowVisible(self.name, not by_file)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Choose a certificate"), "",
                                              tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"))
        if name:
            self.file.setText(name)

    def country_code(self) -> str:
        """The chosen Range State's code, or the code typed."""
        text = self.country.currentText().strip()
        index = self.country.currentIndex()
        if index >= 0 and text == self.country.itemText(index):
            return self.country.itemData(index)
        if text.endswith(")") and "(" in text:
            text = text[text.rindex("(") + 1:-1]
        return text.upper()

    def _date(self, check: QCheckBox, edit: QDateEdit) -> dt.date | None:
        return edit.date().toPython() if check.isChecked() else None

    def register(self, store, *, additional: bool = False) -> TrustedSigner:
        """Register what the form says; raises a CamiError with a message to show.

        ``additional``: a second signer for a country that has one in force (asked for first).
        """
        options = {"valid_from": self._date(self.has_from, self.valid_from),
                   "valid_until": self._date(self.has_until, self.valid_until),
                   "replace": self.replacing is not None}
        if self.replacing is None:
            options["additional"] = additional
        options["organization"] = self.for_organization.isChecked()
        if self.replacing is not None:
            country = self.replacing.country
        else:
            country = self.organization.text() if options["organization"] else self.country_code()
        if self.mode.currentData() == self.CERTIFICATE:
            if not self.file.text().strip():
                raise TrustError(N_("Choose the signer's certificate file."))
            return trust.register_certificate(store, country, self.file.text().strip(), **options)
        return trust.register_fingerprint(store, country, self.fingerprint.text(), self.name.text(), **options)
