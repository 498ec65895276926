"""Attachments: a chosen file is copied into the store (with a size limit); open, remove."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton

from ...core.errors import CamiError
from ...core.i18n import tr
from ..language import format_size
from .base import FieldWidget, register


@register("attachment")
class AttachmentField(FieldWidget):
    """A list of stored files."""

    def build(self) -> None:
        layout = self.column_layout(self)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(110)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.choose)
        self.open_button.clicked.connect(self.open_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.list.itemActivated.connect(lambda _: self.open_current())
        self.list.currentRowChanged.connect(lambda _: self._update_buttons())
        self.setFocusProxy(self.add_button)

    def editors(self) -> list:
        return [self.list]

    def name_controls(self, question: str, description: str) -> None:
        self.add_button.setAccessibleName(tr("Attach a file to {question}", question=question))
        self.open_button.setAccessibleName(tr("Open the file attached to {question}", question=question))
        self.remove_button.setAccessibleName(tr("Remove the file attached to {question}", question=question))

    def files(self) -> list[dict]:
        return list(self._value or [])

    def add_file(self, path: str | Path) -> None:
        """Copy ``path`` into the store and add it to the answer."""
        store, report_id = self.env.store, self.env.report_id
        try:
            info = store.add_attachment(report_id, Path(path), max_bytes=self.env.max_attachment_bytes)
        except CamiError as exc:
            from ..background import show_error
            show_error(self, exc)
            return
        files = self.files()
        if not self.field.multiple:
            files = []
        files.append(info)
        self.set_value(files)
        self.emit_value(files)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Attach a file"))
        if path:
            self.add_file(path)

    def open_current(self) -> None:
        row = self.list.currentRow()
        files = self.files()
        if not 0 <= row < len(files):
            return
        info = files[row]
        folder = Path(tempfile.gettempdir()) / "cami-attachments"
        folder.mkdir(exist_ok=True)
        target = folder / Path(info["name"]).name
        target.write_bytes(self.env.store.attachment_data(info["id"]))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def remove_current(self) -> None:
        row = self.list.currentRow()
        files = self.files()
        if 0 <= row < len(files):
            del files[row]
            self.set_value(files or None)
            self.emit_value(files or None)  # the file stays in the store for the answer's history

    def _update_buttons(self) -> None:
        has = 0 <= self.list.currentRow() < len(self.files())
        self.open_button.setEnabled(has)
        self.remove_button.setEnabled(has and not self.read_only)
        self.add_button.setEnabled(not self.read_only)

    def _show(self, value: Any) -> None:
        self.add_button.setText(tr("Attach a file…"))
        self.open_button.setText(tr("Open"))
        self.remove_button.setText(tr("Remove"))
        self.list.clear()
        for info in value or []:
            QListWidgetItem(f"{info['name']}  ({format_size(info.get('size', 0))})", self.list)
        self.list.setVisible(bool(value))
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.add_button.setVisible(not read_only)  # attached files can still be opened
        self.remove_button.setVisible(not read_only)
        self._update_buttons()
