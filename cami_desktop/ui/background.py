"""Slow work off the UI thread through one helper, with progress and clear errors.

``run_in_background(parent, title, work, on_done)`` runs ``work(progress)`` in a worker thread;
``progress(fraction: float, text: str)`` updates a progress dialog; a ``CamiError`` becomes its
translated message, anything else is logged and shown as a short message. Worker code never
touches widgets.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..core.errors import CamiError
from ..core.i18n import tr

log = logging.getLogger("cami")


class Cancelled(Exception):
    """Raised inside work when the person pressed Cancel."""


class _Worker(QObject):
    progressed = Signal(float, str)
    finished = Signal(object, object)  # result, error

    def __init__(self, work: Callable[[Callable[[float, str], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.cancelled = False

    def run(self) -> None:
        def progress(fraction: float, text: str = "") -> None:
            if self.cancelled:
                raise Cancelled()
            self.progressed.emit(fraction, text)
        try:
            result = self.work(progress)
        except BaseException as exc:  # noqa: BLE001 - every failure reaches the person as a message
            self.finished.emit(None, exc)
        else:
            self.finished.emit(result, None)


class _Relay(QObject):
    """Lives in the GUI thread, so the worker's signals reach it queued, never off-thread."""

    def __init__(self, parent: QWidget, dialog: QProgressDialog, thread: QThread, on_done: Callable,
                 on_error: Callable | None) -> None:
        super().__init__(parent)
        self.parent_widget, self.dialog, self.thread = parent, dialog, thread
        self.on_done, self.on_error = on_done, on_error

    @Slot(float, str)
    def progressed(self, fraction: float, text: str) -> None:
        self.dialog.setValue(int(fraction * 100))
        if text:
            self.dialog.setLabelText(text)

    @Slot(object, object)
    def finished(self, result: Any, error: object) -> None:
        self.dialog.reset()
        self.thread.quit()
        self.thread.wait()
        self.thread.deleteLater()
        self.deleteLater()
        if error is None:
            self.on_done(result)
        elif isinstance(error, Cancelled):
            pass
        elif self.on_error is not None:
            self.on_error(error)
        else:
            show_error(self.parent_widget, error)


def run_in_background(parent: QWidget, title: str, work: Callable, on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None] | None = None) -> QThread:
    """Run ``work(progress)`` in a thread with a cancellable progress dialog."""
    dialog = QProgressDialog(title, tr("Cancel"), 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(300)
    thread = QThread(parent)
    worker = _Worker(work)
    worker.moveToThread(thread)
    relay = _Relay(parent, dialog, thread, on_done, on_error)
    thread.started.connect(worker.run)
    worker.progressed.connect(relay.progressed, Qt.QueuedConnection)
    worker.finished.connect(relay.finished, Qt.QueuedConnection)
    dialog.canceled.connect(lambda: setattr(worker, "cancelled", True))
    thread._worker = worker  # keep the worker alive as long as the thread
    thread.start()
    return thread


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show a failure as a short translated message; unexpected ones are logged first."""
    if isinstance(error, CamiError):
        text = error.translated()
    else:
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
        text = tr("Something went wrong: {error}. The details are in the log file.", error=str(error) or type(error).__name__)
    QMessageBox.warning(parent, tr("CAMI Reporter"), text)
