"""Reports at a glance: form, country, period, language, status, completeness, last edited."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox, QHBoxLayout,
                               QHeaderView, QLineEdit, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from ..core.i18n import LANGUAGE_NAMES, N_, current_language, ntr, tr
from ..core.store import ReportRecord
from ..core.store.records import STATUS_LABELS
from ..core.reports.listing import report_summaries
from .language import format_datetime
from .plain import plain_label, tooltip

COLUMNS = (N_("Form"), N_("Country"), N_("Period"), N_("Language"), N_("Status"),
           N_("Completeness"), N_("Last edited"))
SORT = Qt.UserRole + 1
COMPLETENESS = 5
LAST_EDITED = 6
_TEXT_ROLES = (Qt.DisplayRole, Qt.ToolTipRole, Qt.AccessibleTextRole)
_DISPLAY = int(Qt.DisplayRole)
_DECORATION = int(Qt.DecorationRole)
_TOOLTIP = int(Qt.ToolTipRole)
_ROLES = frozenset(int(role) for role in (*_TEXT_ROLES, SORT, Qt.UserRole, Qt.DecorationRole))
#: Rows whose text sets the width of a column (see ``ReportList.fit_columns``).
RESIZE_PRECISION = 50
#: Room around a cell's text (the item's padding and focus frame) and a header's (the sort arrow).
CELL_MARGIN = 18
HEADER_MARGIN = 34


@dataclass
class Row:
    record: ReportRecord
    percent: int
    errors: int


class ReportModel(QAbstractTableModel):
    """The reports of the store with their stored completeness.

    The text of a cell is formatted once (Babel dates, form titles, translated labels) and kept
    until the list is reloaded or the language changes: views, the sorting proxy and the filter
    ask for the same cells again and again.
    """

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[Row] = []
        self.deleted = False
        self._cells: dict[tuple[int, int, int], object] = {}
        self._cells_language = current_language()
        self.generation = 0  # counts reloads: the rows' texts are those of this generation
        # The view's device pixel ratio at the moment, for sharp bars (the list sets the view's).
        self.bar_ratio: Callable[[], float] = lambda: 1.0

    def reload(self) -> None:
        self.beginResetModel()
        records = self.ctx.store.list_reports(deleted=self.deleted)
        # The forms are loaded only if a summary is missing (after an upgrade, or a crash).
        summaries = report_summaries(self.ctx.store, lambda: self.ctx.library, records, deleted=self.deleted)
        self.rows = []
        for record in records:
            summary = summaries.get(record.id)
            self.rows.append(Row(record, summary.percent if summary else 0, summary.errors if summary else 0))
        self._cells.clear()
        self._cells_language = current_language()
        self.generation += 1
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(COLUMNS) - 1)
        if self._cells_language == current_language():
            return  # the window retranslates once as it is built: the cells are right already
        self._cells.clear()
        self._cells_language = current_language()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def form_title(self, record: ReportRecord) -> str:
        return self.ctx.index.title(record.form_id, record.form_version, current_language())

    def text(self, row: int, column: int) -> str:
        """The text shown in a cell, from the same cache as ``data``."""
        key = (row, column, _DISPLAY)
        try:
            return self._cells[key]
        except KeyError:
            value = self._cells[key] = self._cell(self.rows[row], column, Qt.DisplayRole)
            return value

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        # Views ask for a dozen roles per cell (font, colours, alignment…): answer those at once.
        if role not in _ROLES or not index.isValid():
            return None
        if role == _DECORATION:  # not kept with the texts: it follows the palette and the screen
            if index.column() != COMPLETENESS:
                return None
            return completeness_bar(self.rows[index.row()].percent, self.bar_ratio())
        key = (index.row(), index.column(), int(role))
        try:
            return self._cells[key]
        except KeyError:
            pass
        value = self._cell(self.rows[index.row()], index.column(), role)
        if key[2] == _TOOLTIP and value:  # an organization's name, as written: tooltips guess rich text
            value = tooltip(value)
        self._cells[key] = value
        return value

    def _cell(self, row: Row, column: int, role):
        record = row.record
        if role in _TEXT_ROLES:
            lang = current_language()
            if column == 0:
                return self.form_title(record)
            if column == 1:
                return self.ctx.index.country(record.country, lang)
            if column == 2:
                return record.period
            if column == 3:
                return LANGUAGE_NAMES.get(record.language, record.language)
            if column == 4:
                text = tr(STATUS_LABELS.get(record.status, record.status))
                return text + (f" ({record.revision})" if record.revision > 1 else "")
            if column == 5:
                text = f"{row.percent} %"
                if role != Qt.DisplayRole and row.errors:
                    text += "; " + ntr("{n} error", "{n} errors", row.errors)
                return text
            if column == 6:
                return format_datetime(record.updated_at, lang)
        if role == SORT:
            if column == 5:
                return row.percent
            if column == 6:
                return record.updated_at.timestamp()
            return self._cell(row, column, Qt.DisplayRole)
        if role == Qt.UserRole:
            return record.id
        return None


#: The completeness bar's size in the list, in device-independent pixels.
BAR_SIZE = (56, 12)
_bars: dict[tuple[int, float, int], QPixmap] = {}


def completeness_bar(percent: int, ratio: float) -> QPixmap:
    """The completeness bar for ``percent``, for a screen of device pixel ``ratio``.

    Shown as the cell's decoration by Qt's own delegate, beside the percentage: a Python
    delegate painting the cell cost about 20 ms of the window's start (issue 10), the calls
    from Qt into Python for every cell of the column more than the drawing. Made once per
    percentage, screen and palette; framed and filled with the palette's own colours.
    """
    palette = QApplication.palette()
    key = (percent, ratio, palette.cacheKey())
    bar = _bars.get(key)
    if bar is None:
        width, height = BAR_SIZE
        bar = QPixmap(round(width * ratio), round(height * ratio))
        bar.setDevicePixelRatio(ratio)
        bar.fill(palette.base().color())
        painter = QPainter(bar)
        # A shade darker than the selection, so that the bar still shows on a selected row.
        painter.fillRect(1, 1, round((width - 2) * percent / 100), height - 2, palette.highlight().color().darker(125))
        painter.setPen(palette.mid().color())
        painter.drawRect(0, 0, width - 1, height - 1)
        painter.end()
        _bars[key] = bar
    return bar


class ReportList(QWidget):
    """The list page of the main window."""

    open_requested = Signal(int)
    new_requested = Signal()
    selection_changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.heading = plain_label(self)
        self.heading.setObjectName("pageTitle")
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("primary")
        self.open_button = QPushButton(self)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        # Follows its items' width: sized once, it clipped the longer Russian labels.
        self.status_filter.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.show_deleted = QCheckBox(self)
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        bar.addSpacing(16)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.show_deleted)
        layout.addLayout(bar)
        self.model = ReportModel(ctx, self)
        self._fitted: tuple[int, str] | None = None  # what fit_columns last measured
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        # Newest first, as the store lists them (updated_at, then id, descending): the header
        # shows that order without the proxy sorting a thousand rows again at every reload.
        # A click on a header sorts as usual.
        self.proxy.sort(-1)
        header = self.view.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(LAST_EDITED, Qt.DescendingOrder)
        header.blockSignals(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setIconSize(QSize(*BAR_SIZE))  # the completeness bar (the only decoration)
        self.model.bar_ratio = self.view.devicePixelRatioF
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)  # the others: fit_columns, then by hand
        header.setMinimumSectionSize(90)
        layout.addWidget(self.view, 1)
        self.empty = plain_label(self)
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.view.activated.connect(lambda _: self._open())  # Enter and double-click (not doubleClicked: twice)
        self.open_button.clicked.connect(self._open)
        self.new_button.clicked.connect(self.new_requested)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.status_filter.currentIndexChanged.connect(self._status_filter)
        self.show_deleted.toggled.connect(self._toggle_deleted)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.retranslate_ui()
        self.reload()

    def _selection_changed(self, *_: object) -> None:
        self.selection_changed.emit()

    def _toggle_deleted(self, deleted: bool) -> None:
        self.model.deleted = deleted
        self.reload()

    def _status_filter(self, index: int) -> None:
        status = self.status_filter.itemData(index)
        self.proxy.setFilterKeyColumn(4 if status else -1)
        self.proxy.setFilterFixedString(tr(STATUS_LABELS[status]) if status else self.filter.text())

    def reload(self) -> None:
        selected = self.current_id()
        # The columns sized to their contents follow by themselves (no resizeColumnsToContents).
        self.model.reload()
        self.fit_columns()
        if selected is not None:
            self.select(selected)
        elif self.proxy.rowCount():
            self.view.selectRow(0)
        self._update_empty()
        self.selection_changed.emit()

    def fit_columns(self) -> None:
        """Size each column but the form's to its header and the text of its first rows.

        Qt's ResizeToContents asks the model for a dozen roles of every measured cell at each
        layout, and the window's start paid about 40 ms for it (issue 10). The texts are
        formatted once (the model keeps them), so measuring them here costs little; the
        columns can then be widened by hand, until the next reload or change of language.
        """
        fitted = (self.model.generation, current_language())
        if fitted == self._fitted:
            return  # the same texts as last time (the window retranslates once as it is built)
        self._fitted = fitted
        header = self.view.horizontalHeader()
        cells, heads = self.view.fontMetrics(), header.fontMetrics()
        rows = min(len(self.model.rows), RESIZE_PRECISION)
        for column in range(1, len(COLUMNS)):
            texts = {self.model.text(row, column) for row in range(rows)}
            width = max((cells.horizontalAdvance(text) for text in texts), default=0) + CELL_MARGIN
            if column == COMPLETENESS:
                width += BAR_SIZE[0] + 6  # the bar before the percentage
            title = heads.horizontalAdvance(str(self.model.headerData(column, Qt.Horizontal))) + HEADER_MARGIN
            header.resizeSection(column, max(width, title, header.minimumSectionSize()))

    def select(self, report_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(Qt.UserRole) == report_id:
                self.view.selectRow(row)
                return

    def current_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(Qt.UserRole) if rows else None

    def current_record(self) -> ReportRecord | None:
        rid = self.current_id()
        return next((r.record for r in self.model.rows if r.record.id == rid), None)

    def _open(self) -> None:
        rid = self.current_id()
        if rid is not None and not self.model.deleted:
            self.open_requested.emit(rid)

    def _update_empty(self) -> None:
        if self.model.deleted:
            text = tr("Deleted reports can be restored from here.") if self.model.rows else tr("No deleted reports.")
        else:
            text = "" if self.model.rows else tr("No reports yet. Start one with “New report…” (Ctrl+N).")
        self.empty.setText(text)
        self.empty.setVisible(bool(text))

    def retranslate_ui(self) -> None:
        self.heading.setText(tr("Reports"))
        self.new_button.setText(tr("New report…"))
        self.open_button.setText(tr("Open"))
        self.filter.setPlaceholderText(tr("Filter by form, country, period…"))
        self.filter.setAccessibleName(tr("Filter reports"))
        self.show_deleted.setText(tr("Show deleted reports"))
        current = self.status_filter.currentIndex()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(tr("All statuses"), None)
        for status, label in STATUS_LABELS.items():
            self.status_filter.addItem(tr(label), status)
        self.status_filter.setCurrentIndex(max(current, 0))
        self.status_filter.blockSignals(False)
        self.view.setAccessibleName(tr("Reports"))
        self.model.retranslate()
        self.fit_columns()
        self._update_empty()
