"""The new-report dialog's "Start from an earlier report": the reports of the same form and reporter.

Any version of the form is offered (answers are mapped by question key); the core's
:func:`~cami_desktop.core.cycle.start_from` does the carrying over.
"""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ...core import cycle
from ...core.errors import CamiError
from ...core.forms.reporters import reporter_of
from ...core.i18n import tr
from ...core.store.records import STATUS_LABELS
from ..plain import plain_label

BLANK = None


class CarrySource:
    """A label and a combo box for the dialog's form layout."""

    def __init__(self, ctx, parent: QWidget) -> None:
        self.ctx = ctx
        self.label = plain_label(parent)
        self.box = QComboBox(parent)
        self.box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.box.setMinimumContentsLength(24)
        self.label.setBuddy(self.box)
        self._key: tuple | None = None
        self.records = []
        # The dialog's language follows the report chosen: the next report of a Russian report
        # is written in Russian too, unless the person picks otherwise afterwards.
        self.language_box: QComboBox | None = getattr(parent, "language_box", None)
        self.box.currentIndexChanged.connect(self._source_chosen)

    def _source_chosen(self, _index: int) -> None:
        record = next((r for r in self.records if r.id == self.chosen()), None)
        if record is not None and self.language_box is not None:
            index = self.language_box.findData(record.language)
            if index >= 0:
                self.language_box.setCurrentIndex(index)

    def retranslate_ui(self) -> None:
        self.label.setText(tr("&Start from"))
        self.box.setToolTip(tr("Copy the answers of an earlier report of this form and country; "
                               "each one is marked to be confirmed or changed."))
        self._key = None  # relabel on the next fill

    def fill(self, form_id: str, country: str, organization: str) -> None:
        """Offer the earlier reports of this form and reporter (the newest period first)."""
        form = self.ctx.library.get(form_id)
        try:
            reporter = reporter_of(form, country=country, organization=organization)
        except CamiError:
            reporter = None
        key = (form_id, reporter)
        if key == self._key:
            return
        self._key = key
        chosen = self.chosen()
        self.records = sorted(
            (r for r in self.ctx.store.list_reports()
             if reporter and r.form_id == form_id and r.country.upper() == reporter.upper()),
            key=lambda r: (r.period, r.revision, r.id), reverse=True)
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItem(tr("A blank report"), BLANK)
        for r in self.records:
            text = tr("Report {period}, revision {revision} ({status}; form version {version})",
                      period=r.period, revision=r.revision, status=tr(STATUS_LABELS.get(r.status, r.status)),
                      version=r.form_version)
            self.box.addItem(text, r.id)
        self.box.setCurrentIndex(max(0, self.box.findData(chosen)))
        self.box.blockSignals(False)
        self.box.setEnabled(bool(self.records))

    def chosen(self) -> int | None:
        return self.box.currentData()

    def choose(self, report_id: int) -> None:
        self.box.setCurrentIndex(self.box.findData(report_id))

    def start(self, values: dict) -> cycle.CarryResult:
        """Create the new report from the chosen one (raises CamiError with a clear message)."""
        return cycle.start_from(self.ctx.store, self.ctx.library, self.chosen(), period=values["period"],
                                language=values["language"])
