"""The Secretariat's inbox: drop or pick packages and e-mails, see what was received and what refused.

Each import runs through :func:`cami_desktop.core.secretariat.inbox.import_paths` on the
background helper, with progress; a hostile file comes back as a refusal with its reasons. The
list shows the current submission of each report and the refused packages (filtered); the panel
below shows the selected row's reasons and its history of revisions, and, for a signer
registered nowhere, offers to register it once its fingerprint was compared by telephone.
A submission can be set aside with a reason (button or the row's context menu) and restored:
it then stays in the list and the history, and counts nowhere.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLineEdit, QMenu, QPlainTextEdit, QPushButton, QSplitter,
                               QStyledItemDelegate, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core.trust import assess as trust
from ...core.forms.reporters import is_country
from ...core.errors import CamiError
from ...core.i18n import N_, tr
from ...core.secretariat import inbox
from ...core.secretariat.inbox import ImportResult
from ..background import run_in_background, show_error
from ..language import language
from ..plain import get_text as plain_get_text
from ..plain import plain_label, set_tooltip
from ..trust_dialog import changes_text, confirm_registration, register_asking, register_text
from .inbox_rows import (ALL, COLUMNS, FILTERS, VERDICT_COLOURS, InboxRow, file_name, history,
                         history_line, inbox_rows, reporter_label)

COUNTRY_COLUMN, VERDICT_COLUMN, FILE_COLUMN, REASON_COLUMN = (
    COLUMNS.index(c) for c in ("Country", "Verdict", "File", "Reason"))


class _ElideRight(QStyledItemDelegate):
    """Cut a cell's text at its end (the view cuts in the middle, for file names)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt name
        super().initStyleOption(option, index)
        option.textElideMode = Qt.ElideRight


