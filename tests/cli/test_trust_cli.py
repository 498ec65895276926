"""``trust add|list|replace|revoke`` and ``verify PACKAGE…`` with one line per package and a summary."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cami_desktop.cli import main
from cami_desktop.core.forms.cache import cached_library
from tests.helpers.verify_packages import make_identity, make_package, package_files, write_package


@pytest.fixture(scope="module")
def signers(tmp_path_factory):
    root = tmp_path_factory.mktemp("signers")
    return {c: make_identity(root / c, f"Signer {c}", c) for c in ("KZ", "MN", "TJ")}


@pytest.fixture
def run(tmp_path):
    data = tmp_path / "data"
    return lambda *args: main(["--data-dir", str(data), "--language", "en", *args])


def cert(identity, tmp_path):
    path = tmp_path / f"{identity.name}.pem"
    path.write_bytes(identity.certificate_pem())
    return str(path)


def test_add_list_replace_revoke(run, signers, tmp_path, capsys):
    kz, mn = signers["KZ"], signers["MN"]
    assert run("trust", "add", "kz", "--cert", cert(kz, tmp_path), "--valid-until", "2030-12-31") == 0
    assert run("trust", "add", "MN", "--fingerprint", mn.fingerprint.replace(":", " ").lower(),
               "--name", "Bat Erdene") == 0
    capsys.readouterr()
    assert run("trust", "list") == 0
    out = capsys.readouterr().out
    assert "KZ  Signer KZ  [active]" in out and "… – 2030-12-31" in out and kz.fingerprint in out
    assert "MN  Bat Erdene  [active]" in out and mn.fingerprint in out and "no limit" in out
    assert run("trust", "replace", "KZ", "--cert", cert(signers["TJ"], tmp_path)) == 0
    assert run("trust", "revoke", mn.fingerprint) == 0
    capsys.readouterr()
    run("trust", "list")
    out = capsys.readouterr().out
    assert "KZ  Signer KZ  [replaced]" in out and "KZ  Signer TJ  [active]" in out
    assert "MN  Bat Erdene  [revoked]" in out


@pytest.mark.parametrize("args, message", [
    (("add", "KZ", "--fingerprint", "12:34"), "not a SHA-256 fingerprint"),
    (("add", "KZ", "--fingerprint", "ab" * 32), "Give the signer's name"),
    (("add", "Kazakhstan", "--fingerprint", "ab" * 32, "--name", "X"), "not a country code"),
    (("add", "KZ", "--cert", "missing.pem"), "Cannot read missing.pem"),
    (("revoke", "7"), "There is no trusted signer 7"),
])
def test_mistakes_are_one_plain_line(run, capsys, args, message):
    assert run("trust", *args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_verify_many_packages_one_line_each_and_a_summary(run, signers, tmp_path, capsys):
    kz, mn, tj = signers["KZ"], signers["MN"], signers["TJ"]
    run("trust", "add", "KZ", "--cert", cert(kz, tmp_path))
    run("trust", "add", "MN", "--cert", cert(mn, tmp_path))
    good = [make_package(tmp_path / f"good{i}.zip", kz, "KZ") for i in range(2)]
    good.append(make_package(tmp_path / "mn.zip", mn, "MN"))
    stranger = make_package(tmp_path / "stranger.zip", tj, "TJ")
    files = package_files(mn, "KZ")               # Mongolia's signer claiming Kazakhstan
    wrong_country = write_package(tmp_path / "wrong.zip", files)
    capsys.readouterr()
    assert run("verify", *map(str, good + [stranger, wrong_country])) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 6
    assert lines[0] == f"{good[0]} · Registered signer · Signer KZ · KZ"
    assert lines[3].startswith(f"{stranger} · Unregistered signer · Signer TJ · TJ · ")
    assert tj.fingerprint in lines[3]
    assert lines[4].startswith(f"{wrong_country} · NOT VALID · Signer MN · KZ · The package says it is from Kazakhstan (KZ), but its signer is registered for Mongolia (MN).")
    assert lines[5] == "3 valid from registered signers, 1 from an unregistered signer, 1 not valid"
    assert run("verify", *map(str, good)) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == \
        "3 valid from registered signers, 0 from unregistered signers, 0 not valid"


@pytest.mark.parametrize("registered", [False, True])
def test_verify_imports_no_export_stack_nor_the_database_layer(signers, tmp_path, registered):
    """The whole command in a fresh interpreter: no pyHanko, reportlab, openpyxl or Qt, and
    neither SQLAlchemy nor PyYAML: the signer's registrations and the country names are read
    without them (issue 10), for a registered signer and an unregistered one alike."""
    data = tmp_path / "d"
    if registered:
        assert main(["--data-dir", str(data), "trust", "add", "KZ", "--cert", cert(signers["KZ"], tmp_path)]) == 0
    else:  # an existing data folder (a new one is created by Alembic, which needs SQLAlchemy)
        assert main(["--data-dir", str(data), "trust", "list"]) == 0
    path = make_package(tmp_path / "p.zip", signers["KZ"], "KZ")
    # As any earlier start of this installation did: the forms parsed once into a cache of this
    # test's own (the user's is shared with other checkouts and test runs, which rewrite it).
    cached_library(cache=tmp_path / "cache")
    code = ("import sys, json\nfrom cami_desktop.cli import main\n"
            f"code = main(['--data-dir', {str(data)!r}, 'verify', {str(path)!r}])\n"
            "print(json.dumps([code, sorted({m.split('.')[0] for m in sys.modules} & "
            "{'pyhanko', 'reportlab', 'openpyxl', 'PySide6', 'aiohttp', 'sqlalchemy', 'yaml'})]))")
    env = dict(os.environ, CAMI_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    lines = done.stdout.splitlines()
    assert json.loads(lines[-1]) == [0 if registered else 1, []]
    assert ("Registered signer" if registered else "Kazakhstan (KZ)") in done.stdout
