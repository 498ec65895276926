"""Reports: create, answer, check, finalize and reopen, over the store and the forms."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import AnswerError, CamiError
from ..forms.library import FormLibrary
from ..forms.model import Form, Question
from ..forms.reporters import is_country, reporter_facts, reporter_of
from ..i18n import N_, ntr
from ..store import ReportRecord
from ..values import MAX_TEXT, shown_name
from .review import Review, review
from .summary import save_summary
from .values import check_value, clean_text

if TYPE_CHECKING:  # Store brings SQLAlchemy; the window's start does without it
    from ..store import Store

PERIOD_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{4}))?\Z")  # ASCII digits: "٢٠٢٥" is no period here
LANGUAGES = ("en", "ru")
DECLARATION = N_("The information provided has been verified and approved for submission "
                 "by the competent national institution.")


def parse_period(period: str) -> tuple[int, int]:
    """``2024`` or ``2021-2024`` → (first year, last year)."""
    match = PERIOD_RE.match(period.strip())
    if not match:
        raise CamiError(N_("The reporting period {period} is not valid: use a year (2025) "
                           "or a range of years (2022-2025)."), period=period)
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if last < first or not 1990 <= first <= 2100:
        raise CamiError(N_("The reporting period {period} is not valid: the last year comes "
                           "before the first."), period=period)
    return first, last


def create_report(store: Store, library: FormLibrary, *, form_id: str, country: str = "", period: str,
                  language: str = "en", organization: str = "") -> ReportRecord:
    """Create a report and pre-fill what is already known (country, period, the profile).

    A report is filed by a country (ISO code) or, where the form allows it, by an organization,
    whose name is then stored in place of the country (see ``forms.reporters``).
    """
    form = library.get(form_id)
    country = reporter_of(form, country=country, organization=organization)
    if language not in LANGUAGES:
        raise CamiError(N_("The report language must be en or ru, not {language}."), language=language)
    first, last = parse_period(period)
    record = store.create_report(form_id=form.id, form_version=form.version, country=country,
                                 period=period.strip(), language=language)
    known = {**reporter_facts(form, country), "report.period_from": f"{first}-01-01",
             "report.period_to": f"{last}-12-31"}
    for name, value in (store.get_setting("profile") or {}).items():
        known[f"profile.{name}"] = value
    prefill = {}
    for q in form.questions.values():
        if q.prefill and known.get(q.prefill):
            try:
                prefill[q.key] = check_value(form, q, _prefill_value(q, q.prefill, known))
            except AnswerError:
                continue
    if prefill:
        store.set_answers(record.id, prefill)
        store.mark_undo_floor(record.id)  # the pre-filled answers are no step to undo
    return store.get_report(record.id)


def _prefill_value(q: Question, source: str, known: dict) -> Any:
    value = known[source]
    if q.type == "date_range" and source.startswith("report.period"):
        return {"from": known["report.period_from"], "to": known["report.period_to"]}
    if q.type == "pick" and q.multiple:
        return [value]
    return value


@dataclass
class ReportSession:
    """An open report: its form, its answers in memory, and every change stored at once."""

    store: Store
    form: Form
    record: ReportRecord
    answers: dict[str, Any]
    translations: dict[str, str]
    #: Keys carried over from an earlier report and not yet confirmed (issue 11).
    unconfirmed: set[str] = field(default_factory=set)
    #: Answers changed since the stored summary: the next review stores it (issue 10).
    summary_due: bool = field(default=False, repr=False)

    @classmethod
    def open(cls, store: Store, library: FormLibrary, report_id: int) -> "ReportSession":
        record = store.get_report(report_id)
        form = library.get(record.form_id, record.form_version)
        return cls(store, form, record, store.answers(report_id), store.translations(report_id),
                   set(store.unconfirmed_keys(report_id)))

    def question(self, key: str) -> Question:
        q = self.form.question(key)
        if q is None:
            raise AnswerError(N_("The form {form} has no question {key}."), form=self.form.id, key=key)
        return q

    def set(self, key: str, value: Any) -> bool:
        """Check and store one answer; return whether it changed."""
        value = check_value(self.form, self.question(key), value)
        changed = self.store.set_answer(self.record.id, key, value)
        if changed:
            self.unconfirmed.discard(key)
            self.summary_due = True
        if value is None:
            self.answers.pop(key, None)
        else:
            self.answers[key] = value
        return changed

    def set_translation(self, key: str, text: str | None) -> bool:
        if not self.question(key).free_text:
            raise AnswerError(N_("Only free-text answers carry a translation ({key})."), key=key)
        text = _checked_translation(key, text) if text and text.strip() else None
        changed = self.store.set_translation(self.record.id, key, text)
        if text is None:
            self.translations.pop(key, None)
        else:
            self.translations[key] = text
        return changed

    def fill(self, values: dict[str, Any], translations: dict[str, str] | None = None) -> int:
        """Store many answers at once, all or none: every wrong value is reported together."""
        checked, problems = {}, []
        for key, value in values.items():
            try:
                checked[key] = check_value(self.form, self.question(key), value)
            except AnswerError as exc:
                problems.append(exc)
        for key, text in (translations or {}).items():
            q = self.form.question(key)
            if q is None or not q.free_text:
                problems.append(AnswerError(N_("Only free-text answers carry a translation ({key})."), key=key))
            elif text is not None:  # checked before anything is written: all or none
                try:
                    _checked_translation(key, text)
                except AnswerError as exc:
                    problems.append(exc)
        if problems:
            raise AnswerErrors(problems)
        texts = {key: _checked_translation(key, text) if text and text.strip() else None
                 for key, text in (translations or {}).items()}
        changed = self.store.set_answers(self.record.id, checked, texts)  # one undo step
        self.translations = self.store.translations(self.record.id)
        self.answers = self.store.answers(self.record.id)
        self.unconfirmed = set(self.store.unconfirmed_keys(self.record.id))
        self.summary_due = True
        self.review()
        return changed

    def review(self) -> Review:
        """Check the answers; after a change, also store the report's summary for the list."""
        result = review(self.form, self.answers, self.unconfirmed, self.report_facts())
        if self.summary_due:
            self.summary_due = not save_summary(self.store, self.record.id, result)
        return result

    def report_facts(self) -> dict[str, str]:
        """The report's own facts that answers are pre-filled from (an organization has no country)."""
        country = self.record.country
        return {"report.country": country} if is_country(country) else {}

    def finalize(self, *, name: str, position: str = "", institution: str = "") -> ReportRecord:
        """Make the report final; refused while errors remain."""
        for value in (name, position, institution):  # typed: one line, no control characters
            if shown_name(value, len(value) + 1) != value:
                raise CamiError(N_("The declaration's name, position and institution must each be one "
                                   "line without control characters: {value}"), value=shown_name(value))
        review = self.review()
        if review.errors:
            raise CamiError(N_("The report cannot be made final while {n} errors remain."), n=len(review.errors))
        unsignable = self._unsignable(review.visible_questions)
        if unsignable:
            raise Unsignable(unsignable)
        declaration = {"text": DECLARATION, "name": name, "position": position,
                       "institution": institution,
                       "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        self.record = self.store.finalize_report(self.record.id, declaration)
        self.summary_due = True  # the report's updated_at moved: its summary is restamped
        self.review()
        return self.record

    def _unsignable(self, visible: set[str]) -> list[AnswerError]:
        """Stored answers and translations of the questions shown that fail today's checks (an
        earlier version stored control characters typed or pasted in the window): signed, the
        Secretariat would refuse the package as not fitting the form."""
        problems = []
        for key in sorted(visible & set(self.answers), key=list(self.form.questions).index):
            try:
                check_value(self.form, self.form.questions[key], self.answers[key])
            except AnswerError as exc:
                problems.append(exc)
        for key in sorted(visible & set(self.translations)):
            try:
                _checked_translation(key, self.translations[key])
            except AnswerError as exc:
                problems.append(exc)
        return problems

    def reopen(self) -> ReportRecord:
        self.record = self.store.reopen_report(self.record.id)
        self.summary_due = True
        self.review()
        return self.record

    @property
    def locked(self) -> bool:
        return self.record.status == "final"


#: refused answers listed one per line; the rest are counted
MAX_LISTED = 50


class AnswerErrors(CamiError):
    """Several answers were refused."""

    def __init__(self, problems: list[AnswerError]) -> None:
        super().__init__(N_("{n} answers were refused:"), n=len(problems))
        self.problems = problems

    def translated(self, lang: str | None = None) -> str:
        # A file of a million wrong keys would print a million lines: the first few say enough.
        shown_problems = self.problems[:MAX_LISTED]
        lines = [super().translated(lang)] + [p.translated(lang) for p in shown_problems]
        if len(self.problems) > MAX_LISTED:
            lines.append(ntr("… and {n} more.", "… and {n} more.", len(self.problems) - MAX_LISTED, lang))
        return "\n".join(lines)


class Unsignable(AnswerErrors):
    """Answers stored earlier that a package cannot carry: the report is not made final."""

    def __init__(self, problems: list[AnswerError]) -> None:
        super().__init__(problems)
        CamiError.__init__(self, N_("The report cannot be made final: change these answers first ({n}):"),
                           n=len(problems))


def _checked_translation(key: str, text: object) -> str:
    """A translation as stored: a text, line breaks as ``\\n``, no other control character.

    The same checks as an answer's text, wherever it comes from (the window, ``report fill``).
    """
    if not isinstance(text, str):
        raise AnswerError(N_("{key}: {problem}"), key=key, problem=AnswerError(N_("a text is expected")))
    text = clean_text(text, key)
    if len(text) > MAX_TEXT:
        raise AnswerError(N_("{key}: {problem}"), key=key, problem=AnswerError(
            N_("the text is longer than {limit} characters"), limit=MAX_TEXT))
    return text
