"""The bounds of core/values.py, as check_value applies them to every answer (issue 15 B)."""
from __future__ import annotations

import time

import pytest

from cami_desktop.core.reports.values import _field, check_value
from cami_desktop.core.errors import AnswerError
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.forms.model import Field, Text
from cami_desktop.core.values import (MAX_NUMBER, JsonTooLarge, clean_typed, loads_bounded, normal_breaks,
                                      shown_name, text_problem)


@pytest.fixture(scope="module")
def wp():
    return default_library().get("cami-wp-2026-2032")


def question(form, kind, **wanted):
    return next(q for q in form.questions.values() if q.type == kind and q.answerable
                and all(getattr(q, k) == v for k, v in wanted.items()))


def refused(form, q, value) -> str:
    with pytest.raises(AnswerError) as caught:
        check_value(form, q, value)
    return caught.value.translated("en")


@pytest.mark.parametrize("pasted", ["a\r\nb", "a\rb", "a\x0bb", "a\x0cb", "a\u2028b", "a\u2029b", "a\x85b"])
def test_every_kind_of_line_break_is_stored_as_one(wp, pasted):
    assert check_value(wp, question(wp, "long_text"), pasted) == "a\nb"
    assert normal_breaks(pasted) == "a\nb" and clean_typed(pasted) == "a\nb"


def test_tabs_stay_and_other_controls_and_broken_characters_are_refused(wp):
    q = question(wp, "long_text")
    assert check_value(wp, q, "a\tb") == "a\tb"
    assert refused(wp, q, "bell\x07") == f"{q.key}: the text holds a control character (U+0007)"
    assert refused(wp, q, "esc\x1b[2J") == f"{q.key}: the text holds a control character (U+001B)"
    assert refused(wp, q, "c1\x9b") == f"{q.key}: the text holds a control character (U+009B)"
    assert refused(wp, q, "half \ud83d") == f"{q.key}: the text holds a broken character (an unpaired surrogate)"
    assert text_problem("emoji \U0001f98c fine") is None
    assert clean_typed("bell\x07 nul\x00 \ud800x") == "bell nul x"


def test_a_text_without_a_limit_of_its_own_has_the_default_one(wp):
    q = question(wp, "long_text", max_length=None)
    assert "longer than 100000 characters" in refused(wp, q, "x" * 100_001)


@pytest.mark.parametrize("kind", ["integer", "decimal"])
def test_numbers_are_bounded_and_finite(wp, kind):
    fld = Field("k", kind, Text("k", "k"))
    assert _field(wp, fld, MAX_NUMBER, "k") == MAX_NUMBER and _field(wp, fld, -MAX_NUMBER, "k") == -MAX_NUMBER
    for value in (MAX_NUMBER + 1, 2 ** 63, -(2 ** 64), 1e300, -1e16, "10000000000000001", "9" * 30):
        with pytest.raises(AnswerError) as caught:
            _field(wp, fld, value, "k")
        assert "a number is at most 1000000000000000 in size" in caught.value.translated("en")
    for value in (float("nan"), float("inf"), "NaN", "-inf"):
        with pytest.raises(AnswerError, match="is not a number"):
            _field(wp, fld, value, "k")


def test_a_list_of_links_is_checked_in_linear_time(wp):
    # before: each link was compared with all before it; 100,000 links took minutes
    q = question(wp, "link", multiple=True)
    links = [f"https://example.org/{i}" for i in range(500)]
    start = time.perf_counter()
    assert check_value(wp, q, links[:250] + links[:250]) == links[:250]  # duplicates dropped
    assert check_value(wp, q, links) == links
    assert "at most 500 items are allowed" in refused(wp, q, links + ["https://example.org/x"])
    assert "at most 500 items are allowed" in refused(wp, q, ["https://example.org/"] * 1_000_000)
    assert time.perf_counter() - start < 2


