"""Plain records the store hands out, and the JSON and time conventions it keeps.

Everything the store returns is a frozen dataclass or a plain dict, so callers (the UI, exports,
the command line) never hold a database row or session. Times are timezone-aware UTC datetimes;
values are JSON, checked before they are written so that what is read back is exactly what
was stored.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import errors
from ..i18n import N_

REPORT_STATUSES = ("draft", "final", "reopened")

UNREADABLE_MESSAGE = N_(
    "A value stored in the database cannot be read: the database is damaged. Your work can be "
    "recovered from a backup: list the backups with `cami-desktop backup list` and restore one "
    "with `cami-desktop backup restore NAME`."
)


#: How each status of a report is shown (msgids: translated where shown).
STATUS_LABELS = {"draft": N_("Draft"), "final": N_("Final"), "reopened": N_("Reopened")}


@dataclass(frozen=True)
class ReportRecord:
    """One report as stored: its identity, form, state and dates."""

    id: int
    uid: str
    form_id: str
    form_version: str
    country: str
    period: str
    language: str
    status: str
    revision: int
    created_at: datetime
    updated_at: datetime
    finalized_at: datetime | None
    deleted_at: datetime | None
    declaration: dict | None


@dataclass(frozen=True)
class HistoryEntry:
    """One change to an answer (``kind='value'``) or to its translation (``'translation'``)."""

    at: datetime
    key: str
    kind: str
    old: Any
    new: Any


@dataclass(frozen=True)
class EventEntry:
    """Something that happened to a report: created, finalized, exported …"""

    at: datetime
    kind: str
    detail: dict


@dataclass(frozen=True)
class BackupInfo:
    """A backup file in the data folder's ``backups/``."""

    name: str
    path: Path
    created: datetime
    size: int
    kind: str


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


def to_utc(moment: datetime) -> datetime:
    """Return ``moment`` in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def signing_time(created: object, bound: datetime) -> datetime:
    """When a package was signed: its manifest's ``created``, never later than ``bound``.

    ``bound`` is when the package was received (the inbox) or checked (``verify``): a package
    cannot have been signed after it arrived, whatever its manifest says. A missing or
    unreadable time counts as ``bound``.
    """
    bound = to_utc(bound)
    if isinstance(created, str) and created.strip():
        try:
            moment = datetime.fromisoformat(created.strip().replace("Z", "+00:00"))
        except ValueError:
            return bound
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return min(to_utc(moment), bound)
    return bound


def time_of(text: str | None) -> datetime | None:
    """A stored time (``schema.UtcDateTime`` text) as an aware UTC datetime; ``None`` stays."""
    return None if text is None else to_utc(datetime.fromisoformat(text))


def check_json(value: object, where: str = "value") -> None:
    """Raise ``TypeError``/``ValueError`` unless ``value`` survives a JSON round trip unchanged.

    ``json.dumps`` silently turns tuples into lists and integer keys into strings, and writes
    ``NaN`` that is not JSON at all; any of those would hand back something other than what
    was stored, so they are refused here rather than discovered later. Refusing is a programming
    error for the caller (validation comes before the store), hence no translated message.
    """
    if value is None or isinstance(value, (str, bool, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where}: {value!r} cannot be stored as JSON")
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            check_json(item, f"{where}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where}: key {key!r} is not a string")
            check_json(item, f"{where}[{key!r}]")
        return
    raise TypeError(f"{where}: {type(value).__name__} cannot be stored as JSON")


def dump_json(value: object) -> str:
    """Serialise a checked value: compact, UTF-8 text kept as is, key order kept."""
    check_json(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def load_json(text: str | None) -> Any:
    """Inverse of :func:`dump_json`; SQL NULL stands for "no value".

    Stored text that is not JSON can only be damage (the store writes nothing else), so it is
    :class:`errors.StoreCorrupt`, never a bare ``JSONDecodeError`` that would read as a bug.
    """
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise errors.StoreCorrupt(UNREADABLE_MESSAGE) from exc


def same_json(stored: str | None, value: object) -> bool:
    """Whether ``value`` equals the stored JSON text, as JSON and not as Python.

    Python's ``==`` says ``1 == 1.0 == True``; a focal point changing an answer from ``1`` to
    ``true`` has changed it, so both sides are compared in a canonical JSON form instead.
    Dictionary key order does not count as a change.
    """
    if stored is None or value is None:
        return stored is None and value is None
    return _canonical(json.loads(stored)) == _canonical(value)


def _canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
