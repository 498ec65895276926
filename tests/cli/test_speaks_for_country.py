"""Only a country's registered signer speaks for it (issue 15, Secretariat review 3.1 and 3.6).

One rule decides every verdict (``verify``, the inbox, the overview, the compiled outputs);
a stranger's package, however high its revision, never becomes a country's current report.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cami_desktop.cli import main
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.secretariat.overview import build_overview
from cami_desktop.core.store import Store
from tests.helpers.packages import assemble_package
from tests.helpers.verify_packages import make_identity

POW, SAIGA, PERIOD = "cami-pow-2014-2020", "saiga-mou", "2017-2020"
FINGERPRINT = re.compile(r"([0-9A-F]{2}:){31}[0-9A-F]{2}")


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    """Sita Gurung (Nepal's focal point), an impostor, Kazakhstan's focal point, their packages."""
    root = tmp_path_factory.mktemp("speaks")
    library = default_library()
    sita = make_identity(root / "sita", "Sita Gurung", "NP")
    impostor = make_identity(root / "impostor", "Impostor Nepal", "NP")
    kz = make_identity(root / "kz", "Focal point KZ", "KZ")
    pow_form, saiga = library.get(POW), library.get(SAIGA)

    def pow_package(folder: str, signer, country: str, seed: int, revision: int, created: str) -> Path:
        out = root / folder
        out.mkdir(exist_ok=True)
        answers = sample_answers(pow_form, seed=seed, lang="en")
        answers["range_state"] = country
        return assemble_package(signer, out, pow_form, country=country, period=PERIOD, lang="en",
                                answers=answers, revision=revision, created=created)

    def saiga_package(folder: str, signer, seed: int, created: str) -> Path:
        out = root / folder
        out.mkdir(exist_ok=True)
        answers = sample_answers(saiga, seed=seed, lang="en")
        answers["range_state"] = "KZ"
        answers["population_estimate"] = 1000 + seed
        return assemble_package(signer, out, saiga, country="KZ", period=PERIOD, lang="en", answers=answers,
                                revision=3 if seed == 99 else 1, created=created)

    files = {
        "np_real": pow_package("np-real", sita, "NP", 1, 1, "2026-05-04T09:12:30Z"),
        # made later, claiming a higher revision: the hole of review 3.1
        "np_impostor": pow_package("np-impostor", impostor, "NP", 2, 2, "2026-05-20T10:00:00Z"),
        "kz_pow": pow_package("kz-pow", kz, "KZ", 3, 1, "2026-05-04T09:12:30Z"),
        "kz_saiga": saiga_package("kz-saiga", kz, 1, "2026-05-04T09:12:30Z"),
        "kz_saiga_impostor": saiga_package("kz-saiga-impostor", impostor, 99, "2026-05-21T09:00:00Z"),
    }
    certs = {}
    for name, identity in (("sita", sita), ("impostor", impostor), ("kz", kz)):
        certs[name] = root / f"{name}.pem"
        certs[name].write_bytes(identity.certificate_pem())
    return {"files": files, "certs": certs, "library": library,
            "fingerprints": {"sita": sita.fingerprint, "impostor": impostor.fingerprint, "kz": kz.fingerprint}}


@pytest.fixture
def desk(tmp_path, people, capsys):
    data = tmp_path / "data"

    def run(*args) -> tuple[int, str]:
        code = main(["--data-dir", str(data), "--language", "en", *map(str, args)])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    assert run("trust", "add", "NP", "--cert", people["certs"]["sita"])[0] == 0
    assert run("trust", "add", "KZ", "--cert", people["certs"]["kz"])[0] == 0
    files = people["files"]
    code, out = run("inbox", "import", files["np_real"], files["np_impostor"], files["kz_pow"],
                    files["kz_saiga"], files["kz_saiga_impostor"])
    assert code == 0, out
    return {"run": run, "data": data}


def listed(run) -> dict[str, str]:
    """``inbox list`` lines by signer name."""
    code, out = run("inbox", "list")
    assert code == 0
    lines = out.splitlines()
    return {name: next(line for line in lines if name in line and POW_OR_SAIGA.search(line))
            for name in ("Sita Gurung", "Impostor Nepal")} | {"all": out}


POW_OR_SAIGA = re.compile(r"cami-pow|saiga")


def pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium  # a dependency of the app (the export preview)
    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def overview(data: Path, library, form_id: str):
    with Store.open(data, app_version="test", backups=False) as store:
        return build_overview(store, library, form_id, PERIOD)


def test_the_impostor_never_displaces_the_registered_focal_point(desk, people, tmp_path):
    run, data, library = desk["run"], desk["data"], people["library"]
    code, out = run("inbox", "list", "--form", POW)
    lines = {line.split()[2] + ("*" if "Impostor" in line else ""): line for line in out.splitlines()}
    real, fake = lines["NP"], lines["NP*"]
    assert "Registered signer  current  Sita Gurung" in real
    assert "r2" in fake and "Unregistered signer  awaiting registration  Impostor Nepal" in fake
    assert people["fingerprints"]["impostor"] in fake and "superseded" not in real

    pow_view = overview(data, library, POW)
    nepal = pow_view.state("NP")
    assert nepal.submission.signer_name == "Sita Gurung" and nepal.submission.revision == 1
    assert [r.signer_name for r in nepal.history] == ["Sita Gurung"]  # the impostor is counted nowhere
    assert len(pow_view.submitted) == 2  # "Reports received from 2 of 14 Range States"
    assert pow_view.data["NP"].record.signer_name == "Sita Gurung"
    assert pow_view.activities.countries == ["KZ", "NP"]

    saiga_view = overview(data, library, SAIGA)
    assert saiga_view.figures.countries == ["KZ"]
    assert saiga_view.figures.value("population_estimate", "KZ") == 1001  # not the impostor's 1099

    xlsx = tmp_path / "pow.xlsx"
    assert run("overview", "--form", POW, "--period", PERIOD, "--out", xlsx)[0] == 0
    book = load_workbook(xlsx)
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Impostor Nepal" not in cells and "Sita Gurung" in cells
    code, printed = run("overview", "--form", POW, "--period", PERIOD)
    assert "Impostor" not in printed and "Sita Gurung" in printed


def test_registering_the_impostor_as_an_additional_signer_judges_again(desk, people):
    run = desk["run"]
    code, out = run("trust", "add", "NP", "--cert", people["certs"]["impostor"])
    assert code == 2 and "Nepal (NP) already has a registered signer: Sita Gurung" in out and "--additional" in out
    assert "awaiting registration" in listed(run)["Impostor Nepal"]

    code, out = run("trust", "add", "NP", "--cert", people["certs"]["impostor"], "--additional")
    assert code == 0, out
    assert "2 received submissions changed verdict:" in out  # its POW and its Saiga package
    pow_line = next(line for line in out.splitlines() if "cami-pow" in line)
    assert "Impostor Nepal" in pow_line and "Registered signer  current" in pow_line
    saiga_line = next(line for line in out.splitlines() if "saiga" in line)
    assert "NOT VALID  not valid" in saiga_line  # registered for Nepal, claiming Kazakhstan
    assert "(was: Unregistered signer)" in out
    rows = listed(run)
    assert "superseded by" in rows["Sita Gurung"]


def test_revoking_flips_what_was_signed_after_the_revocation_and_says_so(desk, people):
    run = desk["run"]
    # The real NP package was made on 2026-05-04; a revocation from 2026-05-10 leaves it registered.
    code, out = run("trust", "revoke", people["fingerprints"]["sita"], "--since", "2026-05-10")
    assert code == 0 and "Revoked: Sita Gurung" in out
    assert "No received submission changed verdict." in out
    code, out = run("trust", "add", "KZ", "--cert", people["certs"]["kz"])  # already there: refused
    assert code == 2
    code, out = run("trust", "revoke", people["fingerprints"]["kz"], "--since", "2026-05-01")
    assert code == 0 and "2 received submissions changed verdict:" in out
    assert out.count("(was: Registered signer)") == 2 and out.count("NOT VALID  not valid") == 2
    rows = listed(run)["all"]
    assert "Sita Gurung" in rows and "Registered signer  current  Sita Gurung" in rows
    with Store.open(desk["data"], app_version="test", backups=False) as store:
        assert build_overview(store, people["library"], POW, PERIOD).state("KZ").submission is None


def test_verify_and_inbox_list_say_the_same_of_the_same_package(desk, people):
    run, files = desk["run"], people["files"]
    run("trust", "revoke", people["fingerprints"]["kz"], "--since", "2026-05-01")
    seen = set()
    for key, name in (("np_real", "Sita Gurung"), ("np_impostor", "Impostor Nepal"), ("kz_pow", "Focal point KZ")):
        code, out = run("verify", files[key])
        label = out.splitlines()[0].split(" · ")[1]
        code, listing = run("inbox", "list", "--form", POW)
        line = next(x for x in listing.splitlines() if name in x)
        assert f"  {label}  " in line, (key, label, line)
        seen.add(label)
    assert seen == {"Registered signer", "Unregistered signer", "NOT VALID"}  # one table, three words


def test_set_aside_leaves_the_overview_and_the_compiled_outputs_and_stays_listed(desk, people, tmp_path):
    run, data, library = desk["run"], desk["data"], people["library"]
    code, out = run("inbox", "list", "--form", POW)
    sita_id = next(line.split()[0] for line in out.splitlines() if "Sita Gurung" in line)
    code, out = run("inbox", "set-aside", sita_id, "--reason", "Sent by mistake; a corrected one follows")
    assert code == 0 and "Set aside: submission" in out and "No submission of NP counts now" in out
    code, out = run("inbox", "list", "--form", POW)
    line = next(x for x in out.splitlines() if "Sita Gurung" in x)
    assert "set aside: Sent by mistake; a corrected one follows" in line
    assert overview(data, library, POW).state("NP").submission is None
    xlsx, pdf = tmp_path / "pow.xlsx", tmp_path / "pow.pdf"
    assert run("overview", "--form", POW, "--period", PERIOD, "--out", xlsx)[0] == 0
    cells = [str(c) for s in load_workbook(xlsx).worksheets for r in s.iter_rows(values_only=True) for c in r]
    assert "Sita Gurung" not in cells and "Focal point KZ" in cells
    assert run("overview", "--form", POW, "--period", PERIOD, "--out", pdf)[0] == 0
    text = pdf_text(pdf)
    assert "Sita Gurung" not in text and "Focal point KZ" in text
    assert run("inbox", "set-aside", sita_id, "--reason", "   ")[0] == 2  # a reason is needed
    code, out = run("inbox", "restore", sita_id)
    assert code == 0 and "Current now: submission" in out and "Sita Gurung" in out
    assert overview(data, library, POW).state("NP").submission.signer_name == "Sita Gurung"
    assert run("inbox", "restore", sita_id)[0] == 2  # not set aside any more
    assert run("inbox", "set-aside", "99999", "--reason", "x")[0] == 2
