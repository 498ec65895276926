"""The main window: the report list, the editor of the open report, menus and the save indicator."""
from __future__ import annotations

import importlib
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from .. import APP_NAME, __version__
from ..core.errors import CamiError
from ..core.i18n import current_language, tr
from . import plain
from .actions import Actions
from .background import show_error, wait_for_background
from .language import language
from .plain import plain_label
from .report_list import ReportList
from .trash import UndoBar, confirm_delete

if TYPE_CHECKING:  # the editor's modules are imported when a report is first opened
    from .editor.report_editor import ReportEditor

WINDOW_SETTING = "window"
SECRETARIAT_SETTING = "secretariat_mode"  # store setting: the window opens in Secretariat mode


class MainWindow(QMainWindow):
    """Lists reports and edits one at a time."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor: ReportEditor | None = None
        self.secretariat = None  # the Secretariat's view (ui/secretariat), made when first shown
        self.setObjectName("mainWindow")
        self.stack = QStackedWidget(self)
        self.report_list = ReportList(ctx, self.stack)
        self.stack.addWidget(self.report_list)
        self.setCentralWidget(self.stack)
        self.actions = Actions(self)
        self.save_indicator = plain_label(self)
        self.save_indicator.setObjectName("saveIndicator")
        self.statusBar().addPermanentWidget(self.save_indicator)
        self.undo_bar = UndoBar(self)
        self.statusBar().insertPermanentWidget(0, self.undo_bar)  # permanent: messages don't hide it
        # Delete on the report list asks first; nowhere else is it a shortcut for deleting.
        self.list_delete = QAction(self.report_list.view)
        self.list_delete.setShortcut(QKeySequence(QKeySequence.Delete))
        self.list_delete.setShortcutContext(Qt.WidgetShortcut)
        self.report_list.view.addAction(self.list_delete)
        self._connect()
        from .cycle.window_actions import CycleActions  # issue 11: undo/redo, sharing, preview
        self.cycle_actions = CycleActions(self)
        language().changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self._restore_layout()
        self.update_actions()

    # -- wiring -------------------------------------------------------------------------------
    def _connect(self) -> None:
        a = self.actions
        a.new.triggered.connect(self.new_report)
        a.open.triggered.connect(lambda: self.open_report(self.report_list.current_id()))
        a.close.triggered.connect(self.close_report)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(lambda: self.editor and self.editor.search_bar.open())
        a.next_problem.triggered.connect(lambda: self.editor and self.editor.step_message(1))
        a.previous_problem.triggered.connect(lambda: self.editor and self.editor.step_message(-1))
        a.show_messages.triggered.connect(self.show_messages)
        a.finalize.triggered.connect(self.finalize)
        a.reopen.triggered.connect(lambda: self.editor and self.editor.reopen())
        a.delete.triggered.connect(self.delete_report)
        self.list_delete.triggered.connect(self._delete_from_list)
        a.restore.triggered.connect(self.restore_report)
        a.settings.triggered.connect(self.open_settings)
        a.about.triggered.connect(self.about)
        a.export.triggered.connect(lambda: self._colleague("export_dialog", "open_export_dialog",
                                                          self.current_report_id()))
        a.verify.triggered.connect(lambda: self._colleague("verify_dialog", "open_verify_dialog"))
        # a signer registered from Verify package: the inbox is judged again and shown (issue 15)
        a.verify.triggered.connect(lambda: self.secretariat and self.secretariat.signers_changed())
        a.identity.triggered.connect(lambda: self._colleague("identity_dialog", "open_identity_dialog"))
        # the Secretariat's signers registered per country (issue 9, ui/trust_dialog.py)
        self.trust_action = self.actions.menus["tools"].addAction("")
        self.trust_action.triggered.connect(lambda: self._colleague("trust_dialog", "open_trust_dialog"))
        self.trust_action.triggered.connect(lambda: self.secretariat and self.secretariat.signers_changed())
        # Secretariat mode: the inbox and overview in place of the report list (issue 9, ui/secretariat)
        self.secretariat_action = self.actions.menus["tools"].addAction("")
        self.secretariat_action.setCheckable(True)
        self.secretariat_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.secretariat_action.toggled.connect(self.set_secretariat_mode)
        for lang, action in a.languages.items():
            action.triggered.connect(partial(self._language_chosen, lang))
        self.report_list.open_requested.connect(self.open_report)
        self.report_list.new_requested.connect(self.new_report)
        self.report_list.selection_changed.connect(self.update_actions)
        self.undo_bar.undo.connect(self._undo_delete)

    def finalize(self) -> None:
        if self.editor is not None:
            self.editor.finalize()

    def _language_chosen(self, lang: str, _checked: bool = False) -> None:
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        """Switch the interface language now and remember it."""
        self.ctx.store.set_setting("language", lang)
        language().set_language(lang)

    def set_secretariat_mode(self, on: bool) -> None:
        """Show the Secretariat's inbox and overview (``on``) or the report list; remembered."""
        if self.secretariat_action.isChecked() != on:
            self.secretariat_action.setChecked(on)  # comes back here through ``toggled``
            return
        if on:
            self.close_report()
            if self.secretariat is None:
                from .secretariat.view import SecretariatView
                self.secretariat = SecretariatView(self.ctx, self.stack)
                self.stack.addWidget(self.secretariat)
            else:
                self.secretariat.reload()
            self.stack.setCurrentWidget(self.secretariat)
        else:
            self.report_list.reload()
            self.stack.setCurrentWidget(self.report_list)
        if bool(self.ctx.store.get_setting(SECRETARIAT_SETTING)) != on:
            self.ctx.store.set_setting(SECRETARIAT_SETTING, True if on else None)
        self.update_actions()

    def _colleague(self, module: str, function: str, *args) -> None:
        """Open a dialog of the signed-package feature, if this build has it."""
        try:
            opener = getattr(importlib.import_module(f"{__package__}.{module}"), function)
        except (ImportError, AttributeError):
            plain.information(self, APP_NAME, tr("This feature is not available in this version."))
            return
        opener(self, self.ctx, *args)

    # -- reports ------------------------------------------------------------------------------
    def current_report_id(self) -> int | None:
        if self.editor is not None:
            return self.editor.session.record.id
        return self.report_list.current_id()

    def new_report(self) -> None:
        from .new_report_dialog import NewReportDialog
        dialog = NewReportDialog(self.ctx, self)
        accepted = dialog.exec() and dialog.record is not None
        record = dialog.record
        dialog.deleteLater()
        if accepted:
            self.report_list.reload()
            editor = self.open_report(record.id)
            if editor is not None and dialog.carried is not None:  # started from an earlier report
                # what the new report filled in anew (its period, country) was not left behind
                held = editor.session.answers
                editor.cycle.bar.show_skipped([k for k in dialog.carried.skipped if k not in held])

    def open_report(self, report_id: int | None) -> ReportEditor | None:
        if report_id is None:
            return None
        if self.secretariat_action.isChecked():
            self.set_secretariat_mode(False)
        self.close_report()
        from .editor.report_editor import ReportEditor  # not at start: the list comes first

        try:
            self.editor = ReportEditor(self.ctx, report_id, self.stack)
        except CamiError as exc:
            show_error(self, exc)
            return None
        self.editor.save_state.connect(self._show_save_state)
        self.editor.status_changed.connect(self.update_actions)
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        self._remember(last_report=report_id)
        self._show_save_state("saved")
        self.retranslate_title()
        self.update_actions()
        return self.editor

    def close_report(self) -> None:
        if self.editor is None:
            return
        self.editor.shut()
        self.stack.removeWidget(self.editor)
        self.editor.deleteLater()
        self.editor = None
        self._remember(last_report=None)
        self.save_indicator.clear()
        self.report_list.reload()
        self.stack.setCurrentWidget(self.report_list)
        self.retranslate_title()
        self.update_actions()

    def _delete_from_list(self) -> None:
        if self.editor is None and self.report_list.view.hasFocus():
            self.delete_report()

    def delete_report(self) -> bool:
        """Move the current report to the deleted reports, once the person has confirmed it."""
        report_id = self.current_report_id()
        if report_id is None or self.report_list.model.deleted and self.editor is None:
            return False
        if not confirm_delete(self, self.ctx, self.ctx.store.get_report(report_id)):
            return False
        self.close_report()
        try:
            self.ctx.store.delete_report(report_id)
        except CamiError as exc:
            show_error(self, exc)
            return False
        self.report_list.reload()
        self.undo_bar.offer(report_id)
        return True

    def _undo_delete(self, report_id: int) -> None:
        try:
            self.ctx.store.restore_report(report_id)
        except CamiError as exc:
            show_error(self, exc)
        self.report_list.reload()

    def restore_report(self) -> None:
        report_id = self.report_list.current_id()
        if report_id is not None and self.report_list.model.deleted:
            self.ctx.store.restore_report(report_id)
            self.report_list.reload()

    def show_messages(self) -> None:
        if self.editor is not None:
            sizes = self.editor.right.sizes()
            if sizes[1] < 60:
                self.editor.right.setSizes([sizes[0] - 200, 200])
            self.editor.messages.list.setFocus()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.ctx, self)
        dialog.restored.connect(self._after_restore)
        dialog.exec()
        dialog.deleteLater()

    def _after_restore(self) -> None:
        """A restored database: what is shown may no longer exist, so start from the list."""
        if self.editor is not None:
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
        self.report_list.reload()
        self.stack.setCurrentWidget(self.report_list)
        if self.secretariat_action.isChecked():
            self.secretariat.reload()
            self.stack.setCurrentWidget(self.secretariat)
        self.update_actions()

    def about(self) -> None:
        plain.about(self, tr("About CAMI Reporter"), tr(
            "CAMI Reporter {version}\nNational reporting for the CMS Central Asian Mammals "
            "Initiative.\nData folder: {folder}", version=__version__, folder=str(self.ctx.data_dir)))

    # -- state ----------------------------------------------------------------------------------
    def update_actions(self) -> None:
        a = self.actions
        editing = self.editor is not None
        locked = editing and self.editor.session.locked
        selected = self.report_list.current_id() is not None
        trash = self.report_list.model.deleted
        for action in (a.find, a.next_problem, a.previous_problem, a.show_messages, a.close):
            action.setEnabled(editing)
        a.finalize.setEnabled(editing and not locked)
        a.reopen.setEnabled(bool(locked))
        a.export.setEnabled(editing or (selected and not trash))
        a.open.setEnabled(not editing and selected and not trash)
        a.delete.setEnabled(editing or (selected and not trash))
        a.restore.setEnabled(not editing and selected and trash)
        for lang, action in a.languages.items():
            action.setChecked(lang == current_language())
        secretariat = self.secretariat_action.isChecked()
        a.new.setEnabled(not secretariat)
        if secretariat:  # the report actions have no report list to act on
            for action in (a.open, a.export, a.delete, a.restore):
                action.setEnabled(False)
        self.cycle_actions.update()

    def _show_save_state(self, state: str) -> None:
        self.save_indicator.setProperty("state", state)
        texts = {"saved": tr("All changes saved"), "saving": tr("Saving…"),
                 "failed": tr("A change could not be saved")}
        self.save_indicator.setText(("✓ " if state == "saved" else "") + texts[state])
        self.save_indicator.style().unpolish(self.save_indicator)
        self.save_indicator.style().polish(self.save_indicator)

    def retranslate_title(self) -> None:
        title = tr("CAMI Reporter")
        if self.editor is not None:
            title = f"{self.editor.title()} — {title}"
        self.setWindowTitle(title)

    def retranslate_ui(self) -> None:
        self.actions.retranslate_ui()
        self.trust_action.setText(tr("&Trusted signers…"))
        self.secretariat_action.setText(tr("Se&cretariat mode"))
        self.report_list.retranslate_ui()
        self.retranslate_title()
        if self.save_indicator.text():
            self._show_save_state(self.save_indicator.property("state") or "saved")
        self.undo_bar.retranslate_ui()
        self.cycle_actions.retranslate_ui()
        self.update_actions()

    # -- layout memory --------------------------------------------------------------------------
    def _remember(self, **values) -> None:
        settings = dict(self.ctx.store.get_setting(WINDOW_SETTING) or {})
        settings.update(values)
        self.ctx.store.set_setting(WINDOW_SETTING, settings)

    def _restore_layout(self) -> None:
        settings = self.ctx.store.get_setting(WINDOW_SETTING) or {}
        geometry = settings.get("geometry")
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        else:
            self.resize(1280, 820)

    def reopen_last(self) -> None:
        """Open the report that was open when the app was last closed, if it still exists.

        A window closed in Secretariat mode opens in it again instead.
        """
        if self.ctx.store.get_setting(SECRETARIAT_SETTING):
            self.set_secretariat_mode(True)
            return
        last = (self.ctx.store.get_setting(WINDOW_SETTING) or {}).get("last_report")
        if last is not None and any(r.id == last for r in self.ctx.store.list_reports()):
            self.open_report(last)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        wait_for_background()  # a QThread destroyed while it runs takes the process with it
        if self.editor is not None:
            self.editor.shut()
        try:
            self._remember(geometry=bytes(self.saveGeometry().toBase64()).decode())
        except Exception:  # noqa: BLE001 - a closed store must not keep the window open
            pass
        super().closeEvent(event)
