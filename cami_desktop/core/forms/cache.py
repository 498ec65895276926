"""The shipped forms, parsed once per installation and kept in the user's cache folder.

Reading and checking the YAML of every form (with the archived versions and the reference
lists) is the largest single cost of starting the window or running ``forms list``; reading the
already checked library back from a pickle takes a fraction of that (issue 10). The cache is
keyed by this version, the Python version, and the name, size and modification time of every
form file and of the form code, so any change of either is parsed afresh; a cache that cannot
be read or written is simply not used.

The cache folder is the user's own (like the data folder); a pickle is only read from there.
Beside the cached library lies its index (:mod:`.index`): the titles and country names
the report list shows, so that the window can list the reports before loading any form. The
index holds the key's text itself (:func:`cache_basis`) and is compared with it, so the window's
start needs no hashing.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import platformdirs

from ... import __version__
from ..paths import APP_DIR_NAME, forms_dir
from .index import FormIndex

if TYPE_CHECKING:  # the forms' modules are imported when the library is, not for the index
    from .library import FormLibrary

log = logging.getLogger("cami")

ENV_CACHE_DIR = "CAMI_CACHE_DIR"
_PREFIX = "forms-"
_LIBRARY = ".pickle"
INDEX_NAME = "forms-index.json"  # one file, holding the basis it was made from
_loaded: FormLibrary | None = None
_index: FormIndex | None = None
_shipped_basis: str | None = None  # the shipped forms' cache_basis, made once per process
_loading = threading.Lock()  # one parse, whichever thread asks first


def cache_dir() -> Path:
    """Where the parsed forms are kept: ``$CAMI_CACHE_DIR`` or the platform's user cache folder."""
    explicit = os.environ.get(ENV_CACHE_DIR)
    if explicit:
        return Path(explicit)
    return Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))


def cache_basis(folder: Path) -> str:
    """Everything the parsed library depends on, as text: this version, Python's, the folder,
    and the name, size and modification time of every form file and of the form code."""
    # The folder's own path too: the parsed forms remember their files' paths for messages.
    lines = [f"{__version__}|{sys.version}|{folder.resolve()}"]
    code = Path(__file__).resolve().parent  # this package: the form code (model, loader, …)
    for root in (folder, code):  # os.walk, not Path.rglob: a fifth of the time at every start
        found = []
        for place, folders, names in os.walk(root):
            folders[:] = [name for name in folders if name != "__pycache__"]
            found += [os.path.join(place, name) for name in names if name.endswith((".yaml", ".yml", ".py"))]
        for path in sorted(found):
            try:
                stat = os.stat(path)
            except OSError:  # a dangling link, or a file gone meanwhile: not part of the forms
                continue
            if os.path.isfile(path):
                lines.append(f"{os.path.relpath(path, root)}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\n".join(lines)


def cache_key(folder: Path, basis: str | None = None) -> str:
    """A digest of :func:`cache_basis`: the name of the cached library."""
    import hashlib  # not at start: the index compares the basis itself (its OpenSSL costs ~5 ms)

    return hashlib.sha256((basis or cache_basis(folder)).encode()).hexdigest()[:32]


def cached_index() -> FormIndex:
    """The index of the shipped forms (titles, country names), read without loading the forms.

    Made from the library (parsed or read from its cache) when it is missing or unreadable.
    """
    global _index
    with _loading:
        if _index is None:
            _index = _shipped_index()
        return _index


def _shipped_index() -> FormIndex:
    try:
        basis = _shipped_cache_basis()
    except OSError:  # the forms folder cannot be listed: no cache, as _cached does
        return FormIndex.of(_shipped())
    if _loaded is None:
        found = FormIndex.read(cache_dir() / INDEX_NAME, basis)
        if found is not None:
            return found
    return FormIndex.of(_shipped(), basis)  # the library writes a missing index


def _shipped_cache_basis() -> str:
    global _shipped_basis
    if _shipped_basis is None:
        _shipped_basis = cache_basis(forms_dir())
    return _shipped_basis


def cached_library(folder: Path | None = None, cache: Path | None = None) -> FormLibrary:
    """The library of ``folder`` (default: the shipped forms), from the cache when it is current."""
    if folder is None and cache is None:
        with _loading:
            return _shipped()
    return _cached(Path(folder) if folder else forms_dir(), Path(cache) if cache else cache_dir())


def _shipped() -> FormLibrary:
    global _loaded
    if _loaded is None:
        _loaded = _cached(forms_dir(), cache_dir(), _shipped_cache_basis)
    return _loaded


def _cached(folder: Path, cache: Path, basis: Callable[[], str] | None = None) -> FormLibrary:
    from .library import FormLibrary

    try:
        text = basis() if basis else cache_basis(folder)
        path = cache / f"{_PREFIX}{cache_key(folder, text)}{_LIBRARY}"
    except OSError:
        return FormLibrary.load(folder)
    library = _read(path)
    if library is None:
        import pickle

        library = FormLibrary.load(folder)
        if _write(path, lambda: pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL)):
            for old in cache.glob(f"{_PREFIX}*{_LIBRARY}"):  # the caches of other versions
                if old != path:
                    old.unlink(missing_ok=True)
    if FormIndex.read(cache / INDEX_NAME, text) is None:
        _write(cache / INDEX_NAME, FormIndex.of(library, text).dumps)
    return library


def _read(path: Path) -> FormLibrary | None:
    import pickle

    from .library import FormLibrary

    try:
        with path.open("rb") as handle:
            library = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign cache is parsed afresh, never trusted
        log.info("forms cache %s not usable; parsing the forms", path, exc_info=True)
        return None
    return library if isinstance(library, FormLibrary) else None


def _write(path: Path, content: Callable[[], bytes]) -> bool:
    """Write a cache file atomically; whether it was written (failing is harmless)."""
    try:
        data = content()
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".forms-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
        return True
    except Exception:  # noqa: BLE001 - without a cache the forms are parsed each time, as before
        log.info("forms cache %s not written", path, exc_info=True)
        try:
            os.unlink(temporary)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass
        return False
