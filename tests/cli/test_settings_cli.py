"""``cami-desktop settings``: the window's settings (same store keys), checked, from the command line."""
from __future__ import annotations

import pytest

from cami_desktop.cli import main
from cami_desktop.core.store import Store


@pytest.fixture
def cli(tmp_path, capsys):
    data = tmp_path / "data"

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data), "--language", "en", *args])
        out, err = capsys.readouterr()
        return code, out, err
    run.data = data
    return run


def stored(data, key):
    with Store.open(data, app_version="test", backups=False) as store:
        return store.get_setting(key)


def test_set_get_unset_use_the_keys_of_the_settings_dialog(cli):
    assert cli("settings", "set", "secretariat_email", " cms@example.org ")[0] == 0
    assert cli("settings", "set", "profile.name", "Aigul  Bekova")[0] == 0
    assert cli("settings", "set", "profile.institution", "Ministry of Ecology")[0] == 0
    assert cli("settings", "set", "profile.country", "kz")[0] == 0
    assert cli("settings", "set", "language", "RU")[0] == 0
    assert stored(cli.data, "secretariat_email") == "cms@example.org"
    assert stored(cli.data, "profile") == {"name": "Aigul Bekova", "institution": "Ministry of Ecology",
                                           "country": "KZ"}
    assert stored(cli.data, "language") == "ru"
    assert cli("settings", "get", "profile.name") == (0, "Aigul Bekova\n", "")
    code, out, _ = cli("settings", "list")
    assert code == 0 and "cms@example.org" in out and "profile.position" in out and "(not set)" in out
    assert cli("settings", "unset", "profile.name")[0] == 0
    assert cli("settings", "get", "profile.name") == (1, "", "")
    assert stored(cli.data, "profile") == {"institution": "Ministry of Ecology", "country": "KZ"}


@pytest.mark.parametrize("key, value, complaint", [
    ("secretariat_email", "cms.example.org", "does not look like an e-mail address"),
    ("profile.email", "a@b", "does not look like an e-mail address"),
    ("profile.phone", "call me", "does not look like a telephone number"),
    ("profile.country", "XY", "is not an ISO country code"),
    ("language", "de", "en (English), ru (Русский)"),
    ("profile.name", "   ", "settings unset"),
    ("profile.name", "x" * 500, "longer than 200"),
    ("colour", "blue", "There is no setting 'colour'"),
])
def test_wrong_values_are_refused_in_one_line_and_nothing_is_stored(cli, key, value, complaint):
    code, out, err = cli("settings", "set", key, value)
    assert code == 2 and complaint in err and len(err.strip().splitlines()) == 1 and out == ""
    assert stored(cli.data, "secretariat_email") is None and stored(cli.data, "profile") is None


def test_the_profile_name_fills_the_declaration(cli, tmp_path):
    import json
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.reports.sample import sample_answers
    assert cli("settings", "set", "profile.name", "A. Focal")[0] == 0
    assert cli("settings", "set", "profile.position", "Head of department")[0] == 0
    _, out, _ = cli("report", "new", "--form", "concerted-action", "--country", "MN", "--period", "2025")
    report_id = out.strip()
    answers = sample_answers(default_library().get("concerted-action"), seed=2)
    (tmp_path / "a.json").write_text(json.dumps({"answers": answers}), encoding="utf-8")
    assert cli("report", "fill", report_id, str(tmp_path / "a.json"))[0] == 0
    code, out, err = cli("report", "finalize", report_id)
    assert code == 0, err
    with Store.open(cli.data, app_version="test", backups=False) as store:
        declaration = store.get_report(int(report_id)).declaration
    assert declaration["name"] == "A. Focal" and declaration["position"] == "Head of department"


def test_get_of_an_unknown_setting_is_an_error_not_merely_unset(cli):
    code, _, err = cli("settings", "get", "profile.shoe_size")
    assert code == 2 and "Known settings: secretariat_email" in err
