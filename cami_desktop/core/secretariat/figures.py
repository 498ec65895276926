"""The key figures of the MoU forms side by side: population, trend, poaching, protected areas.

Each figure is read from one question of the form (``forms/saiga-mou.yaml``,
``forms/bukhara-deer-mou.yaml``): its value, the label of a scale answer, a column of a table
added up over its rows, or a table's number of rows. A country that left the question empty
has no value (shown as a dash), never a zero.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal

from ..forms.model import Form, Text
from ..i18n import N_, tr

if TYPE_CHECKING:
    from .submission import SubmissionData

SAIGA, BUKHARA = "saiga-mou", "bukhara-deer-mou"
MOU_FORMS = (SAIGA, BUKHARA)
VALUE, SCALE, SUM, ROWS = "value", "scale", "sum", "rows"
#: (figure key, kind, question key, table column) per form, in the order shown.
SPECS = {
    SAIGA: [
        ("population_estimate", VALUE, "population_estimate", None),
        ("estimate_year", VALUE, "estimate_year", None),
        ("population_trend", SCALE, "population_trend", None),
        ("poaching_cases", SUM, "poaching_table", "cases"),
        ("seizures", SUM, "poaching_table", "seizures"),
        ("horns_seized", SUM, "poaching_table", "horns_seized"),
        ("prosecutions", SUM, "poaching_table", "prosecutions"),
        ("convictions", SUM, "poaching_table", "convictions"),
        ("poaching_change", SCALE, "poaching_change", None),
        ("protected_areas", ROWS, "protected_areas", None),
        ("protected_area_km2", SUM, "protected_areas", "area"),
        ("share_protected", VALUE, "share_protected", None),
    ],
    BUKHARA: [
        ("total_estimate", VALUE, "total_estimate", None),
        ("overall_trend", SCALE, "overall_trend", None),
        ("sites", ROWS, "population_sites", None),
        ("poaching_cases", SUM, "enforcement_table", "cases"),
        ("animals_killed", SUM, "enforcement_table", "animals_killed"),
        ("prosecutions", SUM, "enforcement_table", "prosecutions"),
        ("tugai_area", VALUE, "tugai_area", None),
        ("tugai_condition", SCALE, "tugai_condition", None),
        ("restored_ha", SUM, "restoration_table", "area"),
    ],
}
#: The figures the population chart draws: (estimate, trend).
POPULATION = {SAIGA: ("population_estimate", "population_trend"), BUKHARA: ("total_estimate", "overall_trend")}
#: Figures that are years: written without a thousands separator.
YEARS = ("estimate_year",)
SUM_LABEL = N_("{label}: total of all rows")
ROWS_LABEL = N_("{label}: number of rows")


@dataclass(frozen=True)
class Figure:
    key: str
    kind: str
    label: Text
    unit: Text | None = None
    options: tuple = ()      # (value, Text) of a scale


@dataclass
class KeyFigures:
    """Figures (rows) × countries that submitted (columns)."""

    form_id: str
    figures: list[Figure]
    countries: list[str]
    values: dict[tuple[str, str], Any]

    def value(self, figure: str, country: str) -> Any:
        return self.values.get((figure, country))

    def display(self, figure: Figure, country: str, lang: str) -> str:
        """The value as text for a reader of ``lang``; ``—`` when there is none."""
        value = self.value(figure.key, country)
        if value is None:
            return "—"
        if figure.kind == SCALE:
            return next((label.get(lang) for v, label in figure.options if v == value), str(value))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return format_figure(value, lang, year=figure.key in YEARS)
        return str(value)

    def population(self) -> list[tuple[str, int | float | None, str | None]]:
        """(country, estimate, trend value) for the population chart."""
        estimate, trend = POPULATION[self.form_id]
        return [(c, self.value(estimate, c), self.value(trend, c)) for c in self.countries]


def format_figure(value: int | float, lang: str, *, year: bool = False) -> str:
    """A number as readers of ``lang`` write it: ``12,500.5`` in English, ``12 500,5`` in Russian.

    Babel's locale data gives the separators (a decimal comma and a non-breaking space in
    Russian); at most two decimals, since figures are counts, areas and shares.
    """
    if year:
        return str(value)
    return format_decimal(value, format="#,##0.##", locale=lang)


def _both(msgid: str, label: Text) -> Text:
    return Text(tr(msgid, "en", label=label.en), tr(msgid, "ru", label=label.ru))


def _figure(form: Form, key: str, kind: str, question: str, column: str | None) -> Figure:
    q = form.question(question)
    if kind == SUM:
        col = next(c for c in q.columns if c.key == column)
        return Figure(key, kind, _both(SUM_LABEL, col.label), col.unit)
    if kind == ROWS:
        return Figure(key, kind, _both(ROWS_LABEL, q.label))
    options = tuple((o.value, o.label) for o in form.reference.choices(q)) if kind == SCALE else ()
    return Figure(key, kind, q.label, q.unit, options)


def _value(answers: dict, kind: str, question: str, column: str | None) -> Any:
    value = answers.get(question)
    if kind in (VALUE, SCALE):
        return value
    rows = value if isinstance(value, list) else []
    if kind == ROWS:
        return len(rows) if rows else None
    numbers = [row.get(column) for row in rows if isinstance(row.get(column), (int, float))]
    if not numbers:
        return None
    total = sum(numbers)
    return round(total, 6) if isinstance(total, float) else total


def build_figures(form: Form, data: dict[str, SubmissionData]) -> KeyFigures:
    """The key figures of an MoU form from the current submissions."""
    specs = SPECS[form.id]
    figures = [_figure(form, *spec) for spec in specs]
    values = {}
    for country, sub in data.items():
        for key, kind, question, column in specs:
            value = _value(sub.answers, kind, question, column)
            if value is not None:
                values[key, country] = value
    return KeyFigures(form.id, figures, list(data), values)


@dataclass
class SpeciesTrends:
    """Work Programme section D: per species, how many Range States reported each population trend."""

    species: dict[str, Text]                  # key → name, in the reference list's order
    trends: dict[str, Text]                   # trend value → label, in the scale's order
    counts: dict[str, dict[str, int]]         # species → trend → number of Range States
    by_country: dict[tuple[str, str], str]    # (species, country) → trend


def build_species_trends(form: Form, data: dict[str, SubmissionData]) -> SpeciesTrends | None:
    """The population trends of ``species_table`` (rows: species, trend), or None if the form has none."""
    q = form.question("species_table")
    if q is None:
        return None
    column = next((c for c in q.columns if c.key == "trend"), None)
    species_column = next((c for c in q.columns if c.key == "species"), None)
    if column is None or species_column is None:
        return None
    names = {o.value: o.label for o in form.reference.choices(species_column)}
    trends = {o.value: o.label for o in form.reference.choices(column)}
    by_country: dict[tuple[str, str], str] = {}
    for country, sub in data.items():
        for row in sub.answers.get("species_table") or []:
            if row.get("species") in names and row.get("trend") in trends:
                # A country reporting several populations of one species: the first row counts.
                by_country.setdefault((row["species"], country), row["trend"])
    counts: dict[str, dict[str, int]] = {}
    for (species, _), trend in by_country.items():
        counts.setdefault(species, {}).setdefault(trend, 0)
        counts[species][trend] += 1
    ordered = {key: label for key, label in names.items() if key in counts}
    return SpeciesTrends(ordered, trends, counts, by_country)
