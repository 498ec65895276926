"""The README's install steps and command table match the command line as it is."""
from __future__ import annotations

from pathlib import Path

from cami_desktop.cli import COMMANDS, build_parser
from cami_desktop.core.settings import SETTINGS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def command_rows() -> list[str]:
    section = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| `")]


def test_linux_libraries_come_before_the_first_run():
    assert README.index("apt-get install") < README.index("pip install . && .venv/bin/cami-desktop")


def test_every_command_is_in_the_table():
    documented = {row.split("`")[1].split()[0] for row in command_rows()}
    assert set(COMMANDS) <= documented


def test_identity_create_row_names_its_required_options_and_the_passphrase():
    parser = build_parser(["package_cmd"])
    create = parser._subparsers._group_actions[0].choices["identity"]._subparsers._group_actions[0].choices["create"]
    required = {opt for action in create._actions if action.required for opt in action.option_strings}
    (row,) = [r for r in command_rows() if r.startswith("| `identity create")]
    assert required and all(option in row for option in required)
    assert "--passphrase-file" in row and "CAMI_PASSPHRASE" in row


def test_fill_row_shows_the_answers_file_shape():
    (row,) = [r for r in command_rows() if r.startswith("| `report fill")]
    assert '{"answers": {' in row and "docs/answers.md" in row


def test_settings_keys_are_documented():
    (row,) = [r for r in command_rows() if r.startswith("| `settings")]
    assert all(f"`{name}`" in row for name in SETTINGS)
