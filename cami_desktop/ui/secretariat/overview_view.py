"""The overview of one form and period across the 14 Range States, and the compiled report's export.

Tabs: the Range States; for the Programme of Work forms the activity × country matrix (coloured
by status, with a legend and filters by objective, priority and species); for the MoU forms the
key figures side by side; and charts. Everything is rendered from one
:class:`~cami_desktop.core.secretariat.overview.Overview`, rebuilt when the form, the period or
the interface language changes (free texts are gathered for the language shown).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QPushButton, QScrollArea,
                               QTabWidget, QVBoxLayout, QWidget)

from ...core.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, tr
from ...core.secretariat.overview import Overview, build_overview
from ...core.secretariat.views import STATUS_COLOURS, title_lines
from ..background import run_in_background, show_error
from ..language import language
from ..plain import plain_label
from . import charts
from .export import COMPILED_FOLDER, PDF, WORKBOOK, CompiledRequest, default_folder, default_name, write_compiled
from .tables import fill_figures, fill_matrix, fill_states, make_table

STATES_TAB, MATRIX_TAB, FIGURES_TAB, CHARTS_TAB = range(4)


class OverviewView(QWidget):
    """Choose a form and period; see the Range States, the matrix or key figures, charts; export."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: Overview | None = None
        self.last_export: Path | None = None
        self.setObjectName("secretariatOverview")
        layout = QVBoxLayout(self)
        choose = QHBoxLayout()
        self.form_label, self.form = plain_label(self), QComboBox(self)
        self.period_label, self.period = plain_label(self), QComboBox(self)
        self.period.setEditable(True)  # a period nobody has reported for yet can be typed
        self.period.setMinimumContentsLength(10)
        self.form.setSizeAdjustPolicy(QComboBox.AdjustToContents)  # a form's title is not cut
        for label, combo in ((self.form_label, self.form), (self.period_label, self.period)):
            label.setBuddy(combo)
            choose.addWidget(label)
            choose.addWidget(combo)
        choose.addStretch(1)
        self.lang_label, self.export_lang = plain_label(self), QComboBox(self)
        self.lang_label.setBuddy(self.export_lang)
        for lang in LANGUAGES:
            self.export_lang.addItem(LANGUAGE_NAMES[lang], lang)  # languages by their own names
        self.export_xlsx, self.export_pdf = QPushButton(self), QPushButton(self)
        self.export_xlsx.clicked.connect(lambda: self.export(WORKBOOK))
        self.export_pdf.clicked.connect(lambda: self.export(PDF))
        for widget in (self.lang_label, self.export_lang, self.export_xlsx, self.export_pdf):
            choose.addWidget(widget)
        layout.addLayout(choose)
        self.subtitle = plain_label(self)
        self.subtitle.setObjectName("pageIntro")
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.subtitle)
        self.export_status = plain_label(self)
        self.export_status.setWordWrap(True)
        self.export_status.hide()  # until something was exported: an empty label still takes a line
        layout.addWidget(self.export_status)
        self.tabs = QTabWidget(self)
        self.states = make_table(self.tabs)
        self.tabs.addTab(self.states, "")
        self.tabs.addTab(self._matrix_page(), "")
        self.figures = make_table(self.tabs)
        self.tabs.addTab(self.figures, "")
        self.tabs.addTab(self._charts_page(), "")
        layout.addWidget(self.tabs, 1)
        self._fill_forms()
        self.form.currentIndexChanged.connect(lambda _i: self.reload_periods())
        self.period.activated.connect(lambda _i: self._period_chosen())
        self.period.lineEdit().editingFinished.connect(self._period_chosen)
        self._fill_periods()
        language().changed.connect(self.retranslate_ui)
        self.retranslate_ui()  # shows the overview

    def _matrix_page(self) -> QWidget:
        page = QWidget(self.tabs)
        column = QVBoxLayout(page)
        row = QHBoxLayout()
        self.filter_labels = [plain_label(page) for _ in range(3)]
        self.objective, self.priority, self.species = QComboBox(page), QComboBox(page), QComboBox(page)
        for label, combo in zip(self.filter_labels, (self.objective, self.priority, self.species)):
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.show_matrix())
            row.addWidget(label)
            row.addWidget(combo)
        row.addStretch(1)
        column.addLayout(row)
        self.legend = charts.Legend(page)
        column.addWidget(self.legend)
        self.matrix = make_table(page)
        column.addWidget(self.matrix, 1)
        return page

    def _charts_page(self) -> QWidget:
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        column = QVBoxLayout(inner)
        self.charts = [charts.BarChart(inner) for _ in range(3)]
        for chart in self.charts:
            column.addWidget(chart)
        column.addStretch(1)
        scroll.setWidget(inner)
        return scroll

    # -- choices ---------------------------------------------------------------------------------
    def _fill_forms(self) -> None:
        current = self.form.currentData()
        self.form.blockSignals(True)
        self.form.clear()
        for form in self.ctx.library:
            self.form.addItem(form.short_title.get(current_language()), form.id)
        self.form.setCurrentIndex(max(0, self.form.findData(current or self._received_form())))
        self.form.blockSignals(False)

    def _received_form(self) -> str | None:
        received = [f for f, _ in self.ctx.store.submission_periods()]
        return received[0] if received else None

    def reload_periods(self) -> None:
        """Offer the periods received for the chosen form again, and show the overview.

        With nothing shown yet (e.g. the first import into an empty inbox), a form that was
        received is chosen, so the overview shows something at once.
        """
        if self.overview is None and not self.ctx.store.submission_periods(self.form.currentData()):
            wanted = self._received_form()
            if wanted is not None:
                self.form.blockSignals(True)
                self.form.setCurrentIndex(self.form.findData(wanted))
                self.form.blockSignals(False)
        self._fill_periods()
        self.refresh()

    def _fill_periods(self) -> None:
        """The periods received for the chosen form, newest first; the chosen one kept if still there."""
        current = self.period.currentText().strip()
        periods = sorted({p for _, p in self.ctx.store.submission_periods(self.form.currentData())}, reverse=True)
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItems(periods)
        if current in periods or (current and not periods):
            self.period.setCurrentText(current)
        elif periods:
            self.period.setCurrentIndex(0)
        self.period.blockSignals(False)

    def choose(self, form_id: str, period: str) -> None:
        """Show ``form_id`` for ``period`` (as if chosen in the lists), building the overview once."""
        self.form.blockSignals(True)
        self.form.setCurrentIndex(self.form.findData(form_id))
        self.form.blockSignals(False)
        self._fill_periods()
        self.period.setCurrentText(period)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------------
    def _period_chosen(self) -> None:
        """A period picked or typed: built only if not shown already (Enter emits both signals)."""
        shown = self.overview
        if (shown is not None and shown.form.id == self.form.currentData()
                and shown.period == self.period.currentText().strip()):
            return
        self.refresh()

    def refresh(self) -> None:
        """Build the overview of the chosen form and period in the interface language, and show it."""
        form_id, period = self.form.currentData(), self.period.currentText().strip()
        self.overview = None
        if form_id and period:
            try:
                self.overview = build_overview(self.ctx.store, self.ctx.library, form_id, period,
                                               lang=current_language())
            except Exception as exc:  # noqa: BLE001 - shown as a message; the view stays usable
                show_error(self, exc)
        overview = self.overview
        for button in (self.export_xlsx, self.export_pdf):
            button.setEnabled(overview is not None)
        self.tabs.setTabVisible(MATRIX_TAB, overview is not None and overview.activities is not None)
        self.tabs.setTabVisible(FIGURES_TAB, overview is not None and overview.figures is not None)
        if overview is None:
            self.subtitle.setText(tr("Choose a form and a reporting period."))
            self.states.setRowCount(0)
            return
        self.subtitle.setText(title_lines(overview, current_language())[1])
        fill_states(self.states, overview)
        if overview.figures is not None:
            fill_figures(self.figures, overview)
        if overview.activities is not None:
            self._fill_filters()
            self.show_matrix()  # with the charts, which follow the matrix filters
        else:
            self._show_charts()

    def _fill_filters(self) -> None:
        matrix, lang = self.overview.activities, current_language()
        species_names = {i.key: i.label for i in self.ctx.library.reference.lists["species"].items}
        choices = (
            (self.objective, tr("All objectives"), [(k, t.get(lang)) for k, t in matrix.objectives.items()]),
            (self.priority, tr("All priorities"), [(p.en, p.get(lang)) for p in matrix.priorities()]),
            (self.species, tr("All species"),
             [(s, species_names[s].get(lang) if s in species_names else s) for s in matrix.species()]),
        )
        for combo, everything, items in choices:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value, label in items:
                combo.addItem(_short(label), value)
                combo.setItemData(combo.count() - 1, label, Qt.ToolTipRole)  # the whole title
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.setEnabled(bool(items))
            combo.blockSignals(False)

    def filters(self) -> dict[str, str | None]:
        return {"objective": self.objective.currentData(), "priority": self.priority.currentData(),
                "species": self.species.currentData()}

    def show_matrix(self) -> None:
        """The matrix with the chosen filters, and its legend."""
        if self.overview is None or self.overview.activities is None:
            return
        matrix = self.overview.activities.filtered(**self.filters())
        fill_matrix(self.matrix, self.overview, matrix)
        lang = current_language()
        entries = [(STATUS_COLOURS.get(v, "FFFFFF"), t.get(lang)) for v, t in matrix.statuses.items()]
        self.legend.set_entries(entries)
        self.legend.setAccessibleName(self.legend.text())
        self._show_charts(matrix)

    def _show_charts(self, matrix=None) -> None:
        """The charts; ``matrix``: the filtered activities when the caller has them already."""
        overview = self.overview
        if overview is None:
            return
        if overview.activities is not None:  # the status chart follows the matrix filters
            if matrix is None:
                matrix = overview.activities.filtered(**self.filters())
            overview = _with_matrix(overview, matrix)
        made = [charts.submissions_chart(overview), charts.status_chart(overview), charts.population_chart(overview)]
        for chart, data in zip(self.charts, made):
            chart.setVisible(data is not None)
            if data is not None:
                chart.set_data(data)

    def retranslate_ui(self, *_args) -> None:
        self.form_label.setText(tr("&Form:"))
        self.period_label.setText(tr("&Period:"))
        self.lang_label.setText(tr("Report &language:"))
        self.export_xlsx.setText(tr("Export &workbook…"))
        self.export_pdf.setText(tr("Export P&DF…"))
        for label, text in zip(self.filter_labels, (tr("Objective:"), tr("Priority:"), tr("Species:"))):
            label.setText(text)
        for index, text in ((STATES_TAB, tr("Range States")), (MATRIX_TAB, tr("Activities")),
                            (FIGURES_TAB, tr("Key figures")), (CHARTS_TAB, tr("Charts"))):
            self.tabs.setTabText(index, text)
        for table, index in ((self.states, STATES_TAB), (self.matrix, MATRIX_TAB), (self.figures, FIGURES_TAB)):
            table.setAccessibleName(self.tabs.tabText(index))  # what a screen reader says on entering it
        for index, form in enumerate(self.ctx.library):
            self.form.setItemText(index, form.short_title.get(current_language()))
        self._show_export_status()
        self.refresh()

    # -- export ----------------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        """Ask where, then write the compiled workbook or PDF on the background helper."""
        if self.overview is None:
            return
        form_id, period, lang = self.overview.form.id, self.overview.period, self.export_lang.currentData()
        suggested = default_folder(self.ctx.store) / default_name(form_id, period, lang, kind)
        pattern = tr("Excel workbook (*.xlsx)") if kind == WORKBOOK else tr("PDF document (*.pdf)")
        name, _ = QFileDialog.getSaveFileName(self, tr("Export the compiled report"), str(suggested), pattern)
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")
        request = CompiledRequest(form_id, period, lang, kind, path, **self.filters())
        store, library = self.ctx.store, self.ctx.library
        for button in (self.export_xlsx, self.export_pdf):
            button.setEnabled(False)

        def work(progress):
            return write_compiled(store, library, request, progress)

        def failed(error: BaseException) -> None:
            self._exported(None)
            show_error(self, error)
        run_in_background(self, tr("Writing the compiled report…"), work, self._exported, failed)

    def _enable_export(self) -> None:
        for button in (self.export_xlsx, self.export_pdf):
            button.setEnabled(self.overview is not None)

    def _exported(self, path: Path | None) -> None:
        self._enable_export()
        if path is None:
            return
        self.last_export = path
        self.ctx.store.set_setting(COMPILED_FOLDER, str(path.parent))
        self._show_export_status()

    def _show_export_status(self) -> None:
        if self.last_export is not None:
            self.export_status.setText(tr("Compiled report saved: {path}", path=str(self.last_export)))
            self.export_status.show()


def _with_matrix(overview: Overview, matrix) -> Overview:
    return replace(overview, activities=matrix)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
