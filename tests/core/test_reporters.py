"""Who files a report (a country, or an organization for a Concerted Action) and old form versions."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from cami_desktop.core.errors import CamiError
from cami_desktop.core.forms.library import FormLibrary, default_library
from cami_desktop.core.forms.reporters import is_country, reporter_of
from cami_desktop.core.paths import forms_dir
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data", app_version="test", backups=False)
    yield opened
    opened.close()


def _new(store: Store, form_id: str, **who) -> ReportSession:
    record = create_report(store, default_library(), form_id=form_id, period="2024-2025", **who)
    return ReportSession.open(store, default_library(), record.id)


def test_an_organization_files_a_concerted_action_report(store):
    session = _new(store, "concerted-action", organization="  Manul   Working Group ")
    assert session.record.country == "Manul Working Group"
    assert session.answers["reporter_kind"] == "organization"
    assert session.answers["reporter_name"] == "Manul Working Group"
    assert "range_state" not in session.answers and "range_states_covered" not in session.answers
    # the Range State and its focal point are not asked of an organization: no error about them
    keys = {m.key for m in session.review().errors}
    assert "range_state" not in keys and "reporter_name" not in keys
    assert "range_states_covered" in keys  # but the Range States covered are
    session.set("range_states_covered", ["KZ", "MN", "CN"])
    assert "range_states_covered" not in {m.key for m in session.review().errors}
    # the list shows the organization, in either language
    assert default_library().reference.lists["range_states"].label(session.record.country, "ru") == \
        "Manul Working Group"


def test_a_range_state_still_files_a_concerted_action_report(store):
    session = _new(store, "concerted-action", country="kz")
    assert session.record.country == "KZ"
    assert session.answers["reporter_kind"] == "range_state"
    assert session.answers["range_state"] == "KZ" and session.answers["range_states_covered"] == ["KZ"]
    assert "range_state" in {q.key for q in session.form.questions.values() if q.required}


@pytest.mark.parametrize("form_id,who,expected", [
    ("saiga-mou", {"organization": "WWF Russia"}, "is filed by a country"),
    ("concerted-action", {"country": "KZ", "organization": "WWF"}, "not both"),
    ("concerted-action", {}, "a country (an ISO code such as KZ) or an organization"),
    ("saiga-mou", {}, "Say which country reports"),
    ("concerted-action", {"organization": "KZ"}, "3 to 80 characters"),
    ("concerted-action", {"organization": "a/b<c>"}, "3 to 80 characters"),
    ("bukhara-deer-mou", {"country": "MN"}, "MN cannot file the report bukhara-deer-mou; it is filed by: AF, KZ, TJ, TM, UZ"),
    ("bukhara-deer-mou", {"country": "FR"}, "FR cannot file the report bukhara-deer-mou"),
    ("cami-wp-2026-2032", {"country": "QQ"}, "QQ is not a CAMI Range State"),
    ("saiga-mou", {"country": "QQ"}, "QQ is not an ISO country code"),
])
def test_a_wrong_reporter_is_refused_with_a_clear_reason(store, form_id, who, expected):
    with pytest.raises(CamiError) as info:
        create_report(store, default_library(), form_id=form_id, period="2024", **who)
    assert expected in info.value.translated("en")
    assert store.list_reports() == []


def test_any_country_files_a_saiga_report_and_its_cms_party_status_is_prefilled(store):
    consumer = _new(store, "saiga-mou", country="SG")  # a consumer state, not a Range State
    assert consumer.answers["range_state"] == "SG" and "cms_party" not in consumer.answers
    assert default_library().reference.lists["range_states"].label("SG", "en") == "Singapore"
    assert _new(store, "saiga-mou", country="KZ").answers["cms_party"] == "yes"
    assert _new(store, "saiga-mou", country="RU").answers["cms_party"] == "no"


def test_two_letters_mean_a_country_and_anything_longer_an_organization():
    form = default_library().get("concerted-action")
    assert is_country("KZ") and not is_country("WWF") and not is_country("K1")
    assert reporter_of(form, organization="IUCN SSC Cat Specialist Group") == "IUCN SSC Cat Specialist Group"
    assert reporter_of(form, organization="Ассоциация сохранения биоразнообразия Казахстана")


def test_a_report_made_with_an_earlier_version_opens_with_that_version(store):
    library = default_library()
    for form in library:
        old = library.get(form.id, "1.0")
        assert old.version == "1.0" and old.path.parent.name == "archive"
        record = store.create_report(form_id=form.id, form_version="1.0", country="KZ", period="2024",
                                     language="en")
        session = ReportSession.open(store, library, record.id)
        assert session.form is old
        session.review()
    # answers of the old Concerted Action (a Range State only) are still accepted by its version
    record = store.create_report(form_id="concerted-action", form_version="1.0", country="KZ",
                                 period="2024", language="ru")
    session = ReportSession.open(store, library, record.id)
    session.set("range_state", "KZ")
    assert "reporter_kind" not in session.form.questions
    assert session.form.questions["range_state"].required


def test_every_changed_form_keeps_its_previous_version_in_the_archive():
    library = FormLibrary.load(forms_dir())
    for form in library:
        older = [version for (form_id, version) in library.versions if form_id == form.id and version != form.version]
        assert older, f"{form.id}: no earlier version in forms/archive"
        assert all(library.get(form.id, v).path.name == f"{form.id}-{v}.yaml" for v in older)
    assert library.problems == []


def test_an_organization_starts_its_next_report_from_the_last_one(store):
    from cami_desktop.core.cycle.carry import start_from
    first = _new(store, "concerted-action", organization="Manul Working Group")
    first.set("ca_title", "Concerted Action for the Pallas's cat (Felis manul)")
    result = start_from(store, default_library(), first.record.id, period="2026")
    record = result.record
    assert record.country == "Manul Working Group"
    assert store.answers(record.id)["ca_title"].startswith("Concerted Action for the Pallas")
