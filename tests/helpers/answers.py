"""Generate a valid answer for every question of a form, for tests that need filled reports.

``full_answers(form, lang)`` returns ``{answer_key: value}`` with a value that ``check_value``
accepts for each answerable question (attachments excepted unless ``attachments`` is given),
texts in the report's language so exports can be checked for Cyrillic. ``filled_final_report``
creates, fills and finalizes a report in a store.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from cami_desktop.core.answers import check_value
from cami_desktop.core.forms.model import Field, Form, Question

TEXTS = {
    "en": ("Answer to {n}", "A longer answer to question {n}, with details over several sentences. "
                            "Second sentence to make the text wrap in the cell and on the page."),
    "ru": ("Ответ на вопрос {n}", "Развёрнутый ответ на вопрос {n}: сохранение сайгака и кулана, "
                                  "мониторинг популяций и сотрудничество между государствами ареала."),
}


def _date(fld: Field, offset: int = 0) -> str:
    day = dt.date(2021, 3, 15) + dt.timedelta(days=offset)
    if fld.min and day.isoformat() < fld.min:
        day = dt.date.fromisoformat(fld.min) + dt.timedelta(days=offset)
    if fld.max and day.isoformat() > fld.max:
        day = dt.date.fromisoformat(fld.max)
    return day.isoformat()


def _number(fld: Field, index: int) -> int | float:
    low = fld.min if fld.min is not None else 0
    high = fld.max if fld.max is not None else low + 1000
    value = min(high, low + 7 + index)
    if fld.type == "decimal":
        value = min(float(high), low + 7.25 + index)
    return value


def field_value(form: Form, fld: Field, lang: str = "en", index: int = 0) -> Any:
    """A valid value for one question or table column."""
    short, long = (t.format(n=getattr(fld, "number", "") or fld.key) for t in TEXTS[lang])
    kind = fld.type
    if kind == "text":
        if fld.format == "email":
            return "focal.point@example.org"
        if fld.format == "phone":
            return "+7 727 123 45 67"
        return short[: fld.max_length] if fld.max_length else short
    if kind == "long_text":
        return long[: fld.max_length] if fld.max_length else long
    if kind in ("integer", "decimal"):
        return _number(fld, index)
    if kind == "date":
        return _date(fld, index)
    if kind == "date_range":
        return {"from": _date(fld), "to": _date(fld, 400)}
    if kind == "link":
        url = f"https://example.org/cami/{fld.key}"
        return [url] if fld.multiple else url
    choices = [o.value for o in form.reference.choices(fld)]
    if kind == "yes_no":
        return "yes"
    if kind == "multi_choice" or (kind == "pick" and fld.multiple):
        return [c for c in choices if c != "other"][:2]
    if kind in ("choice", "scale", "pick"):
        plain = [c for c in choices if c != "other"]
        return plain[index % len(plain)] if plain else choices[0]
    raise ValueError(f"no generated value for type {kind}")


def question_value(form: Form, q: Question, lang: str = "en", attachments: list | None = None) -> Any:
    """A valid value for a question, tables with two rows of every column."""
    if q.type == "table":
        rows = max(2, q.min_rows or 0)
        if q.max_rows:
            rows = min(rows, q.max_rows)
        return [{c.key: field_value(form, c, lang, i) for c in q.columns} for i in range(rows)]
    if q.type == "attachment":
        return attachments[: 1 if not q.multiple else None] if attachments else None
    return field_value(form, q, lang)


def full_answers(form: Form, lang: str = "en", attachments: list | None = None) -> dict[str, Any]:
    """Every answerable question answered with a valid value (checked with ``check_value``)."""
    answers = {}
    for q in form.answerable():
        if q.other_of:
            continue  # only asked when "other" is chosen, which generated answers never do
        value = question_value(form, q, lang, attachments)
        if value is not None:
            answers[q.key] = check_value(form, q, value)
    return answers


def filled_final_report(store, library, form_id: str, lang: str = "en", country: str = "KZ",
                        period: str = "2021-2024", attachment_path=None):
    """Create, fill completely and finalize a report; return its id."""
    from cami_desktop.core.reports import ReportSession, create_report

    record = create_report(store, library, form_id=form_id, country=country, period=period, language=lang)
    session = ReportSession.open(store, library, record.id)
    attachments = [store.add_attachment(record.id, attachment_path)] if attachment_path else None
    answers = full_answers(session.form, lang, attachments)
    session.fill(answers)
    session.finalize(name="Айгуль Нурланова" if lang == "ru" else "Aigul Nurlanova",
                     position="Focal point", institution="Ministry of Ecology")
    return record.id
