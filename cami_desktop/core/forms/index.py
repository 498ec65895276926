"""What the report list shows of the forms, without loading them: titles and country names.

The window's first page lists the reports with their form's title and their country's name.
Loading the whole forms library for that (its modules and the 1.3 MB cached library) was a
sixth of the window's start-up (issue 10). The index holds only those texts, in both
languages; :mod:`.cache` writes it beside the cached library, from the same parse and under
the same key, so the two never disagree. The library itself is loaded when a report is opened
or a dialog needs the forms.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .library import FormLibrary

FORMAT = 1
_LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class FormIndex:
    """Titles of every form version (``"id@version"``) and names of every country, per language."""

    titles: dict[str, dict[str, str]]
    countries: dict[str, dict[str, str]]
    #: What the index was made from (``cache.cache_basis``): read only while it is current.
    basis: str = ""

    @classmethod
    def of(cls, library: FormLibrary, basis: str = "") -> FormIndex:
        titles = {f"{form.id}@{form.version}": form.title.as_dict() for form in library.versions.values()}
        countries: dict[str, dict[str, str]] = {}
        places = library.reference.lists.get("range_states")
        while places is not None:  # the Range States first, then the countries they fall back on
            for item in places.items:
                countries.setdefault(item.key, item.label.as_dict())
            places = places.fallback
        return cls(titles, countries, basis)

    def title(self, form_id: str, version: str, lang: str) -> str:
        """The title of ``form_id`` in ``version``, as ``FormLibrary.get(...).title``; the id if unknown."""
        return _pick(self.titles.get(f"{form_id}@{version}"), lang, form_id)

    def country(self, key: str, lang: str) -> str:
        """The name of a country, as the Range States list labels it; the key itself if unknown
        (an organization reporting on a Concerted Action is stored under its own name)."""
        return _pick(self.countries.get(key), lang, key)

    def dumps(self) -> bytes:
        return json.dumps({"format": FORMAT, "basis": self.basis, "titles": self.titles,
                           "countries": self.countries}, ensure_ascii=False).encode("utf-8")

    @classmethod
    def read(cls, path: Path, basis: str) -> FormIndex | None:
        """The index in ``path`` if it was made from ``basis``; ``None`` if it is missing,
        damaged, of another format or made from other forms."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("basis") != basis:
            return None
        titles, countries = data.get("titles"), data.get("countries")
        if not (_texts(titles) and _texts(countries)):
            return None
        return cls(titles, countries, basis)


def _pick(text: dict[str, str] | None, lang: str, missing: str) -> str:
    if text is None:
        return missing
    return text["ru"] if lang == "ru" else text["en"]  # as Text.get


def _texts(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(key, str) and isinstance(text, dict)
        and all(isinstance(text.get(lang), str) for lang in _LANGUAGES)
        for key, text in value.items())
