"""The activity × country matrix of the Programme of Work forms, with the free texts gathered.

* ``cami-pow-2014-2020``: one row per activity of the Programme (Table 1); the cell is the
  activity's implementation status (the ``implementation_status`` scale); the objective is the
  activity's top-level group, the priority its ``priority`` context, the species those answered.
* ``cami-wp-2026-2032``: the Work Programme lists no activities item by item, so one row per
  section (3-11) and per priority transboundary region; the cell says whether actions were
  taken (and, for a region, whether the country is part of it), with the actions counted by
  their status. Species are those of the actions reported.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..forms.model import Form, Text
from ..i18n import N_, tr

if TYPE_CHECKING:
    from .submission import SubmissionData

POW, WP = "cami-pow-2014-2020", "cami-wp-2026-2032"
PROGRAMME_FORMS = (POW, WP)
POW_TEXTS = ("actions", "partners", "obstacles")
WP_TEXTS = ("no_action_reason", "challenges", "priorities")
PTCR_TEXTS = ("ptcr_challenges", "ptcr_priorities")
#: The Work Programme's cell values (not a scale of the form; labels translated via the catalog).
WP_STATUS = {"yes": N_("Actions taken"), "no": N_("No actions"),
             "not_involved": N_("Not part of the region")}


def _text(msgid: str) -> Text:
    return Text(tr(msgid, "en"), tr(msgid, "ru"))


@dataclass(frozen=True)
class Activity:
    """A row of the matrix."""

    key: str
    number: str
    title: Text
    objective: str
    priority: Text | None = None


@dataclass(frozen=True)
class FreeText:
    """A free-text answer of one country on one activity.

    ``translated``: the focal point's English translation of a Russian answer is shown;
    ``language``: the language ``text`` is written in (the report's, unless translated), so
    that an answer shown in another language than the compiled report's can be marked as such.
    """

    label: Text
    text: str
    translated: bool = False
    language: str = ""


@dataclass
class Cell:
    """What one country reported on one activity."""

    status: str | None = None
    species: tuple[str, ...] = ()
    texts: list[FreeText] = field(default_factory=list)
    action_statuses: dict[str, int] = field(default_factory=dict)


@dataclass
class ActivityMatrix:
    """Rows (activities) × columns (countries that submitted); language-neutral, rendered later."""

    form_id: str
    statuses: dict[str, Text]            # value → label, in the form's order
    objectives: dict[str, Text]          # key → title, in order
    activities: list[Activity]
    countries: list[str]
    cells: dict[tuple[str, str], Cell]
    lang: str = "en"                     # the language free texts were gathered for

    def cell(self, activity: str, country: str) -> Cell:
        return self.cells.get((activity, country)) or Cell()

    def priorities(self) -> list[Text]:
        seen: dict[str, Text] = {}
        for activity in self.activities:
            if activity.priority is not None:
                seen.setdefault(activity.priority.en, activity.priority)
        return list(seen.values())

    def species(self) -> list[str]:
        return sorted({s for cell in self.cells.values() for s in cell.species})

    def filtered(self, *, objective: str | None = None, priority: str | None = None,
                 species: str | None = None) -> ActivityMatrix:
        """The rows of one objective, one priority (its English label) and/or one species."""
        rows = [a for a in self.activities
                if (objective is None or a.objective == objective)
                and (priority is None or (a.priority is not None and a.priority.en == priority))
                and (species is None or any(species in self.cell(a.key, c).species for c in self.countries))]
        return replace(self, activities=rows)

    def status_counts(self) -> dict[str, Counter]:
        """Per objective, how many cells hold each status (for the chart)."""
        counts: dict[str, Counter] = {key: Counter() for key in self.objectives}
        for activity in self.activities:
            for country in self.countries:
                status = self.cell(activity.key, country).status
                counts[activity.objective][status or ""] += 1
        return counts


def build_matrix(form: Form, data: dict[str, SubmissionData], lang: str = "en") -> ActivityMatrix:
    """The matrix for ``form`` from the current submissions; free texts gathered for ``lang``."""
    if form.id == WP:
        return _wp(form, data, lang)
    return _pow(form, data, lang)


def _texts(form: Form, sub: SubmissionData, keys: list[str], lang: str) -> list[FreeText]:
    result = []
    for key in keys:
        found = sub.text(key, lang)
        q = form.question(key)
        # A text the form hides for the answers given (e.g. obstacles of a completed activity)
        # was not part of the report the focal point saw and signed off.
        if found is not None and q is not None and (q.visible_if is None or q.visible_if.evaluate(sub.answers)):
            result.append(FreeText(q.label, found[0], found[1], "en" if found[1] else sub.record.language))
    return result


def _pow(form: Form, data: dict[str, SubmissionData], lang: str) -> ActivityMatrix:
    questions = [q for q in form.questions.values() if q.base_key == "status" and q.item is not None]
    scale = form.reference.scales[questions[0].scale] if questions else None
    statuses = {o.value: o.label for o in (scale.options if scale else ())}
    objectives, activities, cells = {}, [], {}
    for q in questions:
        objective = q.section.split("/")[1]
        if objective not in objectives:
            objectives[objective] = form.section_index[f"pow/{objective}"].title
        item = q.item
        activities.append(Activity(item.key, item.number, item.title, objective, item.context.get("priority")))
        for country, sub in data.items():
            species = sub.answers.get(f"species[{item.key}]") or ()
            keys = [f"{base}[{item.key}]" for base in POW_TEXTS]
            cells[item.key, country] = Cell(sub.answers.get(q.key), tuple(species),
                                            _texts(form, sub, keys, lang))
    return ActivityMatrix(form.id, statuses, objectives, activities, list(data), cells, lang)


def _wp(form: Form, data: dict[str, SubmissionData], lang: str) -> ActivityMatrix:
    statuses = {value: _text(msgid) for value, msgid in WP_STATUS.items()}
    objectives, activities, cells = {}, [], {}
    heads = [q for q in form.questions.values()
             if q.base_key in ("actions_taken", "ptcr_involved") and q.item is not None]
    for q in heads:
        part = q.section.split("/")[0]
        objectives.setdefault(part, form.section_index[part].title)
        item, ptcr = q.item, q.base_key == "ptcr_involved"
        row_key = f"{part}/{item.key}"
        activities.append(Activity(row_key, item.number, item.title, part))
        for country, sub in data.items():
            cells[row_key, country] = _wp_cell(form, sub, item.key, ptcr, lang)
    return ActivityMatrix(form.id, statuses, objectives, activities, list(data), cells, lang)


def _wp_cell(form: Form, sub: SubmissionData, item: str, ptcr: bool, lang: str) -> Cell:
    answers = sub.answers
    if ptcr:
        if answers.get(f"ptcr_involved[{item}]") != "yes":
            status = "not_involved" if answers.get(f"ptcr_involved[{item}]") == "no" else None
            return Cell(status)
        taken, table, texts = f"ptcr_actions_taken[{item}]", f"ptcr_actions[{item}]", PTCR_TEXTS
    else:
        taken, table, texts = f"actions_taken[{item}]", f"actions[{item}]", WP_TEXTS
    status = answers.get(taken) if answers.get(taken) in ("yes", "no") else None
    rows = answers.get(table) or [] if status == "yes" else []
    species = sorted({s for row in rows for s in (row.get("species") or [])})
    counts = Counter(row.get("status") for row in rows if row.get("status"))
    q = form.question(table)
    label = next((c.label for c in q.columns if c.key == "action"), q.label) if q else Text("", "")
    found = [FreeText(label, row["action"], language=sub.record.language)
             for row in rows if isinstance(row.get("action"), str)]
    found += _texts(form, sub, [f"{base}[{item}]" for base in texts], lang)
    return Cell(status, tuple(species), found, dict(counts))
