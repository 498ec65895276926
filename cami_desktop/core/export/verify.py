"""Check a submission package: signature, every hash and size, no file missing or added.

:func:`verify_package` never raises for a damaged package; it returns a :class:`Verification`
listing every problem (messages to translate where shown), the signer's name and certificate
fingerprint, and whether that certificate is one the Secretariat registered as trusted.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..i18n import N_, tr
from ..signing.crypto import verify_bytes
from ..signing.identity import fingerprint, subject_name
from .manifest import CERTIFICATE, CONTROL_FILES, MANIFEST, SIGNATURE, parse_manifest, sha256

TRUSTED_DIR = "trusted"


@dataclass(frozen=True)
class Problem:
    message: str
    params: tuple = ()

    def render(self, lang: str | None = None) -> str:
        return tr(self.message, lang, **dict(self.params))


@dataclass
class Verification:
    """What a check of a package found."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    signature_valid: bool = False
    signer_name: str = ""
    fingerprint: str = ""
    trusted: bool | None = None   # None: no trusted certificates registered
    manifest: dict = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        """Complete, unaltered and signed by the certificate it carries."""
        return self.signature_valid and not self.problems

    @property
    def ok(self) -> bool:
        """Intact, and from a trusted signer when trusted certificates are registered."""
        return self.intact and self.trusted is not False

    def add(self, message: str, **params: object) -> None:
        self.problems.append(Problem(message, tuple(params.items())))


def trusted_certificates(data_dir: Path | None, extra: list[Path] = ()) -> list[x509.Certificate]:
    """The trusted certificates: ``--trust`` files and the PEM files in ``data_dir/trusted/``."""
    paths = list(extra)
    if data_dir is not None and (Path(data_dir) / TRUSTED_DIR).is_dir():
        paths += sorted(p for p in (Path(data_dir) / TRUSTED_DIR).iterdir()
                        if p.suffix.lower() in (".pem", ".crt", ".cer"))
    certs = []
    for path in paths:
        data = Path(path).read_bytes()
        try:
            certs += x509.load_pem_x509_certificates(data)
        except ValueError:
            certs.append(x509.load_der_x509_certificate(data))
    return certs


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in name and not name.endswith("/")


def verify_package(path: Path, trusted: list[x509.Certificate] | None = None) -> Verification:
    """Check the package at ``path``."""
    result = Verification(Path(path))
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        result.add(N_("{path} is not a readable package: {reason}"), path=Path(path).name, reason=str(exc))
        return result
    with archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        contents = _read_all(archive, names, result)
    for name in sorted({n for n in names if names.count(n) > 1}):
        result.add(N_("The file {name} appears more than once."), name=name)
    for name in names:
        if not _safe_name(name):
            result.add(N_("The file name {name} is not allowed in a package."), name=name)
    for name in CONTROL_FILES:
        if name not in contents:
            result.add(N_("The file {name} is missing."), name=name)
    if any(name not in contents for name in CONTROL_FILES):
        return result
    _check_signature(contents, result, trusted)
    try:
        result.manifest = parse_manifest(contents[MANIFEST])
    except (ValueError, UnicodeDecodeError) as exc:
        result.add(N_("The manifest is not valid: {reason}"), reason=str(exc))
        return result
    _check_files(contents, result)
    return result


def _read_all(archive: zipfile.ZipFile, names: list[str], result: Verification) -> dict[str, bytes]:
    contents = {}
    for name in dict.fromkeys(names):
        try:
            contents[name] = archive.read(name)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, Exception) as exc:  # noqa: BLE001
            # a flipped byte in compressed data shows up as a CRC or zlib error
            result.add(N_("The file {name} is damaged: {reason}"), name=name, reason=str(exc))
    return contents


def _check_signature(contents: dict[str, bytes], result: Verification, trusted) -> None:
    try:
        cert = x509.load_pem_x509_certificate(contents[CERTIFICATE])
    except ValueError:
        result.add(N_("The signer's certificate cannot be read."))
        return
    result.fingerprint = fingerprint(cert)
    result.signer_name = subject_name(cert)
    result.signature_valid = verify_bytes(cert, contents[SIGNATURE], contents[MANIFEST])
    if not result.signature_valid:
        result.add(N_("The signature does not match the manifest and the certificate: the package "
                      "was changed after signing, or signed by someone else."))
    if trusted is not None and len(trusted):
        own = cert.public_bytes(serialization.Encoding.DER)
        result.trusted = any(t.public_bytes(serialization.Encoding.DER) == own for t in trusted)


def _check_files(contents: dict[str, bytes], result: Verification) -> None:
    listed = {}
    for entry in result.manifest["files"]:
        listed[entry["path"]] = entry
    signer = result.manifest.get("signer") or {}
    if signer.get("fingerprint") and signer["fingerprint"] != result.fingerprint:
        result.add(N_("The manifest names another signer ({fingerprint}) than the certificate."),
                   fingerprint=signer["fingerprint"])
    for name, entry in listed.items():
        if name in CONTROL_FILES:
            result.add(N_("The manifest lists the control file {name}."), name=name)
        elif name not in contents:
            result.add(N_("The file {name} is missing."), name=name)
        elif entry.get("sha256sum", f"{entry['sha256']}  {name}") != f"{entry['sha256']}  {name}":
            result.add(N_("The manifest's entries for {name} disagree."), name=name)
        elif len(contents[name]) != entry["size"] or sha256(contents[name]) != entry["sha256"]:
            result.add(N_("The file {name} was changed: its SHA-256 does not match the manifest."), name=name)
    for name in contents:
        if name not in listed and name not in CONTROL_FILES:
            result.add(N_("The file {name} is not listed in the manifest (added)."), name=name)
