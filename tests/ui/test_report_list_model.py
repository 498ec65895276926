"""The report list reads stored completeness and formats each cell once per language (issue 10)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.reports.session import ReportSession
from cami_desktop.ui import report_list
from cami_desktop.ui.language import language

LAST_EDITED = 6


def filled_reports(app, count: int = 3) -> dict[int, int]:
    """Reports answered in part through a session; their percent by id."""
    percents = {}
    for n in range(count):
        record = app.report(period=str(2020 + n))
        session = ReportSession.open(app.store, app.ctx.library, record.id)
        answers = sample_answers(session.form, seed=n)
        session.fill(dict(list(answers.items())[: 10 * (n + 1)]))
        percents[record.id] = session.review().overall.percent
    return percents


def test_the_list_shows_stored_completeness_without_reading_any_answers(app, monkeypatch):
    percents = filled_reports(app)

    def no_answers(report_id):
        raise AssertionError("the list read the answers of report %s" % report_id)

    monkeypatch.setattr(app.store, "answers", no_answers)
    page = app.window.report_list
    page.reload()
    shown = {row.record.id: row.percent for row in page.model.rows}
    assert shown == percents
    assert len(set(percents.values())) > 1  # the reports really differ


def test_cells_are_formatted_once_and_again_after_a_language_switch(app, monkeypatch):
    filled_reports(app, 2)
    calls = []
    original = report_list.format_datetime

    def counting(moment, lang=None):
        calls.append(lang)
        return original(moment, lang)

    monkeypatch.setattr(report_list, "format_datetime", counting)
    page = app.window.report_list
    page.reload()
    model = page.model

    def texts():
        return [model.index(row, LAST_EDITED).data(Qt.DisplayRole) for row in range(model.rowCount())]

    english = texts()
    for _ in range(5):
        assert texts() == english
    assert len(calls) == model.rowCount()  # the view, the proxy and these calls share one text

    language().set_language("ru")
    russian = texts()
    assert russian != english
    assert calls.count("ru") == model.rowCount()
    status = model.index(0, 4).data(Qt.DisplayRole)
    assert status == "Черновик"


def test_columns_fit_their_texts_in_both_languages_and_can_be_widened(app, qtbot):
    filled_reports(app, 3)
    page = app.window.report_list
    page.reload()
    header = page.view.horizontalHeader()

    def clipped() -> list[str]:
        cells, heads = page.view.fontMetrics(), header.fontMetrics()
        found = []
        for column in range(1, page.model.columnCount()):
            width = header.sectionSize(column)
            title = page.model.headerData(column, Qt.Horizontal)
            if heads.horizontalAdvance(title) + 20 > width:
                found.append(title)
            for row in range(page.model.rowCount()):
                text = page.model.index(row, column).data(Qt.DisplayRole)
                if cells.horizontalAdvance(text) + 8 > width:
                    found.append(text)
        return found

    assert clipped() == []
    language().set_language("ru")
    assert clipped() == []
    header.resizeSection(LAST_EDITED, header.sectionSize(LAST_EDITED) + 40)  # by hand
    widened = header.sectionSize(LAST_EDITED)
    page.retranslate_ui()  # nothing changed: the hand's width stays
    assert header.sectionSize(LAST_EDITED) == widened


def test_completeness_shows_a_bar_beside_the_percentage_made_once_per_value(app):
    from PySide6.QtGui import QPixmap

    filled_reports(app, 2)
    page = app.window.report_list
    page.reload()
    model = page.model
    bar = model.index(0, report_list.COMPLETENESS).data(Qt.DecorationRole)
    assert isinstance(bar, QPixmap) and not bar.isNull()
    assert (bar.width(), bar.height()) == tuple(round(s * model.bar_ratio()) for s in report_list.BAR_SIZE)
    assert model.index(0, report_list.COMPLETENESS).data(Qt.DisplayRole).endswith(" %")
    assert model.index(0, 0).data(Qt.DecorationRole) is None  # no other column has one
    ratio = model.bar_ratio()
    assert report_list.completeness_bar(40, ratio).cacheKey() == report_list.completeness_bar(40, ratio).cacheKey()
    assert report_list.completeness_bar(40, ratio).cacheKey() != report_list.completeness_bar(41, ratio).cacheKey()
    # The fill grows with the percentage: more of the bar's middle row differs from an empty one.
    def filled(percent):
        image = report_list.completeness_bar(percent, 1.0).toImage()
        empty = report_list.completeness_bar(0, 1.0).toImage()
        y = image.height() // 2
        return sum(image.pixel(x, y) != empty.pixel(x, y) for x in range(image.width()))
    assert filled(0) == 0 < filled(25) < filled(50) < filled(100)
    # A change of palette (a dark theme) gives bars in the new colours, not the kept ones.
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    before = model.index(0, report_list.COMPLETENESS).data(Qt.DecorationRole).cacheKey()
    palette = QApplication.palette()
    try:
        changed = QPalette(palette)
        changed.setColor(QPalette.Base, QColor("#202020"))
        QApplication.setPalette(changed)
        assert model.index(0, report_list.COMPLETENESS).data(Qt.DecorationRole).cacheKey() != before
    finally:
        QApplication.setPalette(palette)
