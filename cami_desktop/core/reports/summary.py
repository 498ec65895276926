"""Each report's completeness, stored when its answers change, so listing reports reviews none.

An open :class:`~.session.ReportSession` stores the summary of its report with the review that
follows a change (the editor reviews after typing; ``fill``, ``finalize`` and ``reopen`` store it
at once). A summary is taken as current only while the report has not changed since (the store
compares ``updated_at`` and the last event) and :data:`SUMMARY_BASIS` is unchanged;
:func:`.listing.report_summaries` computes and stores whatever is missing or stale: after the
upgrade to revision 0003, after a crash between a change and its review, or after a write that
went to the store without a session (an import, a carry-over).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ... import __version__
from ..store.listing import ReportSummary

if TYPE_CHECKING:
    from ..store import Store
    from .review import Review

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
