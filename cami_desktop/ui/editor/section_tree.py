"""The section tree: numbering, titles, and each section's completeness at a glance."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from ...core.forms.model import Form
from ...core.i18n import current_language, ntr, tr
from ...core.reports.review import COMPLETE, NOT_STARTED, PARTIAL, REQUIRED_MISSING, STATE_LABELS, Review

KEY = Qt.UserRole + 1
STATE_COLORS = {NOT_STARTED: "#9aa3ad", REQUIRED_MISSING: "#c0392b", PARTIAL: "#d39e00",
                COMPLETE: "#2e8b57"}


def state_icon(state: str, size: int = 14) -> QIcon:
    """A small disc: hollow (not started), half (partly), full (complete), red (required missing)."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    color = QColor(STATE_COLORS[state])
    painter.setPen(QPen(color, 1.6))
    rect = pixmap.rect().adjusted(3, 3, -3, -3)
    rect = type(rect)(2, 2, size - 4, size - 4)
    if state == NOT_STARTED:
        painter.drawEllipse(rect)
    elif state == PARTIAL:
        painter.drawEllipse(rect)
        painter.setBrush(color)
        painter.drawPie(rect, 90 * 16, 180 * 16)
    else:
        painter.setBrush(color)
        painter.drawEllipse(rect)
        if state == REQUIRED_MISSING:
            painter.setPen(QPen(Qt.white, 1.6))
            painter.drawLine(size // 2, 4, size // 2, size - 7)
            painter.drawPoint(size // 2, size - 5)
    painter.end()
    return QIcon(pixmap)


class SectionTree(QTreeWidget):
    """All sections of a form; emits ``section_chosen(key)``."""

    section_chosen = Signal(str)

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setIconSize(QSize(14, 14))
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.items: dict[str, QTreeWidgetItem] = {}
        self._icons = {state: state_icon(state) for state in STATE_COLORS}
        for section in form.sections:
            self._add(section, self)
        self.expandToDepth(0)
        self.currentItemChanged.connect(self._changed)
        self.retranslate_ui()

    def _add(self, section, parent) -> None:
        item = QTreeWidgetItem(parent)
        item.setData(0, KEY, section.key)
        item.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
        self.items[section.key] = item
        for child in section.sections:
            self._add(child, item)

    def _changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.section_chosen.emit(current.data(0, KEY))

    def retranslate_ui(self) -> None:
        lang = current_language()
        for key, item in self.items.items():
            section = self.form.section_index[key]
            title = section.title.get(lang)
            item.setText(0, f"{section.number}  {title}".strip())
            item.setToolTip(0, title)
        self.setAccessibleName(tr("Sections"))

    def select(self, key: str) -> None:
        item = self.items.get(key)
        if item is not None and item is not self.currentItem():
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)
            self.scrollToItem(item)

    def apply_review(self, review: Review) -> None:
        for key, item in self.items.items():
            progress = review.progress.get(key)
            item.setHidden(key not in review.visible_sections)
            if progress is None:
                continue
            if progress.total == 0:
                item.setIcon(0, QIcon())
                item.setText(1, "")
                continue
            item.setIcon(0, self._icons[progress.state])
            item.setText(1, f"{progress.answered}/{progress.total}")
            state = tr(STATE_LABELS[progress.state])
            detail = ntr("{n} answer of {total}", "{n} answers of {total}", progress.answered,
                         total=progress.total)
            if progress.required_missing:
                detail += "; " + ntr("{n} required answer missing", "{n} required answers missing",
                                     progress.required_missing)
            item.setToolTip(1, f"{state}: {detail}")
            item.setData(1, Qt.AccessibleTextRole, f"{state}: {detail}")
