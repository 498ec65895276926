"""Judge a verified package against the signers the Secretariat registered per reporter.

A reporter is a country or, for a report an organization may file (the Concerted Action
report), that organization: its signer is registered the same way, after the same telephone
check, and judged by the same rule. The rule itself is :func:`judge_signer`, the only place
that decides whether a signer speaks for a reporter: ``verify``, the import into the inbox and
the re-judging of stored submissions
(:func:`cami_desktop.core.secretariat.inbox.refresh_registrations`) all call it, and every
label shown for a verdict comes from :data:`VERDICT_LABELS`.

:func:`assess_package` (or :func:`assess`, for a package already checked by
:func:`~cami_desktop.core.export.verify.verify_package`) says exactly one of:

* ``Verdict.REGISTERED``: intact, and signed by a certificate registered for the reporter the
  package claims (its manifest's ``report.country``: a country's code or an organization's
  name), that registration in force when the package was signed (:func:`~cami_desktop.core.store.records.signing_time`);
* ``Verdict.UNREGISTERED``: intact, but signed by a certificate registered for nobody; its
  fingerprint is there to compare by telephone before registering it;
* ``Verdict.INVALID``: with every reason, e.g. changed or incomplete, or signed by a certificate
  registered for another reporter, revoked, replaced, or outside its period of validity.

Registration itself (from a certificate file or a fingerprint) is in :mod:`.registry`.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable

from ..export.verify import Problem, Progress, Verification, verify_package
from ..i18n import N_
from ..store.records import signing_time, to_utc, utcnow  # signing_time: the rule's time, kept with the times
from ..store.signers import ACTIVE, EXPIRED, NOT_YET_VALID, REPLACED, REVOKED, STATE_LABELS, TrustedSigner
from .registry import (country_name, is_country, load_certificate, migrate_legacy_folder, normalize_fingerprint,
                       organization_name, range_states, register_certificate, register_fingerprint, reporter_label,
                       resolve_signer, validity_text)

__all__ = [
    "Assessment", "Problem", "STATE_LABELS", "TrustedSigner", "VERDICT_LABELS", "Verdict", "assess",
    "assess_package", "judge_signer", "signing_time", "verdict_label",
    "country_name", "is_country", "load_certificate", "migrate_legacy_folder",
    "normalize_fingerprint", "organization_name", "range_states", "reporter_label", "register_certificate",
    "register_fingerprint", "resolve_signer", "validity_text",
]


class Verdict(enum.Enum):
    """The one answer a check gives."""

    REGISTERED = "registered"       # (a) intact, from the registered signer of that reporter
    UNREGISTERED = "unregistered"   # (b) intact, from a signer registered nowhere
    INVALID = "invalid"             # (c) not valid

    @property
    def label(self) -> str:
        """The verdict's msgid, translated where shown."""
        return _VERDICT_LABELS[self]


#: The one table of verdict labels (msgids), by the verdict's stored value: ``verify``, the
#: inbox, ``inbox list``, the overview and the compiled outputs all say these words.
VERDICT_LABELS = {
    Verdict.REGISTERED.value: N_("Registered signer"),
    Verdict.UNREGISTERED.value: N_("Unregistered signer"),
    Verdict.INVALID.value: N_("NOT VALID"),
}
_VERDICT_LABELS = {verdict: VERDICT_LABELS[verdict.value] for verdict in Verdict}


def verdict_label(value: str) -> str:
    """The label msgid of a stored verdict (``registered``…); an unknown value as it is."""
    return VERDICT_LABELS.get(value, value)


