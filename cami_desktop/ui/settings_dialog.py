"""Settings: the focal point's profile, the Secretariat's address, the data folder, backups."""
from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QTabWidget,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ..core import paths, settings
from ..core.errors import CamiError
from ..core.forms.reporters import country_choices
from ..core.i18n import N_, current_language, tr
from . import plain
from .background import run_in_background, show_error
from .language import connect_retranslate, format_datetime, format_size
from .plain import plain_label

PROFILE_FIELDS = (("name", N_("Name")), ("position", N_("Position")),
                  ("institution", N_("Institution")), ("email", N_("Email")),
                  ("phone", N_("Phone")))
BACKUP_KINDS = {"manual": N_("made by hand"), "auto": N_("automatic"), "automatic": N_("automatic"),
                "pre-migration": N_("before an upgrade"), "pre-restore": N_("before a restore")}


class SettingsDialog(QDialog):
    """Edits the store settings ``profile`` and ``secretariat_email``; manages backups."""

    restored = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resize(640, 460)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        # Profile
        self.profile_page = QWidget()
        form = QFormLayout(self.profile_page)
        profile = ctx.store.get_setting("profile") or {}
        self.profile_edits: dict[str, QLineEdit] = {}
        self.profile_labels: dict[str, QLabel] = {}
        self.profile_intro = plain_label()
        self.profile_intro.setWordWrap(True)
        form.addRow(self.profile_intro)
        for key, _ in PROFILE_FIELDS:
            edit = QLineEdit(profile.get(key, ""))
            label = plain_label()
            label.setBuddy(edit)
            self.profile_edits[key], self.profile_labels[key] = edit, label
            form.addRow(label, edit)
        self.country = QComboBox()
        self.country.setObjectName("profileCountry")
        self._fill_countries(profile.get("country") or "")
        self.country_label = plain_label()
        self.country_label.setBuddy(self.country)
        form.addRow(self.country_label, self.country)
        self.secretariat = QLineEdit(ctx.store.get_setting("secretariat_email") or "")
        self.secretariat_label = plain_label()
        self.secretariat_label.setBuddy(self.secretariat)
        form.addRow(self.secretariat_label, self.secretariat)
        self.tabs.addTab(self.profile_page, "")
        # Data folder
        self.data_page = QWidget()
        data_layout = QVBoxLayout(self.data_page)
        self.data_text = plain_label()
        self.data_text.setWordWrap(True)
        self.data_path = QLineEdit(str(ctx.data_dir))
        self.data_path.setReadOnly(True)
        self.open_folder = QPushButton()
        self.open_folder.clicked.connect(self._open_folder)
        self.data_help = plain_label()
        self.data_help.setWordWrap(True)
        for widget in (self.data_text, self.data_path, self.open_folder, self.data_help):
            data_layout.addWidget(widget)
        data_layout.addStretch(1)
        self.tabs.addTab(self.data_page, "")
        # Backups
        self.backup_page = QWidget()
        backup_layout = QVBoxLayout(self.backup_page)
        self.backup_text = plain_label()
        self.backup_text.setWordWrap(True)
        self.backups = QTreeWidget()
        self.backups.setRootIsDecorated(False)
        self.backups.setColumnCount(3)
        buttons = QHBoxLayout()
        self.backup_now = QPushButton()
        self.restore = QPushButton()
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.restore)
        buttons.addStretch(1)
        backup_layout.addWidget(self.backup_text)
        backup_layout.addWidget(self.backups)
        backup_layout.addLayout(buttons)
        self.backup_now.clicked.connect(self._backup_now)
        self.restore.clicked.connect(self._restore)
        self.tabs.addTab(self.backup_page, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        connect_retranslate(self)

    def _fill_countries(self, selected: str) -> None:
        """Every country, named in the window's language: the Range States first, then the
        others alphabetically (a consumer state files the Saiga MoU report); a blank entry
        first, so that a profile without a country does not get the first one by default."""
        choices = country_choices(self.ctx.library.reference, current_language())
        self.country.clear()
        self.country.addItem("—", "")
        for code, name in choices:
            self.country.addItem(name, code)
        states = len(self.ctx.library.reference.lists["range_states"].items)
        self.country.insertSeparator(1 + states)
        self.country.setCurrentIndex(max(0, self.country.findData(selected)))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Settings"))
        self.tabs.setTabText(0, tr("Profile"))
        self.tabs.setTabText(1, tr("Data folder"))
        self.tabs.setTabText(2, tr("Backups"))
        self.profile_intro.setText(tr("Your details as national focal point. They pre-fill the "
                                      "general information of each new report."))
        for key, label in PROFILE_FIELDS:
            self.profile_labels[key].setText(tr(label))
        self.country_label.setText(tr("Country"))
        self._fill_countries(self.country.currentData() or "")
        self.secretariat_label.setText(tr("Secretariat's email address"))
        self.data_text.setText(tr("Your reports, their attachments and backups are kept in this folder:"))
        self.open_folder.setText(tr("Open the folder"))
        self.data_help.setText(tr(
            "To keep the data elsewhere (for instance on a network drive), start CAMI Reporter with "
            "--data-dir FOLDER, or set the environment variable {env} to the folder.",
            env=paths.ENV_DATA_DIR))
        self.backup_text.setText(tr("A backup is made automatically each day the app is used. "
                                    "Restoring replaces all reports with those of the backup; the "
                                    "current data is kept aside first."))
        self.backup_now.setText(tr("Back up now"))
        self.restore.setText(tr("Restore the chosen backup…"))
        self.backups.setHeaderLabels([tr("Made"), tr("Kind"), tr("Size")])
        self._fill_backups()

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir)))

    def _fill_backups(self) -> None:
        self.backups.clear()
        for info in sorted(self.ctx.store.list_backups(), key=lambda b: b.created, reverse=True):
            kind = BACKUP_KINDS.get(info.kind)
            item = QTreeWidgetItem([format_datetime(info.created), tr(kind) if kind else info.kind,
                                    format_size(info.size)])
            item.setData(0, 256, info.name)
            self.backups.addTopLevelItem(item)
        for column in range(3):
            self.backups.resizeColumnToContents(column)
        self.restore.setEnabled(self.backups.topLevelItemCount() > 0)

    def _busy(self, busy: bool) -> None:
        """Backup and restore run in the background; meanwhile nothing else may start."""
        self.backup_now.setEnabled(not busy)
        self.restore.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        if not busy:
            self._fill_backups()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        show_error(self, error)

    def _backup_now(self) -> None:
        store = self.ctx.store
        self._busy(True)
        run_in_background(self, tr("Backing up…"), lambda progress: store.backup_now(),
                          lambda _path: self._busy(False), self._failed, cancellable=False)

    def _restore(self) -> None:
        item = self.backups.currentItem() or self.backups.topLevelItem(0)
        if item is None:
            return
        answer = plain.question(
            self, tr("Restore a backup"),
            tr("Replace all reports with those of the backup made {when}? The current data is kept aside.",
               when=item.text(0)))
        if answer != QMessageBox.Yes:
            return
        store, name = self.ctx.store, item.data(0, 256)
        self._busy(True)
        run_in_background(self, tr("Restoring the backup…"), lambda progress: store.restore_backup(name),
                          self._restored, self._failed, cancellable=False)

    def _restored(self, _saved: object) -> None:
        self._busy(False)
        self.restored.emit()
        plain.information(self, tr("Restore a backup"), tr("The backup has been restored."))

    def accept(self) -> None:
        address = self.secretariat.text().strip()
        if address:
            try:  # the same check as `cami-desktop settings set secretariat_email`
                address = settings.setting("secretariat_email").check(address, None)
            except CamiError as exc:
                self.tabs.setCurrentWidget(self.profile_page)
                self.secretariat.setFocus()
                show_error(self, exc)
                return  # nothing half-saved: the profile waits for a valid address too
        profile = {key: edit.text().strip() for key, edit in self.profile_edits.items()}
        if self.country.currentData():
            profile["country"] = self.country.currentData()
        self.ctx.store.set_setting("profile", profile)
        self.ctx.store.set_setting("secretariat_email", address)
        super().accept()


if __name__ == "__main__":
    import sys
    import tempfile
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ..core.forms.library import default_library
    from ..core.store import Store
    from .context import AppContext
    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    with Store.open(folder, app_version="preview") as store:
        SettingsDialog(AppContext(store, default_library(), folder)).exec()
