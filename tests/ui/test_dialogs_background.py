"""Identity creation and import, backups and restores run off the UI thread, with progress."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from cami_desktop.core.errors import CamiError
from cami_desktop.core.signing import load_identity
from cami_desktop.ui import background, identity_dialog
from cami_desktop.ui.identity_dialog import IdentityDialog
from cami_desktop.ui.settings_dialog import SettingsDialog
from tests.helpers.background import (BoxAnswerer, assert_window_free, progress_dialogs,
                                      wait_past_the_show_delay)


def recording_thread(monkeypatch, owner, name: str) -> list:
    """Wrap ``owner.name`` so that each call notes the thread it ran on."""
    threads: list = []
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        threads.append(threading.get_ident())
        return real(*args, **kwargs)
    monkeypatch.setattr(owner, name, wrapper)
    return threads


def test_identity_is_created_in_the_background(app, qtbot, monkeypatch):
    threads = recording_thread(monkeypatch, identity_dialog, "create_identity")
    dialog = IdentityDialog(app.folder, {"name": "Aigul Nurlanova", "country": "KZ"}, app.window)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("correct horse battery")
    dialog.repeat.setText("correct horse battery")
    dialog.create_button.click()
    assert not dialog.create_button.isEnabled()  # busy
    qtbot.waitUntil(lambda: background.running() == 0 and dialog.create_button.isEnabled(), timeout=30000)
    assert threads and threads[0] != threading.get_ident()
    assert load_identity(app.folder).name == "Aigul Nurlanova"
    assert "Aigul Nurlanova" in dialog.current.text() and dialog.passphrase.text() == ""


def test_a_certificate_is_imported_in_the_background(app, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from tests.helpers.certificates import make_p12
    make_p12(tmp_path / "me.p12", b"p12-password")
    threads = recording_thread(monkeypatch, identity_dialog, "import_pkcs12")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "me.p12"), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("p12-password", True))
    dialog = IdentityDialog(app.folder, {}, app.window)
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: background.running() == 0 and dialog.import_button.isEnabled(), timeout=30000)
    assert threads and threads[0] != threading.get_ident()
    assert load_identity(app.folder).name == "Bakyt Asanov"
    assert "Bakyt Asanov" in dialog.current.text()


def test_identity_errors_are_shown_once_the_work_is_done(app, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(identity_dialog, "show_error", lambda parent, error: shown.append(error.translated()))
    dialog = IdentityDialog(app.folder, {"name": "Aigul Nurlanova"}, app.window)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("short")
    dialog.repeat.setText("short")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert "at least" in shown[0] and load_identity(app.folder) is None
    assert dialog.create_button.isEnabled()


def test_backup_and_restore_run_in_the_background(app, qtbot, monkeypatch):
    record = app.report()
    store = app.store
    backups = recording_thread(monkeypatch, store, "backup_now")
    restores = recording_thread(monkeypatch, store, "restore_backup")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog = SettingsDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    before = dialog.backups.topLevelItemCount()
    dialog.backup_now.click()
    qtbot.waitUntil(lambda: dialog.backups.topLevelItemCount() == before + 1, timeout=30000)
    assert backups and backups[0] != threading.get_ident()

    store.delete_report(record.id)
    assert store.list_reports() == []
    newest = max(store.list_backups(), key=lambda b: b.created)
    dialog.backups.setCurrentItem(next(
        dialog.backups.topLevelItem(i) for i in range(dialog.backups.topLevelItemCount())
        if dialog.backups.topLevelItem(i).data(0, 256) == newest.name))
    with qtbot.waitSignal(dialog.restored, timeout=30000):
        dialog.restore.click()
    assert restores and restores[0] != threading.get_ident()
    assert [r.id for r in store.list_reports()] == [record.id]
    assert dialog.buttons.isEnabled()


def test_a_wrong_secretariat_address_is_not_saved(app, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    dialog = SettingsDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.secretariat.setText("registry at cms.int")
    dialog.profile_edits["name"].setText("Aigul Nurlanova")
    dialog.accept()
    assert shown and "does not look like an e-mail address" in shown[0]
    assert app.store.get_setting("secretariat_email") is None
    assert app.store.get_setting("profile") is None
    dialog.secretariat.setText(" registry@cms.int ")
    dialog.accept()
    assert app.store.get_setting("secretariat_email") == "registry@cms.int"
    assert app.store.get_setting("profile")["name"] == "Aigul Nurlanova"


# -- issue 15: every background operation fails without locking the window ---------------------
#
# For each user of the background helper the core call fails fast; a person reads the warning
# and presses Enter (BoxAnswerer). Then no progress dialog may be alive, or come up late, and
# nothing modal but the dialog under test (if it is itself modal) may block the window.

FAILURE = "The disk is not there any more."


def fail(*args, **kwargs):
    raise CamiError(FAILURE)


def failed_cleanly(qtbot, answerer, *, dialog=None, expected=FAILURE) -> None:
    qtbot.waitUntil(lambda: bool(answerer.texts), timeout=60000)
    assert expected in answerer.texts[0]
    assert answerer.dialogs_seen[0] == []  # no progress dialog beside or under the warning
    qtbot.waitUntil(lambda: background.running() == 0, timeout=30000)
    wait_past_the_show_delay(qtbot)
    assert progress_dialogs() == []
    assert QApplication.activeModalWidget() in (None, dialog)
    assert len(answerer.texts) == 1  # nothing else came up


@pytest.fixture
def answerer():
    box = BoxAnswerer()
    yield box
    box.stop()


def test_a_failed_export_leaves_the_window_usable(app, qtbot, monkeypatch, tmp_path, answerer):
    from cami_desktop.ui import export_dialog
    monkeypatch.setattr(export_dialog, "unlock", fail)
    record = app.report()
    dialog = export_dialog.ExportDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.folder.setText(str(tmp_path))
    dialog.draft.setChecked(True)
    dialog.start()  # the Export button (off here: there is no signing identity)
    failed_cleanly(qtbot, answerer)
    assert dialog.export_button.isEnabled()


def test_a_cancelled_export_gives_its_button_back(app, qtbot, monkeypatch, tmp_path):
    from cami_desktop.ui import export_dialog
    release = threading.Event()

    def slow_unlock(*args):
        release.wait(10)
    monkeypatch.setattr(export_dialog, "unlock", slow_unlock)
    record = app.report()
    dialog = export_dialog.ExportDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "out"
    out.mkdir()
    dialog.folder.setText(str(out))
    dialog.draft.setChecked(True)
    dialog.start()
    assert not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: bool(progress_dialogs()) and progress_dialogs()[0].isVisible(), timeout=10000)
    progress_dialogs()[0].button.click()  # Cancel
    assert QApplication.activeModalWidget() is None  # the window is back at once
    release.set()
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=30000)
    assert_window_free(qtbot)
    assert list(out.iterdir()) == []


def test_a_failed_verification_leaves_the_window_usable(app, qtbot, monkeypatch, tmp_path, answerer):
    from cami_desktop.ui import verify_dialog
    monkeypatch.setattr(verify_dialog, "assess_submission", fail)
    dialog = verify_dialog.VerifyDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(tmp_path / "package.zip"))
    dialog.run_check()
    failed_cleanly(qtbot, answerer)
    assert dialog.check.isEnabled()


@pytest.mark.parametrize("what", ["backup", "restore"])
def test_a_failed_backup_or_restore_leaves_the_window_usable(app, qtbot, monkeypatch, answerer, what):
    app.store.backup_now()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(app.store, "backup_now" if what == "backup" else "restore_backup", fail)
    dialog = SettingsDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    (dialog.backup_now if what == "backup" else dialog.restore).click()
    failed_cleanly(qtbot, answerer)
    assert dialog.buttons.isEnabled() and dialog.backup_now.isEnabled()


@pytest.mark.parametrize("what", ["create", "import"])
def test_a_failed_identity_leaves_the_window_usable(app, qtbot, monkeypatch, tmp_path, answerer, what):
    from PySide6.QtWidgets import QFileDialog, QInputDialog
    monkeypatch.setattr(identity_dialog, "create_identity", fail)
    monkeypatch.setattr(identity_dialog, "import_pkcs12", fail)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "me.p12"), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("p12-password", True))
    dialog = IdentityDialog(app.folder, {"name": "Aigul Nurlanova"}, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText("correct horse battery")
    dialog.repeat.setText("correct horse battery")
    (dialog.create_button if what == "create" else dialog.import_button).click()
    failed_cleanly(qtbot, answerer)
    assert dialog.create_button.isEnabled() and dialog.import_button.isEnabled()


def test_a_failed_inbox_import_leaves_the_window_usable(app, qtbot, monkeypatch, tmp_path, answerer):
    from cami_desktop.core.secretariat import inbox
    monkeypatch.setattr(inbox, "import_paths", fail)
    app.window.secretariat_action.trigger()
    view = app.window.secretariat.inbox
    view.import_paths([tmp_path])
    failed_cleanly(qtbot, answerer)
    assert view.import_files.isEnabled() and view.import_folder.isEnabled()


def test_a_failed_compiled_report_leaves_the_window_usable(app, qtbot, monkeypatch, tmp_path, answerer):
    from PySide6.QtWidgets import QFileDialog

    from cami_desktop.ui.secretariat import overview_view
    monkeypatch.setattr(overview_view, "write_compiled", fail)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "annex.xlsx"), "")))
    app.window.secretariat_action.trigger()
    overview = app.window.secretariat.overview
    overview.choose("saiga-mou", "2021-2024")
    assert overview.overview is not None
    overview.export_xlsx.click()
    failed_cleanly(qtbot, answerer)
    assert overview.export_xlsx.isEnabled() and overview.export_pdf.isEnabled()


def test_a_failed_preview_leaves_the_window_usable(app, qtbot, monkeypatch, answerer):
    from cami_desktop.ui.cycle import preview_dialog
    monkeypatch.setattr(preview_dialog, "make_preview", fail)
    record = app.report()
    app.window.open_report(record.id)
    dialog = app.window.cycle_actions.show_preview()
    failed_cleanly(qtbot, answerer, dialog=dialog)
    dialog.close()


def test_failing_to_take_a_colleagues_answers_leaves_the_window_usable(app, qtbot, monkeypatch, tmp_path, answerer):
    from cami_desktop.core import cycle
    from tests.ui.test_cycle_share import colleague_returns, shared_report
    answerer.stop()  # the round trip below shows no message
    record, _, result = shared_report(app, qtbot, tmp_path)
    _, back = colleague_returns(app, qtbot, tmp_path, result.path)
    app.window.close_report()
    app.window.open_report(record.id)
    dialog = app.window.cycle_actions.import_file(back)
    monkeypatch.setattr(cycle, "accept_return", fail)
    answerer.timer.start()
    dialog.accept_all_button.click()
    failed_cleanly(qtbot, answerer, dialog=dialog)
    assert not dialog.busy and dialog.table.isEnabled()
    dialog.close()


def test_sharing_signed_with_a_wrong_passphrase_then_enter_leaves_the_window_usable(app, qtbot, tmp_path, answerer):
    """The reproduction of issue 15: the window hung on an uncancellable "Sharing sections…"."""
    from cami_desktop.core.signing import create_identity
    create_identity(app.folder, name="Aigul Nurlanova", country="KZ", passphrase="correct horse battery")
    record = app.report()
    app.window.open_report(record.id)
    dialog = app.window.cycle_actions.share_dialog()
    dialog.check(["populations"])
    dialog.path.setText(str(tmp_path / "signed.json"))
    dialog.sign.setChecked(True)
    dialog.passphrase.setText("wrong passphrase")
    dialog.go_button.click()
    failed_cleanly(qtbot, answerer, dialog=dialog, expected="passphrase")
    assert dialog.go_button.isEnabled() and not (tmp_path / "signed.json").exists()
    # the dialog takes input again: the right passphrase now shares
    dialog.passphrase.setText("correct horse battery")
    dialog.go_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    assert_window_free_but(qtbot, dialog)
    assert dialog.result.signed
    dialog.close()


def test_returning_answers_without_a_name_then_enter_leaves_the_window_usable(app, qtbot, tmp_path, answerer):
    """The other reproduction: "Return answers…" with no name, then Enter on the warning."""
    from tests.ui.test_cycle_share import shared_report
    answerer.stop()
    _, _, result = shared_report(app, qtbot, tmp_path)
    app.window.close_report()
    assert app.window.cycle_actions.open_shared_file(result.path) is not None
    dialog = app.window.cycle_actions.return_dialog()
    dialog.name.clear()
    dialog.agency.clear()
    dialog.path.setText(str(tmp_path / "back.json"))
    answerer.timer.start()
    dialog.go_button.click()
    qtbot.waitUntil(lambda: bool(answerer.texts), timeout=60000)
    failed_cleanly(qtbot, answerer, dialog=dialog, expected=answerer.texts[0])
    assert dialog.go_button.isEnabled() and not (tmp_path / "back.json").exists()
    dialog.close()


def assert_window_free_but(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: background.running() == 0, timeout=30000)
    wait_past_the_show_delay(qtbot)
    assert progress_dialogs() == []
    assert QApplication.activeModalWidget() in (None, dialog)


# -- issue 15 F: a failing machine gets one plain sentence ------------------------------------

def test_an_answer_typed_on_a_full_disk_is_one_plain_sentence_and_the_app_goes_on(app, qtbot, answerer):
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def full(conn, cursor, statement, *rest):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            raise sqlite3.OperationalError("database or disk is full")
    record = app.report()
    editor = app.window.open_report(record.id)
    editor.goto_question("population_estimate")
    edit = editor.row("population_estimate").widget.edit
    event.listen(Engine, "before_cursor_execute", full)
    try:
        qtbot.keyClicks(edit, "7")  # a person stops typing at the message box
        editor.flush()
        qtbot.waitUntil(lambda: bool(answerer.texts), timeout=10000)
    finally:
        event.remove(Engine, "before_cursor_execute", full)
    assert answerer.texts == [("The disk is full: nothing already saved was lost; free some space on the "
                               "disk, then try again.")]
    assert "population_estimate" not in app.store.answers(record.id)
    # the app goes on: once there is space, the same answer is saved
    assert app.window.isVisible() and QApplication.activeModalWidget() is None
    qtbot.keyClicks(edit, "0")
    editor.flush()
    assert app.store.answers(record.id)["population_estimate"] == 70
    assert len(answerer.texts) == 1


def test_a_full_disk_at_the_windows_start_is_said_in_the_window(qtbot, monkeypatch, tmp_path):
    """The start writes the language: on a full disk the window says so in one sentence (it may
    have no console to print to) and quits, instead of an "unexpected error"."""
    import sqlite3

    from cami_desktop.core.store import Store, lazy
    from tests.ui.test_open_store import _run_window

    data = tmp_path / "data"
    Store.open(data, app_version="test").close()

    def full(self, key, value):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(lazy.LazyStore, "set_setting", full)
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: said.append(text))
    monkeypatch.setattr(QApplication, "exec", lambda self: pytest.fail("the event loop ran"))
    assert _run_window(monkeypatch, data) == 2
    assert said == ["The disk is full: nothing already saved was lost; free some space on the disk, then try again."]
    qtbot.waitUntil(lambda: not [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"])
