"""Only an organization's registered signer speaks for it (issue 15, the impostor hole for organizations).

A Concerted Action report may be filed by an organization. Its signer is registered for that
organization as a focal point's is for a country, after the same telephone check; a stranger
who signs a package naming the organization, however high its revision, awaits registration
and is counted nowhere.
"""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from cami_desktop.core.errors import CamiError
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.secretariat import inbox
from cami_desktop.core.secretariat.compiled_workbook import write_compiled_workbook
from cami_desktop.core.secretariat.inbox import import_paths, refresh_registrations
from cami_desktop.core.secretariat.overview import build_overview
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import Verdict, register_certificate, register_fingerprint
from cami_desktop.core.trust.organizations import assess_submission
from tests.helpers.packages import assemble_package
from tests.helpers.verify_packages import make_identity

ORGANIZATION = "Saiga Conservation Alliance"
CA, SAIGA, PERIOD = "concerted-action", "saiga-mou", "2021-2024"


@pytest.fixture(scope="module")
def people(tmp_path_factory, library):
    """The Alliance's director, a stranger, Kazakhstan's focal point, and their packages."""
    root = tmp_path_factory.mktemp("org-signers")
    director = make_identity(root / "director", "Director of the Alliance", country="")
    stranger = make_identity(root / "stranger", "Impostor Alliance", country="")
    kz = make_identity(root / "kz", "Focal point KZ", country="KZ")
    ca, saiga = library.get(CA), library.get(SAIGA)

    def ca_package(folder, signer, reporter, seed, revision, created):
        out = root / folder
        out.mkdir()
        answers = sample_answers(ca, seed=seed, lang="en")
        answers.update(reporter_kind="organization", reporter_name=reporter)
        return assemble_package(signer, out, ca, country=reporter, period=PERIOD, lang="en", answers=answers,
                                revision=revision, created=created)

    def saiga_package(folder, signer):
        out = root / folder
        out.mkdir()
        answers = sample_answers(saiga, seed=4, lang="en")
        answers["range_state"] = "KZ"
        return assemble_package(signer, out, saiga, country="KZ", period=PERIOD, lang="en", answers=answers)

    files = {
        "real": ca_package("real", director, ORGANIZATION, 1, 1, "2026-05-04T09:12:30Z"),
        # made later, claiming a higher revision: the impostor of review 3.1, for an organization
        "fake": ca_package("fake", stranger, ORGANIZATION, 2, 9, "2026-05-20T10:00:00Z"),
        "kz_as_org": ca_package("kz-as-org", kz, ORGANIZATION, 3, 1, "2026-05-04T09:12:30Z"),
        "org_as_kz": saiga_package("org-as-kz", director),
    }
    return {"files": files, "director": director, "stranger": stranger, "kz": kz}


def _store(tmp_path):
    return Store.open(tmp_path / "inbox", app_version="test", backups=False)


def _import(store, library, *paths):
    return import_paths(store, library, list(paths)).items


def test_a_stranger_signing_for_a_registered_organization_is_counted_nowhere(people, library, tmp_path):
    files, director, stranger = people["files"], people["director"], people["stranger"]
    with _store(tmp_path) as store:
        register_certificate(store, ORGANIZATION, director.certificate_pem(), organization=True)
        real, fake = _import(store, library, files["real"], files["fake"])
        assert real.outcome == fake.outcome == inbox.IMPORTED
        records = {r.id: r for r in store.list_submissions()}
        real, fake = records[real.submission.id], records[fake.submission.id]
        assert real.verdict == inbox.REGISTERED and real.current and real.superseded_by is None
        assert fake.verdict == inbox.UNREGISTERED and not fake.current and not fake.counts
        assert fake.superseded_by is None and fake.revision == 9
        [why] = fake.reasons
        assert why["params"]["organization"] == ORGANIZATION
        assert why["params"]["fingerprint"] == stranger.fingerprint
        assert [r.id for r in store.list_submissions(current_only=True)] == [real.id]

        overview = build_overview(store, library, CA, PERIOD)
        [row] = overview.others
        assert row.country == ORGANIZATION and row.submission.id == real.id and row.submission.revision == 1
        assert [r.id for r in row.history] == [real.id]  # the stranger's package is counted nowhere
        xlsx = write_compiled_workbook(overview, tmp_path / "ca.xlsx")
        cells = [c for sheet in load_workbook(xlsx).worksheets
                 for line in sheet.iter_rows(values_only=True) for c in line]
        assert "Impostor Alliance" not in cells and "Director of the Alliance" in cells
        assert ORGANIZATION in cells

        # verify says what the inbox said, of each package
        assert assess_submission(files["real"], store).verdict is Verdict.REGISTERED
        judged = assess_submission(files["fake"], store)
        assert judged.verdict is Verdict.UNREGISTERED and judged.fingerprint == stranger.fingerprint


