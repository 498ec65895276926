"""Verify package: pick a .zip and see plainly whether it is valid, from whom, and why not.

The check runs on the background helper (it may be a large file from a stranger). An intact
package from a signer registered for nobody offers "Register this signer for <country>…" (or <organization>),
which shows the fingerprint to compare by telephone and asks before registering.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from ..core.trust import assess as trust
from ..core.i18n import tr
from ..core.trust.organizations import assess_submission, organization_of
from ..core.secretariat.reasons import render_problem
from ..core.trust.assess import Assessment, Verdict
from .background import run_in_background, show_error
from .language import language
from .trust_dialog import confirm_registration, register_asking, register_text

COLOURS = {Verdict.REGISTERED: "#2E7D32", Verdict.UNREGISTERED: "#B26A00", Verdict.INVALID: "#C62828"}


def headline(assessment: Assessment) -> str:
    """The verdict's label (the words ``verify`` and the inbox use) and one sentence, in the interface language."""
    label = tr(assessment.verdict.label)
    if assessment.verdict is Verdict.REGISTERED and not trust.is_country(assessment.country):
        return label + " · " + tr("Valid: complete, unaltered, and signed by the signer registered for the "
                                  "organization {organization}.", organization=assessment.country)
    if assessment.verdict is Verdict.REGISTERED:
        return label + " · " + tr("Valid: complete, unaltered, and signed by the signer registered for {country}.",
                                  country=trust.country_name(assessment.country))
    if assessment.verdict is Verdict.UNREGISTERED:
        return label + " · " + tr("Intact, but signed by a signer who is not registered.")
    return label


def describe(assessment: Assessment) -> str:
    """Everything the check found: who signed, for which report, and every reason."""
    # labels outside f-strings: the message extractor does not look inside them
    signer, fingerprint, country, report_label = (
        tr("Signer"), tr("Fingerprint (SHA-256)"), tr("Country"), tr("Report"))
    lines = []
    if assessment.fingerprint:
        lines += [f"{signer}: {assessment.signer_name}", f"{fingerprint}: {assessment.fingerprint}"]
    if assessment.country:
        lines.append(f"{country}: {trust.reporter_label(assessment.country)}")  # an organization: its name
    report = assessment.manifest.get("report") if assessment.manifest else None
    if isinstance(report, dict):
        form = assessment.manifest.get("form") or {}
        lines.append(f"{report_label}: {form.get('id', '')} · {report.get('period', '')} · "
                     f"r{report.get('revision', '')}")
    lines += [f"✗ {render_problem(reason)}" for reason in assessment.reasons]  # causes translated too
    return "\n".join(lines)


class VerifyDialog(QDialog):
    """Choose a package, check it in the background, show the verdict with every reason."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assessment: Assessment | None = None
        self.setMinimumWidth(820)  # a fingerprint fits on one line
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.check = QPushButton(self)
        self.check.clicked.connect(self.run_check)
        layout.addWidget(self.check)
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        self.register = QPushButton(self)
        self.register.clicked.connect(self.register_signer)
        self.register.hide()
        layout.addWidget(self.register)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        language().changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self, *_args) -> None:
        self.setWindowTitle(tr("Verify package"))
        self.path.setPlaceholderText(tr("Package (.zip)"))
        self.browse.setText(tr("Choose…"))
        self.check.setText(tr("Verify"))
        if self.assessment is not None:
            self.show_result(self.assessment)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Choose a package"), "", tr("Packages (*.zip)"))
        if name:
            self.path.setText(name)
            self.run_check()

    def run_check(self) -> None:
        """Check the chosen package on the background helper; the result arrives in show_result."""
        text = self.path.text().strip()
        if not text:
            return
        store, path = self.ctx.store, Path(text)
        self.check.setEnabled(False)

        def work(progress):
            # as `verify` and the inbox judge it: as of when the inbox received it
            return assess_submission(path, store, progress=progress)

        def failed(error: BaseException) -> None:
            self.check.setEnabled(True)
            show_error(self, error)
        run_in_background(self, tr("Verifying {name}…", name=path.name), work, self.show_result, failed)

    def show_result(self, assessment: Assessment) -> None:
        self.assessment = assessment
        self.check.setEnabled(True)
        colour = COLOURS[assessment.verdict]
        self.headline.setText(f"<span style='font-size:14pt;font-weight:bold;color:{colour}'>"
                              f"{_escape(headline(assessment))}</span>")
        self.details.setPlainText(describe(assessment))
        # a country's signer or an organization's, after the same telephone check
        can_register = assessment.verdict is Verdict.UNREGISTERED and bool(assessment.verification.certificate_pem)
        self.register.setVisible(can_register)
        if can_register:
            self.register.setText(register_text(assessment.country))

    def register_signer(self) -> None:
        """After the fingerprint was compared by telephone: register the package's signer."""
        found = self.assessment
        if found is None or found.verdict is not Verdict.UNREGISTERED:
            return
        if not confirm_registration(self, found.country, found.fingerprint, found.signer_name):
            return
        try:
            signer = register_asking(self, lambda **kw: trust.register_certificate(
                self.ctx.store, found.country, found.verification.certificate_pem,
                organization=bool(organization_of(found)), **kw))
        except Exception as exc:  # noqa: BLE001 - shown as a message, the dialog stays usable
            show_error(self, exc)
            return
        if signer is None:
            return
        self.show_result(trust.assess(found.verification, self.ctx.store))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def open_verify_dialog(parent: QWidget | None, ctx) -> None:
    """Show the Verify package dialog (``ctx``: AppContext)."""
    dialog = VerifyDialog(ctx, parent)
    dialog.exec()
    dialog.deleteLater()  # else each opening stays a child of the window, and on the language signal


if __name__ == "__main__":
    import sys
    import tempfile

    from PySide6.QtWidgets import QApplication

    from ..core.store import Store
    from .context import AppContext
    app = QApplication(sys.argv)
    with Store.open(Path(tempfile.mkdtemp()), app_version="preview") as preview_store:
        dialog = VerifyDialog(AppContext(preview_store, None, preview_store.data_dir))
        if len(sys.argv) > 1:
            dialog.path.setText(sys.argv[1])
            dialog.run_check()
        dialog.exec()
