"""Every command and option of ``cami-desktop --help`` is in the README's command table, and the
table names no option the command line does not have (issue 8 review: the table had fallen behind)."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from cami_desktop.cli import build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
GLOBAL = ("--version", "--data-dir", "--language", "--help")


def first_cells() -> list[str]:
    section = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    return [line.split(" | ")[0] for line in section.splitlines() if line.startswith("| `")]


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command words, parser) of every command that takes no further sub-command."""
    sub = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not sub:
        yield path, parser
        return
    for name, child in sub[0].choices.items():
        yield from leaves(child, path + (name,))


COMMANDS = [(" ".join(path), parser) for path, parser in leaves(build_parser())]


def documented(command: str) -> str:
    """The first cells of the rows that show ``command`` (in any of their code spans)."""
    cells = [cell for cell in first_cells()
             if any(span == command or span.startswith(command + " ") for span in re.findall(r"`([^`]*)`", cell))]
    return " ".join(cells)


@pytest.mark.parametrize("command,parser", COMMANDS, ids=[c for c, _ in COMMANDS])
def test_the_command_and_each_of_its_options_are_in_the_table(command, parser):
    text = documented(command)
    assert text, f"{command} has no row in the README's command table"
    options = {o for a in parser._actions for o in a.option_strings if o.startswith("--")} - set(GLOBAL)
    assert sorted(o for o in options if not re.search(re.escape(o) + r"(?![\w-])", text)) == []


@pytest.mark.parametrize("command,parser", COMMANDS, ids=[c for c, _ in COMMANDS])
def test_the_table_names_only_options_the_command_has(command, parser):
    text = documented(command)
    named = set(re.findall(r"(?<![\w-])--[a-z][\w-]*", text))
    # a cell shared by several commands (`identity import FILE.p12` / `identity show` …) names
    # the options of each of them
    spans = re.findall(r"`([^`]*)`", text)
    options = {o for c, p in COMMANDS if any(s == c or s.startswith(c + " ") for s in spans)
               for a in p._actions for o in a.option_strings}
    assert sorted(named - options - set(GLOBAL)) == []


def test_the_readme_says_how_the_data_and_the_packages_are_protected():
    trust = " ".join(README.split("## Trust", 1)[1].split("\n## ", 1)[0].split())
    for said in ("integrity_check", "day old", "never made of a damaged database", "`damaged`",
                 "600,000", "first unlock", "0700", "trust add", "registered for the country",
                 "settings list|get|set|unset"):
        assert said in trust, said
