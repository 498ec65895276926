"""The verdict on a received package whoever filed it: a country, or an organization.

:func:`cami_desktop.core.trust.assess_package` judges the signer against the signers the
Secretariat registered *per country*, and so says "not valid" of a package whose reporter is no
country. But a Concerted Action report may be filed by an organization (see
:mod:`cami_desktop.core.forms.reporters`: its manifest then names the organization where a
country's code would be). Such a package, when it is signed and intact, is genuine; its signer
simply cannot be registered for a country. It is judged here *unregistered*, with its
fingerprint to compare by telephone, like a country's first report from a new focal point.
Anything else wrong with it (a changed file, a bad signature) still makes it not valid.

Whether the form allows an organization at all is checked when the answers are read
(:mod:`.package_read`), where the form is known; ``verify`` only needs the manifest.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from datetime import datetime
from pathlib import Path
from typing import Iterable

from ..i18n import N_
from ..trust import NOT_A_COUNTRY, Assessment, Problem, Verdict, assess_package
#: package_read.MAX_PACKAGE_BYTES (not imported: ``verify`` stays light): a larger file is never in the inbox
_LARGEST = 50 * 1024 * 1024
ORGANIZATION_SIGNER = N_("The report is filed by the organization {name}; signers are registered per "
                         "country only. Compare the fingerprint {fingerprint} with the one the organization "
                         "gives you by telephone before relying on it.")


def assess_submission(path: Path, store, *, on: datetime | None = None, extra_certificates: Iterable = (),
                      progress=None) -> Assessment:
    """:func:`~cami_desktop.core.trust.assess_package`, with organizations' packages judged fairly.

    ``on`` (default): when the inbox received these very bytes, if it holds them, else now. A
    package whose manifest gives no usable time (missing, malformed, in the future) counts as
    signed when it arrived: ``verify`` must judge it as the inbox did, not as of today.
    """
    if on is None:
        on = _received_at(Path(path), store)
    return judge_organization(assess_package(Path(path), store, on=on, extra_certificates=extra_certificates,
                                             progress=progress))


def _received_at(path: Path, store) -> datetime | None:
    """When the inbox received the package at ``path`` (by its SHA-256), or ``None``."""
    lookup = getattr(store, "submission_received_at", None)
    if lookup is None:
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode) or os.stat(path).st_size > _LARGEST:
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None  # verify_package says why it cannot be read
    return lookup(digest.hexdigest())


def organization_of(assessment: Assessment) -> str:
    """The organization that filed the package, or ``""`` when a country (or nobody) did."""
    reporter = assessment.country
    # forms.reporters.is_country's rule (two letters mean a country), without importing the forms
    # package and PyYAML into ``verify`` for every package: its start-up is measured.
    if not reporter.strip() or re.fullmatch(r"[A-Za-z]{2}", reporter):
        return ""
    from ..forms.reporters import FORBIDDEN, ORGANIZATION_LENGTH, normalize_organization
    low, high = ORGANIZATION_LENGTH
    # Only a name the application itself would have written (no path characters, no control
    # characters, 3 to 80 long): anything else stays "not a valid country".
    if normalize_organization(reporter) != reporter or FORBIDDEN.search(reporter) \
            or not low <= len(reporter) <= high:
        return ""
    return reporter


def judge_organization(assessment: Assessment) -> Assessment:
    """An intact, validly signed package filed by an organization: unregistered, not invalid."""
    organization = organization_of(assessment)
    verification = assessment.verification
    if assessment.verdict is not Verdict.INVALID or not organization:
        return assessment
    if not verification.signature_valid or not verification.intact:
        return assessment
    others = [p for p in assessment.reasons if p.message != NOT_A_COUNTRY]
    if others:
        return assessment
    assessment.verdict = Verdict.UNREGISTERED
    assessment.reasons = [Problem(ORGANIZATION_SIGNER, (("name", organization),
                                                        ("fingerprint", verification.fingerprint)))]
    return assessment
