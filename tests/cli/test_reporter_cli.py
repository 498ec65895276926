"""`report new` takes a country, or an organization for a Concerted Action report."""
from __future__ import annotations

import json

import pytest



def test_an_organization_files_a_concerted_action_report(cli):
    code, out, err = cli("report", "new", "--form", "concerted-action", "--organization", "Manul Working Group",
                         "--period", "2024-2025")
    assert code == 0 and err == ""
    report_id = out.strip()
    answers = json.loads(cli("report", "dump", report_id)[1])["answers"]
    assert answers["reporter_kind"] == "organization" and answers["reporter_name"] == "Manul Working Group"
    assert "Manul Working Group" in cli("report", "list")[1]
    # the same organization again: created, with a note
    code, _, err = cli("report", "new", "--form", "concerted-action", "--organization", "Manul  Working Group",
                       "--period", "2024-2025")
    assert code == 0 and f"already exists (id {report_id})" in err


def test_an_organization_cannot_file_a_country_report(cli):
    code, _, err = cli("report", "new", "--form", "saiga-mou", "--organization", "WWF Russia", "--period", "2024")
    assert code == 2 and "is filed by a country" in err and "Traceback" not in err
    assert "No reports." in cli("report", "list")[1]


def test_a_consumer_state_files_a_saiga_report(cli):
    code, out, _ = cli("report", "new", "--form", "saiga-mou", "--country", "sg", "--period", "2024")
    assert code == 0
    assert json.loads(cli("report", "dump", out.strip())[1])["answers"]["range_state"] == "SG"


def test_country_and_organization_are_one_or_the_other(cli):
    with pytest.raises(SystemExit) as info:
        cli("report", "new", "--form", "concerted-action", "--country", "KZ", "--organization", "WWF",
            "--period", "2024")
    assert info.value.code == 2
