"""Hostile text for the tests of issue 15 ("foreign text is only ever text").

``FORMULAS`` are values a spreadsheet would compute if they were written as formulas;
``MARKUP`` is what a Qt label or tooltip would render as rich text; ``TERMINAL`` is what a
terminal would obey. :func:`hostile_pow_package` makes a signed Programme of Work package whose
free texts are such values, for the Secretariat's inbox, overview and compiled workbook.
"""
from __future__ import annotations

from pathlib import Path

FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", '=HYPERLINK("http://evil.example","x")',
            " =1+1", "\t=1+1", "\r=1+1", "#REF!", "=1+1"]
MARKUP = "<b>X</b><img src=x><a href='file:///etc'>link</a><font color=red>red</font>"
TERMINAL = "\x1b[2J\x1b]0;pwned\x07\u202eEvil\x9b31m\b\r"
#: What of TERMINAL an answer may still hold (control characters are refused when stored, issue 15):
#: direction overrides and isolates, which a terminal obeys all the same.
DIRECTION = "\u202eEvil\u2066x\u2069"


def free_text_keys(form, answers: dict) -> list[str]:
    """The keys of the free-text answers (strings) in ``answers``."""
    return sorted(k for k, v in answers.items() if form.question(k).free_text and isinstance(v, str))


def hostile_answers(form, values: list[str], seed: int = 3, country: str = "KZ") -> dict:
    """Sample answers of ``form`` whose free texts are ``values``, in turn."""
    from cami_desktop.core.reports.sample import sample_answers

    answers = sample_answers(form, seed=seed, lang="en")
    if "range_state" in answers:
        answers["range_state"] = country
    for index, key in enumerate(free_text_keys(form, answers)):
        answers[key] = values[index % len(values)]
    return answers


def hostile_pow_package(folder: Path, out: Path, values: list[str], signer_name: str,
                        country: str = "KZ", period: str = "2021-2024"):
    """(identity, package path): a Programme of Work package from ``signer_name`` with ``values``."""
    from cami_desktop.core.forms.library import default_library
    from tests.helpers.packages import assemble_package
    from tests.helpers.verify_packages import make_identity

    form = default_library().get("cami-pow-2014-2020")
    identity = make_identity(folder, signer_name, country)
    out.mkdir(parents=True, exist_ok=True)
    path = assemble_package(identity, out, form, country=country, period=period, lang="en",
                            answers=hostile_answers(form, values, country=country))
    return identity, path
