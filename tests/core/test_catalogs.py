"""The Russian catalog is complete, consistent with the code, and its plurals are right."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from cami_desktop.core import i18n

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations" / "ru" / "LC_MESSAGES" / "cami.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"{(\w+)}")


@pytest.fixture(scope="module")
def catalog():
    with open(PO, "rb") as handle:
        return read_po(handle, locale="ru")


def _messages(catalog):
    return [m for m in catalog if m.id]


def test_no_untranslated_or_fuzzy_entry(catalog):
    untranslated = [m.id for m in _messages(catalog)
                    if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in _messages(catalog) if m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_placeholders_match(catalog):
    wrong = []
    for m in _messages(catalog):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        expected = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for s in strings:
            found = set(PLACEHOLDER.findall(s))
            # a Russian text may use the Russian variant of a placeholder (column_ru), or omit {n}
            if not found <= expected | {f"{p}_ru" for p in expected} or (expected - {"n"}) - {
                    p[:-3] if p.endswith("_ru") else p for p in found}:
                wrong.append((m.id, s))
    assert wrong == []


def test_template_is_up_to_date(tmp_path):
    fresh = tmp_path / "fresh.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "--no-default-keywords", "-k", "tr", "-k", "ntr:1,2", "-k", "ptr:1c,2", "-k", "N_",
                    "-o", str(fresh), "cami_desktop"], cwd=ROOT, check=True, capture_output=True)
    with open(fresh, "rb") as handle:
        extracted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id}
    with open(PO, "rb") as handle:
        present = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id}
    assert extracted - present == set(), "run scripts/update_catalogs.py and translate"
    assert present - extracted == set(), "obsolete entries: run scripts/update_catalogs.py"


def test_compiled_catalog_matches_the_po(catalog):
    import gettext
    with open(MO, "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for m in _messages(catalog):
        if isinstance(m.id, tuple):
            got = compiled.ngettext(m.id[0], m.id[1], 5)
            want = m.string[2]
        elif m.context:
            got, want = compiled.pgettext(m.context, m.id), m.string
        else:
            got, want = compiled.gettext(m.id), m.string
        if got != want:
            stale.append(m.id)
    assert stale == [], "run scripts/update_catalogs.py to compile"


def test_russian_plurals_render():
    assert i18n.ntr("{n} answer stored.", "{n} answers stored.", 1, lang="ru") == "1 ответ сохранен."
    assert i18n.ntr("{n} answer stored.", "{n} answers stored.", 2, lang="ru") == "2 ответа сохранены."
    assert i18n.ntr("{n} answer stored.", "{n} answers stored.", 5, lang="ru") == "5 ответов сохранено."
    assert i18n.ntr("{n} answer stored.", "{n} answers stored.", 21, lang="ru") == "21 ответ сохранен."


def test_messages_translate_in_russian():
    assert i18n.tr("Complete", lang="ru") != "Complete"
