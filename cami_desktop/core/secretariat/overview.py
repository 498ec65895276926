"""The overview of one form and period across the 14 Range States: pure data, no Qt.

:func:`build_overview` reads only the store (never the packages): the current submission of
every Range State with its history, plus, for the Programme of Work forms, the activity matrix
(:mod:`.activities`) and, for the MoU forms, the key figures side by side (:mod:`.figures`).
The window and the compiled workbook and PDF all render this one object.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..forms.model import Form, Text
from ..forms.reporters import is_country
from ..store.records import utcnow
from ..store.submissions import SubmissionRecord
from .activities import PROGRAMME_FORMS, ActivityMatrix, build_matrix
from .figures import MOU_FORMS, KeyFigures, SpeciesTrends, build_figures, build_species_trends
from .submission import SubmissionData


@dataclass(frozen=True)
class StateRow:
    """One Range State: its current submission (if any) and every submission of it that counts."""

    country: str
    name: Text
    submission: SubmissionRecord | None
    history: tuple[SubmissionRecord, ...] = ()

    @property
    def submitted(self) -> bool:
        return self.submission is not None


@dataclass
class Overview:
    """Everything the Secretariat sees about one form and period."""

    form: Form
    period: str
    states: list[StateRow]
    data: dict[str, SubmissionData] = field(default_factory=dict)
    activities: ActivityMatrix | None = None
    figures: KeyFigures | None = None
    species_trends: SpeciesTrends | None = None
    generated: datetime = field(default_factory=utcnow)
    #: Reporters that are not CAMI Range States (a consumer state of the Saiga MoU, an
    #: organization filing a Concerted Action report), by name; only those that submitted.
    others: list[StateRow] = field(default_factory=list)

    @property
    def submitted(self) -> list[StateRow]:
        """The Range States that submitted (the other reporters are counted apart)."""
        return [row for row in self.states if row.submitted]

    @property
    def rows(self) -> list[StateRow]:
        """The 14 Range States, then the other reporters."""
        return self.states + self.others

    def names(self, lang: str) -> dict[str, str]:
        """Every reporter's name in ``lang``, by its code (a country) or stored name (an organization)."""
        return {row.country: row.name.get(lang) for row in self.rows}

    def state(self, country: str) -> StateRow:
        return next(row for row in self.rows if row.country == country)


def range_states(library) -> list[tuple[str, Text]]:
    """The 14 Range States (code, name) in the order of forms/reference/range_states.yaml."""
    return [(item.key, item.label) for item in library.reference.lists["range_states"].items]


def reporter_name(code: str) -> Text:
    """A reporter that is no Range State: a country's name (Babel's, in both languages) or an organization's."""
    from ..trust.registry import country_name  # ISO names from Babel's locale data
    if is_country(code):
        return Text(country_name(code, "en"), country_name(code, "ru"))
    return Text(code, code)


def build_overview(store, library, form_id: str, period: str, *, lang: str = "en") -> Overview:
    """The overview of ``form_id`` for ``period``: one row per Range State, and the form's views.

    ``lang``: the language free texts are gathered for (English: stored translations of Russian
    reports are used where present).

    Only the current submissions' answers are loaded (at most one per Range State), so the
    cost does not grow with the number of older revisions in the store.
    """
    form = library.get(form_id)
    # Only what counts (registered, not set aside: see store.submissions) is shown or counted
    # here; a stranger's package awaiting registration, one not valid or set aside is in the
    # inbox only.
    every = [r for r in store.list_submissions(form_id=form_id, period=period) if r.counts]
    by_country: dict[str, list[SubmissionRecord]] = {}
    for record in every:  # newest arrival first
        by_country.setdefault(record.country, []).append(record)
    states, data = [], {}

    def row(code: str, name: Text) -> StateRow:
        history = tuple(sorted(by_country.get(code, []), key=lambda r: (r.revision, r.id), reverse=True))
        current = next((r for r in history if r.current), None)
        if current is not None:
            answers, translations = store.submission_answers(current.id)
            data[code] = SubmissionData(current, answers, translations)
        return StateRow(code, name, current, history)

    codes = set()
    for code, name in range_states(library):
        states.append(row(code, name))
        codes.add(code)
    # Then whoever else the form lets report: listed, never dropped (their data follow the 14).
    others = sorted(((code, reporter_name(code)) for code in by_country if code not in codes),
                    key=lambda item: item[1].en.casefold())
    others = [row(code, name) for code, name in others]
    overview = Overview(form, period, states, data, others=others)
    if form_id in PROGRAMME_FORMS:
        overview.activities = build_matrix(form, data, lang)
        overview.species_trends = build_species_trends(form, data)
    if form_id in MOU_FORMS:
        overview.figures = build_figures(form, data)
    return overview
