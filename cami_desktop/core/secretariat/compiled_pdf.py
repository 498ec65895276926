"""The overview as a PDF, ready to be an annex of the Secretariat's report (reportlab, DejaVu fonts).

Landscape A4: title and charts, the Range States table, then for the Programme of Work forms
the activity matrix (status cells coloured) and every country's free-text answers gathered per
activity (the stored English translation of a Russian report, marked, in the English edition),
and for the MoU forms the key figures side by side. English unless Russian is asked for.
"""
from __future__ import annotations

import io
from html import escape
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from ..export.pdf_style import ACCENT, FONT, FONT_BOLD, GREY, LIGHT, styles
from ..i18n import N_, tr
from ..signing.atomic import atomic_write
from .charts import population_chart, species_trend_chart, status_chart, submissions_chart
from .overview import Overview, StateRow
from .views import (OTHER_HEADERS, OTHER_REPORTERS, STATE_HEADERS, STATUS_COLOURS, completeness_label, language_note,
                    state_cells, status_label, title_lines)

PAGE = landscape(A4)
MARGIN = 14 * mm
WIDTH = PAGE[0] - 2 * MARGIN


def _status_style() -> ParagraphStyle:
    # Small enough that "No information" fits a country column of 14 without breaking a word.
    return ParagraphStyle("status", styles()["cell"], fontSize=5.6, leading=7)


def _p(text: object, style: str = "cell") -> Paragraph:
    chosen = _status_style() if style == "status" else styles()[style]
    return Paragraph(escape(str(text if text is not None else "")), chosen)


def _grid(data: list[list], widths: list[float], extra: list[tuple] = ()) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.25, GREY), ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3), *extra]))
    return table


def _fill(colour: str) -> colors.Color:
    return colors.HexColor(f"#{colour}")


def render_compiled_pdf(overview: Overview, lang: str = "en") -> bytes:
    """The PDF's bytes."""
    buffer = io.BytesIO()
    title, subtitle = title_lines(overview, lang)
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4, title=title, author="CAMI Reporter")
    story = [_p(title, "title"), _p(subtitle, "subtitle"), submissions_chart(overview, WIDTH, lang),
             Spacer(1, 8)]
    if overview.activities is not None and overview.activities.countries:
        story += [status_chart(overview, WIDTH, lang), Spacer(1, 8)]
    if overview.figures is not None and overview.figures.countries:
        story += [population_chart(overview, WIDTH, lang)]
    if overview.species_trends is not None and overview.species_trends.counts:
        story += [species_trend_chart(overview, WIDTH, lang)]
    # The Range States follow the charts on the same page when they fit (an MoU's short overview).
    story += [_p(tr(N_("Range States"), lang), "h1"), _states(overview.states, STATE_HEADERS, lang)]
    if overview.others:
        story += [_p(tr(OTHER_REPORTERS, lang), "h1"), _states(overview.others, OTHER_HEADERS, lang)]
    if overview.activities is not None and overview.activities.countries:
        story += [PageBreak(), _p(tr(N_("Implementation by activity"), lang), "h1"), _matrix(overview, lang),
                  PageBreak(), _p(tr(N_("Free-text answers by activity"), lang), "h1")]
        story += _texts(overview, lang)
    if overview.figures is not None and overview.figures.countries:
        story += [PageBreak(), _p(tr(N_("Key figures"), lang), "h1"), _figures(overview, lang)]

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, MARGIN / 2, f"{overview.form.short_title.get(lang)} · {overview.period}")
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2,
                               tr(N_("Page {n}"), lang, n=document.page))
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def write_compiled_pdf(overview: Overview, path: Path, lang: str = "en") -> Path:
    """Write the PDF to ``path`` atomically."""
    atomic_write(Path(path), render_compiled_pdf(overview, lang))
    return Path(path)


def _states(states: list[StateRow], headers: tuple[str, ...], lang: str) -> Table:
    header = [_p(tr(h, lang), "cell_head") for h in headers]
    rows, extra = [header], []
    for index, row in enumerate(states, 1):
        cells = state_cells(row, lang)
        cells[5] = completeness_label(row, lang)
        rows.append([_p(v) for v in cells])
        state = row.submission.progress_state if row.submission else "missing"
        extra.append(("BACKGROUND", (5, index), (5, index), _fill(STATUS_COLOURS.get(state, "FFFFFF"))))
        if row.submission is not None and row.submission.verdict != "registered":
            extra.append(("BACKGROUND", (7, index), (7, index), _fill(STATUS_COLOURS["unregistered"])))
    # Wide enough for the longest Russian words ("Незарегистрированный", "Представлен") unbroken.
    widths = [0.035, 0.14, 0.09, 0.07, 0.1, 0.12, 0.135, 0.145, 0.09, 0.075]
    return _grid(rows, [w * WIDTH for w in widths], extra)


def _matrix(overview: Overview, lang: str) -> Table:
    matrix = overview.activities
    count = len(matrix.countries)
    country_width = min(80.0, (WIDTH * 0.68) / max(1, count))
    title_width = WIDTH - 40 - country_width * count
    rows = [[_p(tr(N_("No."), lang), "cell_head"), _p(tr(N_("Activity"), lang), "cell_head")]
            + [_p(c, "cell_head") for c in matrix.countries]]
    extra = []
    for index, activity in enumerate(matrix.activities, 1):
        row = [_p(activity.number), _p(activity.title.get(lang))]
        for col, country in enumerate(matrix.countries, 2):
            status = matrix.cell(activity.key, country).status
            row.append(_p(status_label(overview, status, lang), "status"))
            if status in STATUS_COLOURS:
                extra.append(("BACKGROUND", (col, index), (col, index), _fill(STATUS_COLOURS[status])))
        rows.append(row)
    extra.append(("LEFTPADDING", (2, 0), (-1, -1), 2))
    extra.append(("RIGHTPADDING", (2, 0), (-1, -1), 1))
    return _grid(rows, [40, title_width] + [country_width] * count, extra)


def _texts(overview: Overview, lang: str) -> list:
    matrix = overview.activities
    names = overview.names(lang)
    story = []
    for activity in matrix.activities:
        block = []
        for country in matrix.countries:
            cell = matrix.cell(activity.key, country)
            for text in cell.texts:
                note = language_note(text, lang)
                mark = f" <i>{escape(note)}</i>" if note else ""
                block.append(Paragraph(f"<b>{escape(names[country])}</b> · {escape(text.label.get(lang))}: "
                                       f"{escape(text.text)}{mark}", styles()["body"]))
        if block:
            heading = _p(f"{activity.number} {activity.title.get(lang)}", "h3")
            story += [KeepTogether([heading, block[0]]), *block[1:]]
    if not story:
        story.append(_p(tr(N_("No free-text answers were given."), lang), "empty"))
    return story


def _figures(overview: Overview, lang: str) -> Table:
    figures = overview.figures
    names = overview.names(lang)
    header = [_p(tr(N_("Figure"), lang), "cell_head")] + [_p(names[c], "cell_head") for c in figures.countries]
    rows = [header]
    for figure in figures.figures:
        unit = f" ({figure.unit.get(lang)})" if figure.unit else ""
        rows.append([_p(figure.label.get(lang) + unit)]
                    + [_p(figures.display(figure, c, lang)) for c in figures.countries])
    count = max(1, len(figures.countries))
    first = WIDTH * 0.34
    return _grid(rows, [first] + [(WIDTH - first) / count] * len(figures.countries),
                 [("TEXTCOLOR", (0, 0), (-1, 0), ACCENT), ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD)])
