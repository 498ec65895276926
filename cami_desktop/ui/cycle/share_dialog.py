"""Share sections with a colleague (the focal point), and return the answers (the colleague).

Both write one file, plain or signed, and optionally an e-mail draft with it attached. Signing
unlocks the key (deliberately slow), so the writing runs through the background helper.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from ...core import cycle
from ...core.errors import CamiError
from ...core.filenames import file_part
from ...core.i18n import current_language, tr
from ...core.signing import load_identity, unlock
from ...core.values import clean_typed
from ..background import run_in_background, show_error
from ..export_dialog import default_folder
from ..language import connect_retranslate
from ..plain import plain_label

KEY = Qt.UserRole + 1


def _slug(text: str) -> str:
    # A Cyrillic organization is transliterated, as in package names (not "report").
    return file_part(text, "A-Za-z0-9_-", "report", 40)


class _FileDialogBase(QDialog):
    """Who sends, signed or not, an optional e-mail draft and where the file goes."""

    def __init__(self, ctx, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.report_id = ctx, report_id
        self.record = ctx.store.get_report(report_id)
        self.form = ctx.library.get(self.record.form_id, self.record.form_version)
        self.identity = load_identity(ctx.data_dir)
        self.result = None
        self.setMinimumWidth(620)
        self.layout_ = QVBoxLayout(self)
        self.intro = plain_label(self)
        self.intro.setWordWrap(True)
        self.layout_.addWidget(self.intro)
        self.body = QVBoxLayout()
        self.layout_.addLayout(self.body, 1)
        profile = ctx.store.get_setting("profile") or {}
        rows = QFormLayout()
        self.name = QLineEdit(profile.get("name", ""), self)
        self.agency = QLineEdit(profile.get("institution", ""), self)
        self.sign = QCheckBox(self)
        self.sign.setEnabled(self.identity is not None)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setEnabled(False)
        self.sign.toggled.connect(self.passphrase.setEnabled)
        self.email = QLineEdit(self)
        path_row = QHBoxLayout()
        self.path = QLineEdit(str(default_folder(ctx.store) / self.default_name()), self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose_path)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        self.labels = [plain_label(self) for _ in range(5)]
        for label, widget in zip(self.labels, (self.name, self.agency, self.passphrase, self.email,
                                               path_row)):
            # The file row is a layout: its label's buddy is the path field (without a buddy a
            # label shows its "&" instead of the shortcut).
            label.setBuddy(widget if isinstance(widget, QWidget) else self.path)
            rows.addRow(label, widget)
        rows.insertRow(2, "", self.sign)
        self.layout_.addLayout(rows)
        self.done_label = plain_label(self)
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.layout_.addWidget(self.done_label)
        self.buttons = QDialogButtonBox(self)
        self.go_button = self.buttons.addButton("", QDialogButtonBox.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.Close)
        self.go_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    def default_name(self) -> str:
        raise NotImplementedError

    def retranslate_common(self) -> None:
        texts = (tr("Your &name"), tr("Your &agency"), tr("&Passphrase"), tr("E-mail draft &to (optional)"),
                 tr("&File"))
        for label, text in zip(self.labels, texts):
            label.setText(text)
        self.sign.setText(tr("Sign the file with my identity") if self.identity is not None
                          else tr("Sign the file (there is no signing identity yet)"))
        self.email.setPlaceholderText(tr("colleague@example.org"))
        self.browse.setText(tr("Choose…"))

    def choose_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the file as"), self.path.text(),
                                              tr("Shared sections (*.json)"))
        if path:
            self.path.setText(path)

    def _common(self) -> dict:
        return {"out": Path(self.path.text().strip()), "passphrase": self.passphrase.text(),
                "signed": self.sign.isChecked(), "email": self.email.text().strip() or None,
                "sender": {"name": _one_line(self.name.text()), "agency": _one_line(self.agency.text())}}

    def run(self, title: str, work) -> None:
        data_dir = self.ctx.data_dir
        c = self._common()
        if not c["out"].name:
            show_error(self, CamiError(tr("Choose where to save the file.")))
            return

        def job(progress):
            identity = unlock(data_dir, c["passphrase"]) if c["signed"] else None
            return work(c, identity)
        self.go_button.setEnabled(False)
        self.done_label.clear()
        run_in_background(self, title, job, self.finished, self.failed, cancellable=False)

    def failed(self, error: BaseException) -> None:
        self.go_button.setEnabled(True)
        show_error(self, error)

    def finished(self, result) -> None:
        self.result = result
        self.go_button.setEnabled(True)
        self.passphrase.clear()
        path = getattr(result, "path", result)
        text = tr("Written: {path}", path=str(path))
        email = getattr(result, "email", None) or self._email_path(path)
        if email is not None:
            text += "\n" + tr("E-mail draft: {path}", path=str(email))
        self.done_label.setText(text)

    def _email_path(self, path: Path):
        found = Path(path).with_suffix(".eml")
        return found if self.email.text().strip() and found.exists() else None


class ShareDialog(_FileDialogBase):
    """The focal point picks sections; the file goes to a colleague by e-mail or USB stick."""

    def __init__(self, ctx, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, report_id, parent)
        self.sections = QListWidget(self)
        self.sections.setMinimumHeight(220)
        for section in self.form.walk():
            entry = QListWidgetItem(self.sections)
            entry.setData(KEY, section.key)
            entry.setFlags(entry.flags() | Qt.ItemIsUserCheckable)
            entry.setCheckState(Qt.Unchecked)
        self.sections_label = plain_label(self)
        self.body.addWidget(self.sections_label)
        self.body.addWidget(self.sections, 1)
        connect_retranslate(self)

    def default_name(self) -> str:
        r = self.record
        return f"{_slug(r.form_id)}-{_slug(r.country)}-{_slug(r.period)}-shared.json"

    def retranslate_ui(self) -> None:
        lang = current_language()
        self.setWindowTitle(tr("Share sections"))
        self.intro.setText(tr("Write the chosen sections, with their answers, to a file for a colleague "
                              "in another agency. They open it in CAMI Reporter, answer, and send "
                              "their answers back; you then take them question by question."))
        self.sections_label.setText(tr("&Sections to share"))
        self.sections_label.setBuddy(self.sections)
        for index in range(self.sections.count()):
            entry = self.sections.item(index)
            section = self.form.section_index[entry.data(KEY)]
            entry.setText("    " * section.depth + f"{section.number}  {section.title.get(lang)}".strip())
        self.go_button.setText(tr("Share"))
        self.retranslate_common()

    def chosen(self) -> list[str]:
        return [self.sections.item(i).data(KEY) for i in range(self.sections.count())
                if self.sections.item(i).checkState() == Qt.Checked]

    def check(self, keys: list[str]) -> None:
        for index in range(self.sections.count()):
            entry = self.sections.item(index)
            entry.setCheckState(Qt.Checked if entry.data(KEY) in keys else Qt.Unchecked)

    def start(self) -> None:
        sections = self.chosen()
        if not sections:
            show_error(self, CamiError(tr("Choose at least one section to share.")))
            return
        store, library, report_id = self.ctx.store, self.ctx.library, self.report_id

        def work(c, identity):
            return cycle.export_share(store, library, report_id, sections, c["out"], sender=c["sender"],
                                      identity=identity, email_to=c["email"])
        self.run(tr("Sharing the sections…"), work)


class ReturnDialog(_FileDialogBase):
    """The colleague sends the answers of a working copy back to the focal point."""

    def __init__(self, ctx, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, report_id, parent)
        self.copy = ctx.store.shared_copy(report_id) or {}
        sender = self.copy.get("from") or {}
        if sender.get("name"):
            self.to_label = plain_label(self)
            self.to_label.setWordWrap(True)
            self.body.addWidget(self.to_label)
        connect_retranslate(self)

    def default_name(self) -> str:
        r = self.record
        return f"{_slug(r.form_id)}-{_slug(r.country)}-{_slug(r.period)}-answers.json"

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Return answers"))
        self.intro.setText(tr("Write your answers to the shared sections to a file for the person who "
                              "shared them. Only the shared questions are sent."))
        sender = self.copy.get("from") or {}
        if hasattr(self, "to_label"):
            self.to_label.setText(tr("Shared by {name} ({agency})", name=sender.get("name", ""),
                                     agency=sender.get("agency", "") or "—"))
        self.go_button.setText(tr("Write the answers"))
        self.retranslate_common()

    def start(self) -> None:
        store, library, report_id = self.ctx.store, self.ctx.library, self.report_id

        def work(c, identity):
            return cycle.export_return(store, library, report_id, c["out"], supplier=c["sender"],
                                       identity=identity, email_to=c["email"])
        self.run(tr("Writing the answers…"), work)


if __name__ == "__main__":
    import sys
    import tempfile

    from PySide6.QtWidgets import QApplication

    from ...core.forms.library import default_library
    from ...core.reports.session import create_report
    from ...core.store import Store
    from ..context import AppContext
    app = QApplication(sys.argv)
    folder, library = Path(tempfile.mkdtemp()), default_library()
    with Store.open(folder, app_version="preview") as store:
        record = create_report(store, library, form_id="saiga-mou", country="KZ", period="2024", language="en")
        ShareDialog(AppContext(store, library, folder), record.id).exec()


def _one_line(text: str) -> str:
    """Pasted text as in a one-line answer: a line break is a space, other control characters go."""
    return clean_typed(text).replace("\n", " ").strip()
