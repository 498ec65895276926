"""A full disk under the data folder: every command says so in one translated sentence, with
nothing lost and what to do; no traceback, no "--- Logging error ---" (issue 15).

The full disk is simulated where the machine says it: SQLite's "database or disk is full"
(raised at each writing statement of the store's engine, as SQLite does when a page cannot be
added), SQLite refusing to grow a backup file, and ``OSError(ENOSPC)`` from a file write.
"""
from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from cami_desktop.cli import main
from cami_desktop.core import i18n
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.session import create_report
from cami_desktop.core.store import Store
from cami_desktop.core.store import backup as backup_module
from tests.helpers.answers import filled_final_report

DISK_FULL = ("The disk is full: nothing already saved was lost; free some space on the disk, "
             "then try again.")
DISK_FULL_RU = ("Диск заполнен: ничего из уже сохраненного не потеряно; освободите место на диске "
                "и повторите попытку.")
ROOT = Path(__file__).resolve().parents[2]


def refuse(conn, cursor, statement, parameters, context, executemany):
    if statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
        raise sqlite3.OperationalError("database or disk is full")


@pytest.fixture
def full_disk():
    """``full_disk()``: from then on every writing statement of a store fails as SQLite fails
    on a full disk."""
    def fill() -> None:
        event.listen(Engine, "before_cursor_execute", refuse)
    yield fill
    if event.contains(Engine, "before_cursor_execute", refuse):
        event.remove(Engine, "before_cursor_execute", refuse)


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def run(data: Path, capsys, *args: str, language: str = "en") -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "--language", language, *args])
    out, err = capsys.readouterr()
    return code, out, err


def said_plainly(err: str, sentence: str = DISK_FULL) -> None:
    assert err.strip() == sentence, err
    assert "Traceback" not in err and "Logging error" not in err


def a_report(data: Path) -> int:
    with Store.open(data, app_version="test") as store:
        return create_report(store, default_library(), form_id="saiga-mou", country="KZ",
                             period="2022-2024", language="en").id


@pytest.mark.parametrize("language, sentence", [("en", DISK_FULL), ("ru", DISK_FULL_RU)])
def test_report_fill_on_a_full_disk(data, tmp_path, capsys, full_disk, language, sentence):
    if language == "ru" and "Диск заполнен" not in i18n.tr(DISK_FULL, "ru"):
        pytest.skip("the Russian catalog is compiled from /work/tr/*.po later")
    report = a_report(data)
    full_disk()
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {"population_estimate": 1250, "estimate_method": "Aerial count"}}))
    code, out, err = run(data, capsys, "report", "fill", str(report), str(answers), language=language)
    assert code == 2 and out == ""
    said_plainly(err, sentence)


def test_nothing_already_saved_is_lost(data, tmp_path, capsys, full_disk):
    report = a_report(data)
    first = tmp_path / "first.json"
    first.write_text(json.dumps({"answers": {"population_estimate": 1000}}))
    assert run(data, capsys, "report", "fill", str(report), str(first))[0] == 0
    with Store.open(data, app_version="test") as store:
        saved = store.answers(report)
    second = tmp_path / "second.json"
    second.write_text(json.dumps({"answers": {"population_estimate": 1250, "estimate_method": "Aerial"}}))
    full_disk()
    code, _, err = run(data, capsys, "report", "fill", str(report), str(second))
    assert code == 2
    said_plainly(err)
    event.remove(Engine, "before_cursor_execute", refuse)
    with Store.open(data, app_version="test") as store:
        assert store.answers(report) == saved and saved["population_estimate"] == 1000


def test_inbox_import_on_a_full_disk(data, tmp_path, capsys, full_disk):
    a_report(data)  # the database exists before the disk fills
    full_disk()
    junk = tmp_path / "package.zip"
    junk.write_bytes(b"PK\x03\x04 not really a package" * 10)
    code, _, err = run(data, capsys, "inbox", "import", str(junk))
    assert code == 2
    said_plainly(err)


