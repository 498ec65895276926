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


def reserved_size(certificate_der: bytes) -> int:
    """Room for the signature in the PDF, in hexadecimal digits: the CMS container holds the
    certificate twice (as the signer's and in the certificate set), the signed attributes and
    the signature (512 bytes for RSA-4096, 72 for ECDSA): at most twice the certificate and
    900 bytes (measured), and room to spare.

    Given to pyHanko, it spares its estimate, which makes a whole trial signature first (half
    of the signing time, issue 10). Unused room is zeros, which the package's ZIP compresses.
    """
    return 2 * (2 * len(certificate_der) + 2048)


def sign_pdf(pdf: bytes, identity: UnlockedIdentity, *, reason: str = "", location: str = "") -> bytes:
    """Return ``pdf`` with an invisible PAdES signature of ``identity`` appended."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=identity.name)
    output = io.BytesIO()
    signer = _signer(identity)
    signers.sign_pdf(writer, meta, signer=signer, output=output,
                     bytes_reserved=reserved_size(signer.signing_cert.dump()))
    return output.getvalue()
