"""The bounds every stored value keeps, whoever supplied it: one place for all of them.

Answers come from the window, from ``report fill``, from a colleague's shared-section file and
from a package received by the Secretariat. Whatever passes these checks can be stored in SQLite
and written to every output (the workbook, the PDF, the window), in time and memory linear in
its size:

* **Text** holds no unpaired surrogate and no control character other than tab and line break.
  Every line break is stored as ``\\n``: ``\\r\\n`` and ``\\r`` (Windows, old Mac), the vertical tab
  ``\\x0b`` and form feed ``\\x0c`` (Word's manual line and page breaks), U+0085, U+2028 and U+2029.
  A text without a limit of its own holds at most :data:`MAX_TEXT` characters.
* **Numbers** are finite and at most :data:`MAX_NUMBER` in size (integers too): far beyond any
  count or area reported, exact in a spreadsheet (15 significant digits), and inside SQLite's
  signed 64-bit integers.
* **Tables and lists** hold at most the form's ``max_rows``, else :data:`MAX_ROWS` rows, and at
  most :data:`MAX_ITEMS` items (or as many as there are choices).

Names that are only shown (a file's name, a certificate's signer, an organization) are made
safe with :func:`shown_name` instead of being refused: their control characters are kept as
visible escapes.
"""
from __future__ import annotations

import json
import math
import os
import re
from typing import Any

from .i18n import N_

MAX_NUMBER = 10 ** 15
MAX_TEXT = 100_000
MAX_ROWS = 500
MAX_ITEMS = 500
#: JSON from strangers: nesting depth and the number of values (numbers, texts, lists, objects)
MAX_JSON_DEPTH = 40
MAX_JSON_VALUES = 200_000

_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0 and C1 controls except tab and line feed, DEL, and the surrogate code points
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\x0b\x0c\r]")
# ...and, for names shown to people, the marks that reorder what follows (a signer "Saiga
# \u202eecnaillA" reads "Saiga Alliance"), as the command line escapes them too
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normal_breaks(text: str) -> str:
    """``text`` with every kind of line break as ``\\n``."""
    return _BREAKS.sub("\n", text)


def text_problem(text: str) -> str | None:
    """Why ``text`` (line breaks already normalised) cannot be stored, or ``None``.

    The message is a msgid for the caller to translate.
    """
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    if "\ud800" <= found.group() <= "\udfff":
        return N_("the text holds a broken character (an unpaired surrogate)")
    return N_("the text holds a control character ({code})")


def forbidden_code(text: str) -> str:
    """The first character that :func:`text_problem` refuses, as ``U+0000``."""
    found = _FORBIDDEN.search(text)
    return f"U+{ord(found.group()):04X}" if found else ""


def clean_typed(text: str) -> str:
    """What the window keeps of typed or pasted text: line breaks normalised, other controls dropped."""
    return _FORBIDDEN.sub("", normal_breaks(text))


def shown_name(text: Any, limit: int = 300) -> str:
    """A name from outside (file, signer, organization) safe to store and show: one line, short.

    A control character, line break or direction mark is written as its escape (``\\x1b``,
    ``\\u2028``, ``\\u202e``), as the command line prints it, so that a hostile name stays
    recognisable as such; a broken character (an unpaired surrogate, e.g. an undecodable byte of
    a file name) becomes U+FFFD.
    """
    value = text if isinstance(text, str) else str(text)
    return _UNSHOWN.sub(_escape, value)[:limit]


def _escape(found: re.Match) -> str:
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"
    return "\\x%02x" % ord(char) if ord(char) < 0x100 else "\\u%04x" % ord(char)


def plain(value: Any) -> Any:
    """``value`` (texts, lists and mappings of them) with every text made a :func:`shown_name`."""
    if isinstance(value, str):
        return shown_name(value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def path_name(path: Any) -> str:
    """A file path as text, its undecodable bytes (surrogate escapes on Linux) shown as U+FFFD."""
    try:
        raw = os.fsencode(path)
    except (TypeError, ValueError):
        return shown_name(str(path))
    return shown_name(raw.decode("utf-8", "replace"), 1000)


def number_ok(number: int | float) -> bool:
    """A finite number no larger than :data:`MAX_NUMBER` (either sign)."""
    try:
        return abs(number) <= MAX_NUMBER
    except (OverflowError, TypeError):
        return False


class JsonTooLarge(ValueError):
    """JSON nested too deeply or holding too many values: ``message`` (a msgid) and ``limit``."""

    def __init__(self, message: str, limit: int) -> None:
        super().__init__(message.format(limit=limit))
        self.message, self.limit = message, limit


def loads_bounded(data: bytes | str, *, depth: int = MAX_JSON_DEPTH, values: int = MAX_JSON_VALUES) -> Any:
    """``json.loads`` of a stranger's JSON, in memory and time linear in its size.

    Before parsing, the structure is counted without building it: strings are cut out (one
    linear regular expression), then the brackets and commas left say how deep and how many.
    NaN and Infinity are refused (they are not JSON), as is a float out of range.
    """
    text = data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else data
    skeleton = _STRINGS.sub('""', text)
    count = skeleton.count(",") + skeleton.count("[") + skeleton.count("{") + 1
    if count > values:
        raise JsonTooLarge(N_("it holds more than {limit} values"), values)
    level = deepest = 0
    for char in _NOT_BRACKET.sub("", skeleton):
        level += 1 if char in "[{" else -1
        deepest = max(deepest, level)
    if deepest > depth:
        raise JsonTooLarge(N_("it is nested too deeply (more than {limit} levels)"), depth)
    return json.loads(text, parse_float=_finite, parse_constant=_no_constant)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999: not a number any answer can hold
        raise ValueError(f"{text[:20]} is out of range")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")  # NaN and Infinity are not JSON


# a JSON string, unrolled so that it is matched in one linear pass: it always matches (an
# unterminated one runs to the end), so no quote is tried twice
_STRINGS = re.compile(r'"[^"\\]*(?:\\(?:.|\Z)[^"\\]*)*(?:"|\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
