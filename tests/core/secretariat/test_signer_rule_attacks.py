"""Findings of an attack on the Secretariat's side (issue 15): each test failed before its fix."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.secretariat.inbox import import_paths
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import register_certificate
from tests.helpers.packages import assemble_package
from tests.helpers.verify_packages import make_identity

SAIGA, PERIOD = "saiga-mou", "2021-2024"


@pytest.fixture(scope="module")
def kz(tmp_path_factory):
    root = tmp_path_factory.mktemp("att1")
    return make_identity(root / "kz", "Focal KZ", "KZ"), root


@pytest.fixture
def store(tmp_path, kz):
    with Store.open(tmp_path / "data", app_version="test", backups=False) as store:
        register_certificate(store, "KZ", kz[0].certificate_pem())
        yield store


def _package(identity, out: Path, seed: int, created: str, revision: int = 1) -> Path:
    form = default_library().get(SAIGA)
    answers = sample_answers(form, seed=seed, lang="en")
    answers["range_state"] = "KZ"
    out.mkdir(parents=True, exist_ok=True)
    return assemble_package(identity, out, form, country="KZ", period=PERIOD, lang="en", answers=answers,
                            revision=revision, created=created)


@pytest.mark.parametrize("first_created", [
    "2026-05-04T12:00:00+05:00",   # 07:00 UTC: made before the second, though its text sorts after
    "2026-05-04\x1b[2J",           # not a time at all (stored escaped, "\\x1b…", which sorts after "T")
    "9999-12-31T00:00:00Z",        # in the future: it cannot have been made after it arrived
])
def test_the_same_revision_made_later_is_current_whatever_the_first_ones_time_says(store, kz, tmp_path,
                                                                                  first_created):
    identity, _ = kz
    library = default_library()
    first = _package(identity, tmp_path / "a", 1, first_created)
    second = _package(identity, tmp_path / "b", 2, "2026-05-04T10:00:00Z")
    import_paths(store, library, [first], now=datetime(2026, 5, 4, 9, tzinfo=timezone.utc))
    import_paths(store, library, [second], now=datetime(2026, 5, 5, 9, tzinfo=timezone.utc))
    current = store.list_submissions(current_only=True)
    assert [s.sha256 for s in current] == [store.list_submissions()[0].sha256]  # the second one
    assert current[0].created == "2026-05-04T10:00:00Z"


@pytest.mark.parametrize("created", ["", "yesterday", "9999-12-31T00:00:00Z"])
def test_verify_judges_a_received_package_as_the_inbox_did_after_a_revocation(tmp_path, kz, capsys, created):
    """A manifest without a usable time counts as signed when it arrived: for the inbox, and for
    ``verify`` of the same bytes later the same day (it said NOT VALID, the inbox Registered)."""
    from cami_desktop.cli import main
    from cami_desktop.core.secretariat import package_read
    from cami_desktop.core.trust import organizations as judge

    identity, root = kz
    cert = root / "kz.pem"
    cert.write_bytes(identity.certificate_pem())
    package = _package(identity, tmp_path / "p", 1, created)
    data = tmp_path / "data"

    def run(*args) -> str:
        main(["--data-dir", str(data), "--language", "en", *map(str, args)])
        return capsys.readouterr().out

    run("trust", "add", "KZ", "--cert", cert)
    run("inbox", "import", package)
    assert "Revoked" in run("trust", "revoke", "1")
    listed = run("inbox", "list")
    assert "Registered signer" in listed and "current" in listed
    verified = run("verify", package)
    assert "Registered signer" in verified and "NOT VALID" not in verified
    assert judge._LARGEST == package_read.MAX_PACKAGE_BYTES
    # a copy never received is judged as of now: signed after the revocation as far as anyone knows
    other = _package(identity, tmp_path / "q", 2, created)
    assert "NOT VALID" in run("verify", other)


def test_setting_aside_twice_keeps_the_first_reason(store, kz, tmp_path):
    """``inbox set-aside`` of a submission already set aside replaced its reason and time silently."""
    from cami_desktop.core.errors import StoreError

    identity, _ = kz
    package = _package(identity, tmp_path / "p", 1, "2026-05-04T08:00:00Z")
    import_paths(store, default_library(), [package])
    record = store.list_submissions()[0]
    first = store.set_submission_aside(record.id, "duplicate sent by mistake",
                                       at=datetime(2026, 6, 1, tzinfo=timezone.utc))
    with pytest.raises(StoreError) as raised:
        store.set_submission_aside(record.id, "another reason")
    assert "2026-06-01" in str(raised.value.params) and "duplicate sent by mistake" in str(raised.value.params)
    kept = store.get_submission(record.id)
    assert (kept.set_aside_reason, kept.set_aside_at) == (first.set_aside_reason, first.set_aside_at)


def test_a_second_signer_in_force_is_refused_even_behind_an_expired_one(tmp_path, kz):
    """An expired registration listed first hid the signer in force: a third certificate was
    registered for the country, a second active signer, without ``additional``."""
    from datetime import date

    from cami_desktop.core.trust.registry import SecondSignerError

    identity, root = kz
    later = make_identity(root / "kz-later", "Focal KZ later", "KZ")
    stranger = make_identity(root / "kz-stranger", "Stranger", "KZ")
    with Store.open(tmp_path / "data", app_version="test", backups=False) as store:
        register_certificate(store, "KZ", identity.certificate_pem(), valid_until=date(2025, 12, 31))
        current = register_certificate(store, "KZ", later.certificate_pem())  # the first one expired
        with pytest.raises(SecondSignerError) as raised:
            register_certificate(store, "KZ", stranger.certificate_pem())
        assert raised.value.current.id == current.id
        assert [s.fingerprint for s in store.list_trusted_signers("KZ") if s.state() == "active"] \
            == [later.fingerprint]
        register_certificate(store, "KZ", stranger.certificate_pem(), additional=True)  # when asked for


def test_a_revoked_certificate_is_not_registered_again(store, kz, tmp_path):
    """``trust add`` of a revoked certificate was accepted, and made "registered" (and current)
    every package signed with it after the revocation: a stolen key's packages laundered."""
    from cami_desktop.core.errors import StoreError
    from cami_desktop.core.trust.assess import register_fingerprint

    identity, _ = kz
    package = _package(identity, tmp_path / "p", 1, "2026-06-01T08:00:00Z")
    [registration] = store.list_trusted_signers("KZ")
    store.revoke_trusted_signer(registration.id, at=datetime(2026, 5, 1, tzinfo=timezone.utc))
    import_paths(store, default_library(), [package])
    assert not store.list_submissions()  # refused: signed after the revocation
    for again in (lambda: register_certificate(store, "KZ", identity.certificate_pem()),
                  lambda: register_certificate(store, "KZ", identity.certificate_pem(), replace=True),
                  lambda: register_fingerprint(store, "KZ", identity.fingerprint, "Focal KZ")):
        with pytest.raises(StoreError) as raised:
            again()
        assert "2026-05-01" in str(raised.value.params)
    assert [s.state() for s in store.list_trusted_signers("KZ")] == ["revoked"]
    import_paths(store, default_library(), [package])
    assert not store.list_submissions()


