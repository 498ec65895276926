"""The report as an Excel workbook (openpyxl): a cover sheet and one sheet per top-level section.

Each question is a row (number, question, answer) in the report's language; tables are real
Excel tables below their question; dates are dates, numbers numbers, choices their labels.
Sheets print on A4, fitted to the page width, with the header row repeated.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from copy import copy
from typing import Any, Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import N_
from ..values import for_cell, no_formulas
from .content import Entry, ReportContent, is_year

MAX_SHEET_NAME = 31
INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(horizontal="left", vertical="top")
BOLD = Font(bold=True)
ITALIC = Font(italic=True)
SECTION_FONTS = (Font(bold=True, size=12), Font(bold=True, size=11))
DATE_FORMATS = {"en": "d mmm yyyy", "ru": "dd.mm.yyyy"}


class _Styles:
    """Each combination of font, fill, alignment and number format, registered once per workbook.

    Setting ``cell.font`` and the like hashes the style object and looks it up in the workbook's
    list on every call, which took a third of the workbook's time (issue 10). The first cell of a
    combination is styled that way; the others get a copy of its style array, as openpyxl's own
    ``WorksheetCopy`` does.
    """

    PARTS = {"wrap": ("alignment", WRAP), "left": ("alignment", LEFT), "bold": ("font", BOLD),
             "italic": ("font", ITALIC), "head": ("fill", HEAD_FILL), "section": ("fill", SECTION_FILL),
             "h0": ("font", SECTION_FONTS[0]), "h1": ("font", SECTION_FONTS[1])}

    def __init__(self) -> None:
        self._arrays: dict[tuple, object] = {}

    def apply(self, cell, *parts: str, number_format: str | None = None) -> None:
        """Style ``cell`` with the named :data:`PARTS` (later ones win) and a number format."""
        key = (parts, number_format)
        array = self._arrays.get(key)
        if array is not None:
            cell._style = copy(array)
            return
        for part in parts:
            name, value = self.PARTS[part]
            setattr(cell, name, value)
        if number_format:
            cell.number_format = number_format
        self._arrays[key] = copy(cell._style)


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name of at most 31 characters."""
    base = INVALID_SHEET_CHARS.sub(" ", title).strip().strip("'") or "Sheet"
    name = base[:MAX_SHEET_NAME].rstrip()
    counter = 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        counter += 1
    taken.add(name.lower())
    return name


def render_workbook(content: ReportContent, progress: Callable[[float, str], None] | None = None) -> bytes:
    """Build the workbook and return the .xlsx file's bytes."""
    book = Workbook()
    cover = book.active
    taken: set[str] = set()
    cover.title = sheet_name(content.t(N_("Cover")), taken)
    _cover(cover, content)
    tables = iter(range(1, 100000))
    total = max(1, len(content.sections))
    style = _Styles()
    for index, top in enumerate(content.sections):
        if progress:
            progress(index / total, top.title)
        sheet = book.create_sheet(sheet_name(top.title, taken))
        _section_sheet(sheet, content, top, tables, style)
    buffer = io.BytesIO()
    book.properties.title = content.form.title.get(content.lang)
    book.properties.creator = content.signer.get("name") or "CAMI Reporter"
    no_formulas(book)  # a foreign text starting with "=" stays a text
    book.save(buffer)
    return buffer.getvalue()


def _print_setup(sheet: Worksheet, landscape: bool = False) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False


def _cover(sheet: Worksheet, c: ReportContent) -> None:
    record, decl = c.record, c.record.declaration or {}
    title = c.form.title.get(c.lang)
    if c.draft:
        title = c.t(N_("DRAFT")) + " — " + title  # msgid outside an f-string: extracted
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14, color="C00000" if c.draft else "000000")
    rows = [
        c.reporter_row(),  # "Country: Kazakhstan (KZ)", or "Reporter: <organization>"
        (N_("Form"), f"{c.form.short_title.get(c.lang)} ({c.form.id}, {c.form.version})"),
        (N_("Reporting period"), record.period),
        (N_("Revision"), record.revision),
        (N_("Status"), c.status_text()),
        (c.person_label(), decl.get("name") or c.signer.get("name", "")),
        (N_("Position"), decl.get("position") or c.signer.get("position", "")),
        (N_("Institution"), decl.get("institution") or c.signer.get("institution", "")),
        (N_("Finalized"), c.moment(record.finalized_at) if record.finalized_at else ""),
        (N_("Exported"), c.moment(c.created)),
        (N_("Completeness"), f"{c.review.overall.percent} %"),
        (N_("Signer"), c.signer.get("name", "")),
        (N_("Signer's certificate fingerprint (SHA-256)"), c.signer.get("fingerprint", "")),
        (N_("Report id"), record.uid),
    ]
    for offset, (label, value) in enumerate(rows, start=3):
        sheet.cell(offset, 1, c.t(label)).font = Font(bold=True)
        cell = sheet.cell(offset, 2, for_cell(value))
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 80
    _print_setup(sheet)


