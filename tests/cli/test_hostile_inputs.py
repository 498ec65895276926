"""Files an attacker (or a mistake) hands the command line: each is refused in one clear line,
in little memory, and nothing is stored (issue 8, acceptance review)."""
from __future__ import annotations

import json
import os
import sys

import pytest

from cami_desktop.core.forms import reading
from cami_desktop.core.reports import answers_file
from cami_desktop.core.signing import identity as identity_module
from tests.helpers.certificates import make_p12

PASSPHRASE = "hostile-inputs-42"


def new_report(cli) -> str:
    code, out, err = cli("report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "2024")
    assert code == 0, err
    return out.strip()


def test_an_answers_file_above_the_limit_is_refused_unread(cli, tmp_path):
    report_id = new_report(cli)
    before = cli("report", "dump", report_id)[1]
    # valid JSON of valid answers, only padded beyond the limit: it was read whole and stored
    path = tmp_path / "huge.json"
    padding = " " * (answers_file.MAX_BYTES + 1)
    path.write_text('{"answers": {"range_state": "KZ"}}' + padding, encoding="utf-8")
    code, _, err = cli("report", "fill", report_id, str(path))
    assert code == 2 and "larger than 16 MB" in err and len(err.splitlines()) == 1, err[:300]
    assert cli("report", "dump", report_id)[1] == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/zero")
def test_an_endless_answers_file_is_refused(cli):
    # before: read until memory ran out (17 GB in 60 s)
    code, _, err = cli("report", "fill", new_report(cli), "/dev/zero")
    assert code == 2 and "larger than 16 MB" in err


def test_a_million_wrong_keys_print_a_few_lines_not_a_million(cli, tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"answers": {f"k{i}": i for i in range(5000)}}), encoding="utf-8")
    code, _, err = cli("report", "fill", new_report(cli), str(path))
    lines = err.strip().splitlines()
    assert code == 2 and lines[0] == "5000 answers were refused:"
    assert len(lines) == 52 and lines[-1] == "… and 4950 more."