def test_backup_now_on_a_full_disk(data, capsys, monkeypatch):
    a_report(data)
    Store.open(data, app_version="test").close()  # a day later: today's automatic backup
    backups = data / "backups"
    before = sorted(p.name for p in backups.iterdir()) if backups.is_dir() else []
    real_connect = sqlite3.connect

    def connect(path, *args, **kwargs):
        connection = real_connect(path, *args, **kwargs)
        if str(path).endswith(".partial"):  # the backup being written cannot grow
            connection.execute("PRAGMA max_page_count = 1").fetchall()
        return connection
    monkeypatch.setattr(backup_module.sqlite3, "connect", connect)
    code, out, err = run(data, capsys, "backup", "now")
    assert code == 2 and out == ""
    said_plainly(err)
    after = sorted(p.name for p in backups.iterdir()) if backups.is_dir() else []
    assert after == before  # no partial file left


def _final_report_to_export(data, tmp_path, capsys, monkeypatch):
    """(passphrase file, report id, empty output folder): a signing identity and a final report."""
    monkeypatch.delenv("CAMI_PASSPHRASE", raising=False)
    secret = tmp_path / "pass.txt"
    secret.write_text("secret-pass-1\n")
    assert run(data, capsys, "identity", "create", "--name", "Aigul", "--passphrase-file", str(secret))[0] == 0
    with Store.open(data, app_version="test") as store:
        report = filled_final_report(store, default_library(), "saiga-mou")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    return secret, report, out_dir


def test_export_on_a_full_disk(data, tmp_path, capsys, monkeypatch):
    from cami_desktop.core.signing import atomic

    secret, report, out_dir = _final_report_to_export(data, tmp_path, capsys, monkeypatch)

    def fdopen(fd, *args, **kwargs):
        os.close(fd)
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    code, out, err = run(data, capsys, "export", str(report), "--out", str(out_dir), "--passphrase-file", str(secret))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "the disk is full (nothing already saved was lost: free some space on the disk, then try again)" in err
    assert list(out_dir.iterdir()) == []


def test_the_log_on_a_full_disk_prints_nothing(data, capsys, monkeypatch):
    """An unexpected error is logged; when the log cannot be written either, nothing of the
    logger's own reaches the console: only the one line."""
    from cami_desktop.core import paths

    def full_open(self):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(paths._PrivateLogFile, "_open", full_open)
    a_report(data)
    monkeypatch.setattr(Store, "list_reports", lambda *a, **k: 1 / 0, raising=False)
    from cami_desktop.core.store import lazy
    monkeypatch.setattr(lazy.LazyStore, "list_reports", lambda *a, **k: 1 / 0, raising=False)
    code, _, err = run(data, capsys, "report", "list")
    assert code == 3
    assert len(err.strip().splitlines()) == 1 and err.startswith("Unexpected error: division by zero")
    assert "Logging error" not in err and "Traceback" not in err


def test_export_prints_no_library_warning(data, tmp_path, capsys, monkeypatch):
    """pyHanko's CryptographyDeprecationWarning ("DSA is deprecated") was printed by every
    export; stderr holds what the README says, and here nothing."""
    secret, report, out_dir = _final_report_to_export(data, tmp_path, capsys, monkeypatch)
    env = {k: v for k, v in os.environ.items() if k not in ("CAMI_DEBUG", "PYTHONWARNINGS", "CAMI_PASSPHRASE")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-m", "cami_desktop", "--data-dir", str(data), "--language", "en",
                           "export", str(report), "--out", str(out_dir), "--passphrase-file", str(secret)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert [Path(line).name for line in done.stdout.splitlines()] == [p.name for p in out_dir.iterdir()]
    # and with CAMI_DEBUG they are there for whoever looks for a problem
    env["CAMI_DEBUG"] = "1"
    code = ("import warnings; from cami_desktop.cli import quiet; quiet(); "
            "warnings.warn('seen', DeprecationWarning)")
    debug = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           timeout=120, check=False)
    assert "seen" in debug.stderr
