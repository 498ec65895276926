"""Charts of the compiled PDF (reportlab graphics): submissions, status per objective, populations."""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..export.pdf_style import FONT
from ..i18n import N_, tr
from .overview import Overview
from .views import STATUS_COLOURS

TREND_COLOURS = {"increasing": "2E7D32", "stable": "1F4E79", "decreasing": "C62828",
                 "mixed": "F9A825", "unknown": "9E9E9E"}


def _colour(hex_text: str) -> colors.Color:
    return colors.HexColor(f"#{hex_text}")


#: Light swatches edged in grey: the lightest fills (e.g. "No information", F5F5F5) vanish on white paper.
SWATCH_EDGE = colors.HexColor("#9E9E9E")


def _light(hex_text: str) -> bool:
    """Whether a fill is so light that it disappears on white paper without an edge."""
    red, green, blue = (int(hex_text[i:i + 2], 16) for i in (0, 2, 4))
    return 0.299 * red + 0.587 * green + 0.114 * blue > 235


def _legend(drawing: Drawing, entries: list[tuple[str, str]], y: float = 4) -> None:
    x = 0.0
    for colour, label in entries:
        edge = SWATCH_EDGE if _light(colour) else None
        drawing.add(Rect(x, y, 9, 9, fillColor=_colour(colour), strokeColor=edge, strokeWidth=0.5))
        drawing.add(String(x + 13, y + 1, label, fontName=FONT, fontSize=7.5))
        x += 22 + stringWidth(label, FONT, 7.5)  # measured: Cyrillic letters are wider than Latin ones


def _title(drawing: Drawing, text: str, height: float) -> None:
    drawing.add(String(0, height - 12, text, fontName=FONT, fontSize=10, fillColor=colors.HexColor("#1F4E79")))


def _axis_fonts(chart) -> None:
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName = FONT
        labels.fontSize = 7.5


def submissions_chart(overview: Overview, width: float, lang: str) -> Drawing:
    """Packages received per Range State (every revision), the current one's completeness in its bar."""
    height = 160
    drawing = Drawing(width, height)
    _title(drawing, tr(N_("Packages received per Range State"), lang), height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 45, width - 40, height - 75
    chart.data = [[len(row.history) for row in overview.states]]
    chart.categoryAxis.categoryNames = [row.country for row in overview.states]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = 1
    chart.valueAxis.valueMax = max(2, max(chart.data[0]) + 1)
    _axis_fonts(chart)
    chart.bars.strokeColor = None
    for index, row in enumerate(overview.states):
        state = row.submission.progress_state if row.submission else "missing"
        chart.bars[(0, index)].fillColor = _colour(STATUS_COLOURS.get(state, "9E9E9E"))
    drawing.add(chart)
    _legend(drawing, [(STATUS_COLOURS["complete"], tr(N_("Complete"), lang)),
                      (STATUS_COLOURS["partial"], tr(N_("Partly answered"), lang)),
                      (STATUS_COLOURS["required_missing"], tr(N_("Required answers missing"), lang))])
    return drawing


def status_chart(overview: Overview, width: float, lang: str) -> Drawing:
    """Per objective, how many activity × country cells hold each status (stacked bars)."""
    matrix = overview.activities
    counts = matrix.status_counts()
    keys = [k for k in matrix.objectives if sum(counts[k].values())]
    statuses = list(matrix.statuses)
    height = 60 + 22 * max(1, len(keys))
    drawing = Drawing(width, height)
    _title(drawing, tr(N_("Implementation status per objective (activities × Range States)"), lang), height)
    chart = HorizontalBarChart()
    # Room for an objective's opening words ("Objective 1. To address key threats…"): the number
    # alone would send the reader to the matrix to learn what it is about.
    chart.x, chart.y = 250, 40
    chart.width, chart.height = width - 270, height - 70
    ordered = list(reversed(keys))
    chart.data = [[counts[k].get(s, 0) for k in ordered] for s in statuses] or [[0]]
    chart.categoryAxis.categoryNames = [_short(matrix.objectives[k].get(lang), 58) for k in ordered]
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    _axis_fonts(chart)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.bars.strokeColor = None
    for index, status in enumerate(statuses):
        chart.bars[index].fillColor = _colour(STATUS_COLOURS.get(status, "9E9E9E"))
        if _light(STATUS_COLOURS.get(status, "9E9E9E")):  # a near-white segment needs an edge to be seen
            chart.bars[index].strokeColor = SWATCH_EDGE
            chart.bars[index].strokeWidth = 0.5
    drawing.add(chart)
    _legend(drawing, [(STATUS_COLOURS.get(s, "9E9E9E"), matrix.statuses[s].get(lang)) for s in statuses])
    return drawing


def population_chart(overview: Overview, width: float, lang: str) -> Drawing:
    """Population estimate per Range State that reported, coloured by its trend."""
    figures = overview.figures
    rows = [(c, e, t) for c, e, t in figures.population() if isinstance(e, (int, float))]
    height = 170
    drawing = Drawing(width, height)
    _title(drawing, tr(N_("Population estimates and trends"), lang), height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 50, 45, width - 60, height - 75
    chart.data = [[e for _, e, _ in rows] or [0]]
    chart.categoryAxis.categoryNames = [c for c, _, _ in rows] or [""]
    chart.valueAxis.valueMin = 0
    _axis_fonts(chart)
    chart.bars.strokeColor = None
    for index, (_, _, trend) in enumerate(rows):
        chart.bars[(0, index)].fillColor = _colour(TREND_COLOURS.get(trend or "unknown", "9E9E9E"))
    drawing.add(chart)
    trend_figure = next(f for f in figures.figures if f.kind == "scale")
    _legend(drawing, [(TREND_COLOURS[v], label.get(lang)) for v, label in trend_figure.options
                      if v in TREND_COLOURS])
    return drawing


def _short(text: str, limit: int = 34) -> str:
    """``text`` cut to ``limit`` characters at a word's end, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:–-") + "…"



def species_trend_chart(overview: Overview, width: float, lang: str) -> Drawing:
    """Work Programme: per species, the Range States reporting each population trend (stacked)."""
    data = overview.species_trends
    keys = list(reversed(list(data.species)))
    trends = list(data.trends)
    height = 60 + 16 * max(1, len(keys))
    drawing = Drawing(width, height)
    _title(drawing, tr(N_("Population trends reported per species (number of Range States)"), lang), height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 40
    chart.width, chart.height = width - 170, height - 70
    chart.data = [[data.counts[k].get(t, 0) for k in keys] for t in trends] or [[0]]
    chart.categoryAxis.categoryNames = [_short(data.species[k].get(lang)) for k in keys]
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = 1
    _axis_fonts(chart)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.bars.strokeColor = None
    for index, trend in enumerate(trends):
        chart.bars[index].fillColor = _colour(TREND_COLOURS.get(trend, "9E9E9E"))
    drawing.add(chart)
    _legend(drawing, [(TREND_COLOURS.get(t, "9E9E9E"), data.trends[t].get(lang)) for t in trends])
    return drawing
