"""Slow work runs off the UI thread; results and errors come back on the UI thread.

The lifetime tests run their scenario in a fresh interpreter: before the fix they ended in a
segmentation fault (or Qt's abort), which would take the whole test run down with them.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time

from PySide6.QtWidgets import QPushButton, QWidget

from cami_desktop.core.errors import CamiError
from cami_desktop.ui import background
from cami_desktop.ui.background import run_in_background


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
    operation.dialog.findChild(QPushButton).click()  # the dialog's Cancel
    release.set()
    qtbot.waitUntil(lambda: background.running() == 0, timeout=5000)
    assert outcome == []


def test_work_that_cannot_stop_offers_no_cancel(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()
    done = []
    operation = run_in_background(parent, "work", lambda progress: release.wait(5), done.append,
                                  cancellable=False)
    dialog = operation.dialog
    assert not [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
    dialog.reject()  # Escape
    assert not operation.cancelled
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert done == [True]


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
