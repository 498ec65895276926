"""``cami-desktop settings`` and the window's Settings dialog read and write the same settings."""
from __future__ import annotations

from cami_desktop.cli import main
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.store import Store
from cami_desktop.ui.context import AppContext
from cami_desktop.ui.settings_dialog import SettingsDialog


def test_what_the_command_line_sets_the_dialog_shows_and_back(qtbot, tmp_path, capsys):
    data = tmp_path / "data"

    def cli(*args):
        return main(["--data-dir", str(data), "--language", "en", "settings", *args])

    assert cli("set", "profile.name", "Aigul Bekova") == 0
    assert cli("set", "profile.country", "UZ") == 0
    assert cli("set", "secretariat_email", "cms@example.org") == 0
    with Store.open(data, app_version="test", backups=False) as store:
        dialog = SettingsDialog(AppContext(store, default_library(), data))
        qtbot.addWidget(dialog)
        assert dialog.profile_edits["name"].text() == "Aigul Bekova"
        assert dialog.country.currentData() == "UZ"
        assert dialog.secretariat.text() == "cms@example.org"
        dialog.profile_edits["position"].setText("Chief specialist")
        dialog.secretariat.setText("secretariat@example.org")
        dialog.accept()
    capsys.readouterr()
    assert cli("get", "profile.position") == 0 and capsys.readouterr().out == "Chief specialist\n"
    assert cli("get", "secretariat_email") == 0 and capsys.readouterr().out == "secretariat@example.org\n"
