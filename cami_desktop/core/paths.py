"""One place for paths: the user's data folder and the bundled resources.

The data folder comes from, in order: an explicit value (``--data-dir``), the ``CAMI_DATA_DIR``
environment variable, and the platform's per-user data folder (``platformdirs``). What the app
writes there is private to the user where POSIX permissions exist (:func:`make_private`: folders
0700, files 0600), set on each file and folder as it is made, never through the process-wide
``umask``; on Windows the user's profile folder already is (see README, "Where the data lives").
Bundled files (forms, catalogs, fonts) are found in a PyInstaller bundle (``sys._MEIPASS``),
in an installed package (``cami_desktop/data/``), or in a source checkout (the repository root).
"""
from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "CAMI Reporter"
ENV_DATA_DIR = "CAMI_DATA_DIR"
LOG_NAME = "cami.log"
#: The mode of a file the app creates in the data folder, where POSIX permissions exist.
PRIVATE_FILE = 0o600

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder to use, without creating it."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=True))


def make_private(path: str | os.PathLike[str]) -> None:
    """Take every permission of the group and of others away from ``path`` (a folder the app
    made is then 0700, a file 0600), where POSIX permissions exist. The owner's own are kept: a
    database the user made read-only stays so, and is refused as such. A file system without
    permissions (a FAT stick) or a file owned by someone else is left as it is: never a reason
    to fail."""
    if os.name != "posix":
        return
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & 0o077:
            os.chmod(path, current & ~0o077)
    except OSError:
        pass


def private_folder(path: str | os.PathLike[str]) -> Path:
    """Create the folder ``path`` (and its parents) if needed and make it private (0700)."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    make_private(path)
    return path


def log_path(data_dir: Path) -> Path:
    """``cami.log`` in the data folder (created, private, if needed), else in the temporary folder."""
    try:
        private_folder(data_dir)
        return Path(data_dir) / LOG_NAME
    except OSError:
        import tempfile

        return Path(tempfile.gettempdir()) / LOG_NAME


class _PrivateLogFile(logging.FileHandler):
    """``cami.log``, created 0600, opened on the first record (a start that is turned back leaves
    the data folder as it was). A record that cannot be written (a full disk) is dropped without
    a word: ``handleError`` would print a traceback to the console."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        make_private(self.baseFilename)  # a log left by an older version was 0644
        return os.fdopen(fd, "a", encoding=self.encoding, errors=getattr(self, "errors", None))

    def emit(self, record: logging.LogRecord) -> None:
        try:  # FileHandler opens the file outside its own guard
            super().emit(record)
        except Exception:  # noqa: BLE001 - never fail while reporting a failure
            pass

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def log_handler(data_dir: Path) -> logging.Handler:
    """The handler that writes unexpected errors to the data folder's ``cami.log``."""
    handler = _PrivateLogFile(log_path(data_dir), encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    return handler


def resource_root(kind: str) -> Path:
    """Return the folder of a kind of bundled files: ``forms``, ``translations`` or ``resources``."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / kind)
    candidates.append(_PACKAGE_DIR / "data" / kind)
    candidates.append(_PACKAGE_DIR.parent / kind)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {kind!r} not found in {', '.join(map(str, candidates))}")


def forms_dir() -> Path:
    return resource_root("forms")


def translations_dir() -> Path:
    return resource_root("translations")


def resource_path(*parts: str) -> Path:
    """Return the path of a file under ``resources/``."""
    return resource_root("resources").joinpath(*parts)
