"""Importing the fixture's packages: every file has one outcome, with the reasons a person reads."""
from __future__ import annotations

from cami_desktop.core.secretariat import inbox

from .conftest import BUKHARA_COUNTRIES, POW, POW_COUNTRIES, SAIGA_COUNTRIES, UNREGISTERED, WP_COUNTRIES


def by_source(world) -> dict:
    return {item.source: item for item in world["result"].items}


def test_every_package_has_one_outcome(world):
    result = world["result"]
    expected = len(POW_COUNTRIES) + 1 + len(WP_COUNTRIES) + len(SAIGA_COUNTRIES) + len(BUKHARA_COUNTRIES)
    assert result.count(inbox.IMPORTED) == expected
    assert result.count(inbox.REFUSED) == 2
    assert len(result.items) == expected + 2
    assert len(world["store"].list_submissions()) == expected
    assert len(world["store"].list_refusals()) == 2


def test_the_real_exports_and_the_mail_attachment_are_imported(world):
    items = by_source(world)
    for key in ("kz_r1", "saiga_real"):
        item = items[world["special"][key].name]
        assert item.outcome == inbox.IMPORTED and item.submission.verdict == "registered"
    mail = items["from-ru.eml › saiga-mou_RU_2021-2024_r1.zip"]
    assert mail.outcome == inbox.IMPORTED and mail.submission.country == "RU"


def test_refusals_say_why(world):
    items = by_source(world)
    tampered = items["tampered.zip"]
    assert tampered.outcome == inbox.REFUSED
    assert any("cami-pow-2014-2020_KZ_2021-2024_r2.json" in text for text in tampered.render_reasons("en"))
    mismatch = items["saiga-mou_UZ_2017-2020_r1.zip"]
    assert mismatch.outcome == inbox.REFUSED
    assert "from Uzbekistan (UZ), but its signer is registered for Kazakhstan (KZ)" in mismatch.render_reasons("en")[0]
    assert not world["store"].list_submissions(period="2017-2020")


def test_an_unregistered_signer_is_imported_and_marked(world):
    records = world["store"].list_submissions(country=UNREGISTERED)
    assert records and {r.verdict for r in records} == {"unregistered"}
    assert all(r.signer_fingerprint in " ".join(str(p) for p in r.reasons[0]["params"].values()) for r in records)
    registered = world["store"].list_submissions(form_id=POW, country="KZ")
    assert len(registered) == 2 and all(r.verdict == "registered" and r.reasons == [] for r in registered)
