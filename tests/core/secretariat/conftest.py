"""A Secretariat's inbox fed with signed packages from all 14 Range States, made once per run.

Every country has its own ECDSA identity, registered for it, except Mongolia (MN), whose
signer is registered nowhere. Packages: the Programme of Work 2014-2020 from 12 countries
(Bhutan and India do not report) in English and Russian, Kazakhstan's in two revisions (the
first a real export), the Work Programme 2026-2032 from three, the Saiga MoU from five (one a
real export, one inside an .eml), the Bukhara deer MoU from three; then a tampered package and
one claiming Uzbekistan signed by Kazakhstan's signer.
"""
from __future__ import annotations

import copy
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from cami_desktop.core.export.package import export_package
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.secretariat.inbox import import_paths
from cami_desktop.core.signing import create_identity, unlock
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import register_certificate
from tests.helpers.packages import assemble_package

PASSPHRASE = "correct horse 42"
PERIOD = "2021-2024"
COUNTRIES = ["AF", "BT", "CN", "IN", "IR", "KZ", "KG", "MN", "NP", "PK", "RU", "TJ", "TM", "UZ"]
POW_COUNTRIES = [c for c in COUNTRIES if c not in ("BT", "IN")]
RU_COUNTRIES = {"KZ", "KG", "RU", "TJ", "TM", "UZ", "MN"}
UNREGISTERED = "MN"
WP_COUNTRIES = ["KZ", "TJ", "CN"]
SAIGA_COUNTRIES = ["KZ", "MN", "RU", "UZ", "TM"]
BUKHARA_COUNTRIES = ["KZ", "TJ", "UZ"]
POW, WP, SAIGA, BUKHARA = "cami-pow-2014-2020", "cami-wp-2026-2032", "saiga-mou", "bukhara-deer-mou"


def lang_of(country: str) -> str:
    return "ru" if country in RU_COUNTRIES else "en"


def answers_for(form, country: str, seed: int) -> dict:
    answers = sample_answers(form, seed=seed, lang=lang_of(country))
    answers["range_state"] = country
    return answers


def translations_for(form, answers: dict) -> dict:
    """English translations of some free texts (every third), as a Russian report may carry."""
    keys = sorted(k for k, v in answers.items() if form.question(k).free_text and isinstance(v, str))
    return {k: f"EN {k}: {answers[k][:40]}" for k in keys[::3]}


def _real_export(data: Path, out: Path, library, signer, form_id: str, country: str, answers: dict,
                 translations: dict) -> Path:
    """A package made by the app's own export (short PDF) from a filled, final report."""
    with Store.open(data, app_version="test", backups=False) as store:
        record = create_report(store, library, form_id=form_id, country=country, period=PERIOD,
                               language=lang_of(country))
        session = ReportSession.open(store, library, record.id)
        session.fill(answers, translations)
        session.finalize(name=signer.name)
        return export_package(store, library, record.id, out, signer, short=True).path


@pytest.fixture(scope="session")
def library():
    return default_library()


@pytest.fixture(scope="session")
def world(tmp_path_factory, library):
    """The inbox after importing everything; ``sent`` holds the answers that went in."""
    root = tmp_path_factory.mktemp("secretariat")
    out = root / "packages"
    out.mkdir()
    secretariat = Store.open(root / "secretariat", app_version="test", backups=False)
    signers = {}
    for country in COUNTRIES:
        data = root / f"fp-{country}"
        create_identity(data, name=f"Focal point {country}", country=country, passphrase=PASSPHRASE)
        signers[country] = (data, unlock(data, PASSPHRASE))
        if country != UNREGISTERED:
            register_certificate(secretariat, country, signers[country][1].certificate_pem())
    sent: dict[tuple[str, str], dict] = {}
    special: dict[str, Path] = {}
    for index, country in enumerate(POW_COUNTRIES):
        form = library.get(POW)
        answers = answers_for(form, country, seed=index)
        translations = translations_for(form, answers) if lang_of(country) == "ru" else {}
        data, signer = signers[country]
        if country == "KZ":  # revision 1 by the real export; revision 2 changes statuses
            special["kz_r1"] = _real_export(data, out, library, signer, POW, country, answers, translations)
            answers = copy.deepcopy(answers)
            for key in [k for k in answers if k.startswith("status[")][:5]:
                answers[key] = "completed"
            special["kz_r2"] = assemble_package(signer, out, form, country=country, period=PERIOD,
                                                lang="ru", answers=answers, translations=translations,
                                                revision=2, uid=_uid(special["kz_r1"]))
        else:
            assemble_package(signer, out, form, country=country, period=PERIOD, lang=lang_of(country),
                             answers=answers, translations=translations)
        sent[POW, country] = {"answers": answers, "translations": translations}
    for form_id, countries in ((WP, WP_COUNTRIES), (SAIGA, SAIGA_COUNTRIES), (BUKHARA, BUKHARA_COUNTRIES)):
        form = library.get(form_id)
        for index, country in enumerate(countries):
            answers = answers_for(form, country, seed=100 + index)
            data, signer = signers[country]
            if (form_id, country) == (SAIGA, "KZ"):
                special["saiga_real"] = _real_export(data, out, library, signer, form_id, country, answers, {})
            elif (form_id, country) == (SAIGA, "RU"):
                folder = root / "mail"
                folder.mkdir()
                path = assemble_package(signer, folder, form, country=country, period=PERIOD,
                                        lang="ru", answers=answers)
                special["eml"] = _eml(path, out / "from-ru.eml")
            else:
                assemble_package(signer, out, form, country=country, period=PERIOD,
                                 lang=lang_of(country), answers=answers)
            sent[form_id, country] = {"answers": answers, "translations": {}}
    special["tampered"] = _tampered(special["kz_r2"], root / "bad" / "tampered.zip")
    form = library.get(SAIGA)
    special["mismatch"] = assemble_package(signers["KZ"][1], root / "bad", form, country="KZ",
                                           claim_country="UZ", period="2017-2020", lang="ru",
                                           answers=answers_for(form, "UZ", seed=7))
    result = import_paths(secretariat, library, [out, special["tampered"], special["mismatch"]])
    yield {"store": secretariat, "library": library, "sent": sent, "result": result, "special": special,
           "signers": signers, "root": root}
    secretariat.close()


def _uid(package: Path) -> str:
    import json
    with zipfile.ZipFile(package) as archive:
        return json.loads(archive.read("manifest.json"))["report"]["uid"]


def _eml(package: Path, target: Path) -> Path:
    message = EmailMessage()
    message["From"] = "focal.point@example.org"
    message["To"] = "cami@cms.int"
    message["Subject"] = "CAMI national report"
    message.set_content("Please find the package attached.")
    message.add_attachment(package.read_bytes(), maintype="application", subtype="zip", filename=package.name)
    target.write_bytes(message.as_bytes())
    return target


def _tampered(source: Path, target: Path) -> Path:
    """The same package with one answer changed after signing (the manifest no longer matches)."""
    target.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as copy_:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.endswith(".json") and info.filename != "manifest.json":
                data = data.replace(b'"completed"', b'"not_started"', 1)
            copy_.writestr(info, data)
    return target