@dataclass
class Assessment:
    """The verdict on one package, with why."""

    verdict: Verdict
    verification: Verification
    reasons: list[Problem] = field(default_factory=list)
    #: the registration that made it REGISTERED (or the one that failed), if any
    signer: TrustedSigner | None = None

    @property
    def fingerprint(self) -> str:
        return self.verification.fingerprint

    @property
    def signer_name(self) -> str:
        return self.verification.signer_name

    @property
    def manifest(self) -> dict:
        return self.verification.manifest

    @property
    def country(self) -> str:
        """The reporter the package claims: a country's code or an organization's name (``""``: none)."""
        report = self.manifest.get("report") if isinstance(self.manifest, dict) else None
        country = report.get("country") if isinstance(report, dict) else None
        return country if isinstance(country, str) else ""

    @property
    def path(self) -> Path:
        return self.verification.path

    @property
    def ok(self) -> bool:
        """Only (a) is fully accepted."""
        return self.verdict is Verdict.REGISTERED


#: The reason given when the package names no country, nor an organization by a name the application writes.
NOT_A_COUNTRY = N_("The package does not name a valid country ({country}).")


def _problem(message: str, **params: object) -> Problem:
    return Problem(message, tuple(params.items()))


def assess_package(path: Path, store, *, on: datetime | None = None,
                   extra_certificates: Iterable = (), progress: Progress | None = None) -> Assessment:
    """Verify the package at ``path`` and judge its signer against ``store``'s registrations.

    ``on``: the moment at which registrations are judged (default: now). ``extra_certificates``
    (x509 certificates, e.g. from ``verify --trust``) count as registered for the reporter the
    package claims, for this check only. ``progress(fraction, text)`` follows the hashing; an
    exception it raises (Cancel) reaches the caller. Never raises for a damaged or hostile package.
    """
    verification = verify_package(Path(path), progress=progress)
    return assess(verification, store, on=on, extra_certificates=extra_certificates)


def assess(verification: Verification, store, on: datetime | None = None, *,
           extra_certificates: Iterable = ()) -> Assessment:
    """Judge an already verified package (see :func:`assess_package`).

    The signer is judged by :func:`judge_signer` as of when the package was signed (its
    manifest's ``created``), never later than ``on`` (default now).
    """
    result = Assessment(Verdict.INVALID, verification, list(verification.problems))
    if not verification.signature_valid:
        if not result.reasons:
            result.reasons.append(_problem(N_("The package is not signed.")))
        return result
    country = result.country
    if not is_country(country) and not organization_name(country):
        if result.manifest or not result.reasons:  # an unreadable manifest names nothing: its reason says why
            result.reasons.append(_problem(NOT_A_COUNTRY, country=country or "—"))
        return result
    from ..signing.identity import fingerprint as cert_fingerprint
    if any(cert_fingerprint(cert) == verification.fingerprint for cert in extra_certificates):
        verdict, signer, reasons = Verdict.REGISTERED, None, []
    else:
        migrate_legacy_folder(store)
        registrations = store.trusted_signers_with_fingerprint(verification.fingerprint)
        signed = signing_time(result.manifest.get("created") if isinstance(result.manifest, dict) else None,
                              on or utcnow())
        verdict, signer, reasons = judge_signer(country, verification.fingerprint, registrations, signed,
                                                name=verification.signer_name)
    result.signer = signer
    if verification.intact:
        result.verdict = verdict
        result.reasons += reasons
    elif verdict is Verdict.INVALID:  # a changed package: its signer's troubles are said too
        result.reasons += reasons
    return result


