"""The PDF's PAdES signature: the room reserved for it fits large certificates and RSA keys."""
from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from reportlab.pdfgen import canvas

from cami_desktop.core.export.pades import asn1_certificate, sign_pdf
from tests.helpers.certificates import self_signed


def _pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Report")
    page.save()
    return buffer.getvalue()


def _identity(key, names: int):
    """A signer whose self-signed certificate carries ``names`` alternative names."""
    return SimpleNamespace(private_key=key, certificate=self_signed(key, "Айгуль Нурланова", "KZ", days=365,
                                                                    alt_names=names), name="Signer")


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