@pytest.mark.parametrize("how", ["certificate", "fingerprint"])
def test_registering_an_organizations_signer_makes_its_awaiting_package_count(people, library, tmp_path, how):
    files, director = people["files"], people["director"]
    with _store(tmp_path) as store:
        [item] = _import(store, library, files["real"])
        assert item.submission.verdict == inbox.UNREGISTERED and not item.submission.current
        [why] = item.render_reasons("en")
        assert "organization Saiga Conservation Alliance" in why and director.fingerprint in why
        assert "by telephone" in why
        assert build_overview(store, library, CA, PERIOD).others == []
        name = "  Saiga   Conservation Alliance "  # written as the reports store it
        if how == "certificate":
            signer = register_certificate(store, name, director.certificate_pem(), organization=True)
        else:
            signer = register_fingerprint(store, name, director.fingerprint.lower().replace(":", " "),
                                          "Director of the Alliance", organization=True)
        assert signer.country == ORGANIZATION and signer.fingerprint == director.fingerprint
        [change] = refresh_registrations(store)
        assert change.record.id == item.submission.id and change.verdict == inbox.REGISTERED
        assert store.get_submission(item.submission.id).current
        [row] = build_overview(store, library, CA, PERIOD).others
        assert row.submission.id == item.submission.id
        assert refresh_registrations(store) == []  # nothing changes twice

        # revoked from before it was signed: not valid, counted nowhere again
        import datetime as dt
        store.revoke_trusted_signer(signer.id, at=dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc))
        [change] = refresh_registrations(store)
        assert change.verdict == inbox.INVALID and build_overview(store, library, CA, PERIOD).others == []
        [why] = change.reasons
        assert why["message"] == ("The signer's certificate for the organization {organization} was revoked "
                                  "on {date}.") and why["params"]["organization"] == ORGANIZATION
        # and a revoked certificate is not registered for the organization again
        with pytest.raises(CamiError) as raised:
            register_certificate(store, ORGANIZATION, director.certificate_pem(), organization=True)
        assert "was revoked for the organization Saiga Conservation Alliance" in raised.value.translated("en")


def test_a_signer_speaks_only_for_the_reporter_it_is_registered_for(people, library, tmp_path):
    """Registered for the Alliance, it does not make a package claiming Kazakhstan valid; nor the reverse."""
    files, director, kz = people["files"], people["director"], people["kz"]
    with _store(tmp_path) as store:
        register_certificate(store, ORGANIZATION, director.certificate_pem(), organization=True)
        register_certificate(store, "KZ", kz.certificate_pem())
        as_kz = assess_submission(files["org_as_kz"], store)
        assert as_kz.verdict is Verdict.INVALID
        assert [dict(p.params)["others"] for p in as_kz.reasons] == [ORGANIZATION]
        as_org = assess_submission(files["kz_as_org"], store)
        assert as_org.verdict is Verdict.INVALID
        assert [dict(p.params) for p in as_org.reasons] == [{"organization": ORGANIZATION, "others": "KZ"}]
        items = _import(store, library, files["org_as_kz"], files["kz_as_org"])
        assert [i.outcome for i in items] == [inbox.REFUSED, inbox.REFUSED]
        assert store.list_submissions(current_only=True) == []


@pytest.mark.parametrize("name", ["Xy", "KZ", "ab", "Saiga\u200b Alliance", "Saiga \u202eecnaillA", "../etc",
                                  "x" * 81, ""])
def test_only_a_proper_organization_name_is_registered(people, tmp_path, name):
    with _store(tmp_path) as store:
        with pytest.raises(CamiError):
            register_certificate(store, name, people["director"].certificate_pem(), organization=True)
        assert store.list_trusted_signers() == []


def test_a_second_signer_for_an_organization_is_asked_for_and_replace_ends_the_first(people, tmp_path):
    from cami_desktop.core.trust.registry import SecondSignerError
    director, stranger = people["director"], people["stranger"]
    with _store(tmp_path) as store:
        first = register_certificate(store, ORGANIZATION, director.certificate_pem(), organization=True)
        with pytest.raises(SecondSignerError) as raised:
            register_certificate(store, ORGANIZATION, stranger.certificate_pem(), organization=True)
        assert raised.value.current.id == first.id
        assert "Saiga Conservation Alliance already has a registered signer" in raised.value.translated("en")
        new = register_certificate(store, ORGANIZATION, stranger.certificate_pem(), organization=True,
                                   replace=True)
        assert store.get_trusted_signer(first.id).replaced_by == new.id
