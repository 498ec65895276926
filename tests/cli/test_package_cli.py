"""``identity``, ``export`` and ``verify`` run in-process against a temporary data folder."""
from __future__ import annotations

import email
import zipfile

import pytest

from cami_desktop.cli import main
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.store import Store
from tests.helpers.answers import filled_final_report


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.delenv("CAMI_PASSPHRASE", raising=False)
    secret = tmp_path / "pass.txt"
    secret.write_text("secret-pass-1\n")
    data = tmp_path / "data"
    return {"data": data, "secret": secret, "tmp": tmp_path,
            "run": lambda *args: main(["--data-dir", str(data), "--language", "en", *args])}


def final_report(data) -> int:
    with Store.open(data, app_version="test") as store:
        store.set_setting("secretariat_email", "cms.secretariat@example.org")
        return filled_final_report(store, default_library(), "concerted-action", "ru")


def test_identity_export_verify_round_trip(env, capsys):
    run, secret = env["run"], str(env["secret"])
    assert run("identity", "create", "--name", "Aigul", "--country", "KZ", "--email", "a@example.org",
               "--passphrase-file", secret) == 0
    fingerprint = capsys.readouterr().out.strip().splitlines()[-1].split(": ")[1]
    assert run("identity", "show") == 0 and fingerprint in capsys.readouterr().out
    assert run("identity", "export-cert", "--out", str(env["tmp"] / "me.pem")) == 0
    capsys.readouterr()
    report = final_report(env["data"])
    out = env["tmp"] / "out"
    out.mkdir()
    assert run("export", str(report), "--out", str(out), "--short", "--email", "--passphrase-file", secret) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    package = out / lines[0].rsplit("/", 1)[-1]
    assert package.is_file() and package.suffix == ".zip"
    message = email.message_from_bytes((out / lines[1].rsplit("/", 1)[-1]).read_bytes())
    assert message["X-Unsent"] == "1" and message["To"] == "cms.secretariat@example.org"
    subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
    assert "ЦАИМ" in subject and "2021-2024" in subject
    assert any(part.get_filename() == package.name for part in message.walk())

    assert run("verify", str(package)) == 1  # intact, but its signer is not registered yet
    assert fingerprint in capsys.readouterr().out
    assert run("verify", str(package), "--trust", str(env["tmp"] / "me.pem")) == 0
    assert "Registered signer" in capsys.readouterr().out

    tampered = env["tmp"] / "tampered.zip"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(tampered, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data + b" " if name.endswith(".json") and name != "manifest.json" else data)
    assert run("verify", str(tampered)) == 1
    assert "NOT VALID" in capsys.readouterr().out


def test_wrong_passphrase_and_draft_refusal(env, capsys, monkeypatch):
    run = env["run"]
    monkeypatch.setenv("CAMI_PASSPHRASE", "secret-pass-1")
    assert run("identity", "create", "--name", "Aigul") == 0
    report = final_report(env["data"])
    monkeypatch.setenv("CAMI_PASSPHRASE", "wrong-pass-1")
    capsys.readouterr()
    assert run("export", str(report), "--out", str(env["tmp"])) == 2
    assert capsys.readouterr().err.strip() == "The passphrase is not correct."
    monkeypatch.setenv("CAMI_PASSPHRASE", "secret-pass-1")
    assert run("report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "2025") == 0
    draft = int(capsys.readouterr().out.strip())
    assert run("export", str(draft), "--out", str(env["tmp"])) == 2
    assert "is not final" in capsys.readouterr().err
    assert run("export", str(draft), "--out", str(env["tmp"]), "--draft") == 0
    assert capsys.readouterr().out.strip().endswith("_DRAFT.zip")


def test_identity_import_p12(env, capsys):
    from tests.helpers.certificates import make_p12
    make_p12(env["tmp"] / "me.p12", b"secret-pass-1")
    assert env["run"]("identity", "import", str(env["tmp"] / "me.p12"), "--passphrase-file", str(env["secret"])) == 0
    assert "Bakyt Asanov" in capsys.readouterr().out
    assert env["run"]("identity", "show") == 0


def test_no_identity_is_a_clear_message(env, capsys):
    assert env["run"]("identity", "show") == 2
    assert "no signing identity" in capsys.readouterr().err


@pytest.mark.parametrize("address", [None, "not an address"])
def test_export_with_email_checks_the_address_before_writing_anything(env, capsys, address):
    run, secret = env["run"], str(env["secret"])
    assert run("identity", "create", "--name", "Aigul", "--passphrase-file", secret) == 0
    report = final_report(env["data"])
    with Store.open(env["data"], app_version="test") as store:
        store.set_setting("secretariat_email", address)
    out = env["tmp"] / "out"
    out.mkdir()
    capsys.readouterr()
    assert run("export", str(report), "--out", str(out), "--email", "--passphrase-file", secret) == 2
    err = capsys.readouterr().err
    assert "secretariat_email" in err and len(err.strip().splitlines()) == 1
    assert list(out.iterdir()) == []  # no package without its e-mail
    assert run("settings", "set", "secretariat_email", "cms.secretariat@example.org") == 0
    assert run("export", str(report), "--out", str(out), "--email", "--passphrase-file", secret) == 0
    assert sorted(p.suffix for p in out.iterdir()) == [".eml", ".zip"]


def test_a_full_disk_while_writing_the_email_leaves_neither_file(env, capsys, monkeypatch):
    """Issue 8 review: the package stayed without its e-mail, and a second run made 'name (2).zip'."""
    import errno

    from cami_desktop.core.export import mail
    from cami_desktop.core.signing import atomic

    run, secret = env["run"], str(env["secret"])
    assert run("identity", "create", "--name", "Aigul", "--passphrase-file", secret) == 0
    report = final_report(env["data"])
    out = env["tmp"] / "out"
    out.mkdir()
    real_fdopen = atomic.os.fdopen

    class FullDisk:
        """The e-mail's temporary file, on a disk that is full."""
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.handle.close()
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        in_mail = any(frame.f_code is mail.write_draft_email.__code__ for frame in _frames())
        return FullDisk(handle) if in_mail else handle

    def _frames():
        import sys
        frame = sys._getframe()
        while frame is not None:
            yield frame
            frame = frame.f_back

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    capsys.readouterr()
    assert run("export", str(report), "--out", str(out), "--email", "--passphrase-file", secret) == 2
    captured = capsys.readouterr()
    assert "the disk is full" in captured.err and captured.out == ""
    assert list(out.iterdir()) == []
    monkeypatch.undo()
    monkeypatch.delenv("CAMI_PASSPHRASE", raising=False)
    assert run("export", str(report), "--out", str(out), "--email", "--passphrase-file", secret) == 0
    assert sorted(p.name for p in out.iterdir()) == ["concerted-action_KZ_2021-2024_r1.eml",
                                                     "concerted-action_KZ_2021-2024_r1.zip"]
