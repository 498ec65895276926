"""Reasons kept with a submission or refusal: an untranslated message and its parameters.

They are stored as JSON (``{"message": msgid, "params": {...}}``) and translated when shown,
so the same record reads in English or Russian. Parameters are kept as text (or as a nested
reason): a reason must survive the JSON round trip whatever a hostile package put into it. A
cause in Python's words (the ``reason`` parameter) is said in the reader's language where it is
a common one (:mod:`.causes`).
"""
from __future__ import annotations

from typing import Any

from ..errors import CamiError
from ..i18n import tr
from .causes import explain

MAX_PARAM = 300  # characters of one parameter kept (file names, fingerprints, short causes)


#: Parameters holding a cause in Python's words, said in the reader's language when shown.
CAUSE_PARAMS = ("reason",)
#: Parameters holding a country's code, named in the reader's language when shown.
COUNTRY_PARAMS = ("country", "others")


def reason(message: str, **params: Any) -> dict:
    """A storable reason.

    A parameter may itself be a reason (a dict made by this function, e.g. a form's own message
    about an answer): it is kept as such and rendered in the same language as the whole.
    """
    return {"message": message, "params": {k: _param(v) for k, v in params.items()}}


def _param(value: Any) -> Any:
    if isinstance(value, dict) and isinstance(value.get("message"), str):
        return reason(value["message"], **dict(value.get("params") or {}))
    if isinstance(value, CamiError):  # an error's message about a part of it stays translatable
        return reason(value.message, **value.params)
    return str(value)[:MAX_PARAM]


def from_problem(problem: Any) -> dict:
    """A reason from a verification :class:`~cami_desktop.core.export.verify.Problem`."""
    return reason(problem.message, **dict(problem.params))


def render(item: dict, lang: str | None = None) -> str:
    """The reason as a sentence in ``lang`` (default: the current language)."""
    params = {}
    for key, value in (item.get("params") or {}).items():
        if isinstance(value, dict):
            value = render(value, lang)
        elif key in CAUSE_PARAMS:
            value = explain(value, lang)
        elif key in COUNTRY_PARAMS:
            value = _country(value, lang)
        params[key] = value
    try:
        return tr(item["message"], lang, **params)
    except (KeyError, IndexError, ValueError, TypeError):
        # A message whose placeholders do not match its parameters still shows something.
        return str(item.get("message", ""))


def _country(code: Any, lang: str | None) -> Any:
    """"Kazakhstan (KZ)" / "Казахстан (KZ)" for a country's code (or a list "KZ, TJ"); else as it is."""
    if isinstance(code, str) and ", " in code:
        return ", ".join(str(_country(part, lang)) for part in code.split(", "))
    if not isinstance(code, str) or len(code) != 2 or not code.isalpha() or not code.isupper():
        return code
    from ..trust.registry import country_name
    name = country_name(code, lang)
    return f"{name} ({code})" if name and name != code else code


def render_problem(problem: Any, lang: str | None = None) -> str:
    """A verification :class:`~cami_desktop.core.export.verify.Problem` as a sentence, causes translated."""
    return render(from_problem(problem), lang)


def render_all(items: list[dict], lang: str | None = None) -> list[str]:
    return [render(item, lang) for item in items]
