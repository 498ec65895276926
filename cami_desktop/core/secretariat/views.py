"""The overview as rows of text in one language: what the workbook, the PDF and the window show.

Keeping the wording here means the compiled workbook and PDF (and the window that a later issue
builds) say the same thing in the same words. Colours are hex strings (no Qt, no reportlab).
"""
from __future__ import annotations

from babel.dates import format_date

from ..forms.reporters import is_country
from ..i18n import N_, ntr, tr
from ..reports.review import STATE_LABELS
from ..store.records import STATUS_LABELS
from ..trust.assess import VERDICT_LABELS  # noqa: F401 - the one table of verdict labels (issue 15)
from .activities import FreeText
from .overview import Overview, StateRow

STATE_HEADERS = (N_("Code"), N_("Range State"), N_("Submitted"), N_("Revision"), N_("Status"),
                 N_("Completeness"), N_("Signer"), N_("Signer check"), N_("Received"), N_("Packages received"))
#: The same columns for the reporters that are not Range States.
OTHER_HEADERS = (N_("Code"), N_("Reporter"), *STATE_HEADERS[2:])
OTHER_REPORTERS = N_("Other reporters (not CAMI Range States)")
#: Cell colours of status values (implementation status, Work Programme cells, completeness).
STATUS_COLOURS = {
    "completed": "A5D6A7", "in_progress": "FFE082", "not_started": "EF9A9A",
    "not_applicable": "E0E0E0", "no_information": "F5F5F5",
    "yes": "A5D6A7", "no": "FFE082", "not_involved": "E0E0E0",
    "complete": "A5D6A7", "partial": "FFE082", "required_missing": "EF9A9A",
    "submitted": "A5D6A7", "missing": "EEEEEE", "unregistered": "FFCC80",
}


TRANSLATED_NOTE = N_("(English translation provided by the focal point)")
#: An answer shown as written, in another language than the compiled report's.
ORIGINAL_NOTES = {"ru": N_("(original in Russian: the focal point gave no English translation)"),
                  "en": N_("(original in English)")}


def language_note(text: FreeText, lang: str) -> str | None:
    """Whether a free text is a translation, or an original in another language than ``lang``."""
    if text.translated:
        return tr(TRANSLATED_NOTE, lang)
    if text.language and text.language != lang and text.language in ORIGINAL_NOTES:
        return tr(ORIGINAL_NOTES[text.language], lang)
    return None


def submission_state(record, lang: str | None = None) -> str:
    """Where a received submission stands: current, superseded, awaiting registration, not valid, set aside."""
    if record.set_aside:
        return tr(N_("set aside: {reason}"), lang, reason=record.set_aside_reason)
    if record.verdict == "invalid":
        return tr(N_("not valid"), lang)
    if not record.counts:
        return tr(N_("awaiting registration"), lang)
    if record.current:
        return tr(N_("current"), lang)
    return tr(N_("superseded by {id}"), lang, id=record.superseded_by)


def change_line(change, lang: str | None = None) -> str:
    """A submission whose verdict changed: what it is, who signed it, the verdict before and now."""
    record = change.record
    return tr(N_("Submission {id}: {form} {country} {period}, revision {revision}, signed by {name}: "
                 "{before} → {after}"), lang, id=record.id, form=record.form_id, country=record.country,
              period=record.period, revision=record.revision, name=record.signer_name,
              before=tr(VERDICT_LABELS.get(change.before, change.before), lang),
              after=tr(VERDICT_LABELS.get(change.verdict, change.verdict), lang))


def yes_no(value: bool, lang: str) -> str:
    return tr(N_("Yes") if value else N_("No"), lang)


def state_cells(row: StateRow, lang: str) -> list:
    """One Range State's row of the Range States view (values typed for a spreadsheet)."""
    sub = row.submission
    name = row.name.get(lang)
    code = row.country if is_country(row.country) else ""  # an organization has a name, no code
    if sub is None:
        return [code, name, yes_no(False, lang), None, None, None, None, None, None, len(row.history)]
    status = tr(STATUS_LABELS.get(sub.report_status, sub.report_status), lang)
    if sub.draft:
        status = tr(N_("{status} (draft package)"), lang, status=status)
    return [code, name, yes_no(True, lang), sub.revision, status, sub.completeness / 100,
            sub.signer_name, tr(VERDICT_LABELS.get(sub.verdict, sub.verdict), lang),
            sub.received_at.date(), len(row.history)]


def completeness_label(row: StateRow, lang: str) -> str:
    sub = row.submission
    if sub is None:
        return ""
    return f"{sub.completeness} % ({tr(STATE_LABELS.get(sub.progress_state, sub.progress_state), lang)})"


def status_label(overview: Overview, value: str | None, lang: str) -> str:
    """The label of an activity cell's status; empty when the country gave none."""
    if value is None:
        return ""
    label = overview.activities.statuses.get(value)
    return label.get(lang) if label is not None else value


def action_summary(overview: Overview, counts: dict[str, int], lang: str) -> str:
    """``Completed 2, Ongoing 1`` for a Work Programme cell (action statuses counted)."""
    if not counts:
        return ""
    scale = overview.form.reference.scales.get("action_status")
    labels = {o.value: o.label.get(lang) for o in scale.options} if scale else {}
    return ", ".join(f"{labels.get(k, k)} {n}" for k, n in sorted(counts.items()))


def title_lines(overview: Overview, lang: str) -> tuple[str, str]:
    """The heading of a compiled report and its subtitle."""
    title = tr(N_("Compiled national reports: {form}"), lang, form=overview.form.title.get(lang))
    received = len(overview.submitted)
    subtitle = tr(N_("Period {period}. Reports received from {n} of {total} Range States. Compiled on {date}."),
                  lang, period=overview.period, n=received, total=len(overview.states),
                  # "30 ноября 2026 г." ends with the sentence's own full stop: one dot, not two
                  date=format_date(overview.generated.date(), format="long", locale=lang).rstrip("."))
    others = sum(1 for row in overview.others if row.submitted)
    if others:
        subtitle += " " + ntr("Also {n} report from another reporter (not a Range State).",
                              "Also {n} reports from other reporters (not Range States).", others, lang)
    return title, subtitle
