"""Write files atomically: a temporary file in the same folder, flushed, then renamed.

A failure (full disk, read-only folder, cancel) leaves no partial file and becomes a
:class:`~cami_desktop.core.errors.CamiError` that says which file and why.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import CamiError, os_reason
from ..i18n import N_


class WriteError(CamiError):
    """A file could not be written."""


def write_failed(path: Path, exc: OSError) -> WriteError:
    return WriteError(N_("Cannot write {path}: {reason}"), path=str(path), reason=os_reason(exc))


@contextlib.contextmanager
def atomic_file(path: Path, private: bool = False) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` only if the block ends cleanly."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise write_failed(path, exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise write_failed(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes, private: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically (``private``: readable by the owner only)."""
    with atomic_file(path, private=private) as handle:
        handle.write(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
