"""What an export shows, in the report's language: sections, questions and formatted answers.

The workbook and the PDF render the same :class:`ReportContent`, so both always agree. Hidden
questions are left out; the short variant keeps answered questions only.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from ..forms.conditions import is_answered
from ..forms.model import Field, Form, Question, Section
from ..forms.reporters import is_country
from ..i18n import N_, tr
from ..reports.review import STATE_LABELS, Review
from ..reports.session import DECLARATION, ReportSession
from ..store.records import STATUS_LABELS

EMPTY = "—"


@dataclass
class Entry:
    """One question with its answer, ready to show."""

    question: Question
    label: str
    value: Any                      # the stored answer (None when unanswered)
    text: str                       # the answer as one formatted text (tables: a summary)
    columns: list[str] = field(default_factory=list)        # table column labels
    rows: list[list[Any]] = field(default_factory=list)     # table cells, typed (see cell_value)
    row_texts: list[list[str]] = field(default_factory=list)  # table cells as text
    comment: str | None = None      # the note for the Secretariat, when the export shows notes

    @property
    def answered(self) -> bool:
        return is_answered(self.value)

    @property
    def is_table(self) -> bool:
        return self.question.type == "table"


@dataclass
class Block:
    """A section or subsection heading with its own questions."""

    section: Section
    title: str
    depth: int
    intro: str | None
    entries: list[Entry]


@dataclass
class TopSection:
    section: Section
    title: str
    blocks: list[Block]
    percent: int
    state: str


@dataclass
class ReportContent:
    """A report prepared for export in one language."""

    session: ReportSession
    lang: str
    review: Review
    sections: list[TopSection]
    short: bool = False
    draft: bool = False
    signer: dict = field(default_factory=dict)   # name, position, institution, fingerprint
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))

    @property
    def form(self) -> Form:
        return self.session.form

    @property
    def record(self):
        return self.session.record

    def t(self, msgid: str, **params: object) -> str:
        """Translate into the report's language, whatever the interface language."""
        return tr(msgid, lang=self.lang, **params)

    def country_name(self) -> str:
        """The reporting country's name (any country, not only a Range State), or the
        reporting organization's own name."""
        code = self.record.country
        if not is_country(code):
            return code
        for name in ("range_states", "countries"):
            found = self.form.reference.lists.get(name)
            if found is not None and found.get(code) is not None:
                return found.label(code, self.lang)
        return code

    def reporter_row(self) -> tuple[str, str]:
        """The cover's line saying who reports, as (msgid of the label, value): a country with
        its code, or an organization by its name alone (its name is all the store holds)."""
        if is_country(self.record.country):
            return N_("Country"), f"{self.country_name()} ({self.record.country})"
        return N_("Reporter"), self.record.country

    def person_label(self) -> str:
        """Msgid of the cover's label for the person who made the report final: the national
        focal point of a country, the contact person of an organization."""
        return N_("Focal point") if is_country(self.record.country) else N_("Contact person")

    def status_text(self) -> str:
        if self.draft:
            return self.t("DRAFT")
        return self.t(STATUS_LABELS.get(self.record.status, self.record.status))

    def declaration_text(self) -> str:
        return tr(DECLARATION, lang=self.lang)

    def date(self, value: dt.date | str) -> str:
        return fmt_date(value, self.lang)

    def moment(self, value: dt.datetime) -> str:
        return format_datetime(value, format="medium", locale=self.lang, tzinfo=dt.timezone.utc)

    def count(self, predicate) -> int:
        return sum(1 for top in self.sections for b in top.blocks for e in b.entries if predicate(e))


def fmt_date(value: dt.date | str, lang: str) -> str:
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, format="long", locale=lang)


def fmt_number(value: int | float, lang: str, decimals: int | None = None) -> str:
    if isinstance(value, int) or decimals == 0:
        return format_decimal(value, format="#,##0", locale=lang)
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0.###"
    return format_decimal(value, format=pattern, locale=lang)


def is_year(fld: Field) -> bool:
    """Whether an integer question asks for a year (bounded to four digits, as 1950-2100): a
    year is written 2024, never grouped as a number ("2 024" in Russian, "2,024" in English)."""
    low, high = getattr(fld, "min", None), getattr(fld, "max", None)
    return (fld.type == "integer" and isinstance(low, int) and isinstance(high, int)
            and 1000 <= low and high <= 9999)


