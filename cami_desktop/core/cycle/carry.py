"""Start a report from the last one: answers carried over, each to be confirmed or changed.

The new report is of the same form (its current version) and country as the earlier one, for a
new period. Answers are mapped by question key, so an earlier report made with an older version
of the form carries over whatever the new version still asks, provided the old answer is still a
valid answer to it. What the new report filled in by itself (country, period, the profile) and
attachments (files belong to their report) are not carried over.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import AnswerError, CamiError
from ..forms.library import FormLibrary
from ..forms.reporters import normalize_organization, reporter_arguments
from ..i18n import N_
from ..reports.review import review
from ..reports.session import create_report
from ..reports.values import check_value
from ..store import ReportRecord, Store
from ..values import MAX_TEXT, normal_breaks, text_problem

#: Question types whose answers do not carry over.
NOT_CARRIED = ("attachment",)


@dataclass(frozen=True)
class CarryResult:
    """The new report and what happened to each earlier answer."""

    record: ReportRecord
    source: ReportRecord
    carried: list[str] = field(default_factory=list)
    #: Earlier answers left behind: the question is gone, changed its type, or is filled in anew.
    skipped: list[str] = field(default_factory=list)


def start_from(store: Store, library: FormLibrary, source_id: int, *, period: str,
               language: str | None = None, form_id: str | None = None,
               country: str | None = None, organization: str | None = None) -> CarryResult:
    """Create a report for ``period`` from report ``source_id``, its answers marked unconfirmed.

    ``form_id`` and ``country`` (or ``organization``), when given, must be the earlier report's:
    a report is only carried over within one form and one reporter.
    """
    source = store.get_report(source_id)
    if source.deleted_at is not None:
        raise CamiError(N_("Report {id} is in the trash; restore it before starting from it."),
                        id=source_id)
    if form_id and form_id != source.form_id:
        raise CamiError(N_("Report {id} is of the form {form}, not {other}: a report can only "
                           "be started from one of the same form."),
                        id=source_id, form=source.form_id, other=form_id)
    if country and country.upper() != source.country.upper():
        raise CamiError(N_("Report {id} is of {country}, not {other}: a report can only be "
                           "started from one of the same country."),
                        id=source_id, country=source.country, other=country.upper())
    if organization and normalize_organization(organization) != source.country:
        # An organization's name is kept as written: no upper case, and "reporter", not "country".
        raise CamiError(N_("Report {id} is by {reporter}, not {other}: a report can only be "
                           "started from one by the same reporter."),
                        id=source_id, reporter=source.country, other=normalize_organization(organization))
    form = library.get(source.form_id)
    # One transaction from the new report to its last carried answer: a crash halfway leaves
    # no report rather than one with half its answers (issue 15).
    with store.transaction():
        result = _carry(store, library, form, source, period, language)
    return CarryResult(store.get_report(result.record.id), source, result.carried, result.skipped)


def _carry(store: Store, library: FormLibrary, form, source: ReportRecord, period: str,
           language: str | None) -> CarryResult:
    source_id = source.id
    record = create_report(store, library, form_id=source.form_id, **reporter_arguments(source.country),
                           period=period, language=language or source.language)
    prefilled = set(store.answers(record.id))
    values, skipped = {}, []
    for key, value in store.answers(source_id).items():
        q = form.question(key)
        if q is None or not q.answerable or q.type in NOT_CARRIED or key in prefilled:
            skipped.append(key)
            continue
        try:
            values[key] = check_value(form, q, value)
        except AnswerError:
            skipped.append(key)
    translations = {}
    for key, text in store.translations(source_id).items():
        if key in values and form.questions[key].free_text:
            text = normal_breaks(text) if isinstance(text, str) else None  # a line break stays one
            if text is None or len(text) > MAX_TEXT or text_problem(text) is not None:
                # stored by an earlier version, refused today: the answer stays behind with it,
                # named, rather than carried without its translation or with a control character
                del values[key]
                skipped.append(key)
            elif text.strip():
                translations[key] = text
    store.carry_over(record.id, values, translations, source_id)
    store.add_event(record.id, "carried_over", {"from": source_id, "from_uid": source.uid,
                                                "from_version": source.form_version,
                                                "answers": len(values)})
    return CarryResult(record, source, sorted(values), sorted(skipped))


def unconfirmed(store: Store, report_id: int) -> list[str]:
    """Keys of every carried-over answer not yet confirmed, shown or hidden (sorted by key)."""
    return store.unconfirmed_keys(report_id)


def to_confirm(store: Store, library: FormLibrary, report_id: int) -> list[str]:
    """Keys of the carried-over answers still to confirm that would be signed, in form order.

    An answer to a question hidden by a condition (an activity "not started" hides what was
    done) stays in the store unconfirmed, but it is not signed, so it is not "to confirm": it
    is when its question shows again. This is what the window's counter and filter show, and
    what makes ``validate`` fail.
    """
    from ..reports.session import ReportSession

    session = ReportSession.open(store, library, report_id)
    waiting = review(session.form, session.answers, session.unconfirmed).to_confirm
    return [key for key in session.form.questions if key in waiting]


def confirm(store: Store, report_id: int, keys: list[str] | None = None) -> list[str]:
    """Confirm carried-over answers as they are (``None``: all); return the keys confirmed.

    A key that is not waiting for confirmation is an error naming it, so that a mistyped key
    is not taken for a confirmation.
    """
    if keys is not None:
        waiting = set(store.unconfirmed_keys(report_id))
        missing = [key for key in keys if key not in waiting]
        if missing:
            raise CamiError(N_("These answers are not waiting for confirmation: {keys}"),
                            keys=", ".join(missing))
    return store.confirm_answers(report_id, keys)
