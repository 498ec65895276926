"""What a report still needs: visibility, validation messages and completeness per section."""
from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any, Collection, Mapping

from ..forms.conditions import is_answered
from ..forms.model import Form, Question, Section, Text
from ..i18n import N_, current_language, tr
from .values import format_problem, row_is_empty

NOT_STARTED = "not_started"
REQUIRED_MISSING = "required_missing"
PARTIAL = "partial"
COMPLETE = "complete"
STATE_LABELS = {
    NOT_STARTED: N_("Not started"),
    REQUIRED_MISSING: N_("Required answers missing"),
    PARTIAL: N_("Partly answered"),
    COMPLETE: N_("Complete"),
}
UNCONFIRMED = N_("Carried over from the earlier report: confirm it or change it.")
_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
        "==": operator.eq, "!=": operator.ne}


@dataclass(frozen=True)
class Message:
    """One validation message about a question (or a whole check)."""

    level: str  # "error" or "warning"
    key: str
    section: str
    message: str = ""
    params: tuple = ()
    text: Text | None = None

    def render(self, lang: str | None = None) -> str:
        if self.text is not None:
            return self.text.get(lang or current_language())
        lang = lang or current_language()
        # A bilingual parameter (a column's label) is given in the message's own language.
        params = {k: v.get(lang) if isinstance(v, Text) else v for k, v in self.params}
        return tr(self.message, lang, **params)


@dataclass
class Progress:
    """Completeness of a section and everything under it."""

    answered: int = 0
    total: int = 0
    required_missing: int = 0
    state: str = NOT_STARTED

    def add(self, other: "Progress") -> None:
        self.answered += other.answered
        self.total += other.total
        self.required_missing += other.required_missing

    def settle(self) -> "Progress":
        if self.answered == 0 and self.total > 0:
            self.state = NOT_STARTED
        elif self.required_missing:
            self.state = REQUIRED_MISSING
        elif self.answered < self.total:
            self.state = PARTIAL
        else:
            self.state = COMPLETE
        return self

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.answered / self.total)


@dataclass
class Review:
    """The result of checking a report: visibility, messages and progress."""

    visible_sections: set[str] = field(default_factory=set)
    visible_questions: set[str] = field(default_factory=set)
    messages: list[Message] = field(default_factory=list)
    progress: dict[str, Progress] = field(default_factory=dict)
    overall: Progress = field(default_factory=Progress)
    #: Carried-over answers still to confirm that would be signed: the unconfirmed ones of
    #: visible questions (a hidden question's answer stays in the store but is never signed).
    to_confirm: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == "error"]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == "warning"]


REPORT_COUNTRY = "report.country"
COUNTRY_DIFFERS = N_("The report is for {country}: this answer must name the same country, or the "
                     "Secretariat will refuse the package.")


def review(form: Form, answers: Mapping[str, Any], unconfirmed: Collection[str] = (),
           report: Mapping[str, Any] | None = None) -> Review:
    """Check every visible question of ``form`` against ``answers``.

    ``unconfirmed``: keys of answers carried over from an earlier report and not yet confirmed;
    they count as not done, and each is an error until confirmed or changed (issue 11).
    ``report``: the report's own facts by prefill source (``{"report.country": "KZ"}``); an
    answer pre-filled from the report's country must keep naming it, since the package's
    manifest names that country and the Secretariat refuses a package that contradicts itself.
    """
    result = Review()
    answers = shown_answers(form, answers)
    for section in form.sections:
        result.overall.add(_section(section, answers, result, unconfirmed))
    result.overall.settle()
    visible = result.visible_questions
    for check in form.checks:
        if check.left in visible and (check.right is None or check.right in visible):
            _check(check, answers, result, form.questions[check.left].section)
    country = (report or {}).get(REPORT_COUNTRY)
    if country:
        for question in form.questions.values():
            value = answers.get(question.key)
            # a single country (a list, e.g. the Range States a Concerted Action covers, may differ)
            if (question.prefill == REPORT_COUNTRY and question.key in visible and isinstance(value, str)
                    and value and value != country):
                result.messages.append(Message("error", question.key, question.section, COUNTRY_DIFFERS,
                                               (("country", _country_label(form, question, country)),)))
    return result


