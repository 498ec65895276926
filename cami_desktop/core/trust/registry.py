"""Registering trusted signers: certificates, fingerprints, reporters, the legacy folder.

A signer is registered for one reporter from its certificate (PEM or DER file, or the
``signer.pem`` of a package) or from the SHA-256 fingerprint read out over the telephone. A
reporter is a country (its ISO code) or, for a report an organization may file (the Concerted
Action report), an organization: its name as the reports store it
(:func:`cami_desktop.core.forms.reporters.normalize_organization`), kept in the same ``country``
column of the registry. Two letters always mean a country, so the two are never confused.
Fingerprints are kept as ``openssl x509 -fingerprint -sha256`` prints them: 32 pairs of
capital hex digits joined by colons; whatever people type (lower case, spaces, no colons)
is normalized to that.

Before this registry the Secretariat kept trusted certificates as PEM files in
``DATA_DIR/trusted/``. That folder is migrated once, on first use: each certificate whose
subject names a country (``C=``) is registered for it (source ``legacy``); one without a
country cannot be placed and is left out (``trust list`` names it). The folder is not changed.
"""
from __future__ import annotations

import functools
import re
from datetime import date, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from ..errors import CamiError, os_reason
from ..i18n import N_, current_language, tr
from ..store.signers import TrustedSigner

LEGACY_DIR = "trusted"
LEGACY_SETTING = "trust_legacy_migration"
MAX_CERTIFICATE_BYTES = 64 * 1024
#: codes Babel lists as territories that are not ISO 3166-1 countries
_NOT_COUNTRIES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}


class TrustError(CamiError):
    """A signer cannot be registered, replaced or revoked as asked."""


class SecondSignerError(TrustError):
    """The reporter already has a signer in force: a second one is registered only when asked for."""

    def __init__(self, current: TrustedSigner) -> None:
        if is_country(current.country):
            super().__init__(N_("{country} already has a registered signer: {name} (number {id}, {fingerprint}). "
                                "Replace it (trust replace), or register a second signer explicitly "
                                "(--additional)."), country=reporter_label(current.country),
                             name=current.name, id=current.id, fingerprint=current.fingerprint)
        else:
            super().__init__(N_("The organization {organization} already has a registered signer: {name} "
                                "(number {id}, {fingerprint}). Replace it (trust replace --organization), or "
                                "register a second signer explicitly (--additional)."),
                             organization=current.country, name=current.name, id=current.id,
                             fingerprint=current.fingerprint)
        self.current = current


def _add(store, replace: bool, additional: bool, *args, **kwargs) -> TrustedSigner:
    """The store's add (or replace), with a second signer in force said in the country's name."""
    from ..store.trust import SecondSigner
    if replace:
        return store.replace_trusted_signer(*args, **kwargs)
    try:
        return store.add_trusted_signer(*args, additional=additional, **kwargs)
    except SecondSigner as exc:
        raise SecondSignerError(exc.current) from None


def normalize_fingerprint(text: str) -> str:
    """``ab cd:EF…`` → ``AB:CD:EF:…``; :class:`TrustError` unless it is 64 hex digits."""
    # openssl prints "sha256 Fingerprint=AB:CD:…": take what follows the "="
    digits = re.sub(r"[\s:\-]", "", (text or "").rsplit("=", 1)[-1]).upper()
    if not re.fullmatch(r"[0-9A-F]{64}", digits):
        raise TrustError(N_("{text} is not a SHA-256 fingerprint: it needs 64 hexadecimal digits "
                            "(0-9, A-F), with or without colons."), text=(text or "").strip()[:120])
    return ":".join(digits[i:i + 2] for i in range(0, 64, 2))


