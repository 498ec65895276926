"""Settings: the profile's country may be any country (a consumer state files the Saiga MoU
report), the Range States first; a profile without a country does not get one by default."""
from __future__ import annotations

from cami_desktop.ui.new_report_dialog import NewReportDialog
from cami_desktop.ui.settings_dialog import SettingsDialog


def test_a_consumer_state_can_be_the_profile_country(app, qtbot):
    dialog = SettingsDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    box = dialog.country
    codes = [box.itemData(i) for i in range(box.count())]
    states = [i.key for i in app.ctx.library.reference.lists["range_states"].items]
    assert codes[0] == "" and codes[1:1 + len(states)] == states  # blank, then the Range States
    assert "DE" in codes and "FR" in codes and len(codes) > 200
    assert box.currentData() == ""  # nothing chosen yet: not Afghanistan by default

    dialog.accept()
    assert "country" not in (app.store.get_setting("profile") or {})

    dialog = SettingsDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.country.setCurrentIndex(dialog.country.findData("DE"))
    assert dialog.country.currentText() == "Germany"
    app.window.set_language("ru")
    assert dialog.country.currentData() == "DE" and dialog.country.currentText() == "Германия"
    dialog.accept()
    assert app.store.get_setting("profile")["country"] == "DE"

    new = NewReportDialog(app.ctx, app.window)
    qtbot.addWidget(new)
    new.form_box.setCurrentIndex(new.form_box.findData("saiga-mou"))
    assert new.country_box.currentData() == "DE"  # the Saiga MoU report is open to any country


def test_the_command_line_accepts_any_country_for_the_profile(app):
    import pytest

    from cami_desktop.core import settings
    from cami_desktop.core.errors import CamiError

    check = settings.setting("profile.country").check
    assert check(" de ", app.ctx.library.reference) == "DE"
    with pytest.raises(CamiError, match="not an ISO country code"):
        check("XY", app.ctx.library.reference)
