"""Judge a verified package against the signers the Secretariat registered per country.

:func:`assess_package` (or :func:`assess`, for a package already checked by
:func:`~cami_desktop.core.export.verify.verify_package`) says exactly one of:

* ``Verdict.REGISTERED``: intact, and signed by the certificate registered for the country
  the package claims (its manifest's ``report.country``), inside that registration's validity;
* ``Verdict.UNREGISTERED``: intact, but signed by a certificate registered for no country;
  its fingerprint is there to compare by telephone before registering it;
* ``Verdict.INVALID``: with every reason, e.g. changed or incomplete, or signed by a certificate
  registered for another country, revoked, replaced, or outside its period of validity.

Registration itself (from a certificate file or a fingerprint) is in :mod:`.trust_signers`.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable

from .export.verify import Problem, Progress, Verification, verify_package
from .i18n import N_
from .store.records import to_utc, utcnow
from .store.signers import (ACTIVE, EXPIRED, NOT_YET_VALID, REPLACED, REVOKED, STATE_LABELS,
                          TrustedSigner)
from .trust_signers import (country_name, is_country, load_certificate, migrate_legacy_folder,
                            normalize_fingerprint, range_states, register_certificate, register_fingerprint,
                            resolve_signer, validity_text)

__all__ = [
    "Assessment", "Problem", "STATE_LABELS", "TrustedSigner", "Verdict", "assess", "assess_package",
    "country_name", "is_country", "load_certificate", "migrate_legacy_folder",
    "normalize_fingerprint", "range_states", "register_certificate", "register_fingerprint", "resolve_signer",
    "validity_text",
]


class Verdict(enum.Enum):
    """The one answer a check gives."""

    REGISTERED = "registered"       # (a) intact, from the registered signer of that country
    UNREGISTERED = "unregistered"   # (b) intact, from a signer registered nowhere
    INVALID = "invalid"             # (c) not valid

    @property
    def label(self) -> str:
        """The verdict's msgid, translated where shown."""
        return _VERDICT_LABELS[self]


_VERDICT_LABELS = {
    Verdict.REGISTERED: N_("valid, from the registered signer"),
    Verdict.UNREGISTERED: N_("intact, from an unregistered signer"),
    Verdict.INVALID: N_("NOT VALID"),
}


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
        """The country the package claims (``""`` when it says none)."""
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


#: The reason given when the package names no country (secretariat.judge tells organizations by it).
NOT_A_COUNTRY = N_("The package does not name a valid country ({country}).")


def _problem(message: str, **params: object) -> Problem:
    return Problem(message, tuple(params.items()))


def assess_package(path: Path, store, *, on: datetime | None = None,
                   extra_certificates: Iterable = (), progress: Progress | None = None) -> Assessment:
    """Verify the package at ``path`` and judge its signer against ``store``'s registrations.

    ``on``: the moment at which registrations are judged (default: now). ``extra_certificates``
    (x509 certificates, e.g. from ``verify --trust``) count as registered for the country the
    package claims, for this check only. ``progress(fraction, text)`` follows the hashing; an
    exception it raises (Cancel) reaches the caller. Never raises for a damaged or hostile package.
    """
    verification = verify_package(Path(path), progress=progress)
    return assess(verification, store, on=on, extra_certificates=extra_certificates)


def assess(verification: Verification, store, on: datetime | None = None, *,
           extra_certificates: Iterable = ()) -> Assessment:
    """Judge an already verified package (see :func:`assess_package`)."""
    result = Assessment(Verdict.INVALID, verification, list(verification.problems))
    if not verification.signature_valid:
        if not result.reasons:
            result.reasons.append(_problem(N_("The package is not signed.")))
        return result
    country = result.country
    if not is_country(country):
        result.reasons.append(_problem(NOT_A_COUNTRY, country=country or "—"))
        return result
    verdict = _judge_signer(result, store, on, extra_certificates)
    if verification.intact and verdict is not None:
        result.verdict = verdict
    return result


def _judge_signer(result: Assessment, store, on: datetime | None, extra_certificates: Iterable) -> Verdict | None:
    """REGISTERED or UNREGISTERED when the signer passes for the claimed country; else add why."""
    from .signing.identity import fingerprint as cert_fingerprint
    verification, country = result.verification, result.country
    if any(cert_fingerprint(cert) == verification.fingerprint for cert in extra_certificates):
        return Verdict.REGISTERED
    migrate_legacy_folder(store)
    registrations = store.trusted_signers_with_fingerprint(verification.fingerprint)
    if not registrations:
        if verification.intact:
            result.reasons.append(_problem(
                N_("The signer {name} is not registered for any country. Compare the fingerprint "
                   "{fingerprint} with the one the focal point of {country} gives you by telephone "
                   "before registering it."),
                name=verification.signer_name, fingerprint=verification.fingerprint, country=country))
        return Verdict.UNREGISTERED
    here = [r for r in registrations if r.country == country]
    if not here:
        others = ", ".join(sorted({r.country for r in registrations}))
        result.reasons.append(_problem(
            N_("The package says it is from {country}, but its signer is registered for {others}."),
            country=country, others=others))
        return None
    on = to_utc(on or utcnow())
    states = [(r, r.state(on)) for r in here]
    active = next((r for r, state in states if state == ACTIVE), None)
    if active is not None:
        result.signer = active
        return Verdict.REGISTERED
    result.signer = here[0]
    for registration, state in states:
        result.reasons.append(_state_problem(registration, state))
    return None


def _state_problem(signer: TrustedSigner, state: str) -> Problem:
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
