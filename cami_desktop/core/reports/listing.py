"""The summaries the report list shows, computing and storing those missing or stale.

Apart from :mod:`.summary` because it opens a :class:`~.session.ReportSession` (which stores
its summary through :mod:`.summary`): above both, so that no import runs back.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable, Iterable

from ..errors import CamiError
from ..store.listing import ReportSummary
from .summary import SUMMARY_BASIS, summary_of

if TYPE_CHECKING:
    from ..forms.library import FormLibrary
    from ..store import ReportRecord, Store

log = logging.getLogger("cami")


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
    from .session import ReportSession  # with the forms: only when a summary must be computed

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
