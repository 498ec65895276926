"""Valid sample answers for every question of a form: for tests, benchmarks and screenshots."""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ..forms.model import Field, Form

WORDS = {
    "en": "survey patrol rangers habitat corridor monitoring census workshop steppe herd".split(),
    "ru": "учет патруль инспекторы местообитание коридор мониторинг перепись семинар степь стадо".split(),
}


def sample_answers(form: Form, *, seed: int = 0, lang: str = "en", country: str | None = None) -> dict[str, Any]:
    """A valid answer for every answerable question (attachments excepted: they need the store).

    A question pre-filled from the report's country gets ``country``, or is left out (to the
    report's own pre-filled answer): any other country would contradict the report.
    """
    rng = random.Random(seed)
    answers: dict[str, Any] = {}
    for q in form.answerable():
        if q.type == "attachment":
            continue
        if q.other_of:
            answers[q.key] = _text(rng, lang, 6)
            continue
        value = sample_value(form, q, rng, lang)  # drawn even when unused: the same seed, the same answers
        if q.prefill == "report.country":
            value = None if country is None else [country] if isinstance(value, list) else country
        if value is not None:
            answers[q.key] = value
    for q in form.answerable():  # choose "other" where offered, so that its specification counts
        if q.other_of and q.other_of in answers:
            parent = form.questions[q.other_of]
            answers[q.other_of] = ["other"] if parent.type == "multi_choice" else "other"
    for check in form.checks:  # keep checks across questions satisfied (e.g. a period's end after its start)
        left, right = answers.get(check.left), answers.get(check.right) if check.right else None
        if left is not None and right is not None and check.op in (">=", ">") and left < right:
            answers[check.left], answers[check.right] = right, left
        elif left is not None and right is not None and check.op in ("<=", "<") and left > right:
            answers[check.left], answers[check.right] = right, left
    return answers


def sample_value(form: Form, fld: Field, rng: random.Random, lang: str = "en") -> Any:
    kind = fld.type
    if kind == "text":
        if fld.format == "email":
            return "focal.point@example.org"
        if fld.format == "phone":
            return "+7 7172 74 00 00"
        return _text(rng, lang, 3)[: fld.max_length or None]
    if kind == "long_text":
        return _text(rng, lang, 12)[: fld.max_length or None]
    if kind in ("integer", "decimal"):
        lo = fld.min if fld.min is not None else 0
        hi = fld.max if fld.max is not None else lo + 5000
        if fld.key == "year" or fld.key.endswith("_year"):  # a plausible year, not 2087
            lo, hi = max(lo, 2014), min(hi, 2026) if hi >= 2014 else hi
        number = rng.randint(int(lo), int(hi))
        return number if kind == "integer" else float(number) + 0.5 if number + 0.5 <= hi else float(number)
    if kind == "date":
        return _date(rng, fld).isoformat()
    if kind == "date_range":
        start = _date(rng, fld)
        return {"from": start.isoformat(), "to": (start + dt.timedelta(days=rng.randint(30, 900))).isoformat()}
    if kind == "link":
        url = f"https://example.org/report/{rng.randint(1, 999)}"
        return [url] if fld.multiple else url
    options = [o.value for o in form.reference.choices(fld) if o.value != "other"]
    if kind in ("multi_choice",) or (kind == "pick" and fld.multiple):
        return rng.sample(options, k=min(len(options), rng.randint(1, 3)))
    if kind in ("choice", "pick", "scale", "yes_no"):
        return rng.choice(options)
    if kind == "table":
        return [{c.key: sample_value(form, c, rng, lang) for c in fld.columns} for _ in range(rng.randint(1, 3))]
    return None


def _text(rng: random.Random, lang: str, words: int) -> str:
    return " ".join(rng.choice(WORDS[lang]) for _ in range(words)).capitalize() + "."


def _date(rng: random.Random, fld: Field) -> dt.date:
    lo = dt.date.fromisoformat(fld.min) if fld.min else dt.date(2015, 1, 1)
    hi = dt.date.fromisoformat(fld.max) if fld.max else dt.date(2024, 12, 31)
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))