def load_certificate(source: Path | bytes) -> x509.Certificate:
    """A certificate from a PEM or DER file (or its bytes); :class:`TrustError` if it is none."""
    if isinstance(source, (bytes, bytearray)):
        data, label = bytes(source), "signer.pem"
    else:
        label = Path(source).name
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_CERTIFICATE_BYTES + 1)
        except OSError as exc:
            raise TrustError(N_("Cannot read {path}: {reason}"), path=str(source),
                             reason=os_reason(exc)) from None
    try:
        if len(data) > MAX_CERTIFICATE_BYTES:
            raise ValueError("too large")
        cert = (x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data
                else x509.load_der_x509_certificate(data))
        cert.fingerprint(hashes.SHA256())  # a damaged certificate may fail only when used
        _subject(cert)
    except Exception:  # noqa: BLE001 - any parse failure means the same to the person
        raise TrustError(N_("{name} is not a readable certificate (PEM or DER)."), name=label) from None
    return cert


def _subject(cert: x509.Certificate) -> tuple[str, str]:
    """(common name or the whole subject, the subject's country or "")."""
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    countries = cert.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)
    name = str(names[0].value) if names else cert.subject.rfc4514_string()
    return name, str(countries[0].value).upper() if countries else ""


@functools.lru_cache(maxsize=2)
def _iso_countries(lang: str) -> dict[str, str]:
    from babel import Locale
    return {code: name for code, name in Locale(lang).territories.items()
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES}


@functools.lru_cache(maxsize=1)
def range_states() -> tuple[str, ...]:
    """The Range States' codes, in the reference file's order.

    Read with a pattern, not the YAML parser: importing PyYAML alone costs ``verify`` about
    0.1 s, and the names (which need it) are only wanted where they are shown.
    """
    from ..paths import forms_dir
    text = (forms_dir() / "reference" / "range_states.yaml").read_text(encoding="utf-8")
    return tuple(re.findall(r"^\s*-\s*key:\s*([A-Z]{2})\s*$", text, flags=re.MULTILINE))


def is_country(code: str) -> bool:
    """A Range State's code, or any ISO 3166-1 alpha-2 country code (capitals)."""
    if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{2}", code):
        return False
    return code in range_states() or code in _iso_countries("en")


def country_name(code: str, lang: str | None = None) -> str:
    """A country's name in ``lang`` (default: the interface's), else its code."""
    from ..forms.cache import cached_index  # the names the report list shows, without PyYAML

    lang = lang or current_language()
    if code in range_states() and lang in ("en", "ru"):  # the reference file's names, as before
        return cached_index().country(code, lang)
    return _iso_countries(lang).get(code, code) if is_country(code) else code


def reporter_label(reporter: str) -> str:
    """``Kazakhstan (KZ)`` for a country; an organization's name as it is."""
    return f"{country_name(reporter)} ({reporter})" if is_country(reporter) else reporter


def organization_name(reporter: object) -> str:
    """``reporter`` when it is an organization's name as the application writes it, else ``""``.

    Two letters mean a country, never an organization; a name with path or control characters,
    invisible format characters (direction overrides, zero-width space…), runs of spaces, or
    outside 3 to 80 characters is nobody's (:mod:`cami_desktop.core.forms.reporters`' rule).
    """
    if not isinstance(reporter, str) or not reporter.strip() or re.fullmatch(r"[A-Za-z]{2}", reporter):
        return ""
    # imported here: ``verify`` reads this for a country's package too, and its start-up is measured
    from ..forms.reporters import FORBIDDEN, ORGANIZATION_LENGTH, normalize_organization
    low, high = ORGANIZATION_LENGTH
    if normalize_organization(reporter) != reporter or FORBIDDEN.search(reporter) \
            or not low <= len(reporter) <= high:
        return ""
    return reporter


def check_organization(text: str) -> str:
    """The organization's name as the reports store it, or :class:`TrustError`."""
    from ..forms.reporters import normalize_organization
    name = organization_name(normalize_organization(text or ""))
    if not name:
        raise TrustError(N_("The name of the reporting organization must be 3 to 80 characters long, "
                            "without / \\ : * ? \" < > | or invisible characters."))
    return name


def check_reporter(text: str, organization: bool = False) -> str:
    """A country's code (``organization`` false) or an organization's name, checked."""
    return check_organization(text) if organization else check_country(text)


def check_country(text: str) -> str:
    """The normalized code, or :class:`TrustError`."""
    code = (text or "").strip().upper()
    if not is_country(code):
        raise TrustError(N_("{code} is not a country code: use the two-letter ISO code, e.g. KZ."),
                         code=(text or "").strip()[:20])
    return code


