"""Trusted signers as records, and the one lookup that judging a package needs, in plain SQL.

Shared by the store (:mod:`.trust`, through its engine) and the light opening path
(:class:`~.lazy.LazyStore`), so that ``cami-desktop verify`` judges a package without importing
SQLAlchemy (issue 10), as :mod:`.listing` does for the report list. Times are decoded as
``schema.UtcDateTime`` decodes them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Sequence

from ..i18n import N_
from .records import time_of, to_utc, utcnow

ACTIVE = "active"
NOT_YET_VALID = "not yet valid"
EXPIRED = "expired"
REPLACED = "replaced"
REVOKED = "revoked"
#: state → its label msgid, translated where shown
STATE_LABELS = {
    ACTIVE: N_("active"),
    NOT_YET_VALID: N_("not yet valid"),
    EXPIRED: N_("expired"),
    REPLACED: N_("replaced"),
    REVOKED: N_("revoked"),
}


@dataclass(frozen=True)
class TrustedSigner:
    """One registration of a signer for a country."""

    id: int
    country: str
    fingerprint: str
    name: str
    certificate: bytes | None   # DER; None when registered from a fingerprint alone
    source: str                 # "certificate", "fingerprint" or "legacy"
    registered_at: datetime
    valid_from: date | None
    valid_until: date | None
    replaced_at: datetime | None
    replaced_by: int | None
    revoked_at: datetime | None

    def state(self, on: datetime | None = None) -> str:
        """``active``, ``not yet valid``, ``expired``, ``replaced`` or ``revoked`` at ``on`` (default now)."""
        on = to_utc(on or utcnow())
        if self.revoked_at is not None and self.revoked_at <= on:
            return REVOKED
        if self.replaced_at is not None and self.replaced_at <= on:
            return REPLACED
        if self.valid_from is not None and on.date() < self.valid_from:
            return NOT_YET_VALID
        if self.valid_until is not None and on.date() > self.valid_until:
            return EXPIRED
        return ACTIVE

    @property
    def ended(self) -> bool:
        """Replaced or revoked (for good, whatever the date of judgement)."""
        return self.revoked_at is not None or self.replaced_at is not None


def to_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


_COLUMNS = ("id, country, fingerprint, name, certificate, source, registered_at, valid_from, "
            "valid_until, replaced_at, replaced_by, revoked_at")
#: The registrations of one certificate (by fingerprint), newest first.
WITH_FINGERPRINT = f"SELECT {_COLUMNS} FROM trusted_signers WHERE fingerprint = ? ORDER BY id DESC"


def signer_of(row: Sequence) -> TrustedSigner:
    """A row of :data:`WITH_FINGERPRINT` as a :class:`TrustedSigner`."""
    return TrustedSigner(
        id=row[0], country=row[1], fingerprint=row[2], name=row[3], certificate=row[4],
        source=row[5], registered_at=time_of(row[6]), valid_from=to_date(row[7]),
        valid_until=to_date(row[8]), replaced_at=time_of(row[9]), replaced_by=row[10],
        revoked_at=time_of(row[11]),
    )


#: When the inbox received the package with these bytes (SHA-256), if it holds it.
RECEIVED_AT = "SELECT received_at FROM submissions WHERE sha256 = ?"
