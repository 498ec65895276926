"""Check a submission package: signature, every hash and size, no file missing or added.

:func:`verify_package` never raises for a damaged or hostile package (the Secretariat opens
files from strangers); it returns a :class:`Verification` listing every problem (messages to
translate where shown), the signer's name and certificate fingerprint. Judging the signer
against the signers registered per country or organization is :mod:`cami_desktop.core.trust.assess`.

Hostile packages are bounded before anything is read: at most :data:`MAX_MEMBERS` files, each
declared size compared with the manifest's, no member above :data:`MAX_MEMBER_BYTES`, and
members are hashed in chunks, so memory stays small whatever a ZIP claims or contains.
Nothing is ever extracted to disk.
"""
from __future__ import annotations

import hashlib
import logging
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..i18n import N_, tr
from .manifest import CERTIFICATE, CONTROL_FILES, MANIFEST, SIGNATURE, parse_manifest

#: a real package has a workbook, a PDF, the answers and some attachments
MAX_MEMBERS = 2000
#: attachments are at most 25 MB each; a workbook or PDF far less
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
CONTROL_LIMITS = {MANIFEST: 4 * 1024 * 1024, SIGNATURE: 64 * 1024, CERTIFICATE: 64 * 1024}
CHUNK = 1024 * 1024
MB = 1024 * 1024

Progress = Callable[[float, str], None]
log = logging.getLogger("cami")


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
    trusted: bool | None = None   # None: no trusted certificates given
    manifest: dict = field(default_factory=dict)
    certificate_pem: bytes = b""  # the signer's certificate, to register it after checking

    @property
    def intact(self) -> bool:
        """Complete, unaltered and signed by the certificate it carries."""
        return self.signature_valid and not self.problems

    @property
    def ok(self) -> bool:
        """Intact, and from a trusted signer when trusted certificates were given."""
        return self.intact and self.trusted is not False

    def add(self, message: str, **params: object) -> None:
        self.problems.append(Problem(message, tuple(params.items())))


#: characters Windows refuses in a file name (":" also makes drive letters and NTFS streams)
_NOT_PORTABLE = frozenset('<>:"|?*\\') | frozenset(map(chr, range(32))) | {chr(127)}
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                       *(f"LPT{n}" for n in range(1, 10))})


def _safe_name(name: str) -> bool:
    """A relative name that means the same file on Windows, macOS and Linux.

    Nothing is extracted here, but the Secretariat may unzip a package to check it by hand
    (docs/package-format.md): there ``C:/…``, ``a.txt:stream`` or ``CON.txt`` would name
    another file than the one verified, or none.
    """
    parts = name.split("/")
    return (not name.startswith("/") and not _NOT_PORTABLE & set(name)
            and all(part not in ("", ".", "..") for part in parts)
            and not any(part.split(".", 1)[0].rstrip(" ").upper() in _RESERVED for part in parts))


def _folded(name: str) -> str:
    """The name as a case-insensitive file system sees it (Windows, macOS): one file per value."""
    return "/".join(part.rstrip(". ") for part in unicodedata.normalize("NFC", name).casefold().split("/"))


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")


