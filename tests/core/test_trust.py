"""Trusted signers per country (issue 9): one verdict per package, with every reason."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives import serialization

from cami_desktop.core.trust import assess as trust
from cami_desktop.core.errors import CamiError
from cami_desktop.core.export.manifest import MANIFEST
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import Verdict, assess, assess_package
from cami_desktop.core.export.verify import verify_package
from tests.helpers.verify_packages import make_identity, make_package, package_files, write_package

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def kz(tmp_path_factory):
    return make_identity(tmp_path_factory.mktemp("kz"), "Айгуль Нурланова", "KZ")


@pytest.fixture(scope="module")
def mn(tmp_path_factory):
    return make_identity(tmp_path_factory.mktemp("mn"), "Bat Erdene", "MN")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data", app_version="test", backups=False) as opened:
        yield opened


def cert_file(identity, folder, der: bool = False):
    path = folder / ("cert.der" if der else "cert.pem")
    path.write_bytes(identity.certificate.public_bytes(serialization.Encoding.DER) if der
                     else identity.certificate_pem())
    return path


def text(assessment) -> str:
    return " | ".join(p.render("en") for p in assessment.reasons)


@pytest.mark.parametrize("typed", [
    "{fp}", "{lower}", "{plain}", "{spaced}", "sha256 Fingerprint={fp}", "  {lower}\n"])
def test_a_fingerprint_is_normalized_however_it_is_typed(kz, typed):
    fp = kz.fingerprint
    plain = fp.replace(":", "")
    variants = {"fp": fp, "lower": fp.lower(), "plain": plain,
                "spaced": " ".join(plain[i:i + 4] for i in range(0, 64, 4))}
    assert trust.normalize_fingerprint(typed.format(**variants)) == fp


@pytest.mark.parametrize("bad", ["", "AB:CD", "G" * 64, "A" * 63, "A" * 65])
def test_a_wrong_fingerprint_is_refused_plainly(bad):
    with pytest.raises(CamiError, match="not a SHA-256 fingerprint"):
        trust.normalize_fingerprint(bad)


@pytest.mark.parametrize("der", [False, True])
def test_a_certificate_file_registers_its_subject_name_for_the_country(store, kz, tmp_path, der):
    signer = trust.register_certificate(store, "kz", cert_file(kz, tmp_path, der))
    assert (signer.country, signer.fingerprint) == ("KZ", kz.fingerprint) and signer.name == "Айгуль Нурланова"
    assert signer.certificate and signer.state() == "active"
    assert signer.registered_at.date() == dt.datetime.now(UTC).date()


def test_countries_are_range_states_or_iso(store, kz):
    trust.register_fingerprint(store, "FR", kz.fingerprint, "Someone")   # any ISO country is allowed
    for bad in ("XX", "EU", "Kazakhstan", "", "K1"):
        with pytest.raises(CamiError, match="not a country code"):
            trust.register_fingerprint(store, bad, kz.fingerprint, "Someone")
    assert trust.country_name("KZ", "ru") == "Казахстан" and trust.country_name("FR", "en") == "France"
    # Range States by the reference file, other countries by their common (CLDR) names.
    assert trust.country_name("MN", "en") == "Mongolia" and trust.country_name("KR", "en") == "South Korea"
    assert trust.country_name("BO", "en") == "Bolivia"


def test_not_a_certificate_is_refused_plainly(store, tmp_path):
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    with pytest.raises(CamiError, match="junk.pem is not a readable certificate"):
        trust.register_certificate(store, "KZ", junk)


def test_the_same_certificate_twice_for_a_country_is_refused(store, kz):
    trust.register_fingerprint(store, "KZ", kz.fingerprint, "A")
    with pytest.raises(CamiError, match="already registered for KZ"):
        trust.register_fingerprint(store, "KZ", kz.fingerprint.lower(), "A")


def test_a_validity_ending_before_it_starts_is_refused(store, kz):
    with pytest.raises(CamiError, match="before its start"):
        trust.register_fingerprint(store, "KZ", kz.fingerprint, "A", valid_from=dt.date(2026, 5, 1),
                                   valid_until=dt.date(2026, 4, 1))


def test_registered_signer_of_that_country(store, kz, tmp_path):
    trust.register_certificate(store, "KZ", cert_file(kz, tmp_path))
    result = assess_package(make_package(tmp_path / "p.zip", kz, "KZ"), store)
    assert result.verdict is Verdict.REGISTERED and result.ok and result.reasons == []
    assert (result.country, result.signer_name, result.fingerprint) == ("KZ", kz.name, kz.fingerprint)
    assert result.manifest["report"]["country"] == "KZ" and result.signer.country == "KZ"


def test_unregistered_signer_is_intact_with_its_fingerprint(store, kz, tmp_path):
    result = assess_package(make_package(tmp_path / "p.zip", kz, "KZ"), store)
    assert result.verdict is Verdict.UNREGISTERED and not result.ok
    assert result.verification.intact and kz.fingerprint in text(result)


def test_a_signer_registered_for_another_country_is_not_valid(store, kz, mn, tmp_path):
    """Mongolia's trusted signer cannot submit for Kazakhstan."""
    trust.register_fingerprint(store, "MN", mn.fingerprint, mn.name)
    trust.register_fingerprint(store, "KZ", kz.fingerprint, kz.name)
    result = assess_package(make_package(tmp_path / "p.zip", mn, "KZ"), store)
    assert result.verdict is Verdict.INVALID and result.verification.intact
    assert "says it is from KZ, but its signer is registered for MN" in text(result)


