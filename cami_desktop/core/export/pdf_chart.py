"""The completeness chart of the PDF: one horizontal bar per top-level section (reportlab graphics)."""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String

from .content import ReportContent, state_label
from .pdf_style import FONT, GREY, STATE_COLOURS

BAR_HEIGHT = 16


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def completeness_chart(content: ReportContent, width: float) -> Drawing:
    """Percent of answered questions by section, bars coloured by the section's state."""
    tops = content.sections
    count = max(1, len(tops))
    legend_height = 26
    height = count * BAR_HEIGHT * 1.6 + 30 + legend_height
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    label_width = min(230, width * 0.45)
    chart.x = label_width
    chart.y = 20 + legend_height
    chart.width = width - label_width - 30
    chart.height = count * BAR_HEIGHT * 1.6
    # reportlab draws the first category at the bottom: reverse to read top-down
    ordered = list(reversed(tops))
    chart.data = [[top.percent for top in ordered]]
    chart.categoryAxis.categoryNames = [_short(top.title) for top in ordered]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 25
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d %%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GREY
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.barWidth = BAR_HEIGHT
    chart.bars.strokeColor = None
    for index, top in enumerate(ordered):
        chart.bars[(0, index)].fillColor = STATE_COLOURS.get(top.state, GREY)
    chart.barLabelFormat = "%d %%"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    _legend(drawing, content, width)
    return drawing


def _legend(drawing: Drawing, content: ReportContent, width: float) -> None:
    x = 0.0
    for state in ("complete", "partial", "required_missing", "not_started"):
        drawing.add(Rect(x, 4, 9, 9, fillColor=STATE_COLOURS[state], strokeColor=None))
        label = state_label(state, content.lang)
        drawing.add(String(x + 13, 5, label, fontName=FONT, fontSize=7.5))
        x += 22 + len(label) * 4.4
