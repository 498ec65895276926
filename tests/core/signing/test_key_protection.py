"""The stored key: stronger PBKDF2, old keys still open (and are upgraded), a damaged key file
is told apart from a wrong passphrase, and the identity folder is the owner's only (issue 8)."""
from __future__ import annotations

import os
import shutil
import subprocess
import stat
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cami_desktop.core.signing import WrongPassphrase, create_identity, unlock
from cami_desktop.core.signing import identity as identity_module
from cami_desktop.core.signing import keyfile
from cami_desktop.core.signing.crypto import verify_bytes

PASS = "secret-pass"


@pytest.fixture
def created(tmp_path: Path):
    return create_identity(tmp_path, name="Нургуль", passphrase=PASS)


def _key_path(tmp_path: Path) -> Path:
    return tmp_path / "identity" / "key.pem"


def _pbkdf2_iterations(path: Path) -> int:
    return keyfile.parse(path.read_bytes()).iterations


def test_a_new_key_uses_at_least_600000_iterations_and_stays_standard(tmp_path, created) -> None:
    path = _key_path(tmp_path)
    assert _pbkdf2_iterations(path) >= 600_000
    # Still a standard encrypted PKCS#8 file that any PEM reader (and openssl pkey) opens.
    key = serialization.load_pem_private_key(path.read_bytes(), password=PASS.encode())
    assert key.public_key() == created.certificate.public_key()
    signer = unlock(tmp_path, PASS)
    assert verify_bytes(created.certificate, signer.sign(b"m"), b"m")


def test_an_old_key_still_opens_and_is_upgraded(tmp_path, created) -> None:
    path = _key_path(tmp_path)
    key = unlock(tmp_path, PASS).private_key
    # What earlier versions wrote: OpenSSL's default of 2,048 iterations, no checksum line.
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.BestAvailableEncryption(PASS.encode())))
    assert _pbkdf2_iterations(path) == 2048
    with pytest.raises(WrongPassphrase):
        unlock(tmp_path, "not-the-passphrase")
    assert _pbkdf2_iterations(path) == 2048  # nothing rewritten without the right passphrase
    signer = unlock(tmp_path, PASS)
    assert verify_bytes(created.certificate, signer.sign(b"m"), b"m")
    upgraded = keyfile.parse(path.read_bytes())
    assert upgraded.iterations >= 600_000 and upgraded.checked
    assert unlock(tmp_path, PASS).private_key.private_numbers() == key.private_numbers()


def _flip_inside(data: bytes) -> bytes:
    """Change one base64 character in the middle of the key (inside the encrypted part)."""
    lines = data.split(b"\n")
    body = [i for i, line in enumerate(lines) if line and not line.startswith((b"-----", b"CAMI"))]
    line = bytearray(lines[body[len(body) // 2]])
    line[10] = ord("A") if line[10] != ord("A") else ord("B")
    lines[body[len(body) // 2]] = bytes(line)
    return b"\n".join(lines)


@pytest.mark.parametrize("damage", [
    lambda data: b"",
    lambda data: data[: len(data) // 2],
    lambda data: b"\x00" * len(data),
    _flip_inside,
], ids=["empty", "truncated", "zeroed", "one-character"])
def test_a_damaged_key_file_is_not_called_a_wrong_passphrase(tmp_path, created, damage) -> None:
    path = _key_path(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(identity_module.IdentityDamaged) as refused:
        unlock(tmp_path, PASS)
    assert not isinstance(refused.value, WrongPassphrase)
    message = refused.value.translated("en")
    assert message.startswith(f"The key file {path} is damaged") and "\n" not in message
    assert "identity create" in message


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(tmp_path, created) -> None:
    with pytest.raises(WrongPassphrase):
        unlock(tmp_path, "secret-pasS")


def test_a_damaged_certificate_is_named(tmp_path, created) -> None:
    cert = tmp_path / "identity" / "cert.pem"
    cert.write_bytes(cert.read_bytes()[:200])
    with pytest.raises(identity_module.IdentityDamaged) as refused:
        identity_module.load_identity(tmp_path)
    assert "certificate file" in refused.value.translated("en")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_identity_folder_is_the_owners_only(tmp_path) -> None:
    old_mask = os.umask(0o022)
    try:
        create_identity(tmp_path, name="A", passphrase=PASS, key_type="ec")
    finally:
        os.umask(old_mask)
    folder = tmp_path / "identity"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("key.pem", "cert.pem", "profile.json"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    # A folder left open by an earlier version is closed the next time the key is used.
    os.chmod(folder, 0o755)
    os.chmod(folder / "cert.pem", 0o644)
    unlock(tmp_path, PASS)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "cert.pem").stat().st_mode) == 0o600


def test_keyfile_round_trip_for_rsa_and_ec() -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa
    for key in (ec.generate_private_key(ec.SECP384R1()),
                rsa.generate_private_key(public_exponent=65537, key_size=2048)):
        stored = keyfile.parse(keyfile.encrypt(key, "пароль-длинный", iterations=1000))
        assert stored.iterations == 1000 and stored.outdated
        assert keyfile.decrypt(stored, "пароль-длинный").private_numbers() == key.private_numbers()
        with pytest.raises(ValueError):
            keyfile.decrypt(stored, "другой-пароль")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl command")
def test_openssl_opens_the_key_file(tmp_path, created) -> None:
    # The key stays usable with standard tools: the checksum line is RFC 7468 explanatory text.
    result = subprocess.run(["openssl", "pkey", "-in", str(_key_path(tmp_path)), "-passin",
                             f"pass:{PASS}", "-pubout"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    public = serialization.load_pem_public_key(result.stdout.encode())
    assert public == created.certificate.public_key()
