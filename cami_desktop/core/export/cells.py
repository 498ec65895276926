"""Writing a spreadsheet cell so that text stays text (every workbook the application writes).

openpyxl takes a string that starts with ``=`` for a formula and one that reads ``#REF!`` for an
error value; an answer, an organization's or a signer's name is neither. :func:`put` stores a
string always as a string cell (an inline string, ``t="inlineStr"`` in the file), which Excel
and LibreOffice show as the literal text: ``=cmd|' /C calc'!A0``, ``+1+1``, ``-2+3``, ``@SUM(A1)``
are displayed as typed, never computed. Numbers, dates and booleans keep their type.

Line breaks of every kind (a report stored by an earlier version may hold a vertical tab pasted
from Word) are written as ``\\n``. XML cannot hold the other control characters (openpyxl refuses
them); they are written as visible escapes (``\\x1b``), and a broken character as U+FFFD, instead
of failing the whole export.
"""
from __future__ import annotations

import re
from typing import Any

from ..values import normal_breaks

# The characters XML 1.0 cannot hold (as openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE), and halves
# of a surrogate pair, which cannot be written as UTF-8.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _visible(found: re.Match) -> str:
    char = found.group()
    return "\ufffd" if char >= "\ud800" else "\\x%02x" % ord(char)


def as_text(value: str) -> str:
    """``value`` with its line breaks as ``\\n`` and what a workbook cannot hold made visible."""
    return ILLEGAL.sub(_visible, normal_breaks(value))


def put_text(cell, value: str):
    """Store ``value`` in ``cell`` as a string, never as a formula or an error value."""
    cell.value = as_text(value)
    cell.data_type = "s"
    return cell


def put(cell, value: Any):
    """Store ``value`` in ``cell``: strings with :func:`put_text`, anything else as it is."""
    if isinstance(value, str):
        return put_text(cell, value)
    cell.value = value
    return cell


def write(sheet, row: int, column: int, value: Any = None):
    """``sheet.cell(row, column)`` with ``value`` stored by :func:`put`; returns the cell."""
    cell = sheet.cell(row, column)
    if value is not None:
        put(cell, value)
    return cell
