"""Every kind of tampering with a package is detected; another signer is shown as such."""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import pytest

from cami_desktop.core.export.manifest import CERTIFICATE, MANIFEST, SIGNATURE, build_manifest
from cami_desktop.core.export.verify import verify_package
from cami_desktop.core.signing import create_identity, unlock


def rewrite(source, target, change) -> None:
    """Copy a package, letting ``change(files)`` edit the {name: bytes} mapping on the way."""
    with zipfile.ZipFile(source) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    change(files)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


def flip(data: bytes, at: int | None = None) -> bytes:
    at = len(data) // 2 if at is None else at
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


@pytest.fixture
def package(world):
    return world["packages"]["saiga-mou", "en"][1].path


def members(package) -> list[str]:
    with zipfile.ZipFile(package) as archive:
        return archive.namelist()


def test_intact_package_is_ok(package):
    assert verify_package(package).ok


@pytest.mark.parametrize("member", ["xlsx", "pdf", "json", "attachments/", MANIFEST, SIGNATURE, CERTIFICATE])
def test_a_flipped_byte_in_any_member_is_detected(package, tmp_path, member):
    name = next(n for n in members(package) if n.endswith(member) or n.startswith(member))
    target = tmp_path / "t.zip"

    def change(files):
        at = 40 if name == CERTIFICATE else None  # inside the base64 body of the PEM
        files[name] = flip(files[name], at)
    rewrite(package, target, change)
    result = verify_package(target)
    assert not result.ok and result.problems


def test_a_flipped_byte_in_the_zip_itself_is_detected(package, tmp_path):
    target = tmp_path / "t.zip"
    data = package.read_bytes()
    target.write_bytes(flip(data, len(data) // 3))
    assert not verify_package(target).ok


def test_renamed_added_and_removed_files_are_detected(package, tmp_path):
    pdf = next(n for n in members(package) if n.endswith(".pdf"))
    cases = {
        "renamed": lambda f: f.__setitem__("renamed.pdf", f.pop(pdf)),
        "added": lambda f: f.__setitem__("extra.txt", b"hello"),
        "removed": lambda f: f.pop(pdf),
        "no signature": lambda f: f.pop(SIGNATURE),
        "no certificate": lambda f: f.pop(CERTIFICATE),
        "no manifest": lambda f: f.pop(MANIFEST),
    }
    for label, change in cases.items():
        target = tmp_path / f"{label}.zip"
        rewrite(package, target, change)
        result = verify_package(target)
        assert not result.ok, label
        if label == "renamed":
            text = " ".join(p.render("en") for p in result.problems)
            assert pdf in text and "renamed.pdf" in text


def test_a_replaced_manifest_is_detected(package, tmp_path, world):
    target = tmp_path / "t.zip"

    def change(files):
        manifest = json.loads(files[MANIFEST])
        manifest["report"]["period"] = "2019"
        files[MANIFEST] = json.dumps(manifest).encode()
    rewrite(package, target, change)
    result = verify_package(target)
    assert not result.signature_valid and not result.ok


def test_another_signer_is_valid_but_not_trusted(package, tmp_path, world):
    """A forger who re-signs with their own key makes a valid package: the fingerprint tells."""
    other_dir = tmp_path / "other"
    create_identity(other_dir, name="Someone Else", passphrase="other-pass-1")
    other = unlock(other_dir, "other-pass-1")

    def change(files):
        manifest = json.loads(files[MANIFEST])
        payload = {k: v for k, v in manifest.items() if k not in ("format", "files")}
        payload["signer"] = {"name": other.name, "fingerprint": other.fingerprint}
        file_map = {f["path"]: files[f["path"]] for f in manifest["files"]}
        files[MANIFEST] = build_manifest(file_map, payload)
        files[SIGNATURE] = other.sign(files[MANIFEST])
        files[CERTIFICATE] = other.certificate_pem()
    target = tmp_path / "t.zip"
    rewrite(package, target, change)
    untrusted = verify_package(target)
    assert untrusted.intact and untrusted.fingerprint == other.fingerprint != world["signer"].fingerprint
    judged = verify_package(target, trusted=[world["signer"].certificate])
    assert judged.trusted is False and not judged.ok
    assert verify_package(package, trusted=[world["signer"].certificate]).trusted is True


def test_not_a_zip_is_a_clear_problem(tmp_path):
    bogus = tmp_path / "x.zip"
    bogus.write_bytes(b"not a zip")
    result = verify_package(bogus)
    assert not result.ok and "not a readable package" in result.problems[0].render("en")


@pytest.mark.skipif(not (shutil.which("openssl") and shutil.which("sha256sum") and shutil.which("unzip")),
                    reason="openssl, sha256sum and unzip are needed")
def test_docs_commands_verify_with_openssl_and_sha256sum(package, tmp_path, world):
    """The exact commands of docs/package-format.md."""
    folder = tmp_path / "pkg"
    subprocess.run(["unzip", "-q", str(package), "-d", str(folder)], check=True)

    def sh(command: str) -> str:
        return subprocess.run(["bash", "-c", command], cwd=folder, capture_output=True, text=True, check=True).stdout
    fp = sh("openssl x509 -in signer.pem -noout -fingerprint -sha256")
    assert world["signer"].fingerprint in fp
    sh("openssl x509 -in signer.pem -noout -pubkey > signer.pub")
    assert "Verified OK" in sh("openssl dgst -sha256 -verify signer.pub -signature manifest.sig manifest.json")
    (folder / "signer.pub").unlink()
    checked = sh("grep -o '\"sha256sum\": \"[^\"]*\"' manifest.json | cut -d'\"' -f4 | sha256sum -c -")
    assert checked.count(": OK") == len(json.loads((folder / MANIFEST).read_text())["files"])
    (folder / "attachments").rename(folder / "moved")
    with pytest.raises(subprocess.CalledProcessError):
        sh("grep -o '\"sha256sum\": \"[^\"]*\"' manifest.json | cut -d'\"' -f4 | sha256sum -c -")
