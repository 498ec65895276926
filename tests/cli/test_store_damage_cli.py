"""The command line on a damaged, emptied or displaced database: one clear line, the way back
through ``backup restore``, and ``backup list``/``restore`` without opening the store (issue 8)."""
from __future__ import annotations

import pytest

from tests.core.store.test_damage import damage_index


@pytest.fixture
def filled(cli, tmp_path):
    """A report with many answers and one backup of it; yields the backup's name."""
    _, out, _ = cli("report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "2024")
    from cami_desktop.core.store import Store
    with Store.open(tmp_path / "data", app_version="test", backups=False) as store:
        store.set_answers(int(out), {f"q{i:04d}": f"answer {i}" for i in range(400)})
    code, name, err = cli("backup", "now")
    assert code == 0, err
    return name.strip()


def _one_clear_line(err: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err and "Unexpected" not in err


def test_a_damaged_index_is_named_and_never_backed_up(cli, tmp_path, filled) -> None:
    listed = cli("backup", "list")[1]
    damage_index(tmp_path / "data" / "cami.sqlite3")
    code, _, err = cli("report", "dump", "1")
    assert code == 2 and "damaged" in err and "backup restore" in err
    _one_clear_line(err)
    code, _, err = cli("backup", "now")
    assert code == 2 and "missing from index" in err
    _one_clear_line(err)
    assert cli("backup", "list") == (0, listed, "")  # no copy of the damage among them
    code, _, err = cli("backup", "restore", filled)
    assert code == 0, err
    code, out, _ = cli("report", "dump", "1")
    assert code == 0 and '"q0123": "answer 123"' in out


def test_an_emptied_database_names_the_newest_backup(cli, tmp_path, filled) -> None:
    db_path = tmp_path / "data" / "cami.sqlite3"
    db_path.write_bytes(b"")
    code, out, err = cli("report", "list")
    assert code != 0 and not out
    assert f"cami-desktop backup restore {filled}" in err
    _one_clear_line(err)
    assert db_path.stat().st_size == 0  # not turned into a new, empty store
    code, out, err = cli("backup", "restore", filled)
    assert code == 0 and out.strip() == f"Backup {filled} restored.", err
    assert "KZ" in cli("report", "list")[1]


def test_a_folder_in_place_of_the_database_can_be_restored(cli, tmp_path, filled) -> None:
    db_path = tmp_path / "data" / "cami.sqlite3"
    db_path.unlink()
    db_path.mkdir()
    (db_path / "keep.txt").write_text("keep me", encoding="utf-8")
    code, _, err = cli("report", "list")
    assert code == 2 and "is a folder" in err
    _one_clear_line(err)
    code, out, _ = cli("backup", "list")
    assert code == 0 and filled in out
    code, out, err = cli("backup", "restore", filled)
    assert code == 0 and "moved to" in out, err
    [aside] = [p for p in (tmp_path / "data").iterdir() if p.is_dir() and p.name.startswith("cami.sqlite3-")]
    assert (aside / "keep.txt").read_text(encoding="utf-8") == "keep me"
    assert "KZ" in cli("report", "list")[1]


def test_report_list_names_an_answer_that_cannot_be_read(cli, tmp_path, filled) -> None:
    import sqlite3
    connection = sqlite3.connect(tmp_path / "data" / "cami.sqlite3")
    with connection:  # damage after the day's full check: the listing must not hide it
        connection.execute("UPDATE answers SET value = CAST(X'FFFE00' AS TEXT) WHERE key = 'q0001'")
    connection.close()
    code, out, err = cli("report", "list")
    assert code == 2 and "damaged" in err and "backup restore" in err
    _one_clear_line(err)
