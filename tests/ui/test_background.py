"""Slow work runs off the UI thread; results and errors come back on the UI thread."""
from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QWidget

from cami_desktop.core.errors import CamiError
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


def test_a_failure_reaches_the_error_handler(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []

    def work(progress):
        raise CamiError("The disk is full.")

    run_in_background(parent, "work", work, lambda r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors[0].translated() == "The disk is full."