def test_links_with_line_breaks_or_controls_are_not_web_addresses(wp):
    q = question(wp, "link", multiple=True)
    for bad in ("https://a.org/\nx", "https://a.org/\x00", "https://a.org/" + "a" * 2001):
        assert "is not a web address" in refused(wp, q, [bad])


def test_table_rows_are_bounded_before_they_are_read(wp):
    q = question(wp, "table", max_rows=None)
    start = time.perf_counter()
    assert "at most 500 rows are allowed" in refused(wp, q, [{}] * 2_000_000)
    assert time.perf_counter() - start < 1
    assert check_value(wp, q, [{}] * 500) is not None


def test_stranger_json_is_counted_before_it_is_built():
    assert loads_bounded(b'{"a": ["x\\"[[[{{", {"b": null}], "c": 1.5}') == {"a": ['x"[[[{{', {"b": None}], "c": 1.5}
    with pytest.raises(JsonTooLarge, match="nested too deeply"):
        loads_bounded("[" * 41 + "]" * 41)
    loads_bounded("[" * 40 + "]" * 40)
    with pytest.raises(JsonTooLarge, match="more than 200000 values"):
        loads_bounded("[" + "{}," * 200_000 + "{}]")
    for bad in ("[NaN]", "[1e999]", "[-Infinity]"):
        with pytest.raises(ValueError):
            loads_bounded(bad)


@pytest.mark.parametrize("text", [
    '"' + '\\"' * 1_000_000,             # one unterminated string of escaped quotes
    '"' + '\\"' * 1_000_000 + "\\",      # ... ending in a lone backslash
    '"a' * 1_000_000,                    # a million quotes
])
def test_counting_takes_linear_time_on_adversarial_strings(text):
    start = time.perf_counter()
    with pytest.raises(ValueError):
        loads_bounded(text)
    assert time.perf_counter() - start < 3


def test_names_from_outside_are_made_one_plain_line():
    assert shown_name("Ivan\nIvanov\x1b[31m\u2028\udc80") == "Ivan\\x0aIvanov\\x1b[31m\\u2028\ufffd"
    assert len(shown_name("x" * 1000)) == 300


def test_answers_stored_by_an_earlier_version_with_control_characters_still_export(tmp_path):
    # an earlier version stored what was typed or filled as it was: openpyxl refused \x0b at export
    from openpyxl import load_workbook
    from io import BytesIO

    from cami_desktop.core.export.content import build_content
    from cami_desktop.core.export.pdf import render_pdf
    from cami_desktop.core.export.workbook import render_workbook
    from cami_desktop.core.reports.session import ReportSession, create_report
    from cami_desktop.core.store import Store
    library = default_library()
    with Store.open(tmp_path, app_version="test", backups=False) as store:
        record = create_report(store, library, form_id="saiga-mou", country="KZ", period="2024")
        store.set_answer(record.id, "other_agencies", "Word\x0bline\x00nul\x1besc\r\nend")
        store.set_answer(record.id, "subpopulations", [{"name": "x\x0by"}])
        content = build_content(ReportSession.open(store, library, record.id), "en")
        workbook = load_workbook(BytesIO(render_workbook(content)))
        assert render_pdf(content).startswith(b"%PDF")
    values = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row]
    # line breaks of every kind are line breaks; other control characters are shown, not obeyed
    assert "Word\nline\\x00nul\\x1besc\nend" in values and "x\ny" in values


def test_a_name_shown_to_people_keeps_no_direction_mark():
    """A signer or file named "Saiga \\u202eecnaillA" would read "Saiga Alliance" in the window:
    the mark is shown as its escape there, as the command line shows it."""
    from cami_desktop.core.values import shown_name
    assert shown_name("Saiga \u202eecnaillA") == "Saiga \\u202eecnaillA"
    assert shown_name("a\u2066b\u2069c\u200f") == "a\\u2066b\\u2069c\\u200f"
    assert shown_name("Институт зоологии") == "Институт зоологии"
