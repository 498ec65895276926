"""Fixtures for the reporting cycle: two data folders (ours and a colleague's) and final reports
filled in English and in Russian."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from cami_desktop.core.forms.library import default_library
from cami_desktop.core.store import Store
from tests.helpers.answers import filled_final_report

APP_VERSION = "0.1.0-test"
#: A small form with free text, a table and two top sections: quick to fill and to share.
FORM = "concerted-action"


@pytest.fixture(scope="session")
def library():
    return default_library()


def open_store(folder: Path) -> Store:
    return Store.open(folder, app_version=APP_VERSION, backups=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "ours")
    yield opened
    opened.close()


@pytest.fixture
def colleague(tmp_path: Path) -> Iterator[Store]:
    """The colleague's own data folder, in another agency: nothing shared with ours but files."""
    opened = open_store(tmp_path / "Коллега")
    yield opened
    opened.close()


@pytest.fixture(params=["en", "ru"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def final_report(store, library, lang) -> int:
    """A complete, final report of :data:`FORM` in the report language ``lang``."""
    return filled_final_report(store, library, FORM, lang, period="2021-2024")
