"""Fixtures for the store tests: a fresh data folder, an open store and a report in it."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

from cami_desktop.core.store import ReportRecord, Store

REPO_ROOT = Path(__file__).resolve().parents[3]
APP_VERSION = "0.1.0-test"


def child_env() -> dict[str, str]:
    """Environment for a child Python that must import this checkout's ``cami_desktop``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return env


PYTHON = sys.executable


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    # A folder that does not exist yet, with a non-ASCII name as on a Russian Windows profile.
    return tmp_path / "Данные CAMI"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = Store.open(data_dir, app_version=APP_VERSION, backups=False)
    yield opened
    opened.close()


@pytest.fixture
def report(store: Store) -> ReportRecord:
    return store.create_report(
        form_id="cami-national-report", form_version="2024.1", country="KZ", period="2024",
        language="ru",
    )
