"""The cycle's menu items in the main window: Edit > Undo/Redo, sharing, changes and preview.

Made by the main window next to its own actions; :meth:`CycleActions.update` follows the window's
``update_actions``.
"""
from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from ...core.errors import CamiError
from ...core.i18n import N_, tr
from ..background import show_error

ACTIONS = {
    "undo": (N_("&Undo"), ("Ctrl+Z",)),
    "redo": (N_("&Redo"), ("Ctrl+Shift+Z", "Ctrl+Y")),
    "open_shared": (N_("Open s&hared sections…"), ()),
    "return_answers": (N_("Re&turn answers…"), ()),
    "share": (N_("S&hare sections…"), ()),
    "import_answers": (N_("&Import answers from a colleague…"), ()),
    "changes": (N_("C&hanges since the submitted revision…"), ()),
    "preview": (N_("Pre&view PDF and workbook…"), ()),
}
FILE_FILTER = N_("Shared sections (*.json *.eml)")


class CycleActions:
    """Creates the actions and puts them in the window's menus."""

    def __init__(self, window) -> None:
        self.window = window
        self.all: dict[str, QAction] = {}
        for name, (_, keys) in ACTIONS.items():
            action = QAction(window)
            action.setShortcuts([QKeySequence(k) for k in keys])
            self.all[name] = action
            setattr(self, name, action)
        menus = window.actions.menus
        self.edit_menu = QMenu(window.menuBar())
        window.menuBar().insertMenu(menus["report"].menuAction(), self.edit_menu)
        self.edit_menu.addActions([self.undo, self.redo])
        before = window.actions.verify
        menus["file"].insertActions(before, [self.open_shared, self.return_answers])
        menus["file"].insertSeparator(before)
        before = window.actions.export
        menus["report"].insertActions(before, [self.share, self.import_answers, self.changes, self.preview])
        self.undo.triggered.connect(lambda: self._editor_call("undo"))
        self.redo.triggered.connect(lambda: self._editor_call("redo"))
        self.open_shared.triggered.connect(lambda: self.open_shared_file())
        self.return_answers.triggered.connect(self.return_dialog)
        self.share.triggered.connect(self.share_dialog)
        self.import_answers.triggered.connect(lambda: self.import_file())
        self.changes.triggered.connect(self.show_changes)
        self.preview.triggered.connect(self.show_preview)
        self._watched = None

    @property
    def editor(self):
        return self.window.editor

    def _editor_call(self, name: str) -> None:
        if self.editor is not None:
            getattr(self.editor.cycle, name)()
            self.update()

    # -- state ----------------------------------------------------------------------------------
    def update(self) -> None:
        editor = self.editor
        if editor is not None and editor is not self._watched:
            self._watched = editor
            editor.save_state.connect(self._saved)
        editing = editor is not None
        locked = editing and editor.session.locked
        can_undo, can_redo = editor.cycle.can_undo_redo() if editing else (False, False)
        self.undo.setEnabled(can_undo)
        self.redo.setEnabled(can_redo)
        copy = editing and editor.ctx.store.shared_copy(editor.session.record.id) is not None
        self.return_answers.setEnabled(bool(copy))
        self.share.setEnabled(editing and not copy)
        self.import_answers.setEnabled(editing and not locked and not copy)
        self.changes.setEnabled(editing and editor.cycle.bar.changes is not None
                                and editor.cycle.bar.changes.since is not None)
        self.preview.setEnabled(editing)
        secretariat = self.window.secretariat_action.isChecked()
        self.open_shared.setEnabled(not secretariat)

    def _saved(self, state: str) -> None:
        if state == "saved" and self.editor is not None and shiboken6.isValid(self.editor):
            can_undo, can_redo = self.editor.cycle.can_undo_redo()
            self.undo.setEnabled(can_undo)
            self.redo.setEnabled(can_redo)

    def retranslate_ui(self) -> None:
        self.edit_menu.setTitle(tr("&Edit"))
        for name, (label, _) in ACTIONS.items():
            self.all[name].setText(tr(label))

    # -- workflows --------------------------------------------------------------------------------
    def open_shared_file(self, path: str | Path | None = None):
        """The colleague's side: open a shared-section file as a working copy, in the editor."""
        # Imported here: the cycle's code brings the signing code and cryptography, which the
        # window's start does without.
        from ...core import cycle
        from ..export_dialog import default_folder

        window = self.window
        if path is None:
            path, _ = QFileDialog.getOpenFileName(window, tr("Open shared sections"),
                                                  str(default_folder(window.ctx.store)), tr(FILE_FILTER))
            if not path:
                return None
        try:
            record, signer = cycle.open_share(window.ctx.store, window.ctx.library, Path(path))
        except CamiError as exc:
            show_error(window, exc)
            return None
        window.report_list.reload()
        editor = window.open_report(record.id)
        if signer:
            window.statusBar().showMessage(tr("Shared sections signed by {name}.", name=signer.get("name", "")),
                                           10000)
        return editor

    def import_file(self, path: str | Path | None = None):
        """The focal point's side: compare a colleague's return with the open report."""
        editor = self.editor
        if editor is None:
            return None
        from ..export_dialog import default_folder  # imports the export code: not at start

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, tr("Import answers from a colleague"),
                                                  str(default_folder(self.window.ctx.store)), tr(FILE_FILTER))
            if not path:
                return None
        from .import_dialog import ImportDialog
        try:
            dialog = ImportDialog(self.window.ctx, editor, Path(path), self.window)
        except CamiError as exc:
            show_error(self.window, exc)
            return None
        dialog.finished.connect(lambda *_: self.update())
        dialog.finished.connect(dialog.deleteLater)  # else each opening stays a child of the window
        dialog.open()
        return dialog

    def share_dialog(self):
        from .share_dialog import ShareDialog
        if self.editor is None:
            return None
        dialog = ShareDialog(self.window.ctx, self.editor.session.record.id, self.window)
        dialog.finished.connect(dialog.deleteLater)  # else each opening stays a child of the window
        dialog.open()
        return dialog

    def return_dialog(self):
        from .share_dialog import ReturnDialog
        if self.editor is None:
            return None
        self.editor.flush()
        dialog = ReturnDialog(self.window.ctx, self.editor.session.record.id, self.window)
        dialog.finished.connect(dialog.deleteLater)  # else each opening stays a child of the window
        dialog.open()
        return dialog

    def show_changes(self):
        if self.editor is not None:
            self.editor.cycle.bar.show_changes()
            return self.editor.cycle.bar.changes_dialog
        return None

    def show_preview(self):
        from .preview_dialog import PreviewDialog
        if self.editor is None:
            return None
        self.editor.flush()
        dialog = PreviewDialog(self.window.ctx, self.editor.session.record.id, self.window)
        dialog.finished.connect(dialog.deleteLater)  # else each opening stays a child of the window
        dialog.open()
        dialog.start()
        return dialog
