"""Extract the messages into translations/cami.pot, merge them into each .po and compile .mo.

Run after changing any visible string: ``python scripts/update_catalogs.py``. Then translate the
new entries in translations/ru/LC_MESSAGES/cami.po and run it once more to compile.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
KEYWORDS = ["-k", "tr", "-k", "ntr:1,2", "-k", "ptr:1c,2", "-k", "N_"]


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def extract(target: Path) -> None:
    pybabel("extract", "-F", "babel.cfg", "--no-default-keywords", *KEYWORDS, "--no-location",
            "--sort-output", "--project", "CAMI Reporter", "-o", str(target), "cami_desktop")


def main() -> int:
    pot = TRANSLATIONS / "cami.pot"
    extract(pot)
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/cami.po"):
        pybabel("update", "-i", str(pot), "-o", str(po), "--no-fuzzy-matching", "--ignore-obsolete",
                "-l", po.parts[-3])
        pybabel("compile", "-i", str(po), "-o", str(po.with_suffix(".mo")), "-l", po.parts[-3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
