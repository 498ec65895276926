"""One place for paths: the user's data folder and the bundled resources.

The data folder comes from, in order: an explicit value (``--data-dir``), the ``CAMI_DATA_DIR``
environment variable, and the platform's per-user data folder (``platformdirs``).
Bundled files (forms, catalogs, fonts) are found in a PyInstaller bundle (``sys._MEIPASS``),
in an installed package (``cami_desktop/data/``), or in a source checkout (the repository root).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "CAMI Reporter"
ENV_DATA_DIR = "CAMI_DATA_DIR"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder to use, without creating it."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=True))


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
