"""The focal point's signing identity: a key pair, a self-signed certificate and a profile.

Stored in ``data_dir/identity/``: ``key.pem`` (PKCS#8, encrypted with the person's passphrase
with 600,000 PBKDF2 iterations and a checksum, see :mod:`.keyfile`), ``cert.pem`` and
``profile.json`` (name, position, institution, country, email). The folder is the owner's
only (0700, files 0600; on Windows ``chmod`` merely clears read-only, which is harmless). The
public part loads without the passphrase; the private key only through :func:`unlock`.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ..errors import CamiError, os_reason
from ..i18n import N_
from ..values import shown_name
from . import keyfile
from .atomic import atomic_write

KEY_TYPES = ("ec", "rsa")
PROFILE_FIELDS = ("name", "position", "institution", "country", "email")
VALID_YEARS = 10
MIN_PASSPHRASE = 8


class SigningError(CamiError):
    """The signing identity is missing, wrong or cannot be used."""


class WrongPassphrase(SigningError):
    """The passphrase does not open the private key."""


class IdentityDamaged(SigningError):
    """A file of the identity is damaged: no passphrase can help, only a copy or a new identity."""


KEY_DAMAGED = N_("The key file {path} is damaged and cannot be read, whatever the passphrase. Put "
                 "back your own copy of the identity folder, or create a new identity (cami-desktop "
                 "identity create) and send the new certificate to the Secretariat.")
CERT_DAMAGED = N_("The certificate file {path} is damaged and cannot be read. Put back your own copy "
                  "of the identity folder, or create a new identity (cami-desktop identity create) "
                  "and send the new certificate to the Secretariat.")


@dataclass(frozen=True)
class Identity:
    """The public part of a signing identity."""

    profile: dict
    certificate: x509.Certificate

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def name(self) -> str:
        return self.profile.get("name") or subject_name(self.certificate)

    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class UnlockedIdentity(Identity):
    """An identity with its private key, ready to sign."""

    private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey = None  # type: ignore[assignment]

    def sign(self, data: bytes) -> bytes:
        """Sign ``data`` as ``openssl dgst -sha256 -sign`` does (ECDSA DER or RSA PKCS#1 v1.5)."""
        from .crypto import sign_bytes
        return sign_bytes(self.private_key, data)


def identity_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "identity"


def fingerprint(cert: x509.Certificate) -> str:
    """The certificate's SHA-256 fingerprint as ``openssl x509 -fingerprint -sha256`` shows it."""
    return ":".join(f"{b:02X}" for b in cert.fingerprint(hashes.SHA256()))


def subject_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def has_identity(data_dir: Path) -> bool:
    folder = identity_dir(data_dir)
    return (folder / "key.pem").is_file() and (folder / "cert.pem").is_file()


def load_identity(data_dir: Path) -> Identity | None:
    """The stored identity's public part, or None when there is none yet."""
    folder = identity_dir(data_dir)
    if not has_identity(data_dir):
        return None
    try:
        cert = x509.load_pem_x509_certificate((folder / "cert.pem").read_bytes())
    except ValueError:
        raise IdentityDamaged(CERT_DAMAGED, path=str(folder / "cert.pem")) from None
    try:
        profile = json.loads((folder / "profile.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        profile = {"name": subject_name(cert)}
    return Identity(profile, cert)


def require_identity(data_dir: Path) -> Identity:
    identity = load_identity(data_dir)
    if identity is None:
        raise SigningError(N_("There is no signing identity yet. Create one or import a certificate first "
                              "(cami-desktop identity create)."))
    return identity


def unlock(data_dir: Path, passphrase: str) -> UnlockedIdentity:
    """Open the private key with the passphrase.

    A wrong passphrase is :class:`WrongPassphrase`; a damaged key file :class:`IdentityDamaged`
    (told apart by the file's checksum, so the person does not retype a right passphrase in
    vain). A key written by an earlier version is rewritten with today's protection.
    """
    identity = require_identity(data_dir)
    path = identity_dir(data_dir) / "key.pem"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(N_("Cannot read {path}: {reason}"), path=str(path),
                           reason=os_reason(exc)) from None
    try:
        stored = keyfile.parse(data)
    except keyfile.Damaged:
        raise IdentityDamaged(KEY_DAMAGED, path=str(path)) from None
    try:
        key = keyfile.decrypt(stored, passphrase or "")
    except UnsupportedAlgorithm:  # an algorithm this app never wrote: changed bytes
        raise IdentityDamaged(KEY_DAMAGED, path=str(path)) from None
    except (ValueError, TypeError):
        raise WrongPassphrase(N_("The passphrase is not correct.")) from None
    if not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)):
        raise IdentityDamaged(KEY_DAMAGED, path=str(path))
    if stored.outdated:
        # Best effort: the key opened, signing must not fail because the folder is read-only.
        with contextlib.suppress(CamiError):
            atomic_write(path, keyfile.encrypt(key, passphrase), private=True)
    _protect(identity_dir(data_dir))
    return UnlockedIdentity(identity.profile, identity.certificate, key)


def _protect(folder: Path) -> None:
    """Make the identity folder the owner's only; best effort (a shared drive may refuse)."""
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
        for name in ("key.pem", "cert.pem", "profile.json"):
            if (folder / name).is_file():
                os.chmod(folder / name, 0o600)


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise SigningError(N_("The passphrase must have at least {n} characters."), n=MIN_PASSPHRASE)


def _check_replace(data_dir: Path, replace: bool) -> None:
    if has_identity(data_dir) and not replace:
        raise SigningError(N_("A signing identity already exists. Replacing it means the Secretariat "
                              "must register your new certificate; confirm to replace it."))


def check_details(*values: str) -> None:
    """Refuse typed signer's details that are not one line without control characters.

    The command line and the window call it (the window cleans pasted text first): what the
    certificate says is typed like an answer. :func:`create_identity` itself does not, so that
    tests can still make the hostile certificates a stranger could.
    """
    for value in values:
        value = (value or "").strip()
        if shown_name(value, len(value) + 1) != value:
            raise SigningError(N_("The signer's details must each be one line without control "
                                  "characters: {value}"), value=shown_name(value))


def create_identity(data_dir: Path, *, name: str, position: str = "", institution: str = "",
                    country: str = "", email: str = "", passphrase: str, key_type: str = "ec",
                    replace: bool = False) -> Identity:
    """Make a key pair and a self-signed certificate and store them."""
    if not (name or "").strip():
        raise SigningError(N_("The name of the signer is needed."))
    _check_passphrase(passphrase)
    _check_replace(data_dir, replace)
    if key_type not in KEY_TYPES:
        raise SigningError(N_("The key type must be ec or rsa, not {key_type}."), key_type=key_type)
    profile = {"name": name.strip(), "position": position.strip(), "institution": institution.strip(),
               "country": country.strip().upper(), "email": email.strip()}
    key = ec.generate_private_key(ec.SECP256R1()) if key_type == "ec" else \
        rsa.generate_private_key(public_exponent=65537, key_size=3072)
    cert = _self_signed(key, profile)
    _store(data_dir, key, cert, profile, passphrase)
    return Identity(profile, cert)


def _self_signed(key, profile: dict) -> x509.Certificate:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, profile["name"])]
    if profile["position"]:
        attrs.append(x509.NameAttribute(NameOID.TITLE, profile["position"]))
    if profile["institution"]:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, profile["institution"][:64]))
    if len(profile["country"]) == 2:
        attrs.append(x509.NameAttribute(NameOID.COUNTRY_NAME, profile["country"]))
    if profile["email"]:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, profile["email"]))
    name = x509.Name(attrs)
    now = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now).not_valid_after(now + dt.timedelta(days=365 * VALID_YEARS))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                            key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, key_cert_sign=False, crl_sign=False,
                                            encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if profile["email"]:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(profile["email"])]), critical=False)
    return builder.sign(key, hashes.SHA256())