def _section_sheet(sheet: Worksheet, c: ReportContent, top, tables, style: _Styles) -> None:
    heads = (c.t(N_("No.")), c.t(N_("Question")), c.t(N_("Answer")))
    for col, text in enumerate(heads, start=1):
        style.apply(sheet.cell(1, col, text), "bold", "head")
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    widths = {1: 10, 2: 60, 3: 60}
    row = 2
    for block in top.blocks:
        sheet.cell(row, 1, block.section.number)
        sheet.cell(row, 2, block.section.title.get(c.lang))
        level = "h0" if block.depth == 0 else "h1"
        for col in (1, 2, 3):
            style.apply(sheet.cell(row, col), "section", level, *(("wrap",) if col == 2 else ()))
        row += 1
        if block.intro:
            style.apply(sheet.cell(row, 2, block.intro), "wrap", "italic")
            row += 1
        for entry in block.entries:
            row = _entry_rows(sheet, c, entry, row, tables, widths, style)
    for col, width in widths.items():
        sheet.column_dimensions[get_column_letter(col)].width = width
    _print_setup(sheet, landscape=max(widths) > 4)


def _entry_rows(sheet: Worksheet, c: ReportContent, entry: Entry, row: int, tables, widths,
                style: _Styles) -> int:
    q = entry.question
    style.apply(sheet.cell(row, 1, q.number), "wrap")
    label = sheet.cell(row, 2, entry.label)
    if q.type == "context":
        style.apply(label, "wrap", "italic")
        style.apply(sheet.cell(row, 3, entry.text), "wrap")
        return row + 1
    style.apply(label, "wrap")
    if not entry.is_table:
        _typed(sheet.cell(row, 3), _single(c, entry), c.lang, q.decimals, style, year=is_year(q))
        return row + 1
    if not entry.rows:
        return row + 1
    sheet.cell(row, 3, for_cell(entry.text))
    row += 1
    first_col = 2
    labels = _unique(entry.columns)
    for offset, label in enumerate(labels):
        style.apply(sheet.cell(row, first_col + offset, label), "bold", "wrap")
        widths[first_col + offset] = max(widths.get(first_col + offset, 0), 18)
    for r, cells in enumerate(entry.rows, start=1):
        for offset, value in enumerate(cells):
            _typed(sheet.cell(row + r, first_col + offset), value, c.lang, q.columns[offset].decimals, style,
                   year=is_year(q.columns[offset]))
    ref = f"{get_column_letter(first_col)}{row}:{get_column_letter(first_col + len(labels) - 1)}{row + len(entry.rows)}"
    table = Table(displayName=f"Table{next(tables)}", ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)
    return row + len(entry.rows) + 2


def _single(c: ReportContent, entry: Entry) -> Any:
    from .content import cell_value
    return cell_value(c.form, entry.question, entry.value, c.lang)


def _typed(cell, value: Any, lang: str, decimals: int | None, style: _Styles, year: bool = False) -> None:
    cell.value = for_cell(value)
    if isinstance(value, dt.date):
        style.apply(cell, "left", number_format=DATE_FORMATS.get(lang, "yyyy-mm-dd"))
    elif isinstance(value, bool):
        style.apply(cell, "wrap")
    elif isinstance(value, int):
        style.apply(cell, "left", number_format="0" if year else "#,##0")  # 2024, not 2,024
    elif isinstance(value, float):
        style.apply(cell, "left", number_format="#,##0." + "0" * decimals if decimals else "#,##0.##")
    else:
        style.apply(cell, "wrap")


def _unique(labels: list[str]) -> list[str]:
    """Excel table headers must be unique, non-empty strings."""
    seen: set[str] = set()
    result = []
    for index, label in enumerate(labels, start=1):
        name = (label or f"Column{index}").replace("\n", " ")[:250]
        while name.lower() in seen:
            name = f"{name} ({index})"
        seen.add(name.lower())
        result.append(name)
    return result
