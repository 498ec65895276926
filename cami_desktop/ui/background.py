"""Slow work off the UI thread through one helper, with progress and clear errors.

``run_in_background(parent, title, work, on_done)`` runs ``work(progress)`` in a worker thread;
``progress(fraction: float, text: str)`` updates a progress dialog; a ``CamiError`` becomes its
translated message, anything else is logged and shown as a short message. Worker code never
touches widgets.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal, Qt
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
    thread.started.connect(worker.run)

    def on_progress(fraction: float, text: str) -> None:
        dialog.setValue(int(fraction * 100))
        if text:
            dialog.setLabelText(text)

    def on_finished(result: Any, error: BaseException | None) -> None:
        dialog.reset()
        thread.quit()
        thread.wait()
        thread.deleteLater()
        if error is None:
            on_done(result)
        elif isinstance(error, Cancelled):
            pass
        elif on_error is not None:
            on_error(error)
        else:
            show_error(parent, error)

    def on_cancel() -> None:
        worker.cancelled = True

    worker.progressed.connect(on_progress)
    worker.finished.connect(on_finished)
    dialog.canceled.connect(on_cancel)
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
