"""Trusted signers per country or organization: the store's half of :mod:`cami_desktop.core.trust`.

The store keeps registrations and their history; it does not read certificates or judge
packages (that is :mod:`cami_desktop.core.trust`). Values arrive already checked and
normalized: a country code in capitals or an organization's name as its reports store it (in
the same ``country`` column: two letters always mean a country), a fingerprint as ``AB:CD:…``.
A registration is never deleted; replacing or revoking one records when it ended.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Row, insert, select, update
from sqlalchemy.engine import Connection

from .. import errors
from ..i18n import N_
from . import signers
from .base import StoreBase
from .records import to_utc, utcnow
from .schema import trusted_signers
from .signers import TrustedSigner, to_date


def _record(row: Row) -> TrustedSigner:
    return TrustedSigner(
        id=row.id, country=row.country, fingerprint=row.fingerprint, name=row.name,
        certificate=row.certificate, source=row.source, registered_at=row.registered_at,
        valid_from=to_date(row.valid_from), valid_until=to_date(row.valid_until),
        replaced_at=row.replaced_at, replaced_by=row.replaced_by, revoked_at=row.revoked_at,
    )


def _not_found(key: object) -> errors.StoreError:
    return errors.StoreError(N_("There is no trusted signer {key}."), key=str(key))


class SecondSigner(errors.StoreError):
    """The country already has a signer in force; a second one needs to be asked for."""

    def __init__(self, current: TrustedSigner) -> None:
        super().__init__(N_("{country} already has a registered signer: {name} (number {id}, {fingerprint}). "
                            "Replace it (trust replace), or register a second signer explicitly "
                            "(--additional)."), country=current.country, name=current.name, id=current.id,
                         fingerprint=current.fingerprint)
        self.current = current


class TrustMixin(StoreBase):
    """Trusted-signer methods of :class:`~.store.Store`."""

    def list_trusted_signers(self, country: str | None = None) -> list[TrustedSigner]:
        """Every registration (ended ones too), by country then newest first."""
        query = select(trusted_signers)
        if country is not None:
            query = query.where(trusted_signers.c.country == country)
        query = query.order_by(trusted_signers.c.country, trusted_signers.c.id.desc())
        with self._read() as connection:
            return [_record(row) for row in connection.execute(query)]

    def trusted_signers_with_fingerprint(self, fingerprint: str) -> list[TrustedSigner]:
        """The registrations of one certificate, newest first (usually none or one)."""
        # Plain SQL shared with the light opening path (signers.py): verify needs no SQLAlchemy.
        with self._read() as connection:
            rows = connection.exec_driver_sql(signers.WITH_FINGERPRINT, (fingerprint,))
            return [signers.signer_of(row) for row in rows]

    def get_trusted_signer(self, signer_id: int) -> TrustedSigner:
        """One registration, or :class:`errors.StoreError` if there is none with that id."""
        with self._read() as connection:
            row = connection.execute(
                select(trusted_signers).where(trusted_signers.c.id == signer_id)).first()
        if row is None:
            raise _not_found(signer_id)
        return _record(row)

    def add_trusted_signer(self, country: str, fingerprint: str, name: str, *,
                           certificate: bytes | None = None, source: str = "certificate",
                           valid_from: date | None = None, valid_until: date | None = None,
                           at: datetime | None = None, additional: bool = False) -> TrustedSigner:
        """Register a signer for ``country``; refused if that certificate is already registered there.

        Refused too when the country already has another signer in force, unless ``additional``
        (a second signer is registered only when asked for explicitly: ``replace`` is the usual way).
        """
        with self._write() as connection:
            if not additional:
                rows = connection.execute(select(trusted_signers).where(
                    trusted_signers.c.country == country, trusted_signers.c.revoked_at.is_(None),
                    trusted_signers.c.replaced_at.is_(None), trusted_signers.c.fingerprint != fingerprint,
                ).order_by(trusted_signers.c.id)).all()
                # every one not ended, not only the first: an expired first one hid one in force
                current = next((r for r in map(_record, rows) if r.state(at) != signers.EXPIRED), None)
                if current is not None:
                    raise SecondSigner(current)
            return self._insert_signer(connection, country, fingerprint, name, certificate, source,
                                       valid_from, valid_until, at or utcnow())

    def replace_trusted_signer(self, country: str, fingerprint: str, name: str, *,
                               certificate: bytes | None = None, source: str = "certificate",
                               valid_from: date | None = None, valid_until: date | None = None,
                               at: datetime | None = None) -> TrustedSigner:
        """Register a new signer for ``country``; every current one there ends now, as replaced."""
        at = at or utcnow()
        with self._write() as connection:
            current = connection.execute(select(trusted_signers.c.id).where(
                trusted_signers.c.country == country, trusted_signers.c.revoked_at.is_(None),
                trusted_signers.c.replaced_at.is_(None), trusted_signers.c.fingerprint != fingerprint,
            )).scalars().all()
            new = self._insert_signer(connection, country, fingerprint, name, certificate, source,
                                      valid_from, valid_until, at)
            if current:
                connection.execute(update(trusted_signers).where(trusted_signers.c.id.in_(current))
                                   .values(replaced_at=at, replaced_by=new.id))
            return new

    def revoke_trusted_signer(self, signer_id: int, *, at: datetime | None = None) -> TrustedSigner:
        """Revoke a registration from ``at`` (default now). Revoking again only moves the date
        earlier (a key found to have been lost before it was revoked), never later."""
        with self._write() as connection:
            row = connection.execute(
                select(trusted_signers).where(trusted_signers.c.id == signer_id)).first()
            if row is None:
                raise _not_found(signer_id)
            if row.revoked_at is None or (at is not None and to_utc(at) < to_utc(row.revoked_at)):
                connection.execute(update(trusted_signers).where(trusted_signers.c.id == signer_id)
                                   .values(revoked_at=at or utcnow()))
            row = connection.execute(
                select(trusted_signers).where(trusted_signers.c.id == signer_id)).first()
        return _record(row)

    @staticmethod
    def _insert_signer(connection: Connection, country: str, fingerprint: str, name: str,
                       certificate: bytes | None, source: str, valid_from: date | None,
                       valid_until: date | None, at: datetime) -> TrustedSigner:
        if valid_from is not None and valid_until is not None and valid_until < valid_from:
            raise errors.StoreError(N_("The end of the validity ({until}) is before its start ({start})."),
                                    until=valid_until.isoformat(), start=valid_from.isoformat())
        revoked = connection.execute(select(trusted_signers.c.revoked_at).where(
            trusted_signers.c.country == country, trusted_signers.c.fingerprint == fingerprint,
            trusted_signers.c.revoked_at.is_not(None)).order_by(trusted_signers.c.revoked_at)).first()
        organization = not (len(country) == 2 and country.isalpha())  # two letters: a country
        if revoked is not None and organization:
            raise errors.StoreError(
                N_("This certificate ({fingerprint}) was revoked for the organization {organization} on {date}; "
                   "a revoked certificate is not registered again. The organization makes a new signing "
                   "identity."),
                fingerprint=fingerprint, organization=country, date=revoked.revoked_at.date().isoformat())
        if revoked is not None:
            # Registered again, it would make "registered" every package signed with it since the
            # revocation (e.g. by whoever stole the key): a revocation is never undone this way.
            raise errors.StoreError(
                N_("This certificate ({fingerprint}) was revoked for {country} on {date}; a revoked "
                   "certificate is not registered again. The focal point makes a new signing identity."),
                fingerprint=fingerprint, country=country, date=revoked.revoked_at.date().isoformat())
        duplicate = connection.execute(select(trusted_signers.c.id).where(
            trusted_signers.c.country == country, trusted_signers.c.fingerprint == fingerprint,
            trusted_signers.c.revoked_at.is_(None), trusted_signers.c.replaced_at.is_(None),
        )).first()
        if duplicate is not None and organization:
            raise errors.StoreError(
                N_("This certificate ({fingerprint}) is already registered for the organization {organization} "
                   "(number {id})."), fingerprint=fingerprint, organization=country, id=duplicate.id)
        if duplicate is not None:
            raise errors.StoreError(
                N_("This certificate ({fingerprint}) is already registered for {country} (number {id})."),
                fingerprint=fingerprint, country=country, id=duplicate.id)
        values = {
            "country": country, "fingerprint": fingerprint, "name": name, "certificate": certificate,
            "source": source, "registered_at": at,
            "valid_from": valid_from.isoformat() if valid_from else None,
            "valid_until": valid_until.isoformat() if valid_until else None,
        }
        new_id = connection.execute(insert(trusted_signers).values(**values)).inserted_primary_key[0]
        row = connection.execute(select(trusted_signers).where(trusted_signers.c.id == new_id)).first()
        return _record(row)