@pytest.mark.parametrize("revision", ["2", 2.0, True])
def test_a_manifest_of_the_wrong_shape_is_refused_for_that_reason_only(tmp_path, kz, revision):
    """It was also said "not to name a valid country (—)", though it named KZ."""
    from cami_desktop.core.trust.assess import assess_package
    from tests.helpers.verify_packages import make_package

    identity, _ = kz
    path = make_package(tmp_path / "p.zip", identity, edit=lambda m: m["report"].__setitem__("revision", revision))
    with Store.open(tmp_path / "data", app_version="test", backups=False) as store:
        result = assess_package(path, store)
    assert result.verdict.value == "invalid"
    assert [p.message for p in result.reasons] == ["The manifest is not valid: {reason}"]
    assert "revision" in str(result.reasons[0].params)


@pytest.mark.parametrize("name", ["Saiga \u202eecnaillA", "Saiga\u200b Alliance", "Saiga Alliance\ufeff",
                                  "Saiga \u2066Alliance\u2069", "Saiga\u00adAlliance", "Saiga \u061cAlliance"])
def test_an_organization_name_with_invisible_characters_is_not_an_organization(tmp_path, name):
    """A reversed or invisible character made a name that reads like another organization's
    ("Saiga \\u202eecnaillA" shows as "Saiga Alliance"): verify said unregistered, the inbox kept it."""
    form = default_library().get("concerted-action")
    signer = make_identity(tmp_path / "org", "Director", country="")
    answers = sample_answers(form, seed=5, lang="en")
    answers.update(reporter_kind="organization", reporter_name=name)
    path = assemble_package(signer, tmp_path, form, country=name, period=PERIOD, lang="en", answers=answers)
    from cami_desktop.core.errors import CamiError
    from cami_desktop.core.forms.reporters import reporter_of
    from cami_desktop.core.trust.organizations import assess_submission

    with Store.open(tmp_path / "data", app_version="test", backups=False) as store:
        assert assess_submission(path, store).verdict.value == "invalid"
        [item] = import_paths(store, default_library(), [path]).items
        assert item.outcome == "refused" and not store.list_submissions()
    with pytest.raises(CamiError):
        reporter_of(form, organization=name)
    assert reporter_of(form, organization="\u0627\u0646\u062c\u0645\u0646\u200c\u0647\u0627 Saiga") \
        == "\u0627\u0646\u062c\u0645\u0646\u200c\u0647\u0627 Saiga"  # a Persian name keeps its joiner
