"""Hostile packages (issue 8): every one ends in a plain NOT VALID with its reason, in bounded memory."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
import zipfile

import pytest

from cami_desktop.core.export import verify as verify_module
from cami_desktop.core.export.manifest import CERTIFICATE, MANIFEST, SIGNATURE
from cami_desktop.core.export.verify import MAX_MEMBERS, verify_package
from tests.helpers.verify_packages import make_identity, make_package, package_files, write_package

GIB = 1024 ** 3


@pytest.fixture(scope="module")
def signer(tmp_path_factory):
    return make_identity(tmp_path_factory.mktemp("signer"), "Test Signer")


def reasons(result) -> str:
    return " | ".join(p.render("en") for p in result.problems)


def test_a_sound_package_is_intact(signer, tmp_path):
    result = verify_package(make_package(tmp_path / "p.zip", signer))
    assert result.intact and result.signer_name == "Test Signer" and result.certificate_pem


def test_a_flipped_byte_anywhere_in_signer_pem_is_a_plain_problem(signer, tmp_path):
    files = package_files(signer)
    pem = files[CERTIFICATE]
    start, end = pem.index(b"\n") + 1, pem.rindex(b"-----END")
    for at in range(start, end, 5):
        changed = dict(files, **{CERTIFICATE: pem[:at] + bytes([pem[at] ^ 0x01]) + pem[at + 1:]})
        result = verify_package(write_package(tmp_path / "t.zip", changed))  # must not raise
        assert not result.intact and result.problems, at


WRONG_SHAPES = {
    "signer is text": lambda m: m.__setitem__("signer", "Someone"),
    "signer is a list": lambda m: m.__setitem__("signer", ["a"]),
    "signer fingerprint is a number": lambda m: m["signer"].__setitem__("fingerprint", 5),
    "report is text": lambda m: m.__setitem__("report", "KZ"),
    "report country is a number": lambda m: m["report"].__setitem__("country", 7),
    "report revision is true": lambda m: m["report"].__setitem__("revision", True),
    "form is a list": lambda m: m.__setitem__("form", []),
    "files is an object": lambda m: m.__setitem__("files", {}),
    "a file entry is text": lambda m: m["files"].append("x"),
    "size is text": lambda m: m["files"][0].__setitem__("size", "10"),
    "size is negative": lambda m: m["files"][0].__setitem__("size", -1),
    "sha256 is not hex": lambda m: m["files"][0].__setitem__("sha256", "z" * 64),
    "sha256sum is a number": lambda m: m["files"][0].__setitem__("sha256sum", 1),
    "empty path": lambda m: m["files"][0].__setitem__("path", ""),
    "created is a number": lambda m: m.__setitem__("created", 1),
    "another format": lambda m: m.__setitem__("format", "cami-package/9"),
}


@pytest.mark.parametrize("label", WRONG_SHAPES)
def test_a_manifest_of_the_wrong_shape_is_not_valid_with_the_reason(signer, tmp_path, label):
    """Signed by its own key, so only the shape is wrong; today some of these end in an exception."""
    path = write_package(tmp_path / "t.zip", package_files(signer, edit=WRONG_SHAPES[label]))
    result = verify_package(path)
    assert not result.intact
    assert "The manifest is not valid" in reasons(result), label


@pytest.mark.parametrize("raw", [b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe not utf-8", b"null", b"{"])
def test_a_manifest_that_is_not_json_of_an_object_is_not_valid(signer, tmp_path, raw):
    files = package_files(signer)
    files.update({MANIFEST: raw, SIGNATURE: signer.sign(raw)})
    result = verify_package(write_package(tmp_path / "t.zip", files))
    assert not result.intact and "The manifest is not valid" in reasons(result)


def test_a_file_listed_twice_in_the_manifest_is_reported(signer, tmp_path):
    path = write_package(tmp_path / "t.zip", package_files(signer, edit=lambda m: m["files"].append(m["files"][0])))
    assert "more than once" in reasons(verify_package(path))


def test_an_encrypted_member_is_damaged_not_a_crash(signer, tmp_path):
    path = make_package(tmp_path / "t.zip", signer)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("attachments/1-map.txt")
    name = b"attachments/1-map.txt"
    central = data.index(name, data.index(b"PK\x01\x02")) - 46
    data[central + 8] |= 0x01                  # general purpose flag: encrypted
    data[info.header_offset + 6] |= 0x01
    path.write_bytes(bytes(data))
    result = verify_package(path)
    assert not result.intact and "attachments/1-map.txt is damaged" in reasons(result)


def _many_members(path, count: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for i in range(count):
            archive.writestr(f"attachments/{i}.txt", b"")


@pytest.mark.parametrize("count", [MAX_MEMBERS + 1, 100_000])  # 100,000: a ZIP64 end record (> 65,535)
def test_too_many_members_are_refused_before_reading_any(tmp_path, monkeypatch, count):
    path = tmp_path / "many.zip"
    _many_members(path, count)
    assert verify_module.declared_member_count(path) == count
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "__init__", lambda self, *a, **k: opened.append(a))
    result = verify_package(path)
    assert not result.intact and opened == []  # not even the directory was parsed
    assert f"holds {count} files; a package holds at most {MAX_MEMBERS}" in reasons(result)


def test_a_member_count_hidden_from_the_end_record_is_still_refused(tmp_path, monkeypatch):
    path = tmp_path / "many.zip"
    _many_members(path, MAX_MEMBERS + 1)
    monkeypatch.setattr(verify_module, "declared_member_count", lambda path: None)
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: opened.append(a) or real_open(self, *a, **k))
    result = verify_package(path)
    assert not result.intact and opened == [] and "a package holds at most" in reasons(result)


def test_the_member_count_of_a_sound_package_is_read_from_its_end_record(signer, tmp_path):
    assert verify_module.declared_member_count(make_package(tmp_path / "p.zip", signer)) == 5


def test_duplicate_member_names_are_found(signer, tmp_path):
    path = make_package(tmp_path / "t.zip", signer)
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "a") as archive:
        archive.writestr("attachments/1-map.txt", b"other map\n")
    assert "attachments/1-map.txt appears more than once" in reasons(verify_package(path))


def test_a_cancel_from_progress_reaches_the_caller(signer, tmp_path):
    path = make_package(tmp_path / "t.zip", signer)

    class Stop(Exception):
        pass

    def progress(fraction, text):
        raise Stop()
    with pytest.raises(Stop):
        verify_package(path, progress=progress)


# -- zip bombs: measured in a separate process, whose peak memory is its own -----------------------

def _big_member(path) -> None:
    """A ZIP whose only member ``big.bin`` unpacks to 1 GiB of zeros (a few MB on disk)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("big.bin", "w", force_zip64=True) as handle:
            block = bytes(4 * verify_module.CHUNK)
            for _ in range(GIB // len(block)):
                handle.write(block)


def _bomb(base, path, signer, listed_size: int) -> None:
    """``base`` plus a signed manifest listing ``big.bin`` with ``listed_size`` bytes."""
    shutil.copyfile(base, path)
    digest = hashlib.sha256(b"x").hexdigest()
    files = package_files(signer, files={"big.bin": b"small"}, edit=lambda m: m["files"][0].update(
        size=listed_size, sha256=digest, sha256sum=f"{digest}  big.bin"))
    with zipfile.ZipFile(path, "a") as archive:
        for name, data in files.items():
            if name != "big.bin":
                archive.writestr(name, data)


@pytest.fixture(scope="module")
def bombs(tmp_path_factory, signer):
    folder = tmp_path_factory.mktemp("bombs")
    _big_member(folder / "base.zip")
    _bomb(folder / "base.zip", folder / "understated.zip", signer, listed_size=5)   # the manifest says 5 bytes
    _bomb(folder / "base.zip", folder / "honest.zip", signer, listed_size=GIB)      # it admits 1 GiB
    allowed = bytes(99 * 1024 * 1024)                             # just under the limit: hashed in chunks
    write_package(folder / "allowed.zip", package_files(signer, files={"big.bin": allowed}))
    return folder


def test_a_zip_bomb_is_refused_in_little_memory(bombs):
    script = textwrap.dedent(f"""
        import json, resource, sys
        from cami_desktop.core.export.verify import verify_package
        out = {{}}
        for name in ("understated.zip", "honest.zip", "allowed.zip"):
            result = verify_package({str(bombs)!r} + "/" + name)
            out[name] = [result.intact, [p.render("en") for p in result.problems]]
        # VmHWM: this process's own peak (ru_maxrss may carry the parent's peak over fork and exec)
        try:
            status = open("/proc/self/status").read()
            out["rss_kb"] = int(status.split("VmHWM:")[1].split()[0])
        except (OSError, IndexError):
            out["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps(out))
        print(out["rss_kb"], file=sys.stderr)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["rss_kb"] < 200 * 1024, out["rss_kb"]
    assert out["understated.zip"][0] is False
    assert "big.bin was changed: its size does not match the manifest" in " ".join(out["understated.zip"][1])
    assert out["honest.zip"][0] is False
    assert "big.bin is 1024 MB; a package may hold files of at most 100 MB" in " ".join(out["honest.zip"][1])
    assert out["allowed.zip"] == [True, []]


_ODD_VALUES = [None, 1, -1, 1.5, True, "x", [], {}, [1], {"a": 1}, "\x00", 10 ** 30, "../x", "signer.pem"]


def _mutate(rnd):
    """A random wrong value somewhere in the manifest (seeded, so every run is the same)."""
    def edit(manifest):
        key = rnd.choice(["files", "signer", "report", "form", "format", "created", "application"])
        if key == "files" and manifest["files"] and rnd.random() < 0.7:
            entry = rnd.choice(manifest["files"])
            entry[rnd.choice(["path", "size", "sha256", "sha256sum", "extra"])] = rnd.choice(_ODD_VALUES)
        elif isinstance(manifest.get(key), dict) and rnd.random() < 0.7:
            manifest[key][rnd.choice([*manifest[key], "extra"])] = rnd.choice(_ODD_VALUES)
        else:
            manifest[key] = rnd.choice(_ODD_VALUES)
    return edit


def test_random_damage_always_ends_in_a_specific_reason(signer, tmp_path):
    """Random bytes changed in the ZIP and random wrong values in a signed manifest: never an
    exception, and never the catch-all "could not be checked" (each case has its own reason)."""
    import random
    rnd = random.Random(8)
    sound = make_package(tmp_path / "sound.zip", signer).read_bytes()
    path = tmp_path / "t.zip"
    for _ in range(300):
        data = bytearray(sound)
        for _ in range(rnd.randint(1, 4)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        path.write_bytes(bytes(data))
        result = verify_package(path)
        assert result.intact or (result.problems and "could not be checked" not in reasons(result))
    for _ in range(300):
        write_package(path, package_files(signer, edit=_mutate(rnd)))
        result = verify_package(path)
        assert result.intact or (result.problems and "could not be checked" not in reasons(result))


ANSWERS = {"saiga-mou_KZ_2024_r1.json": b'{"answers": {}}\n'}


@pytest.mark.parametrize("name", [
    "C:/Windows/evil.txt", "C:evil.txt", "attachments/a.txt:stream", "attachments/CON.txt", "attachments/nul",
    "attachments\\a.txt", "attachments/a\x01.txt", "attachments/a?.txt", "attachments//a.txt", "./a.txt",
    "/etc/passwd", "../a.txt",
])
def test_a_signed_member_name_that_is_not_portable_is_refused(signer, tmp_path, name):
    # signed by the registered signer, hashes right: only the name is wrong (issue 8 review)
    result = verify_package(make_package(tmp_path / "p.zip", signer, files={**ANSWERS, name: b"x"}))
    assert not result.intact and "is not allowed in a package" in reasons(result)


@pytest.mark.parametrize("names", [
    ("attachments/map.txt", "attachments/MAP.txt"),
    ("attachments/map.txt", "Attachments/map.txt"),
    ("attachments/Ärger.txt", "attachments/ärger.txt"),
    ("attachments/a.txt", "attachments/a.txt."),
])
def test_members_that_are_one_file_on_windows_are_refused(signer, tmp_path, names):
    files = {**ANSWERS, **{name: name.encode() for name in names}}
    result = verify_package(make_package(tmp_path / "p.zip", signer, files=files))
    assert not result.intact and "differ only in case" in reasons(result)


def test_a_member_shadowing_a_control_file_on_windows_is_refused(signer, tmp_path):
    result = verify_package(make_package(tmp_path / "p.zip", signer, files={**ANSWERS, "MANIFEST.JSON": b"{}"}))
    assert not result.intact and "MANIFEST.JSON, manifest.json" in reasons(result)


def test_ordinary_names_stay_allowed(signer, tmp_path):
    files = {**ANSWERS, "attachments/12-Karta_areala-v2.0.pdf": b"a", "attachments/13-CON-list.txt": b"b"}
    assert verify_package(make_package(tmp_path / "p.zip", signer, files=files)).intact


def test_a_pipe_that_never_ends_is_not_read(tmp_path):
    # before: `verify /dev/zero` read for ever (13 GB in 30 s) looking for the ZIP's end record
    import os
    import threading
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes")
    path = tmp_path / "endless.zip"
    os.mkfifo(path)
    opened = threading.Event()

    def pour():
        try:
            with open(path, "wb") as pipe:
                opened.set()
                pipe.write(bytes(8 * 1024 * 1024))
        except OSError:
            pass
    writer = threading.Thread(target=pour, daemon=True)
    writer.start()
    try:
        result = verify_package(path)
        assert not result.intact and "endless.zip is not a file." in reasons(result)
    finally:
        if not opened.is_set():  # the verifier never opened it: let the writer go
            with open(path, "rb") as pipe:
                pipe.read()
        writer.join(5)