#: a certificate chain with its key is a few kilobytes; a large file is read no further
MAX_P12_BYTES = 1024 * 1024


def import_pkcs12(data_dir: Path, p12_path: Path, *, p12_password: str, passphrase: str | None = None,
                  profile: dict | None = None, replace: bool = False) -> Identity:
    """Import an existing certificate and key from a PKCS#12 (.p12 / .pfx) file.

    The key is stored encrypted with ``passphrase`` (by default the file's own password).
    """
    passphrase = passphrase or p12_password
    _check_passphrase(passphrase)
    _check_replace(data_dir, replace)
    try:
        with open(p12_path, "rb") as handle:
            data = handle.read(MAX_P12_BYTES + 1)
    except OSError as exc:
        raise SigningError(N_("Cannot read {path}: {reason}"), path=str(p12_path),
                           reason=os_reason(exc)) from None
    # A PKCS#12 file is one DER SEQUENCE of a few kilobytes: anything else is not one, whatever
    # the password (said plainly, so nobody retypes a right password against a wrong file).
    if len(data) > MAX_P12_BYTES or not data.startswith(b"\x30"):
        raise SigningError(N_("{path} is not a PKCS#12 certificate file (.p12 or .pfx)."),
                           path=str(Path(p12_path).name))
    try:
        key, cert, _extra = pkcs12.load_key_and_certificates(data, (p12_password or "").encode("utf-8") or None)
    except ValueError:
        raise WrongPassphrase(N_("{path} cannot be opened: the password is wrong or the file is not "
                                 "a PKCS#12 certificate."), path=str(Path(p12_path).name)) from None
    if key is None or cert is None:
        raise SigningError(N_("{path} holds no private key with its certificate."), path=str(Path(p12_path).name))
    if not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)):
        raise SigningError(N_("Only RSA and ECDSA keys can sign packages."))
    found = {"name": subject_name(cert)}
    for field, oid in (("institution", NameOID.ORGANIZATION_NAME), ("country", NameOID.COUNTRY_NAME),
                       ("email", NameOID.EMAIL_ADDRESS), ("position", NameOID.TITLE)):
        values = cert.subject.get_attributes_for_oid(oid)
        found[field] = str(values[0].value) if values else ""
    found.update({k: v for k, v in (profile or {}).items() if v})
    _store(data_dir, key, cert, found, passphrase)
    return Identity(found, cert)


def _store(data_dir: Path, key, cert: x509.Certificate, profile: dict, passphrase: str) -> None:
    folder = identity_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SigningError(N_("Cannot write {path}: {reason}"), path=str(folder),
                           reason=os_reason(exc)) from None
    _protect(folder)
    atomic_write(folder / "key.pem", keyfile.encrypt(key, passphrase), private=True)
    atomic_write(folder / "cert.pem", cert.public_bytes(serialization.Encoding.PEM), private=True)
    atomic_write(folder / "profile.json",
                 json.dumps({k: profile.get(k, "") for k in PROFILE_FIELDS}, ensure_ascii=False,
                            indent=2).encode("utf-8"), private=True)


def export_certificate(data_dir: Path, out: Path) -> Path:
    """Write the certificate (PEM) to ``out``, to be sent to the Secretariat once."""
    identity = require_identity(data_dir)
    out = Path(out)
    atomic_write(out, identity.certificate_pem())
    return out
