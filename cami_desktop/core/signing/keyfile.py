"""The private key file: PKCS#8 encrypted with the passphrase, stronger than OpenSSL's default,
and a checksum that tells a damaged file from a wrong passphrase.

The file is a standard ``ENCRYPTED PRIVATE KEY`` PEM (PBES2: PBKDF2-HMAC-SHA256 and
AES-256-CBC), readable by ``openssl pkey``, preceded by one line of RFC 7468 explanatory text::

    CAMI-Key-SHA256: <hex SHA-256 of the DER below>
    -----BEGIN ENCRYPTED PRIVATE KEY-----
    ...

The KDF parameters (salt, iteration count, hash) are inside the PBES2 structure itself, so a
file decrypts with the parameters it was written with: files from earlier versions (OpenSSL's
2,048 iterations, no checksum line) stay readable and are rewritten with :data:`ITERATIONS` once
they have been opened. ``cryptography`` writes PKCS#8 only with OpenSSL's default count, hence
the few lines of DER below; decryption is left to ``cryptography``.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

#: PBKDF2-HMAC-SHA256 iterations for a newly written key (OWASP's 2023 advice: 600,000).
ITERATIONS = 600_000

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

_CHECKSUM = "CAMI-Key-SHA256"
_LABEL = "ENCRYPTED PRIVATE KEY"
_PEM = re.compile(
    rb"-----BEGIN " + _LABEL.encode() + rb"-----\r?\n(?P<body>[A-Za-z0-9+/=\r\n]+?)"
    rb"-----END " + _LABEL.encode() + rb"-----"
)
_SUM_LINE = re.compile(rb"^" + _CHECKSUM.encode() + rb": *(?P<hex>[0-9a-fA-F]{64})\s*$", re.M)

_PBES2 = "1.2.840.113549.1.5.13"
_PBKDF2 = "1.2.840.113549.1.5.12"
_HMAC_SHA256 = "1.2.840.113549.2.9"
_AES256_CBC = "2.16.840.1.101.3.4.1.42"


class Damaged(ValueError):
    """The key file is not a well-formed encrypted key, or its checksum does not match."""


@dataclass(frozen=True)
class KeyFile:
    """A parsed key file, not yet decrypted."""

    der: bytes
    #: Whether a checksum line vouched for ``der``: then a failed decryption can only mean a
    #: wrong passphrase. Without one (older files) damage inside the ciphertext looks the same.
    checked: bool
    #: The PBKDF2 iteration count, or ``None`` for another scheme.
    iterations: int | None

    @property
    def outdated(self) -> bool:
        return not self.checked or self.iterations is None or self.iterations < ITERATIONS


# DER, just what PBES2 needs

def _tlv(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(octets)]) + octets + content


def _seq(*parts: bytes) -> bytes:
    return _tlv(0x30, b"".join(parts))


def _oid_body(dotted: str) -> bytes:
    arcs = [int(arc) for arc in dotted.split(".")]
    body = bytearray()
    for arc in [40 * arcs[0] + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        while arc > 0x7F:
            arc >>= 7
            chunk.append(0x80 | (arc & 0x7F))
        body.extend(reversed(chunk))
    return bytes(body)


def _oid(dotted: str) -> bytes:
    return _tlv(0x06, _oid_body(dotted))


def _int(value: int) -> bytes:
    return _tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def _read(data: bytes, pos: int = 0) -> tuple[int, bytes, int]:
    """One TLV at ``pos``: its tag, its content and the position after it."""
    try:
        tag, size = data[pos], data[pos + 1]
        pos += 2
        if size & 0x80:
            count = size & 0x7F
            if not 0 < count <= 4:
                raise Damaged("bad length")
            size = int.from_bytes(data[pos:pos + count], "big")
            pos += count
    except IndexError:
        raise Damaged("truncated") from None
    if pos + size > len(data):
        raise Damaged("truncated")
    return tag, data[pos:pos + size], pos + size


def _children(content: bytes) -> list[tuple[int, bytes]]:
    items, pos = [], 0
    while pos < len(content):
        tag, body, pos = _read(content, pos)
        items.append((tag, body))
    return items


def _pbkdf2_iterations(der: bytes) -> int | None:
    """Check the EncryptedPrivateKeyInfo's shape; return its PBKDF2 iteration count."""
    tag, content, end = _read(der)
    if tag != 0x30 or end != len(der):
        raise Damaged("not one SEQUENCE")
    parts = _children(content)
    if len(parts) != 2 or parts[0][0] != 0x30 or parts[1][0] != 0x04 or not parts[1][1]:
        raise Damaged("not an EncryptedPrivateKeyInfo")
    algorithm = _children(parts[0][1])
    if not algorithm or algorithm[0] != (0x06, _oid_body(_PBES2)):
        return None  # another (older) scheme: let cryptography judge it
    try:
        kdf = _children(_children(algorithm[1][1])[0][1])
        params = _children(kdf[1][1])
        if kdf[0] != (0x06, _oid_body(_PBKDF2)) or params[1][0] != 0x02:
            return None
        return int.from_bytes(params[1][1], "big")
    except IndexError:
        raise Damaged("bad PBES2 parameters") from None


def encrypt(key: PrivateKey, passphrase: str, iterations: int = ITERATIONS) -> bytes:
    """The key file's bytes for ``key`` under ``passphrase``."""
    plain = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    salt, iv = os.urandom(16), os.urandom(16)
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(kdf.derive(passphrase.encode("utf-8"))), modes.CBC(iv)).encryptor()
    cipher_text = encryptor.update(padder.update(plain) + padder.finalize()) + encryptor.finalize()
    der = _seq(
        _seq(
            _oid(_PBES2),
            _seq(
                _seq(_oid(_PBKDF2), _seq(_tlv(0x04, salt), _int(iterations),
                                        _seq(_oid(_HMAC_SHA256), b"\x05\x00"))),
                _seq(_oid(_AES256_CBC), _tlv(0x04, iv)),
            ),
        ),
        _tlv(0x04, cipher_text),
    )
    encoded = base64.b64encode(der).decode("ascii")
    body = "".join(encoded[i:i + 64] + "\n" for i in range(0, len(encoded), 64))  # RFC 7468
    text = (f"{_CHECKSUM}: {hashlib.sha256(der).hexdigest()}\n"
            f"-----BEGIN {_LABEL}-----\n{body}-----END {_LABEL}-----\n")
    return text.encode("ascii")


def parse(data: bytes) -> KeyFile:
    """Parse a key file without decrypting it; :class:`Damaged` if it cannot be a good one."""
    match = _PEM.search(data)
    if match is None:
        raise Damaged("no encrypted key")
    try:
        der = base64.b64decode(re.sub(rb"\s+", b"", match["body"]), validate=True)
    except (binascii.Error, ValueError):
        raise Damaged("bad base64") from None
    line = _SUM_LINE.search(data, 0, match.start())
    if line is not None:
        wanted = line["hex"].decode("ascii").lower()
        if not hmac.compare_digest(hashlib.sha256(der).hexdigest(), wanted):
            raise Damaged("checksum")
    return KeyFile(der=der, checked=line is not None, iterations=_pbkdf2_iterations(der))


def decrypt(key_file: KeyFile, passphrase: str) -> PrivateKey:
    """The private key; ``ValueError`` if the passphrase (or, unchecked, the file) is wrong."""
    return serialization.load_der_private_key(key_file.der, password=passphrase.encode("utf-8"))