def judge_signer(country: str, fingerprint: str, registrations: Iterable[TrustedSigner],
                 signed: datetime, *, name: str = "") -> tuple[Verdict, TrustedSigner | None, list[Problem]]:
    """THE rule on who speaks for a reporter; every verdict in the application comes from here.

    ``country``: the reporter the package claims, a country's code or an organization's name
    (both registered the same way, and judged alike). ``registrations``: those of this
    certificate (``fingerprint``), for any reporter; ``signed``: when the package was signed
    (:func:`~cami_desktop.core.store.records.signing_time`). The answer, with its reasons:

    * ``REGISTERED`` when a registration of this certificate *for this reporter* was in force
      when the package was signed: not yet revoked or replaced then, inside its period of
      validity. A package signed before a revocation stays registered; one signed after it is
      not valid. Registering a signer after its packages arrived (once the fingerprint was
      compared by telephone) makes them registered.
    * ``UNREGISTERED`` when the certificate is registered for nobody: intact, awaiting
      registration, counted nowhere until the Secretariat registers it.
    * ``INVALID`` when it is registered only for other reporters, or was not in force then.

    Judged the same way by ``verify``, at import and whenever the inbox is shown, so the
    answers never disagree about the same package.
    """
    registrations = [r for r in registrations if r.fingerprint == fingerprint]
    if not registrations:
        if is_country(country):
            return Verdict.UNREGISTERED, None, [_problem(
                N_("The signer {name} is not registered for any country. Compare the fingerprint "
                   "{fingerprint} with the one the focal point of {country} gives you by telephone "
                   "before registering it."),
                name=name, fingerprint=fingerprint, country=country)]
        return Verdict.UNREGISTERED, None, [_problem(
            N_("The report is filed by the organization {organization}, and its signer {name} is not "
               "registered for it. Compare the fingerprint {fingerprint} with the one the organization "
               "gives you by telephone before registering it."),
            organization=country, name=name, fingerprint=fingerprint)]
    here = [r for r in registrations if r.country == country]
    if not here:
        others = ", ".join(sorted({r.country for r in registrations}))
        if not is_country(country):
            return Verdict.INVALID, None, [_problem(
                N_("The package says it is from the organization {organization}, but its signer is "
                   "registered for {others}."), organization=country, others=others)]
        return Verdict.INVALID, None, [_problem(
            N_("The package says it is from {country}, but its signer is registered for {others}."),
            country=country, others=others)]
    signed = to_utc(signed)
    states = [(r, r.state(signed)) for r in here]
    active = next((r for r, state in states if state == ACTIVE), None)
    if active is not None:
        return Verdict.REGISTERED, active, []
    return Verdict.INVALID, here[0], [_state_problem(r, state) for r, state in states]


#: what :func:`_state_problem` says of an organization's registration (Russian says "for the
#: country" in the country's messages, so an organization has its own sentences)
_ORGANIZATION_STATES = {
    REVOKED: N_("The signer's certificate for the organization {organization} was revoked on {date}."),
    REPLACED: N_("The signer's certificate for the organization {organization} was replaced on {date}."),
    NOT_YET_VALID: N_("The signer's certificate for the organization {organization} is registered as valid "
                      "only from {date}."),
    EXPIRED: N_("The signer's certificate for the organization {organization} was registered as valid "
                "only until {date}."),
}


def _state_problem(signer: TrustedSigner, state: str) -> Problem:
    if not is_country(signer.country):
        dates = {REVOKED: signer.revoked_at, REPLACED: signer.replaced_at, NOT_YET_VALID: signer.valid_from,
                 EXPIRED: signer.valid_until}
        if state in _ORGANIZATION_STATES and dates[state] is not None:
            when = dates[state]
            when = when.date() if isinstance(when, datetime) else when
            return _problem(_ORGANIZATION_STATES[state], organization=signer.country, date=when.isoformat())
        return _problem(N_("The signer's registration for the organization {organization} is not in force."),
                        organization=signer.country)
    if state == REVOKED:
        return _problem(N_("The signer's certificate for {country} was revoked on {date}."),
                        country=signer.country, date=signer.revoked_at.date().isoformat())
    if state == REPLACED:
        return _problem(N_("The signer's certificate for {country} was replaced on {date}."),
                        country=signer.country, date=signer.replaced_at.date().isoformat())
    if state == NOT_YET_VALID:
        return _problem(N_("The signer's certificate for {country} is registered as valid only from {date}."),
                        country=signer.country, date=signer.valid_from.isoformat())
    if state == EXPIRED:
        return _problem(N_("The signer's certificate for {country} was registered as valid only until {date}."),
                        country=signer.country, date=signer.valid_until.isoformat())
    return _problem(N_("The signer's registration for {country} is not in force."), country=signer.country)
