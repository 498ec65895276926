"""Type checks for answer values: each question type accepts a JSON value of one shape.

``check_value`` returns the value in its normal form, or ``None`` for an empty answer (which
clears it), and raises :class:`AnswerError` naming the question when the value is wrong. The
bounds every value keeps (texts, numbers, rows, items) are those of :mod:`.values`; every check
takes time linear in the size of the value.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any
from urllib.parse import urlparse

from ..errors import AnswerError
from ..forms.conditions import is_answered
from ..forms.model import Field, Form, Question
from ..i18n import N_
from ..values import MAX_ITEMS, MAX_NUMBER, MAX_ROWS, MAX_TEXT, forbidden_code, normal_breaks, number_ok, text_problem

ATTACHMENT_KEYS = {"id", "name", "size", "sha256"}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{5,}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
SAFE_ID_RE = re.compile(r"^[A-Za-z0-9._-]+$")
MAX_URL = 2000  # characters of one web address


def check_value(form: Form, question: Question, value: Any) -> Any:
    """Return ``value`` normalized for ``question``, or raise AnswerError."""
    if not question.answerable:
        raise AnswerError(N_("Question {number} ({key}) is for reading only and takes no answer."),
                          number=question.number, key=question.key)
    if value is None:
        return None
    if question.type == "table":
        return _table(form, question, value)
    if question.type == "attachment":
        return _attachments(question, value)
    return _field(form, question, value, question.key)


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)`` as an error quotes it: on one line and short, however big the value."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # an integer too long to print, or a nesting too deep
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _choices(allowed: set[str], limit: int = 12) -> str:
    # A list of 250 countries helps nobody in an error line; the form shows them all.
    names = sorted(allowed)
    return ", ".join(names) if len(names) <= limit else ", ".join(names[:limit]) + ", ..."


def _fail(key: str, message: str, **params: Any) -> AnswerError:
    return AnswerError(N_("{key}: {problem}"), key=key, problem=AnswerError(message, **params))


def _field(form: Form, fld: Field, value: Any, key: str) -> Any:
    kind = fld.type
    if kind in ("text", "long_text"):
        if not isinstance(value, str):
            raise _fail(key, N_("a text is expected"))
        value = clean_text(value, key)
        if not value.strip():
            return None
        limit = fld.max_length or MAX_TEXT
        if len(value) > limit:
            raise _fail(key, N_("the text is longer than {limit} characters"), limit=limit)
        return value
    if kind in ("integer", "decimal"):
        return _number(fld, value, key)
    if kind == "date":
        return _date(fld, value, key)
    if kind == "date_range":
        if not isinstance(value, dict) or set(value) - {"from", "to"}:
            raise _fail(key, N_('a period {"from": date, "to": date} is expected'))
        result = {side: _date(fld, value[side], key) for side in ("from", "to") if value.get(side)}
        if len(result) == 2 and result["to"] < result["from"]:
            raise _fail(key, N_("the end of the period is before its start"))
        return result or None
    if kind == "link":
        if fld.multiple:
            return _list(value, key, MAX_ITEMS, lambda v: _url(fld, v, key))
        return _url(fld, value, key)
    if kind in ("multi_choice",) or (kind == "pick" and fld.multiple):
        allowed = {o.value for o in form.reference.choices(fld)}
        return _list(value, key, max(MAX_ITEMS, len(allowed)), lambda v: _choice(fld, v, allowed, key))
    allowed = {o.value for o in form.reference.choices(fld)}
    return _choice(fld, value, allowed, key)


def _choice(fld: Field, value: Any, allowed: set[str], key: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise _fail(key, N_("{value} is not one of the choices ({choices})"),
                    value=shown(value), choices=_choices(allowed))
    return value


def clean_text(value: str, key: str) -> str:
    """``value`` with its line breaks as ``\\n``; refused if it holds another control character."""
    value = normal_breaks(value)
    problem = text_problem(value)
    if problem is not None:
        raise _fail(key, problem, code=forbidden_code(value))
    return value


def _list(value: Any, key: str, limit: int, each) -> list | None:
    if not isinstance(value, list):
        raise _fail(key, N_("a list is expected"))
    if len(value) > limit:  # before anything is checked: a million links are refused at once
        raise _fail(key, N_("at most {limit} items are allowed"), limit=limit)
    result: list = []
    seen: set = set()  # a set, not the list: 100,000 links took minutes (tests/core/test_values.py)
    for item in value:
        checked = each(item)
        if checked not in seen:
            seen.add(checked)
            result.append(checked)
    return result or None


def _number(fld: Field, value: Any, key: str) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _fail(key, N_("a number is expected"))
    try:
        number = int(value) if fld.type == "integer" and not isinstance(value, float) else float(value)
    except (ValueError, OverflowError):  # OverflowError: an integer too big for a decimal
        raise _fail(key, N_("{value} is not a number"), value=shown(value)) from None
    if isinstance(number, float):
        if not math.isfinite(number):
            raise _fail(key, N_("{value} is not a number"), value=shown(value))
        if fld.type == "integer":
            if not number.is_integer():
                raise _fail(key, N_("a whole number is expected"))
            number = int(number)
    if fld.min is not None and number < fld.min:
        raise _fail(key, N_("{value} is below the minimum {limit}"), value=shown(number), limit=fld.min)
    if fld.max is not None and number > fld.max:
        raise _fail(key, N_("{value} is above the maximum {limit}"), value=shown(number), limit=fld.max)
    if not number_ok(number):  # beyond SQLite's integers, Excel's precision, the PDF's columns
        raise _fail(key, N_("{value} is too large: a number is at most {limit} in size"),
                    value=shown(number), limit=MAX_NUMBER)
    return number


def _date(fld: Field, value: Any, key: str) -> str:
    try:
        iso = dt.date.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        iso = None
    if iso is None:
        raise _fail(key, N_("{value} is not a date (YYYY-MM-DD)"), value=shown(value))
    if fld.min and iso < fld.min:
        raise _fail(key, N_("{value} is before {limit}"), value=iso, limit=fld.min)
    if fld.max and iso > fld.max:
        raise _fail(key, N_("{value} is after {limit}"), value=iso, limit=fld.max)
    return iso


def _url(fld: Field, value: Any, key: str) -> str:
    if isinstance(value, str) and (len(value) > MAX_URL or text_problem(value) or "\n" in normal_breaks(value)):
        raise _fail(key, N_("{value} is not a web address (http:// or https://)"), value=shown(value))
    parts = urlparse(value.strip()) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https", "ftp") or not parts.netloc:
        raise _fail(key, N_("{value} is not a web address (http:// or https://)"), value=shown(value))
    return value.strip()


def _table(form: Form, question: Question, value: Any) -> list | None:
    if not isinstance(value, list):
        raise _fail(question.key, N_("a list of rows is expected"))
    limit = question.max_rows or MAX_ROWS
    if len(value) > limit:  # before any row is looked at
        raise _fail(question.key, N_("at most {limit} rows are allowed"), limit=limit)
    columns = {c.key: c for c in question.columns}
    rows = []
    for index, row in enumerate(value, start=1):
        if not isinstance(row, dict):
            raise _fail(question.key, N_("row {row} is not an object"), row=index)
        clean = {}
        for name, cell in row.items():
            if name not in columns:
                raise _fail(question.key, N_("row {row} has an unknown column {column}"),
                            row=index, column=shown(name))
            checked = None if cell is None else _field(form, columns[name], cell, f"{question.key}[{index}].{name}")
            if checked is not None:
                clean[name] = checked
        rows.append(clean)
    return rows or None


def _attachments(question: Question, value: Any) -> list | None:
    if not isinstance(value, list) or len(value) > MAX_ITEMS or not all(map(_attachment_record, value)):
        raise _fail(question.key, N_("a list of stored attachments is expected"))
    if not question.multiple and len(value) > 1:
        raise _fail(question.key, N_("only one attachment is allowed"))
    return list(value) or None


def _attachment_record(v: Any) -> bool:
    """``{"id", "name", "size", "sha256"}`` as the store describes a file (the export relies on it)."""
    return (isinstance(v, dict) and set(v) == ATTACHMENT_KEYS
            and isinstance(v["id"], str) and 0 < len(v["id"]) <= 64
            and isinstance(v["name"], str) and 0 < len(v["name"].strip()) and len(v["name"]) <= 255
            and text_problem(v["name"]) is None and "\n" not in v["name"] and SAFE_ID_RE.match(v["id"]) is not None
            and isinstance(v["size"], int) and not isinstance(v["size"], bool) and 0 <= v["size"] <= MAX_NUMBER
            and isinstance(v["sha256"], str) and SHA256_RE.match(v["sha256"]) is not None)


def format_problem(fld: Field, value: Any) -> str | None:
    """A soft problem of a stored value (e.g. an e-mail address that does not look right)."""
    if fld.format == "email" and isinstance(value, str) and not EMAIL_RE.match(value.strip()):
        return N_("This does not look like an e-mail address.")
    if fld.format == "phone" and isinstance(value, str) and not PHONE_RE.match(value.strip()):
        return N_("This does not look like a telephone number.")
    return None


def row_is_empty(row: dict) -> bool:
    return not any(is_answered(v) for v in row.values())
