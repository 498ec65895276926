"""The data folder's writer lock: an operating-system lock on ``cami.lock``.

One process at a time may write to a data folder. The lock is the OS's own (``flock`` on
Linux and macOS, ``msvcrt.locking`` on Windows), held on an open handle of the lock file, so
the OS drops it when the process ends in any way: a crashed or killed app never leaves the
folder locked, and no stale-lock guessing is needed. Two handles in one process exclude each
other too, so a second window or command over the same folder is refused.

This replaced the ``filelock`` package (issue 10): importing it cost about 20 ms of the
window's start (its newer versions load threading, ``secrets``, ``platform`` and a dozen
modules), for the one non-blocking acquire and release used here.
"""
from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

#: Errors with which the OS says "another handle holds the lock".
_HELD = frozenset({errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", errno.EDEADLK)})


class LockHeld(Exception):
    """The lock file is locked by another process or handle."""


class FolderLock:
    """A non-blocking, exclusive lock on ``path``, created (with its folder) if missing.

    ``acquire`` raises :class:`LockHeld` when someone else holds it, or ``OSError`` when the
    file cannot be opened or locked at all. ``release`` is safe to call more than once.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)  # private, as the data folder
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _HELD:
                raise LockHeld(str(self.path)) from None
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        except OSError:
            pass  # closing the handle below lets the lock go all the same
        finally:
            os.close(fd)

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    def __del__(self) -> None:  # a lock dropped without release() does not outlive its object
        try:
            self.release()
        except Exception:  # noqa: BLE001 - at interpreter exit the OS lets it go anyway
            pass


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks bytes from the current position
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
