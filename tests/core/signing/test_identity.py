"""The signing identity: create, unlock, wrong passphrase, PKCS#12 import, certificate export."""
from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from cami_desktop.core.signing import (SigningError, WrongPassphrase, create_identity, export_certificate,
                                       import_pkcs12, load_identity, unlock)
from cami_desktop.core.signing.crypto import verify_bytes
from tests.helpers.certificates import make_p12


def test_create_stores_an_encrypted_key_and_a_certificate(tmp_path):
    identity = create_identity(tmp_path, name="Айгуль Нурланова", position="Focal point", institution="Ministry",
                               country="kz", email="fp@example.org", passphrase="secret-pass")
    key_pem = (tmp_path / "identity" / "key.pem").read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in key_pem
    loaded = load_identity(tmp_path)
    assert loaded.fingerprint == identity.fingerprint and loaded.name == "Айгуль Нурланова"
    assert loaded.profile["country"] == "KZ"
    assert isinstance(loaded.certificate.public_key(), ec.EllipticCurvePublicKey)
    signer = unlock(tmp_path, "secret-pass")
    assert verify_bytes(identity.certificate, signer.sign(b"manifest"), b"manifest")
    assert not verify_bytes(identity.certificate, signer.sign(b"manifest"), b"manifest!")


def test_wrong_passphrase_is_a_clear_message(tmp_path):
    create_identity(tmp_path, name="A", passphrase="secret-pass")
    with pytest.raises(WrongPassphrase) as error:
        unlock(tmp_path, "not-the-one")
    assert error.value.translated("en") == "The passphrase is not correct."


def test_an_existing_identity_is_not_replaced_silently(tmp_path):
    create_identity(tmp_path, name="A", passphrase="secret-pass")
    with pytest.raises(SigningError):
        create_identity(tmp_path, name="B", passphrase="secret-pass")
    assert create_identity(tmp_path, name="B", passphrase="secret-pass", replace=True).name == "B"


def test_short_passphrase_and_missing_name_are_refused(tmp_path):
    with pytest.raises(SigningError):
        create_identity(tmp_path, name="A", passphrase="short")
    with pytest.raises(SigningError):
        create_identity(tmp_path, name=" ", passphrase="long enough")


def test_import_pkcs12(tmp_path):
    cert = make_p12(tmp_path / "me.p12", b"p12-password")
    with pytest.raises(WrongPassphrase):
        import_pkcs12(tmp_path / "data", tmp_path / "me.p12", p12_password="wrong-password")
    identity = import_pkcs12(tmp_path / "data", tmp_path / "me.p12", p12_password="p12-password",
                             passphrase="new-passphrase")
    assert identity.certificate == cert and identity.name == "Bakyt Asanov"
    assert identity.profile["country"] == "KG"
    signer = unlock(tmp_path / "data", "new-passphrase")
    assert verify_bytes(cert, signer.sign(b"x"), b"x")


def test_export_certificate(tmp_path):
    identity = create_identity(tmp_path, name="A", passphrase="secret-pass", key_type="rsa")
    out = export_certificate(tmp_path, tmp_path / "a.pem")
    assert x509.load_pem_x509_certificate(out.read_bytes()) == identity.certificate
    assert isinstance(identity.certificate.public_key(), rsa.RSAPublicKey)
    assert identity.certificate.public_key().key_size == 3072



@pytest.mark.parametrize("field, value", [("--name", "Dilnoza\x1b[31m"), ("--position", "Chief\x0bspecialist"),
                                          ("--institution", "Ministry\r\nof Nature"), ("--email", "a@b.uz\x07")])
def test_typed_signer_details_with_control_characters_are_refused(tmp_path, capsys, field, value):
    """What the certificate will say is typed like an answer: one line, no control characters."""
    from cami_desktop.cli import main

    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse 42\n")
    given = {"--name": "Dilnoza Karimova", field: value}
    code = main(["--data-dir", str(tmp_path / "data"), "identity", "create", "--passphrase-file", str(secret),
                 *[x for pair in given.items() for x in pair]])
    err = capsys.readouterr().err
    assert code == 2 and "one line without control characters" in err and "\x1b" not in err
    assert not (tmp_path / "data" / "identity").exists()
    assert main(["--data-dir", str(tmp_path / "data"), "identity", "create", "--passphrase-file", str(secret),
                 "--name", "Dilnoza Karimova"]) == 0
