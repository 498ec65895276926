"""The overview as an Excel workbook: one sheet per view, each a real Excel table with headers.

Sheets: the Range States; for the Programme of Work forms the activity matrix (status cells
coloured) and the free texts gathered per activity and country; for the MoU forms the key
figures side by side. Written atomically: a failure leaves no partial file.
"""
from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ..export.workbook import sheet_name
from ..i18n import N_, tr
from ..signing.atomic import atomic_write
from ..values import for_cell, no_formulas
from .overview import Overview
from .views import (OTHER_HEADERS, OTHER_REPORTERS, STATE_HEADERS, STATUS_COLOURS, action_summary, language_note,
                    state_cells, status_label, title_lines)

WRAP = Alignment(wrap_text=True, vertical="top")
STYLE = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour)


def _table(sheet: Worksheet, name: str, headers: list[str], rows: list[list], first_row: int = 3,
           widths: list[int] | None = None) -> None:
    """Write ``headers`` and ``rows`` from ``first_row`` and make them an Excel table."""
    seen: dict[str, int] = {}
    unique = []
    for header in headers:  # Excel refuses a table whose headers repeat
        seen[header] = seen.get(header, 0) + 1
        unique.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    for col, header in enumerate(unique, 1):
        sheet.cell(first_row, col, header).font = Font(bold=True)
    for offset, row in enumerate(rows or [[None] * len(headers)], 1):
        for col, value in enumerate(row, 1):
            cell = sheet.cell(first_row + offset, col, for_cell(value))
            cell.alignment = WRAP
    last = first_row + max(1, len(rows))
    table = Table(displayName=name, ref=f"A{first_row}:{get_column_letter(len(headers))}{last}")
    table.tableStyleInfo = STYLE
    sheet.add_table(table)
    sheet.freeze_panes = sheet.cell(first_row + 1, 1)
    for col, width in enumerate(widths or [], 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{first_row}:{first_row}"


def _heading(sheet: Worksheet, overview: Overview, lang: str, view: str) -> None:
    title, subtitle = title_lines(overview, lang)
    sheet.cell(1, 1, f"{title}: {view}").font = Font(bold=True, size=13, color="1F4E79")
    sheet.cell(2, 1, subtitle)


def render_compiled_workbook(overview: Overview, lang: str = "en") -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    taken: set[str] = set()
    sheet = book.active
    sheet.title = sheet_name(tr(N_("Range States"), lang), taken)
    _states(sheet, overview, lang)
    if overview.others:
        _states(book.create_sheet(sheet_name(tr(N_("Other reporters"), lang), taken)), overview, lang, others=True)
    if overview.activities is not None:
        _matrix(book.create_sheet(sheet_name(tr(N_("Activities"), lang), taken)), overview, lang)
        _texts(book.create_sheet(sheet_name(tr(N_("Texts by activity"), lang), taken)), overview, lang)
    if overview.figures is not None:
        _figures(book.create_sheet(sheet_name(tr(N_("Key figures"), lang), taken)), overview, lang)
    if overview.species_trends is not None:
        _trends(book.create_sheet(sheet_name(tr(N_("Population trends"), lang), taken)), overview, lang)
    book.properties.title = title_lines(overview, lang)[0]
    book.properties.creator = "CAMI Reporter"
    buffer = io.BytesIO()
    no_formulas(book)  # a foreign text starting with "=" stays a text
    book.save(buffer)
    return buffer.getvalue()


def write_compiled_workbook(overview: Overview, path: Path, lang: str = "en") -> Path:
    """Write the workbook to ``path`` atomically."""
    atomic_write(Path(path), render_compiled_workbook(overview, lang))
    return Path(path)


def _states(sheet: Worksheet, overview: Overview, lang: str, others: bool = False) -> None:
    """The Range States (or, with ``others``, the reporters that are not Range States)."""
    _heading(sheet, overview, lang, tr(OTHER_REPORTERS if others else N_("Range States"), lang))
    states = overview.others if others else overview.states
    rows = [state_cells(row, lang) for row in states]
    _table(sheet, "OtherReporters" if others else "RangeStates",
           [tr(h, lang) for h in (OTHER_HEADERS if others else STATE_HEADERS)], rows,
           widths=[7, 28, 11, 9, 14, 13, 26, 22, 12, 10])
    for offset, row in enumerate(states, 4):
        sub = row.submission
        sheet.cell(offset, 3).fill = _fill(STATUS_COLOURS["submitted" if sub else "missing"])
        if sub is not None:
            sheet.cell(offset, 6).number_format = "0%"
            sheet.cell(offset, 6).fill = _fill(STATUS_COLOURS.get(sub.progress_state, "FFFFFF"))
            sheet.cell(offset, 9).number_format = "yyyy-mm-dd"
            if sub.verdict != "registered":
                sheet.cell(offset, 8).fill = _fill(STATUS_COLOURS["unregistered"])


def _matrix(sheet: Worksheet, overview: Overview, lang: str) -> None:
    matrix = overview.activities
    _heading(sheet, overview, lang, tr(N_("Implementation by activity"), lang))
    names = overview.names(lang)
    headers = [tr(N_("No."), lang), tr(N_("Activity"), lang), tr(N_("Objective"), lang),
               tr(N_("Priority"), lang)] + [names[c] for c in matrix.countries]
    rows = []
    for activity in matrix.activities:
        row = [activity.number, activity.title.get(lang), matrix.objectives[activity.objective].get(lang),
               activity.priority.get(lang) if activity.priority else None]
        for country in matrix.countries:
            cell = matrix.cell(activity.key, country)
            text = status_label(overview, cell.status, lang)
            summary = action_summary(overview, cell.action_statuses, lang)
            row.append(f"{text}: {summary}" if summary else text or None)
        rows.append(row)
    _table(sheet, "Activities", headers, rows, widths=[8, 60, 30, 10] + [14] * len(matrix.countries))
    for offset, activity in enumerate(matrix.activities, 4):
        for index, country in enumerate(matrix.countries, 5):
            colour = STATUS_COLOURS.get(matrix.cell(activity.key, country).status or "")
            if colour:
                sheet.cell(offset, index).fill = _fill(colour)


def _texts(sheet: Worksheet, overview: Overview, lang: str) -> None:
    matrix = overview.activities
    _heading(sheet, overview, lang, tr(N_("Free-text answers by activity"), lang))
    names = overview.names(lang)
    headers = [tr(h, lang) for h in (N_("No."), N_("Activity"), N_("Range State"), N_("Question"),
                                      N_("Answer"), N_("Language"))]
    rows = []
    for activity in matrix.activities:
        for country in matrix.countries:
            for text in matrix.cell(activity.key, country).texts:
                rows.append([activity.number, activity.title.get(lang), names[country], text.label.get(lang),
                             text.text, language_note(text, lang)])
    _table(sheet, "Texts", headers, rows, widths=[8, 40, 18, 28, 80, 10])


def _figures(sheet: Worksheet, overview: Overview, lang: str) -> None:
    figures = overview.figures
    _heading(sheet, overview, lang, tr(N_("Key figures"), lang))
    names = overview.names(lang)
    headers = [tr(N_("Figure"), lang), tr(N_("Unit"), lang)] + [names[c] for c in figures.countries]
    rows = []
    for figure in figures.figures:
        row = [figure.label.get(lang), figure.unit.get(lang) if figure.unit else None]
        for country in figures.countries:
            value = figures.value(figure.key, country)
            row.append(figures.display(figure, country, lang) if figure.kind == "scale" and value is not None
                       else value)
        rows.append(row)
    _table(sheet, "KeyFigures", headers, rows, widths=[50, 12] + [16] * len(figures.countries))


def _trends(sheet: Worksheet, overview: Overview, lang: str) -> None:
    data = overview.species_trends
    _heading(sheet, overview, lang, tr(N_("Population trends"), lang))
    names = overview.names(lang)
    countries = [c for c in names if c in overview.data]
    headers = [tr(N_("Species"), lang)] + [names[c] for c in countries]
    rows = [[label.get(lang)] + [data.trends[data.by_country[key, c]].get(lang) if (key, c) in data.by_country
                                 else None for c in countries] for key, label in data.species.items()]
    _table(sheet, "PopulationTrends", headers, rows, widths=[34] + [16] * len(countries))
