"""Answers: every change kept in the history, unchanged values not written, exact round trips."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cami_desktop.core.store import ReportRecord, Store


def test_set_answer_records_history_and_skips_unchanged(store: Store, report: ReportRecord) -> None:
    assert store.set_answer(report.id, "q1", "Снежный барс") is True
    assert store.set_answer(report.id, "q1", "Снежный барс") is False
    assert store.set_answer(report.id, "q1", "Snow leopard") is True
    assert store.set_answer(report.id, "q2", 3) is True
    assert store.set_answer(report.id, "q1", None) is True
    assert store.set_answer(report.id, "q1", None) is False
    assert store.answers(report.id) == {"q2": 3}
    history = store.history(report.id, "q1")
    assert [(h.old, h.new, h.kind) for h in history] == [
        (None, "Снежный барс", "value"),
        ("Снежный барс", "Snow leopard", "value"),
        ("Snow leopard", None, "value"),
    ]
    assert all(a.at <= b.at for a, b in zip(history, history[1:]))
    assert [h.key for h in store.history(report.id)] == ["q1", "q1", "q2", "q1"]


def test_unchanged_writes_nothing(store: Store, report: ReportRecord) -> None:
    store.set_answer(report.id, "table", [{"a": 1, "b": "x"}])
    updated = store.get_report(report.id).updated_at
    # Same JSON with the keys in another order is the same answer.
    assert store.set_answer(report.id, "table", [{"b": "x", "a": 1}]) is False
    assert store.get_report(report.id).updated_at == updated
    assert len(store.history(report.id)) == 1


def test_json_types_are_not_confused(store: Store, report: ReportRecord) -> None:
    # Python says 1 == 1.0 == True; for an answer they are three different values.
    store.set_answer(report.id, "q", 1)
    assert store.set_answer(report.id, "q", 1.0) is True
    assert store.set_answer(report.id, "q", True) is True
    assert store.set_answer(report.id, "q", "1") is True
    assert [h.new for h in store.history(report.id)] == [1, 1.0, True, "1"]
    assert type(store.answers(report.id)["q"]) is str


def test_a_change_bumps_updated_at(store: Store, report: ReportRecord) -> None:
    store.set_answer(report.id, "q1", "x")
    assert store.get_report(report.id).updated_at > report.updated_at


def test_values_that_would_not_round_trip_are_refused(store: Store, report: ReportRecord) -> None:
    for bad in (float("nan"), float("inf"), (1, 2), {1: "a"}, {"a": {2}}, b"bytes", object()):
        with pytest.raises((TypeError, ValueError)):
            store.set_answer(report.id, "q", bad)
    with pytest.raises(TypeError):
        store.set_answer(report.id, "", "x")
    assert store.answers(report.id) == {}
    assert store.history(report.id) == []


def test_set_answers_is_one_transaction(store: Store, report: ReportRecord) -> None:
    store.set_answer(report.id, "keep", "same")
    store.set_answer(report.id, "gone", "old")
    changed = store.set_answers(
        report.id, {"keep": "same", "gone": None, "new1": [1, 2], "new2": {"x": "ы"}}
    )
    assert changed == 3
    assert store.answers(report.id) == {"keep": "same", "new1": [1, 2], "new2": {"x": "ы"}}
    assert len(store.history(report.id)) == 2 + 3
    # One bad value anywhere: nothing of the import is written.
    with pytest.raises(TypeError):
        store.set_answers(report.id, {"new1": "changed", "bad": object()})
    assert store.answers(report.id)["new1"] == [1, 2]
    assert store.set_answers(report.id, {}) == 0


def test_translations_have_their_own_history(store: Store, report: ReportRecord) -> None:
    store.set_answer(report.id, "q1", "Стадо сайгаков у озера")
    assert store.set_translation(report.id, "q1", "A saiga herd by the lake") is True
    assert store.set_translation(report.id, "q1", "A saiga herd by the lake") is False
    assert store.translations(report.id) == {"q1": "A saiga herd by the lake"}
    assert store.answers(report.id) == {"q1": "Стадо сайгаков у озера"}
    assert store.set_translation(report.id, "q1", None) is True
    assert store.translations(report.id) == {}
    entries = [(h.kind, h.old, h.new) for h in store.history(report.id, "q1")]
    assert entries == [
        ("value", None, "Стадо сайгаков у озера"),
        ("translation", None, "A saiga herd by the lake"),
        ("translation", "A saiga herd by the lake", None),
    ]
    with pytest.raises(TypeError):
        store.set_translation(report.id, "q1", 5)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8"))
    | st.sampled_from(["Снежный барс", "🐆🦌", "Қазақстан", "Монгол Улс", "", "a\x00b"]),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=20,
)


def _typed(value: object) -> object:
    """``value`` with the type of every leaf made explicit, so 1, 1.0 and True differ."""
    if isinstance(value, list):
        return ["list", [_typed(v) for v in value]]
    if isinstance(value, dict):
        return ["dict", [[k, _typed(v)] for k, v in value.items()]]
    return [type(value).__name__, repr(value)]


def test_any_json_value_round_trips_exactly(store: Store, report: ReportRecord) -> None:
    keys = (f"q{n}" for n in itertools.count())

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(value=json_values.filter(lambda v: v is not None))
    def round_trip(value: object) -> None:
        key = next(keys)  # a fresh key: an earlier equal value would make this a no-op
        assert store.set_answer(report.id, key, value) is True
        assert _typed(store.answers(report.id)[key]) == _typed(value)
        assert _typed(store.history(report.id, key)[-1].new) == _typed(value)
        assert store.set_answer(report.id, key, value) is False

    round_trip()
