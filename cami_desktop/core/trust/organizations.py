"""The verdict on a received package whoever filed it: a country, or an organization.

A Concerted Action report may be filed by an organization (see
:mod:`cami_desktop.core.forms.reporters`: its manifest then names the organization where a
country's code would be). Its signer is registered for that organization exactly as a focal
point's is for a country (``trust add --organization``), after the same telephone check, and
judged by the same rule (:func:`cami_desktop.core.trust.assess.judge_signer`): registered, it counts;
unregistered, it awaits registration and is counted nowhere; registered for another reporter,
it is not valid. What is added here is when the package is judged: as of when the inbox
received these very bytes, so that ``verify`` says what the inbox said.

Whether the form allows an organization at all is checked when the answers are read
(:mod:`.package_read`), where the form is known; ``verify`` only needs the manifest.
"""
from __future__ import annotations

import hashlib
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Iterable

from .assess import Assessment, assess_package, organization_name

#: package_read.MAX_PACKAGE_BYTES (not imported: ``verify`` stays light): a larger file is never in the inbox
_LARGEST = 50 * 1024 * 1024


def assess_submission(path: Path, store, *, on: datetime | None = None, extra_certificates: Iterable = (),
                      progress=None) -> Assessment:
    """:func:`~cami_desktop.core.trust.assess.assess_package`, as of when the inbox received the package.

    ``on`` (default): when the inbox received these very bytes, if it holds them, else now. A
    package whose manifest gives no usable time (missing, malformed, in the future) counts as
    signed when it arrived: ``verify`` must judge it as the inbox did, not as of today.
    """
    if on is None:
        on = _received_at(Path(path), store)
    return assess_package(Path(path), store, on=on, extra_certificates=extra_certificates, progress=progress)


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
    return organization_name(assessment.country)
