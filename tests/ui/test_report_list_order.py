"""The list opens newest first, in the store's order, without sorting again at every reload."""
from __future__ import annotations

from PySide6.QtCore import Qt

from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.reports.session import ReportSession
from cami_desktop.ui.report_list import LAST_EDITED


def _shown(page, role=Qt.UserRole, column=0) -> list:
    return [page.proxy.index(row, column).data(role) for row in range(page.proxy.rowCount())]


def test_newest_first_as_stored_and_sorting_on_a_click(app):
    ids = [app.report(period=str(2020 + n)).id for n in range(3)]
    session = ReportSession.open(app.store, app.ctx.library, ids[0])
    session.fill(dict(list(sample_answers(session.form, seed=1).items())[:3]))  # now the newest
    page = app.window.report_list
    page.reload()
    header = page.view.horizontalHeader()
    indicator = (header.sortIndicatorSection(), header.sortIndicatorOrder())
    assert indicator == (LAST_EDITED, Qt.DescendingOrder)
    assert page.proxy.sortColumn() == -1  # the store's order is already that one: no sorting
    newest = [record.id for record in app.store.list_reports()]
    assert _shown(page) == newest and newest[0] == ids[0]
    page.view.sortByColumn(2, Qt.AscendingOrder)  # what a click on "Period" does
    assert _shown(page, Qt.DisplayRole, 2) == ["2020", "2021", "2022"]
    page.view.sortByColumn(LAST_EDITED, Qt.DescendingOrder)
    assert _shown(page) == newest
    page.reload()
    assert _shown(page) == newest
