"""Filled reports for tests that need them (exports, packages).

The values come from :func:`cami_desktop.core.reports.sample.sample_answers`, in the report's language
so that exports can be checked for Cyrillic; ``filled_final_report`` creates, fills and
finalizes a report in a store.
"""
from __future__ import annotations

from typing import Any

from cami_desktop.core.forms.model import Form
from cami_desktop.core.reports.sample import sample_answers


def full_answers(form: Form, lang: str = "en", attachments: list | None = None) -> dict[str, Any]:
    """A valid answer for every answerable question; attachment questions get ``attachments``."""
    answers = sample_answers(form, seed=11, lang=lang)
    if attachments:
        for q in form.answerable():
            if q.type == "attachment":
                answers[q.key] = attachments if q.multiple else attachments[:1]
    return answers


def filled_final_report(store, library, form_id: str, lang: str = "en", country: str = "KZ",
                        period: str = "2021-2024", attachment_path=None):
    """Create, fill completely and finalize a report; return its id."""
    from cami_desktop.core.reports.session import ReportSession, create_report

    record = create_report(store, library, form_id=form_id, country=country, period=period, language=lang)
    session = ReportSession.open(store, library, record.id)
    attachments = [store.add_attachment(record.id, attachment_path)] if attachment_path else None
    session.fill(full_answers(session.form, lang, attachments))
    session.finalize(name="Айгуль Нурланова" if lang == "ru" else "Aigul Nurlanova",
                     position="Focal point", institution="Ministry of Ecology")
    return record.id
