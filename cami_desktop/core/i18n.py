"""One translation API over Babel's gettext catalogs: ``tr``, ``ntr``, ``ptr`` and ``N_``.

The catalogs live in ``translations/<lang>/LC_MESSAGES/cami.mo``. Messages use named
placeholders (``{name}``) filled after translation. Nothing is installed into builtins.
"""
from __future__ import annotations

import gettext
import locale
from typing import Callable

from .paths import translations_dir

DOMAIN = "cami"
LANGUAGES = ("en", "ru")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}

_current = "en"
_catalogs: dict[str, gettext.NullTranslations] = {}
_listeners: list[Callable[[str], None]] = []


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def _catalog(lang: str) -> gettext.NullTranslations:
    if lang not in _catalogs:
        if lang == "en":
            _catalogs[lang] = gettext.NullTranslations()
        else:
            _catalogs[lang] = gettext.translation(
                DOMAIN, localedir=str(translations_dir()), languages=[lang], fallback=True
            )
    return _catalogs[lang]


def normalize_language(lang: str | None) -> str:
    """Map a locale name such as ``ru_RU.UTF-8`` to a supported language, English by default."""
    if not lang:
        return "en"
    short = lang.replace("-", "_").split("_")[0].split(".")[0].lower()
    return short if short in LANGUAGES else "en"


def system_language() -> str:
    """The operating system's language if supported, else English."""
    try:
        lang = locale.getlocale()[0]
    except ValueError:
        lang = None
    return normalize_language(lang)


def set_language(lang: str) -> None:
    """Switch the language of ``tr`` and friends and tell the listeners."""
    global _current
    lang = normalize_language(lang)
    if lang == _current:
        return
    _current = lang
    for listener in list(_listeners):
        listener(lang)


def current_language() -> str:
    return _current


def add_listener(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _fill(text: str, params: dict) -> str:
    return text.format(**params) if params else text


def tr(message: str, lang: str | None = None, **params: object) -> str:
    """Translate ``message`` into ``lang`` (default: the current language) and fill placeholders."""
    return _fill(_catalog(lang or _current).gettext(message), params)


def ntr(singular: str, plural: str, n: int, lang: str | None = None, **params: object) -> str:
    """Translate with the plural form for ``n``; ``{n}`` is available as a placeholder."""
    text = _catalog(lang or _current).ngettext(singular, plural, n)
    return _fill(text, {"n": n, **params})


def ptr(context: str, message: str, lang: str | None = None, **params: object) -> str:
    """Translate ``message`` in a context, for words that differ by use."""
    return _fill(_catalog(lang or _current).pgettext(context, message), params)
