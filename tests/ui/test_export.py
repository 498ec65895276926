"""Export: into Documents (then where the last export went), unlocked off the UI thread, and
"Send by email" asks for the Secretariat's address when none is set."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog

from cami_desktop.core.signing import create_identity
from cami_desktop.ui import export_dialog
from cami_desktop.ui.export_dialog import EXPORT_FOLDER, ExportDialog

PASSPHRASE = "correct horse battery"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder of the test's own, with a Documents folder."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


def exported(app, qtbot, dialog: ExportDialog):
    dialog.draft.setChecked(True)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    return dialog.result


def test_export_goes_to_documents_then_to_the_last_folder(app, qtbot, home, tmp_path, monkeypatch):
    create_identity(app.folder, name="Aigul Nurlanova", country="KZ", passphrase=PASSPHRASE)
    record = app.report()
    unlocked_on = []
    real_unlock = export_dialog.unlock
    monkeypatch.setattr(export_dialog, "unlock",
                        lambda *a: unlocked_on.append(threading.get_ident()) or real_unlock(*a))
    dialog = ExportDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(dialog)
    assert dialog.folder.text() == str(home / "Documents")
    result = exported(app, qtbot, dialog)
    assert result.path.parent == home / "Documents" and result.path.is_file()
    assert unlocked_on and unlocked_on[0] != threading.get_ident()  # not on the UI thread

    elsewhere = tmp_path / "outbox"
    elsewhere.mkdir()
    dialog.folder.setText(str(elsewhere))
    exported(app, qtbot, dialog)
    assert app.store.get_setting(EXPORT_FOLDER) == str(elsewhere)
    again = ExportDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(again)
    assert again.folder.text() == str(elsewhere)


def test_a_wrong_passphrase_is_a_message_and_nothing_is_written(app, qtbot, home, monkeypatch):
    create_identity(app.folder, name="Aigul Nurlanova", country="KZ", passphrase=PASSPHRASE)
    record = app.report()
    shown = []
    monkeypatch.setattr(export_dialog, "show_error", lambda parent, error: shown.append(error.translated()))
    dialog = ExportDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(dialog)
    dialog.draft.setChecked(True)
    dialog.passphrase.setText("not the passphrase")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "passphrase" in shown[0] and dialog.export_button.isEnabled()
    assert list((home / "Documents").iterdir()) == []


def test_send_by_email_asks_for_the_missing_secretariat_address(app, qtbot, home, monkeypatch):
    create_identity(app.folder, name="Aigul Nurlanova", country="KZ", passphrase=PASSPHRASE)
    record = app.report()
    dialog = ExportDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(dialog)
    exported(app, qtbot, dialog)
    replies = iter([("not an address", True), ("registry@cms.int", True)])
    asked = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda parent, title, label, *a, **k: asked.append(label) or next(replies))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog.mail_button.click()
    assert len(asked) == 2 and "does not look like an e-mail address" in asked[1]
    assert app.store.get_setting("secretariat_email") == "registry@cms.int"
    assert opened and opened[0].endswith(".eml")
    with open(opened[0], encoding="utf-8") as eml:
        assert "registry@cms.int" in eml.read()
    dialog.mail_button.click()  # now known: not asked again
    assert len(asked) == 2 and len(opened) == 2


def test_the_fingerprint_wraps_in_groups_and_nothing_is_cut_in_russian(app, qtbot, tmp_path):
    """One unbroken 95-character fingerprint and the Russian DRAFT option were cut at the edge."""
    from cami_desktop.core.signing.identity import create_identity
    from cami_desktop.ui.export_dialog import grouped_fingerprint
    from cami_desktop.ui.language import language
    identity = create_identity(app.folder, name="Signer", passphrase="correct horse battery")
    assert grouped_fingerprint(identity.fingerprint).replace("  ", ":") == identity.fingerprint
    record = app.report()
    language().set_language("ru")
    dialog = ExportDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for widget in (dialog.draft, dialog.comments_box):
        assert widget.sizeHint().width() <= widget.width()  # the whole text is shown
    assert dialog.fingerprint.sizeHint().width() <= dialog.width()
    assert dialog.intro.height() >= dialog.intro.heightForWidth(dialog.intro.width())
