"""Every literal message is where the extractor sees it: never inside an f-string.

On the Python versions we support, Babel's extractor does not look inside f-strings, so a
``tr("…")`` or ``N_("…")`` written there never reaches the catalog and stays English in Russian.
"""
from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "cami_desktop"
F_STRING_CALL = re.compile(r"""\bf(["']).*?\{[^}]*\b(?:tr|ntr|ptr|N_|t)\(\s*(["'])""")


def test_no_literal_msgid_inside_an_f_string() -> None:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if F_STRING_CALL.search(line):
                found.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
