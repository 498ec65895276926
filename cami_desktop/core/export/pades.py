"""The PDF's own digital signature (PAdES baseline B-B, pyHanko), from the signing identity.

PDF readers show it in their signature panel; any change to the signed bytes invalidates it.
"""
from __future__ import annotations

import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from ..signing.identity import UnlockedIdentity

FIELD_NAME = "CAMI-Signature"


def asn1_certificate(identity) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(identity.certificate.public_bytes(serialization.Encoding.DER))


def _signer(identity: UnlockedIdentity) -> signers.SimpleSigner:
    key_der = identity.private_key.private_bytes(serialization.Encoding.DER,
                                                 serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption())
    cert = asn1_certificate(identity)
    return signers.SimpleSigner(signing_cert=cert, signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
                                cert_registry=SimpleCertificateStore.from_certs([cert]))


def sign_pdf(pdf: bytes, identity: UnlockedIdentity, *, reason: str = "", location: str = "") -> bytes:
    """Return ``pdf`` with an invisible PAdES signature of ``identity`` appended."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=identity.name)
    output = io.BytesIO()
    signers.sign_pdf(writer, meta, signer=_signer(identity), output=output)
    return output.getvalue()
