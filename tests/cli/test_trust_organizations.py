"""``trust add|replace|list|revoke --organization``: an organization's signer, registered like a country's."""
from __future__ import annotations

from pathlib import Path

import pytest

from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.store import Store
from tests.helpers.packages import assemble_package
from tests.helpers.verify_packages import make_identity

ORGANIZATION = "Saiga Conservation Alliance"
PERIOD = "2021-2024"


@pytest.fixture(scope="module")
def alliance(tmp_path_factory):
    """The Alliance's director, a stranger signing for it, and their Concerted Action packages."""
    root = tmp_path_factory.mktemp("alliance")
    form = default_library().get("concerted-action")
    people = {"director": make_identity(root / "director", "Director of the Alliance", ""),
              "stranger": make_identity(root / "stranger", "Stranger", "")}
    files, certs = {}, {}
    for revision, (key, identity) in enumerate(people.items(), 1):
        (root / f"{key}-out").mkdir()
        answers = sample_answers(form, seed=revision, lang="en")
        answers.update(reporter_kind="organization", reporter_name=ORGANIZATION)
        files[key] = assemble_package(identity, root / f"{key}-out", form, country=ORGANIZATION, period=PERIOD,
                                      lang="en", answers=answers, revision=revision * 4,
                                      created=f"2026-05-0{revision + 3}T09:00:00Z")
        certs[key] = root / f"{key}.pem"
        certs[key].write_bytes(identity.certificate_pem())
    return {"files": files, "certs": certs, "people": people}


def test_an_organizations_signer_is_added_listed_replaced_and_revoked(cli, alliance):
    director, stranger = alliance["people"]["director"], alliance["people"]["stranger"]
    files = alliance["files"]
    assert cli("inbox", "import", str(files["director"]), str(files["stranger"]))[0] == 0
    code, out, _ = cli("inbox", "list")
    assert out.count("awaiting registration") == 2 and "current" not in out.replace("awaiting", "")

    code, out, err = cli("trust", "add", "--organization", "  Saiga   Conservation Alliance",
                         "--fingerprint", director.fingerprint.replace(":", ""), "--name", "Director of the Alliance")
    assert code == 0, err
    assert f"Registered Director of the Alliance for the organization {ORGANIZATION} (number 1)." in out
    assert "1 received submission changed verdict:" in out and "(was: Unregistered signer)" in out
    code, out, _ = cli("trust", "list")
    assert f"  1  {ORGANIZATION}  Director of the Alliance  [active]" in out and director.fingerprint in out

    # verify says what the inbox says: the director's registered, the stranger's awaiting registration
    code, out, _ = cli("verify", str(files["director"]), str(files["stranger"]))
    lines = out.splitlines()
    assert "Registered signer" in lines[0] and "Unregistered signer" in lines[1] and stranger.fingerprint in lines[1]
    code, out, _ = cli("inbox", "list")
    line = next(x for x in out.splitlines() if "Stranger" in x)
    assert "Unregistered signer  awaiting registration" in line
    line = next(x for x in out.splitlines() if "Director" in x)
    assert "Registered signer  current" in line

    # a second signer is asked for explicitly; replace ends the first
    code, _, err = cli("trust", "add", "--organization", ORGANIZATION, "--cert", str(alliance["certs"]["stranger"]))
    assert code == 2 and f"The organization {ORGANIZATION} already has a registered signer: Director of the Alliance" in err
    code, out, err = cli("trust", "replace", "--organization", ORGANIZATION,
                         "--cert", str(alliance["certs"]["stranger"]))
    assert code == 0, err
    assert "1 received submission changed verdict:" in out  # the stranger's, registered from now
    code, out, _ = cli("trust", "list")
    assert "[replaced]" in out and "[active]" in out

    code, out, err = cli("trust", "revoke", stranger.fingerprint, "--since", "2026-05-01")
    assert code == 0, err
    assert f"Revoked: Stranger for the organization {ORGANIZATION} (number 2), from 2026-05-01." in out
    assert "(was: Registered signer)" in out
    code, out, _ = cli("trust", "revoke", "1")
    assert code == 0 and f"Revoked: Director of the Alliance for the organization {ORGANIZATION} (number 1)" in out


@pytest.mark.parametrize("args", [
    ("KZ", "--organization", ORGANIZATION),  # both
    (),  # neither
    ("--organization", "Saiga\u202eecnaillA"),
    ("--organization", "KZ"),
])
def test_trust_add_takes_a_country_or_a_proper_organization_name(cli, alliance, args):
    code, out, err = cli("trust", "add", *args, "--cert", str(alliance["certs"]["director"]))
    assert code == 2 and "Traceback" not in err and err.strip(), (out, err)
    assert len(err.strip().splitlines()) == 1
    assert cli("trust", "list")[1].strip() == "No signers are registered."


def test_trust_list_prints_an_organizations_name_as_escapes(cli, tmp_path):
    """A registry written by hand or by another tool: its names are still printed safely."""
    with Store.open(tmp_path / "data", app_version="test", backups=False) as store:
        store.add_trusted_signer("Evil\x1b[2J\rAlliance\u202e", "AB:" * 31 + "AB", "Name\x1b]0;x\x07",
                                 source="fingerprint")
    code, out, _ = cli("trust", "list")
    assert code == 0
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out and "\x07" not in out
    assert "Evil\\x1b[2J\\x0dAlliance\\u202e" in out


def test_revoke_by_fingerprint_is_refused_when_it_names_two_current_registrations(cli, alliance, tmp_path):
    cert = alliance["certs"]["director"]
    assert cli("trust", "add", "--organization", ORGANIZATION, "--cert", str(cert))[0] == 0
    assert cli("trust", "add", "KZ", "--cert", str(cert))[0] == 0  # the same certificate for a country too
    fingerprint = alliance["people"]["director"].fingerprint
    code, _, err = cli("trust", "revoke", fingerprint)
    assert code == 2 and "give its number" in err
    assert Path(tmp_path / "data").is_dir()
