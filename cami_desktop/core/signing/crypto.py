"""Detached signatures over bytes, in the form ``openssl dgst -sha256 -sign/-verify`` uses.

ECDSA keys give a DER-encoded ECDSA-with-SHA256 signature, RSA keys PKCS#1 v1.5 with SHA-256,
so a package can be checked with nothing but ``openssl``.
"""
from __future__ import annotations

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa


def sign_bytes(private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey, data: bytes) -> bytes:
    """Sign ``data`` with SHA-256."""
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        return private_key.sign(data, ec.ECDSA(hashes.SHA256()))
    return private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def verify_bytes(cert: x509.Certificate, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is the certificate's key's signature of ``data``."""
    key = cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True