def visible_keys(form: Form, answers: Mapping[str, Any]) -> set[str]:
    """The keys of the questions shown for ``answers``: those whose answers a package holds.

    The same visibility as :func:`review` (a question shows when its own condition and every
    enclosing section's hold), without the checks.
    """
    return _visible_once(form, shown_answers(form, answers))


def shown_answers(form: Form, answers: Mapping[str, Any]) -> Mapping[str, Any]:
    """``answers`` without those of hidden questions: what conditions are judged on.

    A hidden answer stays in the store but counts for nothing, so a question shown only because
    of it (A hides B, B's kept answer shows C) is hidden too, as in ODK and Kobo: otherwise C
    would be signed while the answer that shows it is not. Repeated until nothing more hides
    (a chain takes one pass per link; bounded for a form whose conditions go round in circles).
    """
    current = answers
    for _ in range(len(form.questions) + 1):
        shown = _visible_once(form, current)
        kept = {k: v for k, v in answers.items() if k in shown or k not in form.questions}
        if kept.keys() == current.keys():
            break
        current = kept
    return current


def _visible_once(form: Form, answers: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()

    def walk(section: Section) -> None:
        if section.visible_if is not None and not section.visible_if.evaluate(answers):
            return
        for question in section.questions:
            if question.visible_if is None or question.visible_if.evaluate(answers):
                found.add(question.key)
        for child in section.sections:
            walk(child)

    for top in form.sections:
        walk(top)
    return found


def _country_label(form: Form, question: Question, country: str) -> Text | str:
    """The country's name in both languages from the question's own list, else its code."""
    listed = form.reference.lists.get(question.list) if question.list else None
    item = listed.get(country) if listed else None
    return item.label if item else country


def _section(section: Section, answers: Mapping[str, Any], result: Review,
             unconfirmed: Collection[str] = ()) -> Progress:
    progress = Progress()
    if section.visible_if is None or section.visible_if.evaluate(answers):
        result.visible_sections.add(section.key)
        for question in section.questions:
            if question.visible_if is not None and not question.visible_if.evaluate(answers):
                continue
            result.visible_questions.add(question.key)
            if question.answerable and question.key in unconfirmed:
                result.to_confirm.add(question.key)
                progress.total += 1
                progress.required_missing += question.required
                result.messages.append(Message("error", question.key, question.section, UNCONFIRMED))
            elif question.answerable:
                _question(question, answers.get(question.key), progress, result)
        for child in section.sections:
            progress.add(_section(child, answers, result, unconfirmed))
    result.progress[section.key] = progress.settle()
    return progress


def _question(q: Question, value: Any, progress: Progress, result: Review) -> None:
    progress.total += 1
    if is_answered(value):
        progress.answered += 1
    elif q.required:
        progress.required_missing += 1
        result.messages.append(Message("error", q.key, q.section, N_("An answer is required.")))
        return
    else:
        return
    problem = format_problem(q, value)
    if problem:
        result.messages.append(Message("warning", q.key, q.section, problem))
    if q.type == "date_range" and q.required and len(value) < 2:
        result.messages.append(Message("error", q.key, q.section, N_("Both the start and the end are required.")))
    if q.type == "table":
        _table(q, value, result)


def _table(q: Question, rows: list, result: Review) -> None:
    if q.min_rows and len(rows) < q.min_rows:
        result.messages.append(Message("error", q.key, q.section, N_("At least {n} rows are required."),
                                       (("n", q.min_rows),)))
    for index, row in enumerate(rows, start=1):
        if row_is_empty(row):
            result.messages.append(Message("warning", q.key, q.section, N_("Row {row} is empty."),
                                           (("row", index),)))
            continue
        for column in q.columns:
            if column.required and not is_answered(row.get(column.key)):
                result.messages.append(Message(
                    "error", q.key, q.section, N_("Row {row}: “{column}” is required."),
                    (("row", index), ("column", column.label))))


def _check(check, answers: Mapping[str, Any], result: Review, section: str) -> None:
    left = _comparable(answers.get(check.left))
    right = _comparable(answers.get(check.right)) if check.right else check.value
    if left is None or right is None:
        return
    try:
        ok = _OPS[check.op](left, right)
    except TypeError:
        return
    if not ok:
        result.messages.append(Message(check.level, check.left, section, text=check.message))


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):  # a period compares by its start
        return value.get("from")
    return value if is_answered(value) else None
