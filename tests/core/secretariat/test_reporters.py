"""Reporters that are not Range States, and a refused package judged again after a correction.

A Concerted Action report may be filed by an organization, and a Saiga MoU report by any
country (consumer states): the inbox accepts them and, once their signer is registered, the
overview lists them after the 14 Range States instead of refusing or dropping them.
"""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from cami_desktop.core.secretariat import inbox
from cami_desktop.core.secretariat.compiled_workbook import write_compiled_workbook
from cami_desktop.core.secretariat.inbox import import_paths
from cami_desktop.core.secretariat.overview import build_overview
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import register_certificate
from cami_desktop.core.reports.sample import sample_answers
from tests.helpers.packages import assemble_package
from tests.helpers.verify_packages import make_identity

from .conftest import PERIOD, POW, SAIGA

ORGANIZATION = "Saiga Conservation Alliance"
CA = "concerted-action"


def _import(store, library, path):
    [item] = import_paths(store, library, [path]).items
    return item


def _fresh(tmp_path):
    return Store.open(tmp_path / "inbox", app_version="test", backups=False)


def test_an_organizations_concerted_action_report_is_imported_and_listed(world, tmp_path):
    library, form = world["library"], world["library"].get(CA)
    signer = make_identity(tmp_path / "org", "Director of the Alliance", country="")
    answers = sample_answers(form, seed=5, lang="en")
    answers.update(reporter_kind="organization", reporter_name=ORGANIZATION)
    path = assemble_package(signer, tmp_path, form, country=ORGANIZATION, period=PERIOD, lang="en",
                            answers=answers)
    with _fresh(tmp_path) as store:
        item = _import(store, library, path)
        assert item.outcome == inbox.IMPORTED, item.render_reasons("en")
        assert item.submission.country == ORGANIZATION and item.submission.verdict == inbox.UNREGISTERED
        [why] = item.render_reasons("en")
        assert ORGANIZATION in why and signer.fingerprint in why and "by telephone" in why
        # awaiting the registration of its signer: counted nowhere (issue 15)
        assert inbox.refresh_registrations(store) == []
        assert build_overview(store, library, CA, PERIOD).others == []
        register_certificate(store, ORGANIZATION, signer.certificate_pem(), organization=True)
        [change] = inbox.refresh_registrations(store)
        assert change.before == inbox.UNREGISTERED and change.verdict == inbox.REGISTERED
        overview = build_overview(store, library, CA, PERIOD)
        assert len(overview.states) == 14 and not overview.submitted
        [other] = overview.others
        assert other.country == ORGANIZATION and other.name.ru == ORGANIZATION and other.submitted
        write_compiled_workbook(overview, tmp_path / "ca.xlsx")
        sheet = load_workbook(tmp_path / "ca.xlsx")["Other reporters"]
        assert sheet.cell(3, 2).value == "Reporter" and sheet.cell(4, 2).value == ORGANIZATION
        assert sheet.cell(4, 1).value is None  # an organization has a name, no code
        assert "Also 1 report from another reporter" in overview_subtitle(overview)


def overview_subtitle(overview) -> str:
    from cami_desktop.core.secretariat.views import title_lines
    return title_lines(overview, "en")[1]


def test_a_consumer_states_saiga_report_comes_after_the_range_states(world, tmp_path):
    library, form = world["library"], world["library"].get(SAIGA)
    signer = make_identity(tmp_path / "sg", "Focal point SG", country="SG")
    answers = sample_answers(form, seed=9, lang="en")
    answers["range_state"] = "SG"
    path = assemble_package(signer, tmp_path, form, country="SG", period=PERIOD, lang="en", answers=answers)
    with _fresh(tmp_path) as store:
        register_certificate(store, "SG", signer.certificate_pem())
        item = _import(store, library, path)
        assert item.outcome == inbox.IMPORTED and item.submission.verdict == inbox.REGISTERED
        overview = build_overview(store, library, SAIGA, PERIOD)
        assert [row.country for row in overview.others] == ["SG"]
        assert overview.others[0].name.en == "Singapore" and overview.others[0].name.ru == "Сингапур"
        assert overview.figures.countries == ["SG"]
        assert overview.figures.value("population_estimate", "SG") == answers["population_estimate"]
        assert overview.names("en")["SG"] == "Singapore"
        assert [row.country for row in overview.rows][-1] == "SG"


def test_a_country_that_cannot_file_the_form_is_refused(world, tmp_path):
    """A Programme of Work report is for the 14 Range States: Singapore's has no place in it."""
    library, form = world["library"], world["library"].get(POW)
    signer = make_identity(tmp_path / "sg", "Focal point SG", country="SG")
    answers = sample_answers(form, seed=1, lang="en")  # no Range State of its own: a report's is pre-filled
    path = assemble_package(signer, tmp_path, form, country="SG", period=PERIOD, lang="en", answers=answers)
    with _fresh(tmp_path) as store:
        item = _import(store, library, path)
        assert item.outcome == inbox.REFUSED
        assert "Singapore (SG) cannot file the report cami-pow-2014-2020" in " ".join(item.render_reasons("en"))
        assert store.list_submissions() == []


def test_a_refused_package_is_accepted_once_the_registration_is_corrected(world, tmp_path):
    """Kazakhstan's certificate registered for Uzbekistan by mistake: refused; corrected: imported."""
    library, form = world["library"], world["library"].get(SAIGA)
    signer = world["signers"]["KZ"][1]
    answers = sample_answers(form, seed=2, lang="en")
    answers["range_state"] = "KZ"
    path = assemble_package(signer, tmp_path, form, country="KZ", period=PERIOD, lang="en", answers=answers)
    with _fresh(tmp_path) as store:
        wrong = register_certificate(store, "UZ", signer.certificate_pem())
        first = _import(store, library, path)
        assert first.outcome == inbox.REFUSED and len(store.list_refusals()) == 1
        again = _import(store, library, path)  # still wrong: nothing changes, and it says why
        assert again.outcome == inbox.DUPLICATE and again.submission is None
        assert "still refused" in again.render_reasons("en")[0] and len(again.reasons) > 1
        assert len(store.list_refusals()) == 1 and store.list_submissions() == []
        store.revoke_trusted_signer(wrong.id)
        register_certificate(store, "KZ", signer.certificate_pem())
        fixed = _import(store, library, path)
        assert fixed.outcome == inbox.IMPORTED and fixed.submission.verdict == inbox.REGISTERED
        assert "it is accepted now" in fixed.render_reasons("en")[0]
        assert store.list_refusals() == [] and len(store.list_submissions()) == 1
        assert _import(store, library, path).outcome == inbox.DUPLICATE  # and now it stays put



@pytest.mark.parametrize("name", ["../../etc", "A\x1b[2Jname", "Xy", "  Spaced   Name "])
def test_a_reporter_that_is_neither_a_country_nor_a_proper_organization_name_stays_not_valid(tmp_path, name):
    from cami_desktop.core.export.verify import Verification
    from cami_desktop.core.trust.assess import Verdict, assess
    verification = Verification(tmp_path / "p.zip", signature_valid=True, fingerprint="AB",
                                manifest={"report": {"country": name}})
    assert verification.intact
    judged = assess(verification, store=None)  # judged before any registration is looked up
    assert judged.verdict is Verdict.INVALID
    assert [p.message for p in judged.reasons] == ["The package does not name a valid country ({country})."]
