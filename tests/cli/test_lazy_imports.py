"""The command line imports only what the command being run needs (issue 10).

Each check runs in a fresh interpreter and looks at ``sys.modules``: importing the export,
signing and window stacks costs about a second, which ``--version`` or ``verify`` must not pay.
Speed itself is measured in benchmarks/, not here.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("PySide6", "pyhanko", "reportlab", "openpyxl", "aiohttp")

PROBE = """
import json, sys
{code}
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in {heavy!r})))
"""


def imported_after(code: str) -> list[str]:
    """The heavy top-level packages imported by running ``code`` in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", PROBE.format(code=code, heavy=set(HEAVY + ("sqlalchemy",)))],
                         capture_output=True, text=True, check=True)
    return sorted({name.split(".")[0] for name in json.loads(out.stdout.splitlines()[-1])})


def test_importing_the_command_line_imports_no_window_export_or_signing_stack():
    assert imported_after("import cami_desktop.cli") == []


def test_version_imports_nothing_heavy_not_even_the_database():
    code = ("from cami_desktop.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass")
    assert imported_after(code) == []


@pytest.mark.parametrize("argv", [["forms", "list"], ["verify", "package.zip"], ["report", "list"],
                                  ["backup", "list"], ["--data-dir", "x", "report", "dump", "1"]])
def test_parsing_a_command_imports_no_window_export_or_signing_stack(argv):
    code = ("from cami_desktop.cli import build_parser, command_modules\n"
            f"build_parser(command_modules({argv!r})).parse_args({argv!r})")
    assert set(imported_after(code)) <= {"sqlalchemy"}


def test_every_command_is_still_offered_in_the_full_help(capsys):
    from cami_desktop.cli import COMMANDS, main

    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    for command in COMMANDS:
        assert command in shown


def test_only_the_named_command_module_is_needed():
    from cami_desktop.cli import COMMANDS, command_modules

    assert command_modules(["--data-dir", "forms", "forms", "list"]) == ["forms_cmd"]
    assert command_modules(["--language", "ru", "verify", "p.zip"]) == [COMMANDS["verify"]]
    assert command_modules(["--version"]) == []
    assert set(command_modules(["--help"])) == set(COMMANDS.values())
    assert set(command_modules(["no-such-command"])) == set(COMMANDS.values())
