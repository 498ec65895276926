"""The PDF's PAdES signature: the room reserved for it fits large certificates and RSA keys."""
from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from reportlab.pdfgen import canvas

from cami_desktop.core.export.pades import asn1_certificate, sign_pdf


def _pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Report")
    page.save()
    return buffer.getvalue()


def _identity(key, names: int):
    """A self-signed certificate padded with ``names`` alternative names (a CA's long extensions)."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Айгуль Нурланова"),
                         x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ")])
    now = dt.datetime.now(dt.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365)))
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName(f"host-{n}.ministry.example.kz") for n in range(names)]), critical=False)
    return SimpleNamespace(private_key=key, certificate=builder.sign(key, hashes.SHA256()), name="Signer")


@pytest.mark.parametrize("key, names", [
    (ec.generate_private_key(ec.SECP256R1()), 0),
    (rsa.generate_private_key(public_exponent=65537, key_size=4096), 0),
    (rsa.generate_private_key(public_exponent=65537, key_size=4096), 120),  # a 5 KB certificate
])
def test_the_signature_fits_and_validates(key, names):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    identity = _identity(key, names)
    signed = sign_pdf(_pdf(), identity, reason="Submission", location="Kazakhstan")
    reader = PdfFileReader(io.BytesIO(signed))
    assert len(reader.embedded_signatures) == 1
    context = ValidationContext(trust_roots=[asn1_certificate(identity)])
    status = validate_pdf_signature(reader.embedded_signatures[0], context)
    assert status.intact and status.valid and status.bottom_line, status.pretty_print_details()
