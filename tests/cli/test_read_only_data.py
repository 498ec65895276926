"""A database file that cannot be written (copied from a CD or a read-only share, or with
Windows' Read-only attribute) is refused in one sentence when opened, not met as an
"Unexpected error" with SQL at the first answer saved (issue 8, acceptance review)."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cami_desktop.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def _as_user(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run the command line as an ordinary user: root may write any file, so only a user meets
    a read-only one."""
    command = [sys.executable, "-m", "cami_desktop", *args]
    if os.geteuid() == 0:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def folder():
    if sys.platform == "win32" or (os.geteuid() == 0 and not shutil.which("setpriv")):
        pytest.skip("needs a POSIX user without root's rights (setpriv)")
    path = Path(tempfile.mkdtemp(prefix="cami-ro-"))  # outside pytest's owner-only folder
    os.chmod(path, 0o777)
    yield path / "data"
    shutil.rmtree(path, ignore_errors=True)


def test_a_read_only_database_is_refused_in_one_sentence_and_left_unchanged(folder):
    with Store.open(folder, app_version="test") as store:
        store.set_setting("profile", {"name": "Aigul"})
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, NOBODY, NOBODY) if os.geteuid() == 0 else None
    db = folder / "cami.sqlite3"
    os.chmod(db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = db.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(folder.parent))
    for args in (["settings", "set", "profile.name", "Bolat"], ["report", "list"]):
        result = _as_user(["--data-dir", str(folder), "--language", "en", *args], env)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == (f"The database {db} is read-only, so nothing could be saved. Make the "
                                         "file writable (on Windows: Properties, clear Read-only) and start again.")
    assert db.read_bytes() == before
