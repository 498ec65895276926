"""The one rule on who speaks for a country (issue 15): judge_signer, signing time, a second signer."""
from __future__ import annotations

import datetime as dt

import pytest

from cami_desktop.core.store import Store
from cami_desktop.core.trust import assess as trust
from cami_desktop.core.trust.assess import Verdict, judge_signer, signing_time
from cami_desktop.core.trust.registry import SecondSignerError
from tests.helpers.verify_packages import make_identity

UTC = dt.timezone.utc
FP = "AB:" * 31 + "AB"
OTHER = "CD:" * 31 + "CD"


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data", app_version="test", backups=False) as opened:
        yield opened


def test_the_signing_time_is_the_manifests_never_after_it_arrived():
    received = dt.datetime(2026, 6, 1, 12, tzinfo=UTC)
    assert signing_time("2026-05-04T09:12:30Z", received) == dt.datetime(2026, 5, 4, 9, 12, 30, tzinfo=UTC)
    assert signing_time("2099-01-01T00:00:00Z", received) == received  # a date in the future: bounded
    assert signing_time("not a time", received) == received
    assert signing_time(None, received) == received
    assert signing_time("2026-05-04T09:12:30", received).tzinfo is not None


def test_a_revocation_flags_only_what_was_signed_after_it(store):
    signer = trust.register_fingerprint(store, "NP", FP, "Sita Gurung")
    store.revoke_trusted_signer(signer.id, at=dt.datetime(2026, 5, 10, tzinfo=UTC))
    registrations = store.trusted_signers_with_fingerprint(FP)
    before, _, reasons = judge_signer("NP", FP, registrations, dt.datetime(2026, 5, 4, tzinfo=UTC))
    assert before is Verdict.REGISTERED and reasons == []
    after, found, reasons = judge_signer("NP", FP, registrations, dt.datetime(2026, 5, 11, tzinfo=UTC))
    assert after is Verdict.INVALID and found.id == signer.id
    assert "revoked on 2026-05-10" in reasons[0].render("en")
    nobody, _, reasons = judge_signer("NP", OTHER, [], dt.datetime(2026, 5, 11, tzinfo=UTC), name="X")
    assert nobody is Verdict.UNREGISTERED and OTHER in reasons[0].render("en")
    elsewhere, _, reasons = judge_signer("KZ", FP, registrations, dt.datetime(2026, 5, 4, tzinfo=UTC))
    assert elsewhere is Verdict.INVALID and "registered for NP" in reasons[0].render("en")


def test_a_second_signer_in_force_needs_asking_for(store):
    first = trust.register_fingerprint(store, "NP", FP, "Sita Gurung")
    with pytest.raises(SecondSignerError) as refused:
        trust.register_fingerprint(store, "NP", OTHER, "Impostor Nepal")
    assert refused.value.current.id == first.id
    text = str(refused.value)
    assert "Nepal (NP) already has a registered signer: Sita Gurung" in text and "--additional" in text
    assert [s.name for s in store.list_trusted_signers("NP")] == ["Sita Gurung"]
    second = trust.register_fingerprint(store, "NP", OTHER, "Second", additional=True)
    assert {s.state() for s in store.list_trusted_signers("NP")} == {"active"} and second.id != first.id
    # Replacing, and registering after a revocation or an expiry, need no asking.
    trust.register_fingerprint(store, "KZ", FP, "A", valid_until=dt.date(2020, 1, 1))
    trust.register_fingerprint(store, "KZ", OTHER, "B")
    store.revoke_trusted_signer(second.id)
    trust.register_fingerprint(store, "NP", "EF:" * 31 + "EF", "New", replace=True)


def test_the_window_and_verify_share_one_table_of_labels():
    assert trust.VERDICT_LABELS == {"registered": "Registered signer", "unregistered": "Unregistered signer",
                                    "invalid": "NOT VALID"}
    assert {v.label for v in Verdict} == set(trust.VERDICT_LABELS.values())
    from cami_desktop.core.secretariat import views
    assert views.VERDICT_LABELS is trust.VERDICT_LABELS


def test_verify_judges_a_revoked_signers_package_by_when_it_was_signed(store, tmp_path):
    identity = make_identity(tmp_path / "kz", "KZ signer", "KZ")
    from tests.helpers.verify_packages import make_package
    signer = trust.register_fingerprint(store, "KZ", identity.fingerprint, identity.name)
    store.revoke_trusted_signer(signer.id, at=dt.datetime(2026, 5, 10, tzinfo=UTC))

    def dated(created: str):
        return make_package(tmp_path / f"{created[:10]}.zip", identity, "KZ",
                            edit=lambda manifest: manifest.update(created=created))
    early = trust.assess_package(dated("2026-05-04T09:00:00Z"), store)
    late = trust.assess_package(dated("2026-05-11T09:00:00Z"), store)
    assert early.verdict is Verdict.REGISTERED and late.verdict is Verdict.INVALID


def test_the_stored_verdicts_are_the_rules_values():
    from cami_desktop.core.store import submissions
    assert {v.value for v in Verdict} == {submissions.REGISTERED, submissions.UNREGISTERED, submissions.INVALID}


def test_revoking_again_only_moves_the_date_earlier(store):
    """A key found to have been lost before it was revoked: ``revoke --since`` an earlier day
    widens the revocation; a later day never narrows it (was silently ignored both ways)."""
    signer = trust.register_fingerprint(store, "NP", FP, "Sita Gurung")
    store.revoke_trusted_signer(signer.id, at=dt.datetime(2026, 5, 10, tzinfo=UTC))
    earlier = store.revoke_trusted_signer(signer.id, at=dt.datetime(2026, 4, 1, tzinfo=UTC))
    assert earlier.revoked_at.date() == dt.date(2026, 4, 1)
    later = store.revoke_trusted_signer(signer.id, at=dt.datetime(2026, 6, 1, tzinfo=UTC))
    assert later.revoked_at.date() == dt.date(2026, 4, 1)
    assert store.revoke_trusted_signer(signer.id).revoked_at.date() == dt.date(2026, 4, 1)
