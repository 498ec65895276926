"""``inbox import``, ``inbox list`` and ``overview`` run in-process against a temporary data folder."""
from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from cami_desktop.cli import main
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.signing import create_identity, unlock
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import register_certificate
from tests.helpers.packages import assemble_package


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """Saiga MoU packages from KZ (registered) and UZ (not), and a file that is no package."""
    root = tmp_path_factory.mktemp("cli-secretariat")
    form = default_library().get("saiga-mou")
    out = root / "mail"
    out.mkdir()
    certs = {}
    for country in ("KZ", "UZ"):
        create_identity(root / country, name=f"FP {country}", country=country, passphrase="pass-phrase-1")
        signer = unlock(root / country, "pass-phrase-1")
        certs[country] = signer.certificate_pem()
        answers = sample_answers(form, seed=3, lang="ru")
        answers["range_state"] = country
        assemble_package(signer, out, form, country=country, period="2021-2024", lang="ru", answers=answers)
    (out / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    return {"root": root, "out": out, "certs": certs}


@pytest.fixture
def run(tmp_path, packages):
    data = tmp_path / "data"
    with Store.open(data, app_version="test", backups=False) as store:
        register_certificate(store, "KZ", packages["certs"]["KZ"])
    return lambda *args: main(["--data-dir", str(data), "--language", "en", *args])


def test_import_list_and_overview(run, packages, capsys, tmp_path):
    assert run("inbox", "import", str(packages["out"])) == 1  # the broken file is refused
    out = capsys.readouterr().out
    assert "✓ saiga-mou_KZ_2021-2024_r1.zip  imported: saiga-mou KZ 2021-2024, revision 1, Registered signer" in out
    assert "Unregistered signer" in out and "✗ broken.zip  refused" in out
    assert "2 imported, 0 already received, 1 refused, 0 not read." in out

    assert run("inbox", "import", str(packages["out"] / "saiga-mou_KZ_2021-2024_r1.zip")) == 0
    assert "= saiga-mou_KZ_2021-2024_r1.zip  already received" in capsys.readouterr().out

    assert run("inbox", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "current" in lines[1] and " KZ " in lines[1]
    # Uzbekistan's signer is registered nowhere: kept, awaiting registration, with its fingerprint.
    assert " UZ " in lines[0] and "Unregistered signer  awaiting registration" in lines[0]
    assert re.search(r"([0-9A-F]{2}:){31}[0-9A-F]{2}$", lines[0])
    assert run("inbox", "list", "--refused") == 0
    assert "broken.zip" in capsys.readouterr().out

    assert run("overview", "--form", "saiga-mou", "--period", "2021-2024") == 0
    text = capsys.readouterr().out
    assert len(text.splitlines()) == 14 and "Kazakhstan" in text and "Uzbekistan" in text

    xlsx = tmp_path / "saiga.xlsx"
    assert run("overview", "--form", "saiga-mou", "--period", "2021-2024", "--out", str(xlsx),
               "--language", "ru") == 0
    book = load_workbook(xlsx)
    assert len(book.sheetnames) == 2 and book.worksheets[1].cell(3, 3).value == "Казахстан"
    pdf = tmp_path / "saiga.pdf"
    assert run("overview", "--form", "saiga-mou", "--period", "2021-2024", "--out", str(pdf)) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_overview_errors_are_one_line(run, capsys, tmp_path):
    assert run("overview", "--form", "nope", "--period", "2021") == 2
    assert capsys.readouterr().err.strip() == "There is no reporting format nope."
    assert run("overview", "--form", "saiga-mou", "--period", "2021", "--out", str(tmp_path / "x.doc")) == 2
    assert "must end in .xlsx or .pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.doc").exists()


def test_overview_filters_the_activity_matrix(tmp_path, packages, capsys):
    from cami_desktop.core.secretariat.overview import build_overview
    data = tmp_path / "data"
    form = default_library().get("cami-pow-2014-2020")
    create_identity(tmp_path / "fp", name="FP KZ", country="KZ", passphrase="pass-phrase-1")
    signer = unlock(tmp_path / "fp", "pass-phrase-1")
    answers = sample_answers(form, seed=5, lang="en")
    answers["range_state"] = "KZ"
    assemble_package(signer, tmp_path, form, country="KZ", period="2021-2024", lang="en", answers=answers)
    run = lambda *args: main(["--data-dir", str(data), "--language", "en", *args])  # noqa: E731
    assert run("inbox", "import", str(tmp_path)) == 0
    for option, value in (("--objective", "2"), ("--priority", "High")):
        out = tmp_path / f"pow{option}.xlsx"
        assert run("overview", "--form", form.id, "--period", "2021-2024", "--out", str(out), option, value) == 0
        numbers = [r[0] for r in load_workbook(out)["Activities"].iter_rows(min_row=4, values_only=True)]
        with Store.open(data, app_version="test", backups=False) as store:
            matrix = build_overview(store, default_library(), form.id, "2021-2024").activities
        expected = matrix.filtered(objective=value) if option == "--objective" else matrix.filtered(priority=value)
        assert numbers == [a.number for a in expected.activities] and 0 < len(numbers) < len(matrix.activities)


def test_other_reporters_are_imported_verified_and_printed_after_the_range_states(tmp_path, capsys):
    """An organization's Concerted Action report and a consumer state's Saiga MoU report (issue 9 review)."""
    library, data = default_library(), tmp_path / "data"
    out = tmp_path / "mail"
    out.mkdir()
    organization = "Saiga Conservation Alliance"
    create_identity(tmp_path / "org", name="Director", country="", passphrase="pass-phrase-1")
    form = library.get("concerted-action")
    answers = sample_answers(form, seed=4, lang="en")
    answers.update(reporter_kind="organization", reporter_name=organization)
    org = assemble_package(unlock(tmp_path / "org", "pass-phrase-1"), out, form, country=organization,
                           period="2021-2024", lang="en", answers=answers)
    create_identity(tmp_path / "sg", name="FP SG", country="SG", passphrase="pass-phrase-1")
    form = library.get("saiga-mou")
    answers = sample_answers(form, seed=4, lang="en")
    answers["range_state"] = "SG"
    assemble_package(unlock(tmp_path / "sg", "pass-phrase-1"), out, form, country="SG", period="2021-2024",
                     lang="en", answers=answers)
    (out / "missing.zip").write_bytes(b"")
    run = lambda *args: main(["--data-dir", str(data), "--language", "en", *args])  # noqa: E731

    assert run("verify", str(org), str(out / "nowhere.zip")) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "Unregistered signer" in lines[0] and organization in lines[0]
    assert "The report is filed by the organization" in lines[0] and "is not registered for it" in lines[0]
    assert lines[1].endswith("the file does not exist (it was moved or deleted)")  # not Python's "[Errno 2]"
    assert lines[2] == "0 valid from registered signers, 1 from an unregistered signer, 1 not valid"

    assert run("inbox", "import", str(out)) == 1  # the empty file is refused
    assert "2 imported, 0 already received, 1 refused" in capsys.readouterr().out
    assert run("inbox", "import", str(out / "missing.zip")) == 1  # still refused: not a success
    assert "still refused" in capsys.readouterr().out

    # awaiting the registration of its signer, the organization's report is counted nowhere (issue 15)
    assert run("overview", "--form", "concerted-action", "--period", "2021-2024") == 0
    assert organization not in capsys.readouterr().out
    org_cert = tmp_path / "org.pem"
    org_cert.write_bytes(unlock(tmp_path / "org", "pass-phrase-1").certificate_pem())
    assert run("trust", "add", "--organization", organization, "--cert", str(org_cert)) == 0
    out_text = capsys.readouterr().out
    assert f"Registered Director for the organization {organization}" in out_text and "1 received submission changed verdict:" in out_text
    assert run("overview", "--form", "concerted-action", "--period", "2021-2024") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 16 and lines[14] == "Other reporters (not CAMI Range States):"
    assert organization in lines[15] and "Registered signer" in lines[15]
    # Singapore's signer counts once registered (a consumer state of the Saiga MoU).
    sg_cert = tmp_path / "sg.pem"
    sg_cert.write_bytes(unlock(tmp_path / "sg", "pass-phrase-1").certificate_pem())
    assert run("trust", "add", "SG", "--cert", str(sg_cert)) == 0
    capsys.readouterr()
    assert run("overview", "--form", "saiga-mou", "--period", "2021-2024", "--language", "ru") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("SG  Сингапур") and " r1 " in lines[-1]


def test_a_signer_registered_with_trust_add_is_seen_by_inbox_list_and_overview(run, packages, capsys, tmp_path):
    """``trust add`` does not touch the inbox: the inbox commands judge the stored submissions again."""
    assert run("inbox", "import", str(packages["out"] / "saiga-mou_UZ_2021-2024_r1.zip")) == 0
    capsys.readouterr()
    assert run("inbox", "list") == 0
    assert "Unregistered signer" in capsys.readouterr().out
    cert = tmp_path / "uz.pem"
    cert.write_bytes(packages["certs"]["UZ"])
    assert run("trust", "add", "UZ", "--cert", str(cert)) == 0
    capsys.readouterr()
    assert run("inbox", "list") == 0
    line = capsys.readouterr().out.strip()
    assert " UZ " in line and "Registered signer" in line and "Unregistered" not in line
    assert run("overview", "--form", "saiga-mou", "--period", "2021-2024") == 0
    uz = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("UZ"))
    assert "Registered signer" in uz and "Unregistered" not in uz
