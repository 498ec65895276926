"""Answer values are type-checked per question; wrong values are refused naming the question."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cami_desktop.core.reports.values import check_value
from cami_desktop.core.errors import AnswerError
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.reports.review import COMPLETE, NOT_STARTED, REQUIRED_MISSING, review


@pytest.fixture(scope="module")
def saiga():
    return default_library().get("saiga-mou")


def _first(form, kind, **attrs):
    return next(q for q in form.answerable() if q.type == kind and not q.other_of
                and all(getattr(q, k) == v for k, v in attrs.items()))


@pytest.mark.parametrize("kind,bad", [
    ("integer", "many"), ("integer", 2.5), ("integer", True), ("date", "2024-13-01"), ("date", 20240101),
    ("yes_no", "maybe"), ("text", 12), ("table", {"a": 1}), ("link", "not a url"), ("scale", "excellent"),
])
def test_wrong_values_are_refused_naming_the_question(saiga, kind, bad):
    q = _first(saiga, kind)
    with pytest.raises(AnswerError) as info:
        check_value(saiga, q, bad)
    assert q.key in str(info.value)


def test_values_are_normalized(saiga):
    q = _first(saiga, "integer")
    assert check_value(saiga, q, "42") == 42
    assert check_value(saiga, q, 42.0) == 42
    assert check_value(saiga, _first(saiga, "text"), "   ") is None
    multi = _first(saiga, "multi_choice")
    value = multi.options[0].value
    assert check_value(saiga, multi, [value, value]) == [value]


def test_numbers_outside_bounds_are_refused():
    form = default_library().get("saiga-mou")
    q = next(q for q in form.answerable() if q.type == "integer" and q.min is not None)
    with pytest.raises(AnswerError):
        check_value(form, q, q.min - 1)


def test_table_cells_are_checked_by_column_type():
    form = default_library().get("saiga-mou")
    table = _first(form, "table")
    number_column = next((c for c in table.columns if c.type == "integer"), None)
    if number_column is None:
        pytest.skip("first table has no integer column")
    with pytest.raises(AnswerError) as info:
        check_value(form, table, [{number_column.key: "lots"}])
    assert table.key in str(info.value)


def test_completeness_states_follow_the_answers():
    form = default_library().get("saiga-mou")
    general = form.sections[0].key
    assert review(form, {}).progress[general].state == NOT_STARTED
    some = {"range_state": "KZ"}
    assert review(form, some).progress[general].state == REQUIRED_MISSING
    full = sample_answers(form, seed=3, country="KZ")
    assert review(form, full).progress[general].state == COMPLETE


def test_conditions_hide_questions_and_hidden_questions_are_not_required():
    form = default_library().get("cami-pow-2014-2020")
    answers = {"status[1.1.1]": "not_started"}
    result = review(form, answers)
    assert "actions[1.1.1]" not in result.visible_questions
    assert "obstacles[1.1.1]" in result.visible_questions
    answers["status[1.1.1]"] = "completed"
    result = review(form, answers)
    assert "actions[1.1.1]" in result.visible_questions
    assert not any(m.key == "status[1.1.1]" for m in result.errors)
    assert any(m.key == "status[1.1.2]" for m in result.errors)


def test_cross_question_check_reports_a_period_ending_before_it_starts():
    form = default_library().get("bukhara-deer-mou")
    check = next(c for c in form.checks if c.op in (">=", ">") and c.right)
    answers = sample_answers(form)
    answers[check.left], answers[check.right] = "2019-01-01", "2020-01-01"
    messages = [m for m in review(form, answers).messages if m.key == check.left]
    assert messages and messages[0].render("ru") == check.message.ru


def test_generated_answers_for_every_form_pass_validation():
    for form in default_library():
        answers = sample_answers(form, seed=1, country="KZ")
        for key, value in answers.items():
            assert check_value(form, form.questions[key], value) == value
        assert review(form, answers).errors == [], form.id


json_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1)


@settings(max_examples=200, deadline=None)
@given(st.one_of(json_text, st.integers(), st.floats(allow_nan=False), st.none(), st.booleans(),
                 st.lists(json_text, max_size=4), st.dictionaries(json_text, json_text, max_size=3)))
def test_any_value_is_either_accepted_in_normal_form_or_refused_cleanly(value):
    form = default_library().get("saiga-mou")
    for q in list(form.answerable())[:40]:
        if q.type == "attachment":
            continue
        try:
            checked = check_value(form, q, value)
        except AnswerError as exc:
            assert q.key in str(exc)
        else:
            assert checked is None or check_value(form, q, checked) == checked


def test_sample_years_are_plausible() -> None:
    """Screenshots and fixtures show a year a reader believes (2014-2026), not 2087."""
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.reports.sample import sample_answers
    form = default_library().get("saiga-mou")
    years = [sample_answers(form, seed=seed, lang="en").get("estimate_year") for seed in range(20)]
    assert all(2014 <= year <= 2026 for year in years if year is not None) and any(years)
