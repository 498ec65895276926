"""Driving the background helper's dialogs in UI tests: answer the next message box with Enter,
find the progress dialogs that are still alive, and wait past the delay after which one would
show. No sleeps: every wait is on a condition or a timer's signal."""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from cami_desktop.ui import background


def progress_dialogs() -> list:
    """Every progress dialog still alive (shown or not) among the top-level widgets."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, (background.ProgressDialog, QProgressDialog))]


class BoxAnswerer:
    """Presses Enter on each message box that comes up, as a person would once they have read
    it (after twice the progress dialog's delay: the dialog of issue 15 appeared meanwhile),
    noting its text and the progress dialogs alive when it appeared and when Enter is pressed."""

    def __init__(self, reading_ms: int | None = None) -> None:
        self.reading_ms = 2 * background.SHOW_AFTER_MS if reading_ms is None else reading_ms
        self.texts: list[str] = []
        self.dialogs_seen: list[list] = []
        self._box = None
        self._clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            return
        if box is not self._box:
            self._box = box
            self._clock.start()
            self.dialogs_seen.append(progress_dialogs())
            return
        if self._clock.elapsed() >= self.reading_ms:
            self.texts.append(box.text())
            self.dialogs_seen[-1] += progress_dialogs()
            self._box = None
            QTest.keyClick(box, Qt.Key_Return)

    def stop(self) -> None:
        self.timer.stop()


def wait_past_the_show_delay(qtbot) -> None:
    """Let the event loop run for twice the progress dialog's delay (a timer's signal, no sleep):
    a dialog that was going to appear late has appeared by then."""
    timer = QTimer()
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=10000):
        timer.start(2 * background.SHOW_AFTER_MS)


def assert_window_free(qtbot) -> None:
    """No progress dialog is alive or comes up late, and no modal window blocks the app."""
    qtbot.waitUntil(lambda: background.running() == 0, timeout=30000)
    wait_past_the_show_delay(qtbot)
    assert progress_dialogs() == []
    assert QApplication.activeModalWidget() is None