def test_a_revoked_signer_is_not_valid(store, kz, tmp_path):
    signer = trust.register_fingerprint(store, "KZ", kz.fingerprint, kz.name)
    store.revoke_trusted_signer(signer.id, at=dt.datetime(2026, 6, 1, tzinfo=UTC))
    path = make_package(tmp_path / "p.zip", kz, "KZ")
    later = assess_package(path, store, on=dt.datetime(2026, 6, 2, tzinfo=UTC))
    assert later.verdict is Verdict.INVALID and "revoked on 2026-06-01" in text(later)
    # judged at a moment before the revocation, it was in force
    assert assess_package(path, store, on=dt.datetime(2026, 5, 31, tzinfo=UTC)).verdict is Verdict.REGISTERED


def test_outside_the_registered_period_is_not_valid(store, kz, tmp_path):
    trust.register_fingerprint(store, "KZ", kz.fingerprint, kz.name, valid_from=dt.date(2026, 1, 1),
                               valid_until=dt.date(2026, 12, 31))
    path = make_package(tmp_path / "p.zip", kz, "KZ")
    before = assess_package(path, store, on=dt.datetime(2025, 12, 31, 23, tzinfo=UTC))
    after = assess_package(path, store, on=dt.datetime(2027, 1, 1, 1, tzinfo=UTC))
    inside = assess_package(path, store, on=dt.datetime(2026, 12, 31, 23, tzinfo=UTC))
    assert before.verdict is after.verdict is Verdict.INVALID and inside.verdict is Verdict.REGISTERED
    assert "valid only from 2026-01-01" in text(before) and "valid only until 2026-12-31" in text(after)


def test_replacing_ends_the_old_certificate_and_keeps_it_listed(store, kz, mn, tmp_path):
    old = trust.register_fingerprint(store, "KZ", kz.fingerprint, kz.name)
    moment = dt.datetime(2026, 7, 1, tzinfo=UTC)
    new = trust.register_fingerprint(store, "KZ", mn.fingerprint, "New focal point", replace=True, at=moment)
    listed = {s.id: s for s in store.list_trusted_signers("KZ")}
    assert listed[old.id].state() == "replaced" and listed[old.id].replaced_by == new.id
    assert listed[new.id].state() == "active"
    old_package = make_package(tmp_path / "old.zip", kz, "KZ")
    assert "was replaced on 2026-07-01" in text(assess_package(old_package, store))
    assert assess_package(old_package, store, on=moment - dt.timedelta(days=1)).verdict is Verdict.REGISTERED
    assert assess_package(make_package(tmp_path / "new.zip", mn, "KZ"), store).verdict is Verdict.REGISTERED


