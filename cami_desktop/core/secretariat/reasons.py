"""Reasons kept with a submission or refusal: an untranslated message and its parameters.

They are stored as JSON (``{"message": msgid, "params": {...}}``) and translated when shown,
so the same record reads in English or Russian. Parameters are kept as text: a reason must
survive the JSON round trip whatever a hostile package put into it.
"""
from __future__ import annotations

from typing import Any

from ..i18n import tr

MAX_PARAM = 300  # characters of one parameter kept (file names, fingerprints, short causes)


def reason(message: str, **params: Any) -> dict:
    """A storable reason."""
    return {"message": message, "params": {k: str(v)[:MAX_PARAM] for k, v in params.items()}}


def from_problem(problem: Any) -> dict:
    """A reason from a verification :class:`~cami_desktop.core.export.verify.Problem`."""
    return reason(problem.message, **dict(problem.params))


def render(item: dict, lang: str | None = None) -> str:
    """The reason as a sentence in ``lang`` (default: the current language)."""
    try:
        return tr(item["message"], lang, **item.get("params", {}))
    except (KeyError, IndexError, ValueError, TypeError):
        # A message whose placeholders do not match its parameters still shows something.
        return str(item.get("message", ""))


def render_all(items: list[dict], lang: str | None = None) -> list[str]:
    return [render(item, lang) for item in items]