class InboxView(QWidget):
    """Import packages and list the inbox; ``changed`` is emitted after the inbox changed."""

    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[InboxRow] = []
        self.last_result: ImportResult | None = None
        self.setObjectName("secretariatInbox")
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.import_files = QPushButton(self)
        self.import_files.setObjectName("primary")
        self.import_files.clicked.connect(self.choose_files)
        self.import_folder = QPushButton(self)
        self.import_folder.clicked.connect(self.choose_folder)
        self.filter_label = plain_label(self)
        self.filter = QComboBox(self)
        self.filter_label.setBuddy(self.filter)
        self.filter.currentIndexChanged.connect(lambda _index: self.reload())
        for widget in (self.import_files, self.import_folder):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.filter_label)
        bar.addWidget(self.filter)
        layout.addLayout(bar)
        self.hint = plain_label(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.summary = plain_label(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Vertical, self)
        self.table = QTableWidget(0, len(COLUMNS), split)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideMiddle)  # a package's name differs at its end
        self.elide_right = _ElideRight(self.table)  # a sentence: its start matters
        for col in (COUNTRY_COLUMN, REASON_COLUMN):  # the country column spans a refusal's reason
            self.table.setItemDelegateForColumn(col, self.elide_right)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        for col, width in ((COUNTRY_COLUMN, 200), (FILE_COLUMN, 200), (REASON_COLUMN, 200)):
            # fixed, not sized to contents: a refusal's reason spans from the country column
            header.setSectionResizeMode(col, QHeaderView.Interactive)
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.show_selected)
        details = QWidget(split)
        column = QVBoxLayout(details)
        column.setContentsMargins(0, 0, 0, 0)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        column.addWidget(self.details, 1)
        self.register = QPushButton(details)
        self.register.clicked.connect(self.register_signer)
        self.register.hide()
        self.set_aside_button = QPushButton(details)
        self.set_aside_button.clicked.connect(self.set_aside)
        self.set_aside_button.hide()
        self.restore_button = QPushButton(details)
        self.restore_button.clicked.connect(self.restore)
        self.restore_button.hide()
        buttons = QHBoxLayout()
        for button in (self.register, self.set_aside_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.context_menu)
        split.addWidget(self.table)
        split.addWidget(details)
        split.setSizes([420, 200])
        layout.addWidget(split, 1)
        language().changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    # -- text ---------------------------------------------------------------------------------
    def retranslate_ui(self, *_args) -> None:
        self.import_files.setText(tr("Import packages or e-mails…"))
        self.import_folder.setText(tr("Import a folder…"))
        self.set_aside_button.setText(tr("Set aside…"))
        self.restore_button.setText(tr("Restore"))
        self.filter_label.setText(tr("&Show:"))
        self.hint.setText(tr("Drop packages (.zip), saved e-mails (.eml) or folders of them here. Each is "
                             "verified before it is imported; a package that is not valid is refused "
                             "with its reasons."))
        current = self.filter.currentData() or ALL
        self.filter.blockSignals(True)
        self.filter.clear()
        for value, label in FILTERS.items():
            self.filter.addItem(tr(label), value)
        self.filter.setCurrentIndex(max(0, self.filter.findData(current)))
        self.filter.blockSignals(False)
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setAccessibleName(tr("Inbox"))
        self.details.setAccessibleName(tr("Reasons and history of the selected package"))
        self._show_summary()
        self.reload()

    def _show_summary(self) -> None:
        result = self.last_result
        self.summary.setVisible(result is not None)  # an empty label would still take a line
        if result is None:
            return
        imported, duplicates, refused = (result.count(o) for o in (inbox.IMPORTED, inbox.DUPLICATE, inbox.REFUSED))
        self.summary.setText(tr("{imported} imported, {duplicates} already received, {refused} refused, "
                                "{other} not read.", imported=imported, duplicates=duplicates,
                                refused=refused, other=len(result.items) - imported - duplicates - refused))

    # -- list ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the inbox again and show it, keeping the selected row where it still exists."""
        selected = self.selected()
        key = (selected.refused, selected.record.id) if selected else None
        self.rows = inbox_rows(self.ctx.store, self.filter.currentData() or ALL)
        self.table.clearSpans()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            for col, text in enumerate(row.cells(self.ctx.library)):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, index)
                if col == VERDICT_COLUMN:
                    item.setForeground(QBrush(QColor(VERDICT_COLOURS.get(row.kind, "#333333"))))
                if col in (FILE_COLUMN, REASON_COLUMN):
                    set_tooltip(item, "\n".join(row.reasons()) if col == REASON_COLUMN else row.record.source)
                self.table.setItem(index, col, item)
            if row.refused:  # a refusal has no country, form, period, revision or signer: say why instead
                self.table.setSpan(index, COUNTRY_COLUMN, 1, VERDICT_COLUMN - COUNTRY_COLUMN)
                self.table.item(index, COUNTRY_COLUMN).setForeground(QBrush(QColor(VERDICT_COLOURS["refused"])))
                set_tooltip(self.table.item(index, COUNTRY_COLUMN), "\n".join(row.reasons()))
        if key is not None:
            for index, row in enumerate(self.rows):
                if (row.refused, row.record.id) == key:
                    self.table.selectRow(index)
        self.show_selected()

    def selected(self) -> InboxRow | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        index = rows.pop()
        return self.rows[index] if index < len(self.rows) else None

    def show_selected(self) -> None:
        """The selected row's reasons and history; without a selection, the last import's report."""
        row = self.selected()
        self.register.setVisible(False)
        self.set_aside_button.setVisible(row is not None and not row.refused and not row.record.set_aside)
        self.restore_button.setVisible(row is not None and not row.refused and row.record.set_aside)
        if row is None:
            self.details.setPlainText(self._last_import_text())
            return
        lines = []
        if row.refused:
            lines += [tr("Refused package: {file}", file=file_name(row.record.source)),
                      tr("SHA-256: {digest}", digest=row.record.sha256)]
        else:
            record = row.record
            # labels outside f-strings: the message extractor does not look inside them
            signer, fingerprint, completeness = tr("Signer"), tr("Fingerprint (SHA-256)"), tr("Completeness")
            lines += [f"{signer}: {record.signer_name}", f"{fingerprint}: {record.signer_fingerprint}",
                      f"{completeness}: {record.completeness} %"]
        lines += [f"✗ {text}" for text in row.reasons()]
        if not row.refused and row.record.set_aside:
            lines.append(tr("Set aside on {date}: {reason}", date=row.record.set_aside_at.date().isoformat(),
                            reason=row.record.set_aside_reason))
        if not row.refused:
            lines += ["", tr("History of this report:")]
            lines += [f"• {history_line(r)}" for r in history(self.ctx.store, row.record)]
            # a country's signer or an organization's, after the same telephone check
            if row.record.verdict == inbox.UNREGISTERED:
                self.register.setText(register_text(row.record.country))
                self.register.setVisible(True)
        self.details.setPlainText("\n".join(lines))

    def _last_import_text(self) -> str:
        if self.last_result is None:
            return ""
        labels = {inbox.IMPORTED: tr("imported"), inbox.DUPLICATE: tr("already received"),
                  inbox.REFUSED: tr("refused"), inbox.SKIPPED: tr("not read")}
        lines = [tr("Last import:")]
        for item in self.last_result.items:
            lines.append(f"{item.source}: {labels.get(item.outcome, item.outcome)}")
            lines += [f"    {text}" for text in item.render_reasons()]
        return "\n".join(lines)

    # -- importing ------------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, tr("Import packages or e-mails"), "",
                                                tr("Packages and e-mails (*.zip *.eml)"))
        if names:
            self.import_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Import a folder"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Verify and import ``paths`` on the background helper; the list follows when done."""
        store, library = self.ctx.store, self.ctx.library
        self.import_files.setEnabled(False)
        self.import_folder.setEnabled(False)

        def work(progress):
            return inbox.import_paths(store, library, paths, progress=progress)

        def failed(error: BaseException) -> None:
            self._enable()
            show_error(self, error)
        run_in_background(self, tr("Importing packages…"), work, self.imported, failed)

    def _enable(self) -> None:
        self.import_files.setEnabled(True)
        self.import_folder.setEnabled(True)

    def imported(self, result: ImportResult) -> None:
        self._enable()
        self.last_result = result
        self._show_summary()
        self.table.clearSelection()
        self.reload()
        self.changed.emit()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt name
        if not self.import_files.isEnabled():  # one import at a time: its summary is what the person reads
            return
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt name
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths and self.import_files.isEnabled():
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- signers --------------------------------------------------------------------------------
    def register_signer(self) -> bool:
        """After the fingerprint was compared by telephone: register the signer of the selected submission."""
        row = self.selected()
        if row is None or row.refused or row.record.verdict != inbox.UNREGISTERED:
            return False
        record = row.record
        if not confirm_registration(self, record.country, record.signer_fingerprint, record.signer_name):
            return False
        try:
            signer = register_asking(self, lambda **kw: trust.register_fingerprint(
                self.ctx.store, record.country, record.signer_fingerprint, record.signer_name,
                organization=not is_country(record.country), **kw))
            changes = inbox.refresh_registrations(self.ctx.store) if signer is not None else []
        except Exception as exc:  # noqa: BLE001 - a translated message; the inbox stays usable
            show_error(self, exc)
            return False
        if signer is None:
            return False
        self.summary.setText(changes_text(changes))
        self.summary.setVisible(True)
        self.reload()
        self.changed.emit()
        return True

    # -- setting aside --------------------------------------------------------------------------
    def context_menu(self, position) -> None:
        """Set aside or restore the row under the pointer."""
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        row = self.selected()
        if row is None or row.refused:
            return
        menu = QMenu(self)
        if row.record.set_aside:
            menu.addAction(tr("Restore"), self.restore)
        else:
            menu.addAction(tr("Set aside…"), self.set_aside)
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def set_aside(self) -> bool:
        """Ask why, then set the selected submission aside (Restore undoes it)."""
        row = self.selected()
        if row is None or row.refused or row.record.set_aside:
            return False
        record = row.record
        text, ok = plain_get_text(
            self, tr("Set aside a submission"),
            tr("Set aside revision {revision} of {country} signed by {name}? It stays in the inbox and its "
               "history, and counts nowhere (overview, compiled reports) until restored.\n\nReason:",
               revision=record.revision, country=reporter_label(record.country), name=record.signer_name),
            QLineEdit.Normal, "")
        if not ok:
            return False
        if not text.strip():
            show_error(self, CamiError(N_("Give a reason for setting the submission aside.")))
            return False
        return self._aside(record.id, text)

    def restore(self) -> bool:
        """Take the selected submission back (it counts again)."""
        row = self.selected()
        if row is None or row.refused or not row.record.set_aside:
            return False
        return self._aside(row.record.id, None)

    def _aside(self, submission_id: int, reason: str | None) -> bool:
        try:
            record = self.ctx.store.set_submission_aside(submission_id, reason)
        except Exception as exc:  # noqa: BLE001 - a translated message; the inbox stays usable
            show_error(self, exc)
            return False
        self.summary.setText(tr("Submission {id} set aside; Restore takes it back.", id=record.id)
                             if reason is not None else tr("Submission {id} restored.", id=record.id))
        self.summary.setVisible(True)
        self.reload()
        for index, row in enumerate(self.rows):
            if not row.refused and row.record.id == submission_id:
                self.table.selectRow(index)
        self.changed.emit()
        return True