def test_a_changed_package_lists_every_reason(store, kz, mn, tmp_path):
    """Not intact and from another country's signer: both reasons, not only the first."""
    trust.register_fingerprint(store, "MN", mn.fingerprint, mn.name)
    files = package_files(mn, "KZ")
    files["attachments/1-map.txt"] = b"changed\n"
    result = assess_package(write_package(tmp_path / "p.zip", files), store)
    assert result.verdict is Verdict.INVALID
    assert "1-map.txt was changed" in text(result) and "registered for MN" in text(result)


def test_a_package_naming_no_country_is_not_valid(store, kz, tmp_path):
    trust.register_fingerprint(store, "KZ", kz.fingerprint, kz.name)
    path = make_package(tmp_path / "p.zip", kz, edit=lambda m: m["report"].pop("country"))
    result = assess_package(path, store)
    assert result.verdict is Verdict.INVALID and "does not name a valid country" in text(result)


def test_assess_judges_an_already_verified_package(store, kz, tmp_path):
    verification = verify_package(make_package(tmp_path / "p.zip", kz, "KZ"))
    assert assess(verification, store).verdict is Verdict.UNREGISTERED
    trust.register_certificate(store, "KZ", verification.certificate_pem)
    assert assess(verification, store).verdict is Verdict.REGISTERED


def test_a_broken_package_is_invalid_with_reasons(store, tmp_path):
    bogus = tmp_path / "x.zip"
    bogus.write_bytes(b"not a zip")
    result = assess_package(bogus, store)
    assert result.verdict is Verdict.INVALID and "not a readable package" in text(result)
    assert result.country == "" and result.fingerprint == ""


def test_resolve_by_number_or_fingerprint(store, kz):
    signer = trust.register_fingerprint(store, "KZ", kz.fingerprint, kz.name)
    assert trust.resolve_signer(store, str(signer.id)).id == signer.id
    assert trust.resolve_signer(store, kz.fingerprint.replace(":", "").lower()).id == signer.id
    with pytest.raises(CamiError):
        trust.resolve_signer(store, "99")


def test_the_legacy_trusted_folder_is_migrated_once(tmp_path, kz, mn):
    data = tmp_path / "data"
    (data / "trusted").mkdir(parents=True)
    cert_file(kz, data / "trusted")                              # subject says C=KZ
    nameless = make_identity(tmp_path / "nc", "No Country", country="")
    (data / "trusted" / "other.crt").write_bytes(nameless.certificate_pem())
    with Store.open(data, app_version="test", backups=False) as store:
        result = assess_package(make_package(tmp_path / "p.zip", kz, "KZ"), store)
        assert result.verdict is Verdict.REGISTERED
        (signer,) = store.list_trusted_signers()
        assert (signer.country, signer.source) == ("KZ", "legacy")
        assert trust.migrate_legacy_folder(store) == ["other.crt"]
        store.revoke_trusted_signer(signer.id)
    with Store.open(data, app_version="test", backups=False) as store:
        trust.migrate_legacy_folder(store)       # not again: the revocation stands
        assert len(store.list_trusted_signers()) == 1
        assert trust.migrate_legacy_folder(store) == ["other.crt"]


def test_extra_certificates_count_for_this_check_only(store, kz, tmp_path):
    path = make_package(tmp_path / "p.zip", kz, "KZ")
    assert assess_package(path, store, extra_certificates=[kz.certificate]).verdict is Verdict.REGISTERED
    assert assess_package(path, store).verdict is Verdict.UNREGISTERED and store.list_trusted_signers() == []


def test_the_manifest_signature_still_decides(store, kz, tmp_path):
    """A registered certificate does not bless a manifest someone else changed."""
    trust.register_fingerprint(store, "KZ", kz.fingerprint, kz.name)
    files = package_files(kz, "KZ")
    manifest = json.loads(files[MANIFEST])
    manifest["report"]["period"] = "2019"
    files[MANIFEST] = json.dumps(manifest).encode()
    assert assess_package(write_package(tmp_path / "p.zip", files), store).verdict is Verdict.INVALID


def test_the_range_states_are_the_reference_files():
    from cami_desktop.core.forms.library import default_library
    reference = default_library().reference.lists["range_states"]
    assert trust.range_states() == tuple(item.key for item in reference.items) and len(trust.range_states()) == 14