def cell_value(form: Form, fld: Field, value: Any, lang: str) -> Any:
    """The answer as a typed spreadsheet value: numbers, dates, or text with labels."""
    if value is None or value == [] or value == "":
        return None
    if fld.type in ("integer", "decimal"):
        return value
    if fld.type == "date":
        return dt.date.fromisoformat(value)
    return value_text(form, fld, value, lang)


def value_text(form: Form, fld: Field, value: Any, lang: str) -> str:
    """The answer as text in ``lang``: labels for choices, formatted numbers and dates."""
    if not is_answered(value):
        return ""
    kind = fld.type
    if kind in ("integer", "decimal"):
        unit = f" {fld.unit.get(lang)}" if fld.unit else ""
        if is_year(fld):
            return f"{value}{unit}"
        return fmt_number(value, lang, fld.decimals) + unit
    if kind == "date":
        return fmt_date(value, lang)
    if kind == "date_range":
        parts = [fmt_date(value[s], lang) if value.get(s) else "…" for s in ("from", "to")]
        return " – ".join(parts)
    if kind in ("choice", "multi_choice", "pick", "scale", "yes_no"):
        values = value if isinstance(value, list) else [value]
        return "; ".join(form.choice_label(fld, v, lang) for v in values)
    if kind == "link":
        return "\n".join(value) if isinstance(value, list) else value
    if kind == "attachment":
        return "\n".join(f"{a['name']} ({fmt_number(a['size'], lang)} B)" for a in value)
    return str(value)


def _entry(form: Form, q: Question, answers: dict, lang: str) -> Entry:
    value = answers.get(q.key)
    label = q.label.get(lang)
    if q.type == "context":
        return Entry(q, label, None, q.text.get(lang) if q.text else "")
    if q.type != "table":
        return Entry(q, label, value, value_text(form, q, value, lang))
    entry = Entry(q, label, value, "", columns=[c.label.get(lang) for c in q.columns])
    for row in value or []:
        entry.rows.append([cell_value(form, c, row.get(c.key), lang) for c in q.columns])
        entry.row_texts.append([value_text(form, c, row.get(c.key), lang) for c in q.columns])
    entry.text = tr("{n} rows", lang=lang, n=len(entry.rows)) if entry.rows else ""
    return entry


def build_content(session: ReportSession, lang: str | None = None, *, short: bool = False,
                  draft: bool = False, signer: dict | None = None,
                  comments: dict[str, str] | None = None) -> ReportContent:
    """Prepare the report for export in ``lang`` (default: the report's language).

    ``comments`` (notes by question key) are shown under their answers when given.
    """
    lang = lang or session.record.language
    form, answers = session.form, session.answers
    review = session.review()
    tops = []
    for top in form.sections:
        if top.key not in review.visible_sections:
            continue
        blocks = []
        for section in top.walk():
            if section.key not in review.visible_sections:
                continue
            entries = [_entry(form, q, answers, lang) for q in section.questions
                       if q.key in review.visible_questions]
            if short:
                entries = [e for e in entries if e.answered]
            for e in entries if comments else ():
                _add_comment(e, comments.get(e.question.key), lang)
            if short and not entries and section is not top:
                continue
            intro = section.intro.get(lang) if section.intro else None
            blocks.append(Block(section, _title(section, lang), section.depth, intro, entries))
        progress = review.progress[top.key]
        tops.append(TopSection(top, _title(top, lang), blocks, progress.percent, progress.state))
    return ReportContent(session, lang, review, tops, short=short, draft=draft, signer=signer or {})


def _add_comment(entry: Entry, text: str | None, lang: str) -> None:
    # Appended to the answer's text, so that the PDF and the workbook show it as they are.
    if text:
        entry.comment = text
        note = tr("Comment: {text}", lang=lang, text=text)
        entry.text = f"{entry.text}\n{note}" if entry.text else note


def _title(section: Section, lang: str) -> str:
    title = section.title.get(lang)
    return f"{section.number}. {title}" if section.number else title


def state_label(state: str, lang: str) -> str:
    return tr(STATE_LABELS[state], lang=lang)