class _Stop(BaseException):
    """Carries an exception raised by the progress callback (e.g. Cancel) past the safety net."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


def verify_package(path: Path, trusted: list[x509.Certificate] | None = None, *,
                   progress: Progress | None = None) -> Verification:
    """Check the package at ``path``; ``progress(fraction, text)`` is told as members are hashed."""
    result = Verification(Path(path))

    def report(fraction: float) -> None:
        if progress is not None:
            try:
                progress(fraction, "")
            except BaseException as exc:  # noqa: BLE001 - handed back to the caller unchanged
                raise _Stop(exc) from None

    try:
        _verify(result, trusted, report)
    except _Stop as stop:
        raise stop.error from None
    except Exception as exc:  # noqa: BLE001 - a hostile file must end in a verdict, not a crash
        log.warning("verification of %s failed unexpectedly", path, exc_info=True)
        result.signature_valid = False
        result.add(N_("The package could not be checked: {reason}"), reason=str(exc) or type(exc).__name__)
    return result


def declared_member_count(path: Path) -> int | None:
    """The number of entries the ZIP's end record declares, read without parsing the directory.

    ``zipfile.ZipFile`` reads the whole central directory first (2 s for 100,000 entries);
    this reads the last 64 KB. ``None`` when there is no end record (then ZipFile says why).
    """
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - _EOCD_SEARCH))
        tail = handle.read(_EOCD_SEARCH)  # bounded: a device reports size 0 and never ends
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    count = int.from_bytes(tail[at + 10:at + 12], "little")
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and tail[locator:locator + 4] == b"PK\x06\x07":
        # ZIP64: the locator gives the offset of the ZIP64 end record, which holds the real count
        offset = int.from_bytes(tail[locator + 8:locator + 16], "little")
        with open(path, "rb") as handle:
            handle.seek(offset)
            record = handle.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            count = int.from_bytes(record[32:40], "little")
    return count


_EOCD_SEARCH = 65536 + 22  # the end record and the longest archive comment


def _verify(result: Verification, trusted, report: Callable[[float], None]) -> None:
    if result.path.exists() and not result.path.is_file():
        # a device or a pipe (/dev/zero) would be read for ever
        result.add(N_("{path} is not a file."), path=result.path.name)
        return
    try:
        declared = declared_member_count(result.path)
    except OSError:
        declared = None  # ZipFile below reports the unreadable file
    if declared is not None and declared > MAX_MEMBERS:
        result.add(N_("The package holds {count} files; a package holds at most {limit}."),
                   count=declared, limit=MAX_MEMBERS)
        return
    try:
        archive = zipfile.ZipFile(result.path)
    except Exception as exc:  # noqa: BLE001 - OSError, BadZipFile, and what a crafted header raises
        result.add(N_("{path} is not a readable package: {reason}"), path=result.path.name, reason=str(exc))
        return
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > MAX_MEMBERS:
            result.add(N_("The package holds {count} files; a package holds at most {limit}."),
                       count=len(infos), limit=MAX_MEMBERS)
            return
        members = _check_names(infos, result)
        contents = _read_control_files(archive, members, result)
        if len(contents) < len(CONTROL_FILES):
            return
        _check_signature(contents, result, trusted)
        try:
            result.manifest = parse_manifest(contents[MANIFEST])
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            result.add(N_("The manifest is not valid: {reason}"), reason=str(exc))
            return
        _check_signer_entry(result)
        _check_files(archive, members, result, report)


def _check_names(infos: list[zipfile.ZipInfo], result: Verification) -> dict[str, zipfile.ZipInfo]:
    """Duplicates and unsafe names (in linear time); return name → member."""
    counts = Counter(info.filename for info in infos)
    for name in sorted(name for name, n in counts.items() if n > 1):
        result.add(N_("The file {name} appears more than once."), name=name)
    for name in counts:
        if not _safe_name(name):
            result.add(N_("The file name {name} is not allowed in a package."), name=name)
    # "Map.txt" beside "map.txt": unzipped on Windows or macOS, one overwrites the other
    folded: dict[str, list[str]] = {}
    for name in counts:
        folded.setdefault(_folded(name), []).append(name)
    for names in sorted(names for names in folded.values() if len(names) > 1):
        result.add(N_("The files {names} are one file on Windows and macOS (their names differ only in "
                      "case)."), names=", ".join(sorted(names)))
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        result.add(N_("The package would unpack to {size} MB; a package may hold at most {limit} MB."),
                   size=_megabytes(total), limit=_megabytes(MAX_TOTAL_BYTES))
    return {info.filename: info for info in infos}


def _read_control_files(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                        result: Verification) -> dict[str, bytes]:
    contents = {}
    for name in CONTROL_FILES:
        info = members.get(name)
        if info is None:
            result.add(N_("The file {name} is missing."), name=name)
            continue
        limit = CONTROL_LIMITS[name]
        if info.file_size > limit:
            result.add(N_("The file {name} is {size} MB, far larger than such a file can be."),
                       name=name, size=_megabytes(info.file_size))
            continue
        data = bytearray()
        if _stream(archive, info, limit, result, data.extend):
            contents[name] = bytes(data)
    return contents


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, result: Verification,
            sink: Callable[[bytes], None], report: Callable[[int], None] | None = None) -> bool:
    """Feed the member to ``sink`` in chunks, at most ``limit`` bytes; False (with a problem) if that fails."""
    read = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(CHUNK):
                read += len(chunk)
                if read > limit:
                    # a header that understates the size: the data says otherwise
                    result.add(N_("The file {name} holds more data than its declared size."), name=info.filename)
                    return False
                sink(chunk)
                if report is not None:
                    report(len(chunk))
    except _Stop:
        raise
    except Exception as exc:  # noqa: BLE001 - CRC, zlib, encryption, unsupported compression …
        result.add(N_("The file {name} is damaged: {reason}"), name=info.filename,
                   reason=str(exc) or type(exc).__name__)
        return False
    return True


def _check_signature(contents: dict[str, bytes], result: Verification, trusted) -> None:
    from ..signing.crypto import verify_bytes
    from ..signing.identity import fingerprint, subject_name
    try:
        cert = x509.load_pem_x509_certificate(contents[CERTIFICATE])
        # a damaged certificate may load and fail only when its parts are read
        result.fingerprint, result.signer_name = fingerprint(cert), subject_name(cert)
        result.certificate_pem = cert.public_bytes(serialization.Encoding.PEM)
    except Exception:  # noqa: BLE001 - ValueError for most damage; other errors for odd encodings
        result.fingerprint = result.signer_name = ""
        result.add(N_("The signer's certificate cannot be read."))
        return
    try:
        result.signature_valid = verify_bytes(cert, contents[SIGNATURE], contents[MANIFEST])
    except Exception:  # noqa: BLE001 - an unusual key type the verifier cannot use
        result.signature_valid = False
    if not result.signature_valid:
        result.add(N_("The signature does not match the manifest and the certificate: the package "
                      "was changed after signing, or signed by someone else."))
    if trusted is not None and len(trusted):
        own = cert.public_bytes(serialization.Encoding.DER)
        result.trusted = any(t.public_bytes(serialization.Encoding.DER) == own for t in trusted)


def _check_signer_entry(result: Verification) -> None:
    named = (result.manifest.get("signer") or {}).get("fingerprint")
    if named and result.fingerprint and named != result.fingerprint:
        result.add(N_("The manifest names another signer ({fingerprint}) than the certificate."),
                   fingerprint=named)


def _check_files(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], result: Verification,
                 report: Callable[[float], None]) -> None:
    listed: dict[str, dict] = {}
    for entry in result.manifest["files"]:
        if entry["path"] in listed:
            result.add(N_("The manifest lists the file {name} more than once."), name=entry["path"])
        listed[entry["path"]] = entry
    to_hash = []
    for name, entry in listed.items():
        info = members.get(name)
        if name in CONTROL_FILES:
            result.add(N_("The manifest lists the control file {name}."), name=name)
        elif info is None:
            result.add(N_("The file {name} is missing."), name=name)
        elif entry.get("sha256sum", f"{entry['sha256']}  {name}") != f"{entry['sha256']}  {name}":
            result.add(N_("The manifest's entries for {name} disagree."), name=name)
        elif info.file_size != entry["size"]:
            # the sizes the ZIP declares are compared before a byte is unpacked
            result.add(N_("The file {name} was changed: its size does not match the manifest."), name=name)
        elif info.file_size > MAX_MEMBER_BYTES:
            result.add(N_("The file {name} is {size} MB; a package may hold files of at most {limit} MB."),
                       name=name, size=_megabytes(info.file_size), limit=_megabytes(MAX_MEMBER_BYTES))
        else:
            to_hash.append((info, entry))
    for name in members:
        if name not in listed and name not in CONTROL_FILES:
            result.add(N_("The file {name} is not listed in the manifest (added)."), name=name)
    if sum(info.file_size for info, _ in to_hash) > MAX_TOTAL_BYTES:
        return  # already a problem (see _check_names): not worth unpacking
    _hash_files(archive, to_hash, result, report)


def _hash_files(archive: zipfile.ZipFile, to_hash: list, result: Verification,
                report: Callable[[float], None]) -> None:
    total = max(1, sum(info.file_size for info, _ in to_hash))
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        report(done / total)

    for info, entry in to_hash:
        digest = hashlib.sha256()
        if not _stream(archive, info, entry["size"], result, digest.update, advance):
            continue
        if digest.hexdigest() != entry["sha256"]:
            result.add(N_("The file {name} was changed: its SHA-256 does not match the manifest."),
                       name=info.filename)
