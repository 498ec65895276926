"""Slow work runs off the UI thread; results and errors come back on the UI thread.

The lifetime tests run their scenario in a fresh interpreter: before the fix they ended in a
segmentation fault (or Qt's abort), which would take the whole test run down with them.
"""
from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from cami_desktop.core.errors import CamiError
from cami_desktop.ui import background
from cami_desktop.ui.background import run_in_background
from tests.helpers.background import BoxAnswerer, assert_window_free, progress_dialogs, wait_past_the_show_delay


def test_result_and_progress_arrive_on_the_ui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}
    main = threading.get_ident()

    def work(progress):
        seen["worker"] = threading.get_ident()
        for i in range(3):
            time.sleep(0.02)
            progress(i / 3, f"step {i}")
        return 42

    def done(result):
        seen["result"], seen["done_thread"] = result, threading.get_ident()

    run_in_background(parent, "work", work, done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42 and seen["done_thread"] == main and seen["worker"] != main
    qtbot.waitUntil(lambda: background.running() == 0, timeout=5000)


def test_a_failure_reaches_the_error_handler(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []

    def work(progress):
        raise CamiError("The disk is full.")

    run_in_background(parent, "work", work, lambda r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors[0].translated() == "The disk is full."


def shown_dialog(qtbot, operation):
    """The operation's progress dialog, once it has appeared (after SHOW_AFTER_MS)."""
    qtbot.waitUntil(lambda: operation.dialog is not None and operation.dialog.isVisible(), timeout=5000)
    return operation.dialog


def test_cancel_stops_the_work_at_its_next_progress_and_drops_the_result(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    started, release = threading.Event(), threading.Event()
    outcome = []

    def work(progress):
        started.set()
        release.wait(5)
        progress(0.5, "half")  # raises Cancelled
        outcome.append("went on")
        return 1

    operation = run_in_background(parent, "work", work, outcome.append, on_error=outcome.append)
    assert started.wait(5)
    dialog = shown_dialog(qtbot, operation)
    assert dialog.button.text() == "Cancel"
    dialog.button.click()
    assert progress_dialogs() == [] or not dialog.isVisible()  # gone at once, the work still running
    assert QApplication.activeModalWidget() is None
    release.set()
    qtbot.waitUntil(lambda: background.running() == 0, timeout=5000)
    assert [type(o) for o in outcome] == [background.Cancelled]  # the caller's buttons come back
    assert_window_free(qtbot)


@pytest.mark.parametrize("how", ["escape", "close"])
def test_escape_and_the_close_button_cancel_too(qtbot, how):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    outcome = []

    def work(progress):
        while not release.wait(0.01):
            progress(None)
        return 1

    operation = run_in_background(parent, "work", work, outcome.append, on_error=outcome.append)
    dialog = shown_dialog(qtbot, operation)
    if how == "escape":
        QTest.keyClick(dialog, Qt.Key_Escape)
    else:
        dialog.close()  # what the window's ✕ does
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    release.set()
    assert [type(o) for o in outcome] == [background.Cancelled]
    assert_window_free(qtbot)


def test_work_that_cannot_stop_can_be_hidden_and_its_result_still_arrives(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()
    done = []
    operation = run_in_background(parent, "work", lambda progress: release.wait(5), done.append,
                                  cancellable=False)
    dialog = shown_dialog(qtbot, operation)
    assert dialog.button.text() == "Hide"
    QTest.keyClick(dialog, Qt.Key_Escape)  # as the button and ✕ do
    qtbot.waitUntil(lambda: progress_dialogs() == [], timeout=5000)
    assert QApplication.activeModalWidget() is None and not operation.cancelled
    wait_past_the_show_delay(qtbot)
    assert progress_dialogs() == []  # hidden for good, not shown again
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert done == [True]  # the file was written all the same: the window must say so
    assert_window_free(qtbot)


def test_quick_work_shows_no_dialog_at_all(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    done = []
    run_in_background(parent, "work", lambda progress: 7, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert done == [7]
    assert_window_free(qtbot)


@pytest.mark.parametrize("when", ["before the dialog shows", "after the dialog showed"])
def test_a_failure_leaves_no_progress_dialog_behind_its_warning(qtbot, when):
    """Issue 15: the dialog's own timer used to show it over (or under) the warning, after the
    work had failed, and it could not be closed: the window was locked."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def work(progress):
        progress(0.1, "unlocking")
        if when == "after the dialog showed":
            release.wait(5)
        raise CamiError("The passphrase is wrong.")

    answerer = BoxAnswerer()
    try:
        operation = run_in_background(parent, "Sharing the sections…", work, lambda r: None,
                                      cancellable=False)
        if when == "after the dialog showed":
            shown_dialog(qtbot, operation)
            release.set()
        qtbot.waitUntil(lambda: bool(answerer.texts), timeout=10000)
        assert answerer.texts == ["The passphrase is wrong."]
        assert answerer.dialogs_seen == [[]]  # none beside or under the warning
        assert_window_free(qtbot)
        assert answerer.texts == ["The passphrase is wrong."]  # and nothing else came up
    finally:
        answerer.stop()


def test_an_unexpected_failure_is_logged_and_said_shortly(qtbot, caplog):
    parent = QWidget()
    qtbot.addWidget(parent)
    answerer = BoxAnswerer()
    try:
        run_in_background(parent, "work", lambda progress: {}["missing"], lambda r: None)
        qtbot.waitUntil(lambda: bool(answerer.texts), timeout=10000)
    finally:
        answerer.stop()
    assert answerer.texts[0].startswith("Something went wrong") and "Traceback" not in answerer.texts[0]
    assert "KeyError" in caplog.text
    assert_window_free(qtbot)


@pytest.mark.parametrize("failure", [
    OSError(errno.ENOSPC, "No space left on device"),
    sqlite3.OperationalError("database or disk is full"),
])
def test_a_full_disk_is_said_in_one_plain_sentence(qtbot, failure):
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress):
        raise failure
    answerer = BoxAnswerer()
    try:
        run_in_background(parent, "work", work, lambda r: None)
        qtbot.waitUntil(lambda: bool(answerer.texts), timeout=10000)
    finally:
        answerer.stop()
    assert answerer.texts == [("The disk is full: nothing already saved was lost; free some space on the "
                               "disk, then try again.")]
    assert_window_free(qtbot)


def test_closing_the_window_waits_for_running_work(app, qtbot):
    release = threading.Event()
    done = []
    operation = run_in_background(app.window, "work", lambda progress: release.wait(0.3), done.append)
    app.window.close()  # waits: a QThread destroyed while running aborts the process
    assert operation.isFinished()
    release.set()


_SCENARIO = textwrap.dedent("""
    import sys, threading
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QWidget
    from cami_desktop.ui import background

    app = QApplication([])
    mode = sys.argv[1]
    results = []

    def settle():
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
            app.processEvents()

    def finished_then_released(fail):
        parent = QWidget()
        done = []
        def work(progress):
            progress(0.5, "half")
            if fail:
                raise ValueError("x")
            return 1
        background.run_in_background(parent, "t", work, done.append, on_error=done.append)
        while not done:
            app.processEvents()
        del parent  # the last reference of the test: the widget goes with it
        settle()

    def parent_deleted_while_running():
        parent = QWidget()
        started, release = threading.Event(), threading.Event()
        def work(progress):
            started.set()
            release.wait(5)
            progress(1.0)
            return 1
        op = background.run_in_background(parent, "t", work, results.append, on_error=results.append)
        started.wait(5)
        del parent  # deletes the widget, its dialog (and, before the fix, the running thread)
        settle()
        release.set()
        while background.running():
            settle()
        assert results == [], results

    for i in range(4):
        if mode == "released":
            finished_then_released(i % 2)
        else:
            parent_deleted_while_running()
    print("ok")
""")


def _scenario(mode: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", _SCENARIO, mode], capture_output=True, text=True,
                          env=env, timeout=120)


def test_releasing_the_widget_after_the_work_does_not_crash():
    run = _scenario("released")
    assert run.returncode == 0 and "ok" in run.stdout, (run.returncode, run.stderr[-2000:])


def test_deleting_the_widget_while_work_runs_drops_the_result_without_crashing():
    run = _scenario("deleted")
    assert run.returncode == 0 and "ok" in run.stdout, (run.returncode, run.stderr[-2000:])


def test_the_dialog_waiting_for_work_that_cannot_stop_stays_open_until_its_outcome(qtbot):
    """Hide, then Escape or ✕ on the dialog that started a restore: closing it would delete the
    one that applies the outcome. It stays open until the work ends, then closes as usual."""
    from PySide6.QtWidgets import QDialog

    owner = QDialog()
    qtbot.addWidget(owner)
    owner.show()
    release = threading.Event()
    outcome = []
    run_in_background(owner, "Restoring…", lambda progress: release.wait(10) and "restored",
                      outcome.append, cancellable=False)
    QTest.keyClick(owner, Qt.Key_Escape)
    owner.close()
    assert owner.isVisible()
    release.set()
    qtbot.waitUntil(lambda: outcome == ["restored"])
    owner.close()
    assert not owner.isVisible()
