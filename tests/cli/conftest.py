"""The command line run in-process against a fresh data folder, in English."""
from __future__ import annotations

import pytest

from cami_desktop.cli import main


@pytest.fixture
def cli(tmp_path, capsys):
    """``cli(*args) -> (exit code, stdout, stderr)`` with ``--data-dir tmp_path/data --language en``."""
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(tmp_path / "data"), "--language", "en", *args])
        out, err = capsys.readouterr()
        return code, out, err
    return run