def register_certificate(store, country: str, source: Path | bytes, *, valid_from: date | None = None,
                         valid_until: date | None = None, replace: bool = False,
                         at: datetime | None = None, additional: bool = False,
                         organization: bool = False) -> TrustedSigner:
    """Register (or, with ``replace``, put in place of the current one) a certificate for a reporter.

    ``country``: a country's ISO code or, with ``organization``, an organization's name. A second
    signer in force for the same reporter is refused unless ``additional``.
    """
    country = check_reporter(country, organization)
    cert = load_certificate(source)
    from ..signing.identity import fingerprint
    name, _ = _subject(cert)
    return _add(store, replace, additional, country, fingerprint(cert), name,
                certificate=cert.public_bytes(serialization.Encoding.DER), source="certificate",
                valid_from=valid_from, valid_until=valid_until, at=at)


def register_fingerprint(store, country: str, fingerprint: str, name: str, *,
                         valid_from: date | None = None, valid_until: date | None = None,
                         replace: bool = False, at: datetime | None = None,
                         additional: bool = False, organization: bool = False) -> TrustedSigner:
    """Register a fingerprint read out over the telephone, with the signer's name as typed.

    ``country``: a country's ISO code or, with ``organization``, an organization's name.
    """
    country = check_reporter(country, organization)
    fingerprint = normalize_fingerprint(fingerprint)
    name = (name or "").strip()
    if not name:
        raise TrustError(N_("Give the signer's name with a fingerprint."))
    return _add(store, replace, additional, country, fingerprint, name, source="fingerprint",
                valid_from=valid_from, valid_until=valid_until, at=at)


def validity_text(signer: TrustedSigner) -> str:
    """``2026-01-01 – 2026-12-31`` in the interface language; an open end shows as ``…``."""
    if signer.valid_from is None and signer.valid_until is None:
        return tr("no limit")
    start = signer.valid_from.isoformat() if signer.valid_from else "…"
    end = signer.valid_until.isoformat() if signer.valid_until else "…"
    return f"{start} – {end}"


def resolve_signer(store, key: str) -> TrustedSigner:
    """The registration numbered ``key``, or the current one with fingerprint ``key``."""
    key = (key or "").strip()
    if key.isdigit() and len(key) < 12:
        return store.get_trusted_signer(int(key))
    matches = store.trusted_signers_with_fingerprint(normalize_fingerprint(key))
    current = [m for m in matches if not m.ended] or matches
    if len(current) != 1:
        raise TrustError(N_("No single registration has the fingerprint {fingerprint}: give its number "
                            "(see trust list)."), fingerprint=key[:120])
    return current[0]


def migrate_legacy_folder(store) -> list[str]:
    """Register the certificates of ``DATA_DIR/trusted/`` once; return the files left out."""
    if getattr(store, "_trust_legacy_checked", False):
        return list((store.get_setting(LEGACY_SETTING) or {}).get("skipped", []))
    done = store.get_setting(LEGACY_SETTING)
    folder = Path(store.data_dir) / LEGACY_DIR
    if done is None and folder.is_dir():
        skipped = []
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".pem", ".crt", ".cer"):
                continue
            skipped += _migrate_one(store, path)
        done = {"skipped": skipped}
        store.set_setting(LEGACY_SETTING, done)
    store._trust_legacy_checked = True
    return list((done or {}).get("skipped", []))


def _migrate_one(store, path: Path) -> list[str]:
    try:
        cert = load_certificate(path)
    except TrustError:
        return [path.name]
    from ..signing.identity import fingerprint
    name, country = _subject(cert)
    if not is_country(country):
        return [path.name]
    if any(s.country == country and (not s.ended or s.revoked_at is not None)  # never a revoked one again
           for s in store.trusted_signers_with_fingerprint(fingerprint(cert))):
        return []
    store.add_trusted_signer(country, fingerprint(cert), name, source="legacy", additional=True,
                             certificate=cert.public_bytes(serialization.Encoding.DER))
    return []
