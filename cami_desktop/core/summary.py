"""Each report's completeness, stored when its answers change, so listing reports reviews none.

An open :class:`~cami_desktop.core.reports.ReportSession` stores the summary of its report with
the review that follows a change (the editor reviews after typing; ``fill``, ``finalize`` and
``reopen`` store it at once). A summary is taken as current only while the report has not
changed since (the store compares ``updated_at`` and the last event) and :data:`SUMMARY_BASIS`
is unchanged;
:func:`report_summaries` computes and stores whatever is missing or stale: after the upgrade to
revision 0003, after a crash between a change and its review, or after a write that went to the
store without a session (an import, a carry-over).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable, Iterable

from .. import __version__
from .errors import CamiError
from .store.listing import ReportSummary

if TYPE_CHECKING:
    from .forms.library import FormLibrary
    from .store import ReportRecord, Store
    from .validation import Review

log = logging.getLogger("cami")

#: What computed a stored summary. Bump the suffix when the rules of completeness change
#: without a new version, so that every stored summary is recomputed once.
SUMMARY_BASIS = f"{__version__}/2"  # /2: an answer contradicting the report's country is an error


def summary_of(result: Review) -> ReportSummary:
    """The part of a review that the report list shows."""
    overall = result.overall
    return ReportSummary(answered=overall.answered, total=overall.total, percent=overall.percent,
                         errors=len(result.errors), warnings=len(result.warnings), state=overall.state)


def save_summary(store: Store, report_id: int, result: Review) -> bool:
    """Store a report's summary from its review; ``False`` (and logged) if that failed.

    A failure costs nothing but a recomputation later, so it never interrupts the work that
    triggered it.
    """
    try:
        store.save_summaries({report_id: summary_of(result)}, SUMMARY_BASIS)
    except Exception:  # noqa: BLE001 - the summary is a cache of what the answers already say
        log.warning("could not store the summary of report %s", report_id, exc_info=True)
        return False
    return True


def report_summaries(store: Store, library: FormLibrary | Callable[[], FormLibrary],
                     records: Iterable[ReportRecord], *, deleted: bool = False) -> dict[int, ReportSummary]:
    """The summaries of ``records`` (all listed, or all in the trash), computing the missing ones.

    ``library`` may be a function that gives it, called only if a summary must be computed (the
    window lists the reports before it loads the forms). A report whose form version this
    installation lacks has no summary (it is absent).
    """
    found = store.report_summaries(SUMMARY_BASIS, deleted=deleted)
    stale = [record for record in records if record.id not in found]
    if not stale:
        return found
    from .reports import ReportSession  # with the forms: only when a summary must be computed

    if callable(library):
        library = library()
    missing: dict[int, ReportSummary] = {}
    for record in stale:
        try:
            session = ReportSession.open(store, library, record.id)
        except CamiError:
            continue
        missing[record.id] = summary_of(session.review())
    if missing:
        try:
            store.save_summaries(missing, SUMMARY_BASIS)
        except Exception:  # noqa: BLE001 - shown all the same; stored on a later listing
            log.warning("could not store %d report summaries", len(missing), exc_info=True)
    return {**found, **missing}
