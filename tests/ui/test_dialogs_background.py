"""Identity creation and import, backups and restores run off the UI thread, with progress."""
from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox

from cami_desktop.core.signing import load_identity
from cami_desktop.ui import background, identity_dialog
from cami_desktop.ui.identity_dialog import IdentityDialog
from cami_desktop.ui.settings_dialog import SettingsDialog


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
