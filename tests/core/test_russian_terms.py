"""One Russian terminology across the forms and the interface catalog (docs/forms.md, "Russian terms").

The rules: е, never ё; "Не применимо" in two words; a report is "утвержден" (made final), its
state "окончательный", never "сделать окончательным"; CMS spelt out at first use as "Конвенция по
сохранению мигрирующих видов диких животных (КМВ)"; "institution" is "учреждение" and
"organization" is "организация"; placeholders identical in msgid and msgstr; ``msgfmt -c`` passes.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from babel.messages.pofile import read_po

from cami_desktop.core.paths import forms_dir

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations" / "ru" / "LC_MESSAGES" / "cami.po"
CMS_SPELT_OUT = re.compile(r"Конвенци\w+ по сохранению мигрирующих видов диких животных \(КМВ\)")
MAKE_FINAL = re.compile(r"[Сс]дела\w*\s+(?:\w+\s+){0,2}окончательн", re.UNICODE)
PLACEHOLDER = re.compile(r"{(\w+)}")


def _form_files() -> list[Path]:
    """Current forms and reference data; forms/archive keeps old versions exactly as they were."""
    folder = forms_dir()
    return sorted(folder.glob("*.yaml")) + sorted((folder / "reference").glob("*.yaml"))


def _pairs(node, place: str = "") -> Iterator[tuple[str, str, str]]:
    """Every bilingual text of a YAML tree, in file order: (place, en, ru)."""
    if isinstance(node, dict):
        if isinstance(node.get("en"), str) and isinstance(node.get("ru"), str):
            yield place, node["en"], node["ru"]
        for key, value in node.items():
            yield from _pairs(value, f"{place}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _pairs(value, f"{place}[{i}]")


def _form_texts() -> Iterator[tuple[str, str, str]]:
    for path in _form_files():
        for place, en, ru in _pairs(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield f"{path.name}{place}", en, ru


@pytest.fixture(scope="module")
def catalog():
    with open(PO, "rb") as handle:
        return [m for m in read_po(handle, locale="ru") if m.id]


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _ids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def test_no_yo_anywhere(catalog):
    found = [path.name for path in _form_files() if re.search("[ёЁ]", path.read_text(encoding="utf-8"))]
    found += [m.id for m in catalog if any(re.search("[ёЁ]", s) for s in _strings(m))]
    assert found == []


def test_not_applicable_is_two_words(catalog):
    texts = [(place, en, ru) for place, en, ru in _form_texts()]
    texts += [(str(m.id), _ids(m)[0], s) for m in catalog for s in _strings(m)]
    assert [p for p, _, ru in texts if re.search(r"[Нн]еприменим", ru)] == []
    assert [p for p, en, ru in texts if en.strip() == "Not applicable" and ru.strip() != "Не применимо"] == []
    from cami_desktop.core.forms.model import YES_NO_OPTIONS
    assert YES_NO_OPTIONS[2].label.ru == "Не применимо"


def test_a_report_is_approved_not_made_final(catalog):
    texts = [(place, ru) for place, _, ru in _form_texts()]
    texts += [(m.id, s) for m in catalog for s in _strings(m)]
    assert [place for place, ru in texts if MAKE_FINAL.search(ru)] == []
    by_id = {m.id: m.string for m in catalog}
    assert by_id["Make final"] == "Утвердить"
    assert by_id["Final"] == "Окончательный"


def test_cms_is_spelt_out_where_each_form_first_names_it():
    for path in _form_files():
        for _, _, ru in _pairs(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if "КМВ" in ru:
                spelt = CMS_SPELT_OUT.search(ru)
                assert spelt and spelt.end() <= ru.index("КМВ") + len("КМВ") + 1, \
                    f"{path.name}: КМВ first used without the full name: {ru[:80]}"
                break


def test_cms_is_spelt_out_in_the_about_box(catalog):
    about = next(m for m in catalog if isinstance(m.id, str) and m.id.startswith("CAMI Reporter {version}\nNational reporting"))
    assert CMS_SPELT_OUT.search(about.string)


def test_institution_and_organization_keep_their_own_words(catalog):
    wrong = []
    for place, en, ru in _form_texts():
        low_en, low_ru = en.lower(), ru.lower()
        if "учрежден" in low_ru and "institution" not in low_en:
            wrong.append((place, en, ru))
        if "institution" in low_en and "учрежден" not in low_ru:
            wrong.append((place, en, ru))
        if en.strip() in ("Organization", "An organization") and "организац" not in low_ru:
            wrong.append((place, en, ru))
    by_id = {m.id: m.string for m in catalog}
    assert by_id["Institution"] == "Учреждение"
    assert wrong == []


def test_placeholders_are_identical_in_msgid_and_msgstr(catalog):
    wrong = []
    for m in catalog:
        expected = set().union(*(PLACEHOLDER.findall(i) for i in _ids(m)))
        for s in _strings(m):
            found = set(PLACEHOLDER.findall(s))
            # a Russian plural form may say "один" instead of {n}; nothing else may differ
            if found != expected and found != expected - {"n"}:
                wrong.append((m.id, s))
    assert wrong == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_the_catalog_passes_msgfmt_check(tmp_path):
    result = subprocess.run(["msgfmt", "-c", "-o", str(tmp_path / "cami.mo"), str(PO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# Short labels that one English text may render in two ways, by grammar or by scale.
SAME_WORDS_ALLOWED = {"Completed", "Planned", "References", "Species concerned", "Unknown"}


def test_the_same_short_label_reads_the_same_in_every_form():
    seen: dict[str, set[str]] = {}
    for _, en, ru in _form_texts():
        if len(en) < 40 and en.strip() not in SAME_WORDS_ALLOWED:
            seen.setdefault(en.strip(), set()).add(ru.strip())
    assert {en: sorted(ru) for en, ru in seen.items() if len(ru) > 1} == {}
