"""Verify package: pick a .zip and show plainly whether it is intact and who signed it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from ..core.export.verify import Verification, trusted_certificates, verify_package
from ..core.i18n import tr
from .background import show_error


def describe(result: Verification) -> tuple[bool, str, str]:
    """(ok, headline, details) of a verification, in the interface language."""
    lines = []
    if result.fingerprint:
        lines += [f"{tr('Signer')}: {result.signer_name}", f"{tr('Fingerprint (SHA-256)')}: {result.fingerprint}"]
    if result.trusted is True:
        lines.append(tr("The signer's certificate is one of the trusted certificates."))
    elif result.trusted is False:
        lines.append(tr("The signer's certificate is NOT one of the trusted certificates: the package is "
                        "valid but was signed by someone else."))
    elif result.intact:
        lines.append(tr("No trusted certificates are registered: compare the fingerprint with the one the "
                        "focal point sent you."))
    lines += [f"✗ {p.render()}" for p in result.problems]
    if result.manifest:
        report = result.manifest.get("report", {})
        lines.append(f"{result.manifest.get('form', {}).get('id', '')} · {report.get('country', '')} · "
                     f"{report.get('period', '')} · r{report.get('revision', '')}")
    headline = tr("Intact: complete, unaltered and signed.") if result.ok else tr("NOT VALID")
    return result.ok, headline, "\n".join(lines)


class VerifyDialog(QDialog):
    """Choose a package, check it, show the result."""

    def __init__(self, data_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setMinimumWidth(620)
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
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Verify package"))
        self.path.setPlaceholderText(tr("Package (.zip)"))
        self.browse.setText(tr("Choose…"))
        self.check.setText(tr("Verify"))

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Choose a package"), "", tr("Packages (*.zip)"))
        if name:
            self.path.setText(name)
            self.run_check()

    def run_check(self) -> Verification | None:
        if not self.path.text().strip():
            return None
        try:
            trusted = trusted_certificates(self.data_dir)
        except (OSError, ValueError) as exc:
            show_error(self, exc)
            trusted = []
        result = verify_package(Path(self.path.text().strip()), trusted)
        ok, headline, details = describe(result)
        colour = "#2E7D32" if ok else "#C62828"
        self.headline.setText(f"<span style='font-size:14pt;font-weight:bold;color:{colour}'>{headline}</span>")
        self.details.setPlainText(details)
        return result


def open_verify_dialog(parent: QWidget | None, ctx) -> None:
    """Show the Verify package dialog (``ctx``: AppContext)."""
    VerifyDialog(getattr(ctx, "data_dir", None), parent).exec()


if __name__ == "__main__":
    import sys
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv)
    dialog = VerifyDialog(None)
    if len(sys.argv) > 1:
        dialog.path.setText(sys.argv[1])
        dialog.run_check()
    dialog.exec()
