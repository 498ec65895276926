"""The window's start on an emptied database beside backups: it offers the newest backup,
restores it on yes, and quits having created nothing on no (issue 8)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cami_desktop import app as app_module
from cami_desktop.core.store import Store
from cami_desktop.core.store import lazy as lazy_module
from cami_desktop.core.store.lock import FolderLock
from cami_desktop.ui.language import language


@pytest.fixture
def emptied(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    with Store.open(data, app_version="test", backups=False) as store:
        report = store.create_report(form_id="saiga-mou", form_version="1.0", country="MN",
                                     period="2024", language="en")
        store.set_answer(report.id, "q1", "kept in the backup")
        name = store.backup_now().name
    (data / "cami.sqlite3").write_bytes(b"")
    return data, name


def _answer(monkeypatch, button) -> list[str]:
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return button
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_yes_restores_the_newest_backup(qtbot, monkeypatch, emptied) -> None:
    data, name = emptied
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    store = app_module.open_store(data)
    try:
        assert len(asked) == 1 and name in asked[0] and "empty" in asked[0]
        [report] = store.list_reports()
        assert store.answers(report.id) == {"q1": "kept in the backup"}
    finally:
        store.close()


def test_no_quits_without_creating_anything(qtbot, monkeypatch, emptied) -> None:
    data, _ = emptied
    before = sorted((p.name, p.stat().st_size) for p in data.rglob("*") if p.is_file())
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert app_module.open_store(data) is None
    assert len(asked) == 1
    assert sorted((p.name, p.stat().st_size) for p in data.rglob("*") if p.is_file()) == before
    # The lock was let go: a later "backup restore" can take the folder.
    lock = FolderLock(data / "cami.lock")
    lock.acquire()
    lock.release()


def _run_window(monkeypatch, data: Path, lang: str = "en") -> int:
    """The window's entry point over ``data`` in ``lang``; the log handler it adds is removed."""
    import argparse
    import logging
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_window installs its own
    handlers = list(logging.getLogger("cami").handlers)
    try:
        return app_module.run_window(argparse.Namespace(data_dir=str(data), language=lang))
    finally:
        for handler in set(logging.getLogger("cami").handlers) - set(handlers):
            logging.getLogger("cami").removeHandler(handler)
            handler.close()


def test_the_window_quits_on_no_leaving_the_folder_as_it_was(qtbot, monkeypatch, emptied) -> None:
    data, _ = emptied
    before = sorted((p.name, p.stat().st_size) for p in data.rglob("*"))
    _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert _run_window(monkeypatch, data) == 1
    assert sorted((p.name, p.stat().st_size) for p in data.rglob("*")) == before


@pytest.mark.parametrize("lang", ["en", "ru"])  # ru: the start writes the new language first
def test_damage_found_beside_the_start_closes_the_window_with_the_reason(qtbot, monkeypatch, tmp_path,
                                                                         lang) -> None:
    import sqlite3
    from datetime import timedelta

    from PySide6.QtWidgets import QApplication

    from tests.core.store.test_damage import set_last_check
    from tests.core.store.test_lazy import _break_answers_page

    data = tmp_path / "data"
    with Store.open(data, app_version="test", backups=False) as store:
        report = store.create_report(form_id="saiga-mou", form_version="1.0", country="MN",
                                     period="2024", language="en")
        store.set_answers(report.id, {f"q{i:04d}": f"answer {i}" for i in range(400)})
        store.set_setting("language", "en")
        store.backup_now(kind="automatic")  # today's: no backup due, so no full check first
    db_path = data / "cami.sqlite3"
    set_last_check(db_path, timedelta(hours=1))  # the quick check runs beside the start
    started = []
    real_start = lazy_module._QuickCheck.start
    monkeypatch.setattr(lazy_module._QuickCheck, "start", lambda self: (started.append(1), real_start(self)))
    _break_answers_page(db_path)
    assert sqlite3.connect(db_path).execute("PRAGMA quick_check").fetchone()[0] != "ok"
    before = db_path.read_bytes()
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: said.append(text))
    monkeypatch.setattr(QApplication, "exec", lambda self: pytest.fail("the event loop ran"))
    try:
        assert _run_window(monkeypatch, data, lang) == 2
    finally:
        language().set_language("en")
    assert started, "the check ran before the window, not beside it"
    assert len(said) == 1 and ("damaged" in said[0] or "повреждена" in said[0]) and "backup restore" in said[0]
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
    # The window is dropped, not left listening to the language (a later test switches it).
    qtbot.waitUntil(lambda: not [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"])
    assert db_path.read_bytes() == before
    with FolderLock(data / "cami.lock"):  # the folder is free again
        pass
