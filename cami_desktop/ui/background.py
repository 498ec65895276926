"""Slow work off the UI thread through one helper, with progress and clear errors.

``run_in_background(parent, title, work, on_done)`` runs ``work(progress)`` in a worker thread;
``progress(fraction: float, text: str = "")`` updates a progress dialog (until the first call it
shows a busy bar); a ``CamiError`` becomes its translated message, anything else is logged and
shown as a short message. Worker code never touches widgets.

Lifetimes, which is what this module is mostly about:

- A running operation is kept alive by the module's ``_RUNNING`` set, not by its parent widget,
  and its thread has no Qt parent: closing the widget (or its window) mid-way must not destroy a
  running ``QThread``. When the widget goes, the work is asked to stop and its result dropped.
- Nothing here holds a strong Python reference to the parent widget. It used to (the relay
  object kept ``parent``), which closed a cycle with PySide's parent-to-child ownership: when the
  relay's ``deleteLater`` ran, its wrapper dropped the last reference to a Python-owned parent,
  whose C++ destructor then deleted the relay a second time, inside its own destructor. That was
  the intermittent segmentation fault of the UI tests.
- An operation is released from a zero-timer, never from its own slot, and only after its thread
  has finished, so the QThread (and everything the work referenced) is destroyed on the UI thread.
"""
from __future__ import annotations

import logging
import weakref
from functools import partial
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QDeadlineTimer, QThread, QTimer, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.errors import CamiError
from ..core.i18n import tr
from . import plain

log = logging.getLogger("cami")

Progress = Callable[..., None]
_RUNNING: set["_Operation"] = set()


class Cancelled(Exception):
    """Raised inside work when the person pressed Cancel (or the window went away)."""


class _ProgressDialog(QProgressDialog):
    """A progress dialog that cannot be dismissed while the work cannot be stopped."""

    cancellable = True

    def reject(self) -> None:
        if self.cancellable:
            super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.cancellable:
            super().closeEvent(event)
        else:
            event.ignore()


class _Operation(QThread):
    """One piece of work: ``run`` executes it in the new thread; the slots run on the UI thread.

    The object itself lives in the UI thread (it has no parent and is never moved), so the
    signals ``run`` emits reach its slots queued, in the UI thread.
    """

    progressed = Signal(float, str)

    def __init__(self, parent: QWidget | None, title: str, work: Callable[[Progress], Any],
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None,
                 cancellable: bool) -> None:
        super().__init__()
        self.work = work
        self.on_done, self.on_error = on_done, on_error
        self.cancelled = False  # set on the UI thread, read by the worker: a bool is atomic
        self.result: Any = None
        self.error: BaseException | None = None
        self._parent = weakref.ref(parent) if parent is not None else None
        self.dialog: _ProgressDialog | None = None
        if parent is not None:
            dialog = _ProgressDialog(title, tr("Cancel") if cancellable else "", 0, 0, parent)
            dialog.cancellable = cancellable
            dialog.setLabel(plain.plain_label(title))  # the progress names files from strangers
            if not cancellable:
                dialog.setCancelButton(None)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModal)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setMinimumDuration(300)  # quick work should not flash a dialog
            dialog.canceled.connect(self.cancel)
            self.dialog = dialog
            parent.destroyed.connect(self.cancel)
        self.progressed.connect(self._show_progress)
        self.finished.connect(self._finish)

    # -- worker thread ------------------------------------------------------------------------
    def run(self) -> None:
        def progress(fraction: float | None = None, text: str = "") -> None:
            if self.cancelled:
                raise Cancelled()
            self.progressed.emit(-1.0 if fraction is None else float(fraction), text or "")
        try:
            self.result = self.work(progress)
        except BaseException as exc:  # noqa: BLE001 - every failure reaches the person as a message
            self.error = exc

    # -- UI thread ----------------------------------------------------------------------------
    @Slot()
    def cancel(self, *_: object) -> None:
        self.cancelled = True

    def _dialog(self) -> _ProgressDialog | None:
        dialog = self.dialog
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

    def parent_widget(self) -> QWidget | None:
        """The widget that started the work, unless it has been closed and deleted since."""
        parent = self._parent() if self._parent is not None else None
        return parent if parent is not None and shiboken6.isValid(parent) else None

    @Slot(float, str)
    def _show_progress(self, fraction: float, text: str) -> None:
        dialog = self._dialog()
        if dialog is None:
            return
        if fraction >= 0:
            if dialog.maximum() == 0:
                dialog.setRange(0, 100)
            dialog.setValue(min(100, max(0, int(fraction * 100))))
        if text:
            dialog.setLabelText(text)

    @Slot()
    def _finish(self) -> None:
        self.wait()  # ``finished`` is emitted just before the thread really ends
        dialog = self._dialog()
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self.dialog = None
        # Released later, from the event loop: never delete an object inside its own slot.
        QTimer.singleShot(0, partial(_RUNNING.discard, self))
        error, result = self.error, self.result
        self.error = self.result = None
        if self.parent_widget() is None and self._parent is not None:
            if error is not None and not isinstance(error, (Cancelled, CamiError)):
                log.error("unexpected error after its window closed",
                          exc_info=(type(error), error, error.__traceback__))
            return  # the widget that wanted the result is gone
        if error is None:
            if not self.cancelled:
                self.on_done(result)
        elif isinstance(error, Cancelled):
            pass
        elif self.on_error is not None:
            self.on_error(error)
        else:
            show_error(self.parent_widget(), error)


def run_in_background(parent: QWidget | None, title: str, work: Callable[[Progress], Any],
                      on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None] | None = None, *,
                      cancellable: bool = True) -> QThread:
    """Run ``work(progress)`` in a thread with a progress dialog over ``parent``.

    ``on_done(result)`` or ``on_error(error)`` (default: :func:`show_error`) run on the UI
    thread, unless the person cancelled or ``parent`` was deleted meanwhile. Work that never
    calls ``progress`` cannot be stopped: pass ``cancellable=False`` so no Cancel is offered.
    ``parent`` may be ``None`` for work without a dialog.
    """
    operation = _Operation(parent, title, work, on_done, on_error, cancellable)
    _RUNNING.add(operation)
    operation.start()
    return operation


def running() -> int:
    """How many operations have not been released yet."""
    return len(_RUNNING)


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """Ask every running operation to stop and wait for their threads (on closing the app).

    Returns whether all ended in time; their results are dropped.
    """
    deadline = QDeadlineTimer(timeout_ms)
    ended = True
    for operation in list(_RUNNING):
        operation.cancel()
        ended = operation.wait(deadline) and ended
    return ended


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show a failure as a short translated message; unexpected ones are logged first."""
    if isinstance(error, CamiError):
        text = error.translated()
    else:
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
        text = tr("Something went wrong: {error}. The details are in the log file.", error=str(error) or type(error).__name__)
    plain.warning(parent, tr("CAMI Reporter"), text)
