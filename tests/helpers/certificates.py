"""Self-signed certificates and PKCS#12 files for the signing and trust tests."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID


def self_signed(key, name: str = "Bakyt Asanov", country: str = "KG", *, days: int = 30,
                alt_names: int = 0) -> x509.Certificate:
    """A certificate of ``key`` signed by itself; ``alt_names`` pads it (a CA's long extensions)."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.COUNTRY_NAME, country)])
    now = dt.datetime.now(dt.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
               .public_key(key.public_key()).serial_number(1)
               .not_valid_before(now - dt.timedelta(minutes=1)).not_valid_after(now + dt.timedelta(days=days)))
    if alt_names:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName(f"host-{n}.ministry.example.kz") for n in range(alt_names)]), critical=False)
    return builder.sign(key, hashes.SHA256())


def make_p12(path: Path, password: bytes, key=None) -> x509.Certificate:
    """Write a PKCS#12 file of a new (or the given) key and its certificate; return the certificate."""
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = self_signed(key)
    Path(path).write_bytes(pkcs12.serialize_key_and_certificates(b"me", key, cert, None,
                                                                 BestAvailableEncryption(password)))
    return cert
