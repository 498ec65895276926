"""The overview's tables in the window: Range States, the activity × country matrix, the key figures.

The wording comes from :mod:`cami_desktop.core.secretariat.views`, shared with the compiled
workbook and PDF, so the window says what the annex says; colours are the same hex values.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...core.i18n import current_language, tr
from ...core.secretariat.activities import ActivityMatrix
from ...core.secretariat.overview import Overview
from ...core.secretariat.views import (OTHER_REPORTERS, STATE_HEADERS, STATUS_COLOURS, action_summary,
                                       completeness_label, language_note, state_cells, status_label)
from ..plain import set_tooltip
from ..language import format_date

COUNTRY_COLUMN_WIDTH = 118


def make_table(parent: QWidget) -> QTableWidget:
    """A read-only table whose rows are selected whole."""
    table = QTableWidget(0, 0, parent)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    return table


def _item(text: object, colour: str | None = None, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if colour:
        item.setBackground(QBrush(QColor(f"#{colour}")))
        item.setForeground(QBrush(QColor("#1b1b1b")))  # readable on the light status colours
    if tooltip:
        set_tooltip(item, tooltip)  # names and answers from packages, as written
    return item


def fill_states(table: QTableWidget, overview: Overview) -> None:
    """One row per Range State: submitted or not, revision, status, completeness, signer, date."""
    lang = current_language()
    table.clear()
    table.clearSpans()  # clear() keeps the span of an earlier "Other reporters" row
    table.setColumnCount(len(STATE_HEADERS))
    table.setHorizontalHeaderLabels([two_lines(tr(h)) for h in STATE_HEADERS])  # 10 columns: keep them narrow
    rows: list = list(overview.states)
    if overview.others:  # a consumer state or an organization: after the 14, under a heading row
        rows += [None, *overview.others]
    table.setRowCount(len(rows))
    for index, row in enumerate(rows):
        if row is None:
            heading = _item(tr(OTHER_REPORTERS))
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            table.setItem(index, 0, heading)
            table.setSpan(index, 0, 1, len(STATE_HEADERS))
            continue
        cells = state_cells(row, lang)
        sub = row.submission
        cells[5] = completeness_label(row, lang)
        cells[8] = format_date(cells[8]) if cells[8] else ""
        for col, value in enumerate(cells):
            colour = None
            if col == 2:
                colour = STATUS_COLOURS["submitted" if sub else "missing"]
            elif col == 5 and sub is not None:
                colour = STATUS_COLOURS.get(sub.progress_state)
            elif col == 7 and sub is not None and sub.verdict != "registered":
                colour = STATUS_COLOURS["unregistered"]
            table.setItem(index, col, _item(value, colour))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setStretchLastSection(True)


def two_lines(name: str, limit: int = 15) -> str:
    """A long header (a country's name) broken at its middle space, so a narrow column shows all of it."""
    if len(name) <= limit or " " not in name:
        return name
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return f"{name[:cut]}\n{name[cut + 1:]}"


def cell_text(overview: Overview, matrix: ActivityMatrix, activity: str, country: str) -> tuple[str, str]:
    """A matrix cell's text (status, and actions counted for the Work Programme) and its tooltip."""
    lang = current_language()
    cell = matrix.cell(activity, country)
    text = status_label(overview, cell.status, lang)
    summary = action_summary(overview, cell.action_statuses, lang)
    if summary:
        text = f"{text}: {summary}"
    notes = []
    for t in cell.texts:  # a translation, or an original in another language, says so (as in the PDF)
        note = language_note(t, lang)
        notes.append(f"{t.label.get(lang)}: {t.text}" + (f" {note}" if note else ""))
    return text, "\n\n".join(notes)


def fill_matrix(table: QTableWidget, overview: Overview, matrix: ActivityMatrix) -> None:
    """Activities (rows) × Range States that submitted (columns), coloured by status."""
    lang = current_language()
    names = overview.names(lang)
    table.clear()
    table.setColumnCount(2 + len(matrix.countries))
    table.setHorizontalHeaderLabels([tr("No."), tr("Activity")] + [two_lines(names[c]) for c in matrix.countries])
    table.setRowCount(len(matrix.activities))
    for index, activity in enumerate(matrix.activities):
        objective = matrix.objectives[activity.objective].get(lang)
        priority = activity.priority.get(lang) if activity.priority else ""
        about = objective + ("\n" + tr("Priority: {priority}", priority=priority) if priority else "")
        table.setItem(index, 0, _item(activity.number, tooltip=about))
        table.setItem(index, 1, _item(activity.title.get(lang), tooltip=about))
        for col, country in enumerate(matrix.countries, 2):
            text, notes = cell_text(overview, matrix, activity.key, country)
            status = matrix.cell(activity.key, country).status
            table.setItem(index, col, _item(text, STATUS_COLOURS.get(status or ""), notes))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setStretchLastSection(False)
    table.setColumnWidth(0, 56)
    table.setColumnWidth(1, 380)
    for col in range(2, table.columnCount()):
        table.setColumnWidth(col, COUNTRY_COLUMN_WIDTH)
    table.resizeRowsToContents()


def fill_figures(table: QTableWidget, overview: Overview) -> None:
    """The MoU forms' key figures (rows) side by side for the Range States that submitted."""
    lang = current_language()
    figures = overview.figures
    names = overview.names(lang)
    table.clear()
    table.setColumnCount(2 + len(figures.countries))
    table.setHorizontalHeaderLabels([tr("Figure"), tr("Unit")] + [two_lines(names[c]) for c in figures.countries])
    table.setRowCount(len(figures.figures))
    for index, figure in enumerate(figures.figures):
        table.setItem(index, 0, _item(figure.label.get(lang)))
        table.setItem(index, 1, _item(figure.unit.get(lang) if figure.unit else ""))
        for col, country in enumerate(figures.countries, 2):
            value = figures.value(figure.key, country)
            # the core writes numbers as the reader's language does, as in the compiled PDF
            numeric = figure.kind != "scale" and isinstance(value, (int, float)) and not isinstance(value, bool)
            item = _item(figures.display(figure, country, lang))
            if numeric:
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            table.setItem(index, col, item)
    header = table.horizontalHeader()
    # fixed widths: long labels and scale answers wrap instead of pushing the countries away
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setStretchLastSection(False)
    table.setColumnWidth(0, 420)
    table.resizeColumnToContents(1)
    for col in range(2, table.columnCount()):
        table.setColumnWidth(col, COUNTRY_COLUMN_WIDTH)
    table.resizeRowsToContents()
