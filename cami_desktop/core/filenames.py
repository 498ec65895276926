"""Parts of file names made from what people type: a report's reporter, period, form.

File names stay ASCII: packages and shared-section files travel as e-mail attachments and
through old archivers that mangle anything else. A Cyrillic name (an organization that reports in
Russian) is transliterated, so that the file still says who reported instead of becoming ``x``.
"""
from __future__ import annotations

import re

# Russian letters (passport style) and the Kazakh, Kyrgyz, Mongolian and Tajik ones.
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіӣҳҷ",
    "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia a g q n o u u h i i h j"
    .split(" "),
))
_CYRILLIC["ъ"] = _CYRILLIC["ь"] = ""


def latin(text: str) -> str:
    """``text`` with its Cyrillic letters in Latin ("Манул" → "Manul"), the rest unchanged."""
    out = []
    for char in text:
        letters = _CYRILLIC.get(char.lower())
        if letters is None:
            out.append(char)
        else:
            out.append(letters.capitalize() if char.isupper() else letters)
    return "".join(out)


def file_part(text: str, allowed: str = "A-Za-z0-9._-", fallback: str = "x", limit: int | None = None) -> str:
    """``text`` as a safe piece of a file name: transliterated, every run of other characters
    one ``-``, at most ``limit`` characters."""
    part = re.sub(f"[^{allowed}]+", "-", latin(text)).strip("-")
    if limit is not None:
        part = part[:limit].strip("-")
    return part or fallback
