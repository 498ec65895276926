"""Errors the core raises for people to read: each carries an untranslated message and its
parameters, and is translated when shown, in the language of the moment."""
from __future__ import annotations

import errno

from .i18n import N_, tr


class CamiError(Exception):
    """An expected failure with a message for the person using the app."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def translated(self, lang: str | None = None) -> str:
        # A nested error (e.g. the cause inside "question: cause") follows the same language.
        params = {k: v.translated(lang) if isinstance(v, CamiError) else v for k, v in self.params.items()}
        return tr(self.message, lang, **params)

    def __str__(self) -> str:
        return self.translated()


class FormError(CamiError):
    """A form or reference file is wrong."""


class AnswerError(CamiError):
    """An answer was refused (wrong type, out of bounds, unknown question)."""


class StoreError(CamiError):
    """The store cannot do what was asked."""


class DataInUse(StoreError):
    """Another CAMI Reporter is writing the same data folder."""


class NewerDatabase(StoreError):
    """The database was written by a newer version of the app."""


class StoreCorrupt(StoreError):
    """The database fails its integrity check."""


class EmptyDatabase(StoreCorrupt):
    """The database file is empty although backups exist: its content was lost, not new.

    ``params['backup']`` names the newest backup, which the window offers to restore.
    """


class DiskFull(StoreError):
    """The disk under the data folder (or the one written to) has no space left."""


#: What a full disk is called wherever it is met without a sentence of its own (the store's
#: writes, a backup, the top level of the command line and of the window).
DISK_FULL = N_("The disk is full: nothing already saved was lost; free some space on the disk, "
               "then try again.")
_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_DISK_FULL_ADVICE = N_("{reason} (nothing already saved was lost: free some space on the disk, then try again)")
_SQLITE_FULL = 13  # SQLITE_FULL, "database or disk is full"


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc``, or what caused it, says that the disk is full: ``OSError`` ENOSPC or
    EDQUOT, or SQLite's "database or disk is full" (bare, or wrapped by SQLAlchemy)."""
    seen = 0
    while exc is not None and seen < 8:  # a short chain: __cause__, __context__, .orig
        if isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS:
            return True
        if type(exc).__module__.split(".")[0] in ("sqlite3", "sqlalchemy"):
            if getattr(exc, "sqlite_errorcode", None) == _SQLITE_FULL or "database or disk is full" in str(exc):
                return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
        seen += 1
    return False


def plain_error(exc: BaseException) -> CamiError | None:
    """A failure of the machine said in one plain sentence (today: a full disk), or ``None``.

    The store raises :class:`DiskFull` itself; this catches the rest at the top level (the
    command line's, the window's, the background helper's) instead of an "unexpected error".
    """
    if isinstance(exc, DiskFull):
        return exc
    return DiskFull(DISK_FULL) if is_disk_full(exc) else None


class ReportNotFound(StoreError):
    """No report with that id."""


class ReportLocked(StoreError):
    """The report is final and cannot be changed until reopened."""


#: What the operating system says, in words the reader's language has (errno → msgid).
_OS_REASONS = {
    errno.EACCES: N_("access was refused (permissions, or another program has the file open)"),
    errno.EPERM: N_("access was refused (permissions, or another program has the file open)"),
    errno.ENOSPC: N_("the disk is full"),
    errno.ENOENT: N_("the file or folder does not exist"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
    errno.EEXIST: N_("a file or folder of that name already exists"),
    errno.EIO: N_("the disk reported an input/output error"),
    errno.ENAMETOOLONG: N_("its name is too long for this system"),
    errno.EBUSY: N_("it is in use by another program"),
    getattr(errno, "EDQUOT", -1): N_("the disk quota is used up"),
}
_WINDOWS_SHARING_VIOLATION = 32  # "being used by another process": errno EACCES on Windows


def os_reason(exc: BaseException) -> CamiError | str:
    """Why an ``OSError`` happened, as a message parameter that is translated where it is shown
    (the operating system's own words are in its language, usually English); other errors, and
    uncommon causes, as they came."""
    if getattr(exc, "winerror", None) == _WINDOWS_SHARING_VIOLATION:
        return CamiError(N_("it is in use by another program"))
    msgid = _OS_REASONS.get(getattr(exc, "errno", None)) if isinstance(exc, OSError) else None
    if msgid is not None and exc.errno in _DISK_FULL_ERRNOS:  # what to do, and that nothing was lost
        return CamiError(_DISK_FULL_ADVICE, reason=CamiError(msgid))
    if msgid is not None:
        return CamiError(msgid)
    return getattr(exc, "strerror", None) or str(exc)
