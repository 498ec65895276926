"""Reading YAML form files with precise problem reports: file, place and what is wrong."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Option, Text

KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
VALUE_RE = re.compile(r"^[a-z0-9_]+$")
ITEM_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: the largest shipped form is 140,000 characters
MAX_CHARS = 10_000_000


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _shares_parts(data: Any) -> bool:
    """Whether a list or mapping appears twice in ``data`` (what an alias makes); linear, no recursion."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                return True
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return False


@dataclass(frozen=True)
class Problem:
    """One mistake in a form or reference file."""

    file: str
    place: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.place}" if self.place else self.file
        return f"{where}: {self.message}"


class Reader:
    """Collects problems while a file is read, so all of them are reported at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def load(self) -> Any:
        # Imported here: the window and most commands read the parsed forms from the cache
        # (forms/cache.py) and never need a YAML parser.
        import yaml

        # libyaml is several times faster; the pure-Python loader is the fallback
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            with open(self.path, encoding="utf-8") as handle:
                text = handle.read(MAX_CHARS + 1)
            if len(text) > MAX_CHARS:
                # a huge file (or /dev/zero) is refused before the parser holds it several times over
                self.problem("", f"is larger than {MAX_CHARS // 1_000_000} million characters; "
                                 "a form file is far smaller")
                return None
            data = yaml.load(text, Loader=loader)
            if _shares_parts(data):
                # YAML aliases (*name) repeat a part without copying it: a "billion laughs" file
                # of 1 KB names 10^9 parts. No form needs them; they are refused.
                self.problem("", "uses YAML aliases (*name); write each part out in full")
                return None
            return data
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            self.problem(place, f"not valid YAML: {exc.problem}")
        except yaml.reader.ReaderError as exc:  # a character YAML forbids (NUL, most controls)
            self.problem(f"position {exc.position}", f"not valid YAML: character {exc.character!r} is not allowed")
        except (OSError, UnicodeDecodeError) as exc:
            self.problem("", f"cannot be read: {exc}")
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            # ValueError: an integer too long to convert (over 4,300 digits); RecursionError: nesting
            self.problem("", f"not valid YAML: {exc}")
        return None

    def problem(self, place: str, message: str) -> None:
        # A problem is one line of `forms check`, whatever the file holds: a key with a line
        # break or a value of 100,000 characters is quoted on one line and shortened.
        self.problems.append(Problem(self.path.name, _one_line(place, 120), _one_line(message, 240)))

    def mapping(self, data: Any, place: str, allowed: set[str], required: set[str]) -> dict | None:
        if not isinstance(data, dict):
            self.problem(place, "must be a mapping")
            return None
        for key in data:
            if key not in allowed:
                self.problem(f"{place}.{key}" if place else str(key), f"unknown field {key!r}")
        for key in sorted(required - set(data)):
            self.problem(place, f"missing required field {key!r}")
        return data

    def sequence(self, data: Any, place: str, *, allow_empty: bool = False) -> list:
        if not isinstance(data, list):
            self.problem(place, "must be a list")
            return []
        if not data and not allow_empty:
            self.problem(place, "must not be empty")
        return data

    def text(self, data: Any, place: str, *, optional: bool = False) -> Text | None:
        if data is None and optional:
            return None
        if not isinstance(data, dict):
            self.problem(place, "must be a text in both languages, {en: ..., ru: ...}")
            return None
        ok = True
        for lang, name in (("en", "English"), ("ru", "Russian")):
            value = data.get(lang)
            if not isinstance(value, str) or not value.strip():
                self.problem(place, f"missing {name} text ({lang})")
                ok = False
        for extra in set(data) - {"en", "ru"}:
            self.problem(place, f"unknown language {extra!r}")
        return Text(data["en"].strip(), data["ru"].strip()) if ok else None

    def key(self, data: Any, place: str, pattern: re.Pattern = KEY_RE) -> str:
        if not isinstance(data, str) or not pattern.match(data):
            self.problem(place, f"invalid key {data!r} (expected {pattern.pattern})")
            return str(data)
        return data

    def string(self, data: Any, place: str) -> str:
        if isinstance(data, (int, float)) and not isinstance(data, bool):
            return str(data)
        if not isinstance(data, str) or not data.strip():
            self.problem(place, "must be a non-empty string")
            return str(data)
        return data

    def options(self, data: Any, place: str) -> tuple[Option, ...]:
        result: list[Option] = []
        seen: set[str] = set()
        for i, raw in enumerate(self.sequence(data, place)):
            where = f"{place}[{i}]"
            if self.mapping(raw, where, {"value", "label"}, {"value", "label"}) is None:
                continue
            value = self.key(raw.get("value"), f"{where}.value", VALUE_RE)
            if value in seen:
                self.problem(f"{where}.value", f"duplicate option value {value!r}")
            seen.add(value)
            label = self.text(raw.get("label"), f"{where}.label")
            if label:
                result.append(Option(value, label))
        return tuple(result)