def test_a_huge_form_file_is_one_problem(cli, tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("id: huge\n# " + "x" * reading.MAX_CHARS + "\n", encoding="utf-8")
    code, out, _ = cli("forms", "check", str(path))
    assert code == 1 and "huge.yaml: is larger than 10 million characters" in out and "1 problem" in out


def test_a_p12_with_a_wrong_password_says_so_and_garbage_says_it_is_no_p12(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMI_PASSPHRASE", PASSPHRASE)
    p12 = tmp_path / "me.p12"
    make_p12(p12, b"right-password")
    (tmp_path / "wrong.txt").write_text("wrong-password\n", encoding="utf-8")
    code, _, err = cli("identity", "import", str(p12), "--p12-passphrase-file", str(tmp_path / "wrong.txt"))
    assert code == 2 and "password is wrong" in err
    garbage = tmp_path / "garbage.p12"
    garbage.write_bytes(b"\x00GARBAGE" * 1000)
    code, _, err = cli("identity", "import", str(garbage), "--p12-passphrase-file", str(tmp_path / "wrong.txt"))
    assert code == 2 and err.strip() == "garbage.p12 is not a PKCS#12 certificate file (.p12 or .pfx)."
    big = tmp_path / "big.p12"
    big.write_bytes(b"\x30" + bytes(identity_module.MAX_P12_BYTES))
    code, _, err = cli("identity", "import", str(big), "--p12-passphrase-file", str(tmp_path / "wrong.txt"))
    assert code == 2 and "is not a PKCS#12 certificate file" in err
    assert not (tmp_path / "data" / "identity" / "key.pem").exists()


def test_no_passphrase_and_no_terminal_is_a_clear_refusal(cli, monkeypatch):
    # a script with its input closed: getpass raised EOFError, shown as "Unexpected error"
    monkeypatch.delenv("CAMI_PASSPHRASE", raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": (_ for _ in ()).throw(EOFError))
    code, _, err = cli("identity", "create", "--name", "Aigul")
    assert code == 2 and "No passphrase was given: use --passphrase-file FILE or set $CAMI_PASSPHRASE." in err


@pytest.mark.parametrize("content", [b"\xff\xfe\x00bad", b"\x00" * 70000, b"a" * 5000 + b"\n"])
def test_a_passphrase_file_that_holds_no_passphrase_is_refused(cli, tmp_path, content):
    path = tmp_path / "secret.txt"
    path.write_bytes(content)
    code, _, err = cli("identity", "create", "--name", "Aigul", "--passphrase-file", str(path))
    assert code == 2 and "is not a passphrase" in err
    assert not (tmp_path / "data" / "identity" / "key.pem").exists()


def test_a_passphrase_file_with_windows_line_ends_gives_the_same_key(cli, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(PASSPHRASE.encode() + b"\r\nsecond line\r\n")
    assert cli("identity", "create", "--name", "Aigul", "--passphrase-file", str(path))[0] == 0
    from cami_desktop.core.signing import unlock
    assert unlock(tmp_path / "data", PASSPHRASE).name == "Aigul"


def _filled(cli, tmp_path) -> str:
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.reports.sample import sample_answers
    _, out, _ = cli("report", "new", "--form", "concerted-action", "--country", "MN", "--period", "2025")
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"answers": sample_answers(default_library().get("concerted-action"), seed=2)}),
                    encoding="utf-8")
    assert cli("report", "fill", out.strip(), str(path))[0] == 0
    return out.strip()


def _declaration(tmp_path, report_id: str) -> dict:
    from cami_desktop.core.store import Store
    with Store.open(tmp_path / "data", app_version="test", backups=False) as store:
        return store.get_report(int(report_id)).declaration


def test_report_finalize_declares_as_the_window_does_from_the_signing_identity(cli, tmp_path, monkeypatch):
    # no profile: the window pre-filled the signer's name, `report finalize` refused for want of one
    monkeypatch.setenv("CAMI_PASSPHRASE", PASSPHRASE)
    assert cli("identity", "create", "--name", "Aigul Nurlanova", "--position", "Focal point",
               "--institution", "Ministry of Ecology")[0] == 0
    report_id = _filled(cli, tmp_path)
    code, _, err = cli("report", "finalize", report_id)
    assert code == 0, err
    declared = _declaration(tmp_path, report_id)
    assert (declared["name"], declared["position"], declared["institution"]) == (
        "Aigul Nurlanova", "Focal point", "Ministry of Ecology")


def test_report_finalize_options_then_profile_then_identity(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMI_PASSPHRASE", PASSPHRASE)
    assert cli("identity", "create", "--name", "Aigul", "--institution", "Ministry")[0] == 0
    assert cli("settings", "set", "profile.position", "Head of department")[0] == 0
    report_id = _filled(cli, tmp_path)
    assert cli("report", "finalize", report_id, "--name", "Bolat")[0] == 0
    declared = _declaration(tmp_path, report_id)
    assert (declared["name"], declared["position"], declared["institution"]) == ("Bolat", "Head of department",
                                                                                 "Ministry")


@pytest.fixture
def endless(tmp_path):
    """A named pipe that pours out more zeros than any file may hold, like /dev/zero but bounded
    (so that a reader without a limit finishes, in a test, instead of eating the memory)."""
    import os
    import threading
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes")
    path = tmp_path / "endless.zip"
    os.mkfifo(path)

    def pour():
        try:
            with open(path, "wb") as pipe:
                for _ in range(6):
                    pipe.write(bytes(1024 * 1024))
        except OSError:  # the reader stopped early: that is the point
            pass
    writer = threading.Thread(target=pour, daemon=True)
    writer.start()
    yield path
    if writer.is_alive():  # nobody opened the pipe: let the writer go
        with open(path, "rb") as pipe:
            pipe.read()
    writer.join(5)


def test_a_shared_section_file_that_never_ends_is_refused_by_size(cli, endless):
    # before: its size (0 for a pipe or /dev/zero) was checked, then it was read whole (10 GB in 30 s)
    code, _, err = cli("share", "open", str(endless))
    assert code == 2 and "is too large for a shared-section file" in err, err


def test_the_inbox_skips_what_is_not_a_file(cli, endless):
    # before: /dev/zero was hashed for ever
    code, out, _ = cli("inbox", "import", str(endless))
    assert code == 1 and "endless.zip is not a file." in out and "1 not read" in out, out


def test_a_number_hundreds_of_digits_long_is_quoted_short(cli, tmp_path):
    # found by tests/fuzz/test_fuzz_answers.py: "…: 3042241988746…(430 digits) is above the maximum 2100"
    path = tmp_path / "a.json"
    path.write_text('{"answers": {"estimate_year": 1%s}}' % ("0" * 430),
                    encoding="utf-8")
    code, _, err = cli("report", "fill", new_report(cli), str(path))
    assert code == 2 and "is above the maximum" in err and all(len(line) < 200 for line in err.splitlines()), err


def test_a_billion_laughs_form_is_refused_at_once(cli, tmp_path):
    # each level repeats the one before nine times: 9^9 "lol"s from 600 bytes, if expanded
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for before, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{before}"] * 9) + "]")
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = cli("forms", "check", str(path))
    assert code == 1 and out.splitlines() == [
        "laughs.yaml: uses YAML aliases (*name); write each part out in full", "1 problem found."]


def test_pasted_line_breaks_and_formulas_fill_then_export(cli, tmp_path, monkeypatch):
    """Word's line breaks become line breaks, a control character is refused, and export works."""
    import zipfile
    from io import BytesIO

    from openpyxl import load_workbook
    monkeypatch.delenv("CAMI_PASSPHRASE", raising=False)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    assert cli("identity", "create", "--name", "Aigul", "--country", "KZ", "--passphrase-file", str(secret))[0] == 0
    report_id = new_report(cli)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"answers": {"other_agencies": "ring \x07 the bell"}}), encoding="utf-8")
    code, _, err = cli("report", "fill", report_id, str(bad))
    assert code == 2 and "other_agencies: the text holds a control character (U+0007)" in err, err
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"answers": {
        "other_agencies": "=HYPERLINK(\"http://evil\")\r\nline\x0bvertical\u2028separator\ttab",
        "policy_instruments": "@SUM(1)\rold mac"}}), encoding="utf-8")
    assert cli("report", "fill", report_id, str(good))[0] == 0
    dumped = json.loads(cli("report", "dump", report_id)[1])["answers"]
    assert dumped["other_agencies"] == "=HYPERLINK(\"http://evil\")\nline\nvertical\nseparator\ttab"
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = cli("export", report_id, "--out", str(out), "--draft", "--passphrase-file", str(secret))
    assert code == 0, err
    with zipfile.ZipFile(next(out.glob("*.zip"))) as package:
        workbook = load_workbook(BytesIO(next(package.read(n) for n in package.namelist() if n.endswith(".xlsx"))))
        assert any(n.endswith(".pdf") for n in package.namelist())
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert any(c.value == dumped["other_agencies"] for c in cells)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and UNIX sockets")
def test_inbox_import_of_a_hostile_folder_goes_through_every_file(cli, tmp_path):
    import socket

    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.signing import create_identity, unlock
    from tests.helpers.packages import assemble_package
    create_identity(tmp_path / "fp", name="Focal\x1b[2J point", country="KZ", passphrase=PASSPHRASE)
    signer = unlock(tmp_path / "fp", PASSPHRASE)
    form = default_library().get("saiga-mou")
    folder = tmp_path / "inbox"
    folder.mkdir()
    table = next(q.key for q in form.questions.values() if q.type == "table")
    rows = assemble_package(signer, folder, form, country="KZ", period="2017-2020", lang="en",
                            answers={"range_state": "KZ", table: [{}] * 700_000})
    rows.rename(folder / "a-rows.zip")
    good = assemble_package(signer, folder, form, country="KZ", period="2021-2024", lang="en",
                            answers={"range_state": "KZ", "other_agencies": "a\r\nb\x0bc"})
    os.rename(os.fsencode(good), os.fsencode(folder) + b"/z-\xff.zip")
    os.mkfifo(folder / "b-pipe.zip")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "c-socket.zip"))
    (folder / "d-link.zip").symlink_to(tmp_path / "fp", target_is_directory=True)
    try:
        code, out, err = cli("inbox", "import", str(folder))
    finally:
        server.close()
    assert code == 1 and err == "" and "Unexpected" not in out
    lines = out.splitlines()
    assert lines[-1] == "1 imported, 0 already received, 1 refused, 3 not read.", out
    assert "✗ a-rows.zip  refused" in out and "it holds more than 200000 values" in out
    assert "! b-pipe.zip" in out and "! c-socket.zip" in out and "d-link.zip is a link" in out
    assert "✓ z-\ufffd.zip  imported: saiga-mou KZ 2021-2024, revision 1, Unregistered signer" in out
    assert "The signer Focal\\x1b[2J point is not registered" in out
    assert "\x1b" not in out
