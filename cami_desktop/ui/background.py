"""Slow work off the UI thread through one helper, with progress, a way out and clear errors.

``run_in_background(parent, title, work, on_done, on_error)`` runs ``work(progress)`` in a
worker thread; ``progress(fraction: float, text: str = "")`` updates the progress dialog (until
the first call it shows a busy bar); a ``CamiError`` becomes its translated message, a full disk
its one plain sentence (``errors.plain_error``), anything else is logged and shown as a short
message. Worker code never touches widgets.

The progress dialog, which is what issue 15 ("the window never locks") was about:

- It is this module's own small dialog (text, bar, one button), not ``QProgressDialog``, whose
  internal timer shows it by itself after ``minimumDuration``, also after the work had already
  failed and its warning was on screen (and whose ``setValue`` runs a nested event loop). Here
  nothing exists until :data:`SHOW_AFTER_MS` have passed with the work still running: quick work
  never flashes a dialog, and work that ends first never makes one.
- When the work ends, the dialog is closed and deleted, and its show timer stopped, *before*
  ``on_done`` or ``on_error`` run: the warning that follows a failure is over the window, never
  under or beside a progress dialog, and nothing is left behind that takes the keyboard.
- Every dialog can be left: its button, Escape and ✕ all do the same.

  * Work that can stop (it calls ``progress`` now and then): the button says Cancel; the work
    raises :class:`Cancelled` at its next ``progress`` and its result is discarded.
    ``on_error`` then receives ``Cancelled()`` (so the caller's buttons come back), for which
    :func:`show_error` shows nothing.
  * Work that cannot stop midway (``cancellable=False``: unlocking a key and writing a signed
    file, creating an identity, a backup or a restore, taking a colleague's answers): stopping
    it halfway could leave a half-written file or a half-restored database, so it is never
    interrupted. The button says Hide: the dialog goes and the window is usable at once, and
    the work finishes in the background. Its outcome is then applied as if nobody had pressed
    anything (the file *was* written, the backup *was* restored: the window must show it), and
    a failure is shown too. The caller keeps its own buttons off until then, as before.

Lifetimes:

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
from PySide6.QtCore import QDeadlineTimer, QEvent, QObject, QThread, QTimer, Qt, Signal, Slot
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from ..core.errors import CamiError, plain_error
from ..core.i18n import tr
from . import plain

log = logging.getLogger("cami")

Progress = Callable[..., None]
_RUNNING: set["_Operation"] = set()

#: How long work runs before its progress dialog appears (quick work shows none).
SHOW_AFTER_MS = 300


class Cancelled(Exception):
    """Raised inside work when the person pressed Cancel (or the window went away)."""


class ProgressDialog(QDialog):
    """The title, a line saying what is being done, a bar, and one button to leave.

    The button, Escape and ✕ all emit :attr:`left`; the operation then removes the dialog.
    """

    left = Signal()

    def __init__(self, parent: QWidget, title: str, stoppable: bool) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModal)
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        self.label = plain.plain_label(title, self)  # the progress names files from strangers
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the work says how far it is
        self.bar.setAccessibleName(title)  # a screen reader names the bar after the work
        layout.addWidget(self.bar)
        if not stoppable:
            note = QLabel(tr("This cannot be stopped midway; it will finish in the background."), self)
            note.setWordWrap(True)
            layout.addWidget(note)
        row = QHBoxLayout()
        row.addStretch(1)
        self.button = QPushButton(tr("Cancel") if stoppable else tr("Hide"), self)
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.left)
        row.addWidget(self.button)
        layout.addLayout(row)

    def show_progress(self, fraction: float, text: str) -> None:
        if fraction >= 0:
            if self.bar.maximum() == 0:
                self.bar.setRange(0, 100)
            self.bar.setValue(min(100, max(0, int(fraction * 100))))
        if text:
            self.label.setText(text)
            self.bar.setAccessibleDescription(text)

    def reject(self) -> None:  # Escape: the dialog is removed by its operation, not hidden here
        self.left.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name; ✕
        event.ignore()
        self.left.emit()


class _KeepOpen(QObject):
    """While work that cannot stop runs, the dialog waiting for its outcome stays open: closing
    it (Escape, ✕) would delete the one that applies the outcome (a restored database shown,
    a colleague's answers reloaded), after the person pressed Hide. The main window is not held:
    leaving the application is decided there."""

    def __init__(self, widget: QWidget | None) -> None:
        super().__init__()
        window = widget.window() if widget is not None else None
        self.window = window if isinstance(window, QDialog) else None
        if self.window is not None:
            self.window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Close:
            event.ignore()
            return True
        return event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape

    def release(self) -> None:
        if self.window is not None and shiboken6.isValid(self.window):
            self.window.removeEventFilter(self)
        self.window = None


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
        self.title = title
        self.on_done, self.on_error = on_done, on_error
        self.stoppable = cancellable
        self.cancelled = False  # set on the UI thread, read by the worker: a bool is atomic
        self.hidden = False  # the person left the dialog: none is shown again
        self.result: Any = None
        self.error: BaseException | None = None
        self._parent = weakref.ref(parent) if parent is not None else None
        self._progress = (-1.0, "")
        self.dialog: ProgressDialog | None = None
        self._keep_open: _KeepOpen | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)
        if parent is not None:
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
    def begin(self) -> None:
        self.start()
        if self._parent is not None:
            self._show_timer.start(SHOW_AFTER_MS)
            if not self.stoppable:
                self._keep_open = _KeepOpen(self._parent())

    def _release_window(self) -> None:
        if self._keep_open is not None:
            self._keep_open.release()
            self._keep_open = None

    @Slot()
    def cancel(self, *_: object) -> None:
        self.cancelled = True

    def parent_widget(self) -> QWidget | None:
        """The widget that started the work, unless it has been closed and deleted since."""
        parent = self._parent() if self._parent is not None else None
        return parent if parent is not None and shiboken6.isValid(parent) else None

    def _live_dialog(self) -> ProgressDialog | None:
        dialog = self.dialog
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

    @Slot()
    def _show_dialog(self) -> None:
        parent = self.parent_widget()
        if parent is None or self.hidden or self.cancelled or self.isFinished() or self.dialog is not None:
            return
        dialog = ProgressDialog(parent, self.title, self.stoppable)
        dialog.show_progress(*self._progress)
        dialog.left.connect(self._leave)
        self.dialog = dialog
        dialog.show()

    @Slot()
    def _leave(self) -> None:
        """The person pressed the dialog's button, Escape or ✕ (see the module docstring)."""
        if self.stoppable:
            self.cancel()
        self.hidden = True
        self._close_dialog(now=False)  # we are inside the dialog's own handler

    def _close_dialog(self, now: bool) -> None:
        self._show_timer.stop()
        dialog, self.dialog = self._live_dialog(), None
        if dialog is None:
            return
        dialog.left.disconnect(self._leave)
        dialog.hide()
        if now:
            shiboken6.delete(dialog)
        else:
            dialog.deleteLater()

    @Slot(float, str)
    def _show_progress(self, fraction: float, text: str) -> None:
        old_fraction, old_text = self._progress
        self._progress = (fraction if fraction >= 0 else old_fraction, text or old_text)
        dialog = self._live_dialog()
        if dialog is not None:
            dialog.show_progress(fraction, text)

    @Slot()
    def _finish(self) -> None:
        self.wait()  # ``finished`` is emitted just before the thread really ends
        # First of all: no progress dialog may outlive the work, nor appear after it, above or
        # under the message that follows. (Called from the event loop, never from a handler
        # of the dialog, so it is deleted at once.)
        self._close_dialog(now=True)
        self._release_window()
        # Released later, from the event loop: never delete an object inside its own slot.
        QTimer.singleShot(0, partial(_RUNNING.discard, self))
        error, result = self.error, self.result
        self.error = self.result = None
        if self.cancelled and error is not None and not isinstance(error, (Cancelled, CamiError)):
            _log_unexpected(error, "unexpected error in cancelled work")
        if self.parent_widget() is None and self._parent is not None:
            if error is not None and not self.cancelled and not isinstance(error, (Cancelled, CamiError)):
                _log_unexpected(error, "unexpected error after its window closed")
            return  # the widget that wanted the result is gone
        if self.cancelled:
            error = Cancelled()
        if error is None:
            self.on_done(result)
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
    thread, after the progress dialog is gone, unless ``parent`` was deleted meanwhile. Cancelled
    work reaches ``on_error`` as :class:`Cancelled`. Work that never calls ``progress`` cannot be
    stopped: pass ``cancellable=False``, and its dialog offers Hide instead of Cancel (see the
    module docstring). ``parent`` may be ``None`` for work without a dialog.
    """
    operation = _Operation(parent, title, work, on_done, on_error, cancellable)
    _RUNNING.add(operation)
    operation.begin()
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


def _log_unexpected(error: BaseException, what: str = "unexpected error") -> None:
    log.error(what, exc_info=(type(error), error, error.__traceback__))


def error_text(error: BaseException) -> str:
    """The one sentence a failure is shown as; unexpected ones are logged first."""
    if isinstance(error, CamiError):
        return error.translated()
    disk = plain_error(error)
    if disk is not None:  # a full disk: said plainly, with what to do
        log.warning("%s", disk.translated("en"), exc_info=(type(error), error, error.__traceback__))
        return disk.translated()
    _log_unexpected(error)
    return tr("Something went wrong: {error}. The details are in the log file.",
              error=str(error) or type(error).__name__)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show a failure as a short translated message over ``parent``'s window; cancelled work
    shows nothing."""
    if isinstance(error, Cancelled):
        return
    plain.warning(parent, tr("CAMI Reporter"), error_text(error))
