"""Hypothesis strategies that damage real documents: delete, retype, enlarge, nest, break.

A document is plain data (what YAML or JSON gives); a mutation copies only the containers on
the way to the place it changes, so mutating a 140 kB form costs microseconds.
"""
from __future__ import annotations

import math
from typing import Any

from hypothesis import strategies as st

HUGE = 10 ** 4000  # near Python's limit for printing integers (4300 digits)

#: Values of the wrong type, size or kind, as an attacker or a careless editor would write them.
weird_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([HUGE, -HUGE, 2 ** 63, -(2 ** 63) - 1]),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([math.nan, math.inf, -math.inf, 1e308]),
    st.text(max_size=20), st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["", " ", "\x00", "\u202e", "Ω" * 10, "💥", "x" * 100_000, "1e999", "NaN",
                     "2024-02-30", "../../etc/passwd", "{not: yaml", "- item"]),
)


def nested(depth: int, leaf: Any = 1) -> Any:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


weird_values = st.one_of(
    weird_scalars,
    st.lists(weird_scalars, max_size=4),
    st.dictionaries(st.text(max_size=8), weird_scalars, max_size=4),
    st.sampled_from([nested(50), nested(400), [], {}, [[]], [{}], {"en": 1, "ru": None}]),
)


def places(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into ``data`` (dict keys and list indexes), the root included."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += places(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += places(value, prefix + (index,))
    return found


def replaced(data: Any, path: tuple, change) -> Any:
    """A copy of ``data`` in which the node at ``path`` is ``change(node)``; ``change`` may
    return the marker DELETE to remove it."""
    if not path:
        return change(data)
    head, rest = path[0], path[1:]
    copy = dict(data) if isinstance(data, dict) else list(data)
    new = replaced(data[head], rest, change)
    if new is DELETE:
        del copy[head]
    else:
        copy[head] = new
    return copy


DELETE = object()


@st.composite
def mutated(draw, documents: list[tuple[str, Any, list[tuple]]]) -> tuple[str, Any]:
    """One of ``documents`` (name, data, its places) with one to three mutations."""
    name, data, spots = draw(st.sampled_from(documents))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(spots))
        kind = draw(st.sampled_from(["delete", "retype", "retype", "wrap", "duplicate", "unknown_key"]))
        try:
            if kind == "delete" and path:
                data = replaced(data, path, lambda node: DELETE)
            elif kind == "retype":
                value = draw(weird_values)
                data = replaced(data, path, lambda node: value)
            elif kind == "wrap":
                depth = draw(st.sampled_from([1, 2, 30, 300]))
                data = replaced(data, path, lambda node: nested(depth, node))
            elif kind == "duplicate" and path and isinstance(path[-1], int):
                data = replaced(data, path[:-1], lambda seq: seq + [seq[path[-1]]])
            elif kind == "unknown_key":
                key, value = draw(st.text(max_size=10)), draw(weird_values)
                data = replaced(data, path, lambda node: {**node, key: value} if isinstance(node, dict) else node)
        except (KeyError, IndexError, TypeError):  # an earlier mutation removed or retyped the way there
            continue
    return name, data


def broken_text(text: str) -> st.SearchStrategy[str]:
    """The text of a document, cut, spliced with junk or given bytes that are not UTF-8."""
    junk = st.sampled_from(["{", "}", "[", "]", ":", "- ", "\t", "&a", "*a", "!!python/object:os.system",
                            "\ufeff", "\x00", '"', "'", "\\", "%YAML 9.9\n---\n", "? ", "|", ">-", "\n  "])
    return st.one_of(
        st.integers(0, len(text)).map(lambda n: text[:n]),
        st.tuples(st.integers(0, len(text)), st.lists(junk, min_size=1, max_size=5)).map(
            lambda t: text[:t[0]] + "".join(t[1]) + text[t[0]:]),
        st.integers(0, len(text)).map(lambda n: text[:n] + "\udcff" + text[n:]),
    )
