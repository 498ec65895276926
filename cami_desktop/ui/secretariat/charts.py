"""Small charts of the overview, drawn with QPainter: no chart library for a few coloured bars.

:class:`BarChart` draws horizontal bars, each a stack of coloured segments, with a title and a
legend; :class:`Legend` is the matrix's colour key. The functions below turn the overview into the data of the charts people would rather
look at than read: packages per Range State, status per objective, population figures.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from ...core.i18n import current_language, tr
from ...core.secretariat.overview import Overview
from ...core.secretariat.views import STATUS_COLOURS
from ..language import format_number
from ..plain import plain_label

TREND_COLOURS = {"increasing": "2E7D32", "stable": "1F4E79", "decreasing": "C62828",
                 "mixed": "F9A825", "unknown": "9E9E9E"}
GREY = "9E9E9E"
ROW, GAP, MARGIN = 20, 6, 8


@dataclass
class Bar:
    """One category: its label and its stacked segments (value, hex colour)."""

    label: str
    segments: list[tuple[float, str]] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(value for value, _ in self.segments)


@dataclass
class ChartData:
    title: str
    bars: list[Bar]
    legend: list[tuple[str, str]]   # (hex colour, label)


class BarChart(QWidget):
    """Horizontal stacked bars with a title, a value scale and a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = ChartData("", [], [])
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.setAccessibleName(data.title)
        self.updateGeometry()
        self.update()

    def _legend_rows(self, width: int) -> list[list[tuple[str, str]]]:
        metrics = QFontMetrics(self.font())
        rows: list[list[tuple[str, str]]] = [[]]
        used = 0
        for entry in self.data.legend:
            needed = 22 + metrics.horizontalAdvance(entry[1])
            if rows[-1] and used + needed > width - 2 * MARGIN:
                rows.append([])
                used = 0
            rows[-1].append(entry)
            used += needed
        return rows

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        line = QFontMetrics(self.font()).height()
        legend = len(self._legend_rows(max(400, self.width()))) * (line + 4)
        return QSize(600, 2 * MARGIN + line + 8 + len(self.data.bars) * (ROW + GAP) + line + 8 + legend)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        return self.sizeHint()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))  # a figure on paper, as in the compiled PDF
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        painter.setPen(QColor("#1F4E79"))
        title = painter.font()
        title.setBold(True)
        painter.setFont(title)
        painter.drawText(QRectF(MARGIN, MARGIN, self.width() - 2 * MARGIN, line + 4),
                         Qt.AlignLeft | Qt.AlignVCenter, self.data.title)
        painter.setFont(self.font())
        bars = self.data.bars
        label_width = min(self.width() // 3, max((metrics.horizontalAdvance(b.label) for b in bars), default=0) + 8)
        left = MARGIN + label_width
        plot = max(50, self.width() - left - MARGIN - 40)
        top = MARGIN + line + 8
        largest = max((b.total for b in bars), default=0) or 1
        for index, bar in enumerate(bars):
            y = top + index * (ROW + GAP)
            painter.setPen(QColor("#333333"))
            painter.drawText(QRectF(MARGIN, y, label_width - 6, ROW), Qt.AlignRight | Qt.AlignVCenter,
                             metrics.elidedText(bar.label, Qt.ElideRight, label_width - 6))
            x = float(left)
            for value, colour in bar.segments:
                width = plot * value / largest
                if width > 0:
                    # outlined: the palest status colours must show on the white ground
                    painter.setPen(QColor(f"#{colour}").darker(130))
                    painter.setBrush(QColor(f"#{colour}"))
                    painter.drawRect(QRectF(x, y, width, ROW))
                x += width
            painter.setPen(QColor("#333333"))
            painter.drawText(QRectF(x + 4, y, 60, ROW), Qt.AlignLeft | Qt.AlignVCenter,
                             format_number(bar.total))
        axis = top + len(bars) * (ROW + GAP)
        painter.setPen(QPen(QColor("#888888")))
        painter.drawLine(left, top - 2, left, axis - GAP + 2)
        y = axis + 4
        for row in self._legend_rows(self.width()):
            x = MARGIN
            for colour, label in row:
                painter.setPen(QColor(f"#{colour}").darker(130))
                painter.setBrush(QColor(f"#{colour}"))
                painter.drawRect(QRectF(x, y + (line - 12) / 2, 12, 12))
                painter.setPen(QColor("#333333"))
                painter.drawText(QRectF(x + 16, y, metrics.horizontalAdvance(label) + 2, line),
                                 Qt.AlignLeft | Qt.AlignVCenter, label)
                x += 22 + metrics.horizontalAdvance(label)
            y += line + 4
        painter.end()


class Legend(QWidget):
    """Coloured swatches (with a border, so the palest shows) and their labels, on one line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.entries: list[tuple[str, str]] = []

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        if entries == self.entries:
            return
        self.entries = entries
        while self.row.count():
            item = self.row.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # deleted later: hidden now, or it shows under the new ones
                item.widget().deleteLater()
        for colour, label in entries:
            swatch = plain_label(self)
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: #{colour}; border: 1px solid #9e9e9e;")
            self.row.addWidget(swatch)
            self.row.addWidget(plain_label(label, self))
            self.row.addSpacing(12)
        self.row.addStretch(1)

    def text(self) -> str:
        """The labels, for tests and screen readers."""
        return ", ".join(label for _, label in self.entries)


def submissions_chart(overview: Overview) -> ChartData:
    """Packages received per Range State (every revision), coloured by the current one's completeness."""
    bars = []
    for row in overview.states:
        state = row.submission.progress_state if row.submission else "missing"
        bars.append(Bar(f"{row.name.get(current_language())} ({row.country})",
                        [(len(row.history), STATUS_COLOURS.get(state, GREY))] if row.history else []))
    legend = [(STATUS_COLOURS["complete"], tr("Complete")), (STATUS_COLOURS["partial"], tr("Partly answered")),
              (STATUS_COLOURS["required_missing"], tr("Required answers missing"))]
    return ChartData(tr("Packages received per Range State"), bars, legend)


def status_chart(overview: Overview) -> ChartData | None:
    """Per objective, how many activity × country cells hold each status (Programme of Work forms)."""
    matrix = overview.activities
    if matrix is None:
        return None
    counts = matrix.status_counts()
    bars = [Bar(matrix.objectives[key].get(current_language()),
                [(counts[key].get(s, 0), STATUS_COLOURS.get(s, GREY)) for s in matrix.statuses])
            for key in matrix.objectives if sum(counts[key].values())]
    legend = [(STATUS_COLOURS.get(s, GREY), label.get(current_language())) for s, label in matrix.statuses.items()]
    return ChartData(tr("Implementation status per objective (activities × Range States)"), bars, legend)


def population_chart(overview: Overview) -> ChartData | None:
    """Population estimates coloured by trend (MoU forms), or the trends per species (Work Programme)."""
    lang = current_language()
    if overview.figures is not None:
        figures = overview.figures
        bars = [Bar(f"{overview.state(c).name.get(lang)} ({c})", [(e, TREND_COLOURS.get(t or "unknown", GREY))])
                for c, e, t in figures.population() if isinstance(e, (int, float))]
        trend = next((f for f in figures.figures if f.kind == "scale"), None)
        legend = [(TREND_COLOURS[v], label.get(lang)) for v, label in (trend.options if trend else ())
                  if v in TREND_COLOURS]
        return ChartData(tr("Population estimates and trends"), bars, legend)
    trends = overview.species_trends
    if trends is None or not trends.species:
        return None
    bars = [Bar(name.get(lang), [(trends.counts[key].get(t, 0), TREND_COLOURS.get(t, GREY)) for t in trends.trends])
            for key, name in trends.species.items()]
    legend = [(TREND_COLOURS.get(t, GREY), label.get(lang)) for t, label in trends.trends.items()]
    return ChartData(tr("Population trends reported per species (number of Range States)"), bars, legend)
