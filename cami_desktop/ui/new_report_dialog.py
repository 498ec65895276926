"""New report: form, who reports (a country, or an organization where the form allows it), period
and report language; warns of a report already there."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLineEdit, QVBoxLayout, QWidget)

from ..core.errors import CamiError
from ..core.forms.reporters import form_countries, reporter_of
from ..core.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, tr
from ..core.reports.session import create_report, parse_period
from .cycle.carry_source import CarrySource
from .language import connect_retranslate
from .plain import plain_label

ORGANIZATION = ""  # the country box's item for "an organization reports"


class NewReportDialog(QDialog):
    """Asks what to report on, then creates the report (pre-filled from the profile)."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = None
        self.carried = None  # the core's CarryResult when started from an earlier report
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.rows = QFormLayout()
        self.form_box = QComboBox(self)
        self.country_box = QComboBox(self)
        self.organization = QLineEdit(self)
        self.period = QLineEdit(self)
        self.language_box = QComboBox(self)
        for box in (self.form_box, self.country_box):
            # Long form and country names must not squeeze the labels (Russian ones are longer).
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(24)
        self.form_label, self.country_label = plain_label(self), plain_label(self)
        self.organization_label = plain_label(self)
        self.period_label, self.language_label = plain_label(self), plain_label(self)
        for label, widget in ((self.form_label, self.form_box), (self.country_label, self.country_box),
                              (self.organization_label, self.organization),
                              (self.period_label, self.period), (self.language_label, self.language_box)):
            label.setBuddy(widget)
            self.rows.addRow(label, widget)
            if widget is self.form_box:
                # The combo names the form briefly; its full title (up to 130 characters in
                # Russian) would be cut at the dialog's edge, so it is shown whole beneath.
                self.form_title = plain_label(self)
                self.form_title.setObjectName("hint")
                self.form_title.setWordWrap(True)
                self.rows.addRow("", self.form_title)
        self.source = CarrySource(ctx, self)  # "Start from an earlier report" (issue 11)
        self.rows.addRow(self.source.label, self.source.box)
        layout.addLayout(self.rows)
        self.warning = plain_label(self)
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for form_ in ctx.library:
            self.form_box.addItem("", form_.id)
        for lang in LANGUAGES:
            self.language_box.addItem(LANGUAGE_NAMES[lang], lang)
        self.language_box.setCurrentIndex(LANGUAGES.index(current_language()))
        # The country wanted (the profile's, then the last one chosen) is kept across forms.
        self.wanted = (ctx.store.get_setting("profile") or {}).get("country")
        self.form_box.setCurrentIndex(self._first_form_for(self.wanted))
        year = dt.date.today().year
        self.period.setText(f"{year - 3}-{year - 1}")
        self.form_box.currentIndexChanged.connect(self._fill_countries)
        self.form_box.currentIndexChanged.connect(self._show_title)
        self.country_box.currentIndexChanged.connect(self._country_chosen)
        for signal in (self.form_box.currentIndexChanged, self.country_box.currentIndexChanged,
                       self.period.textChanged, self.organization.textChanged):
            signal.connect(self._check)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        lang = current_language()
        self.setWindowTitle(tr("New report"))
        self.form_label.setText(tr("&Form"))
        self.country_label.setText(tr("&Country"))
        self.organization_label.setText(tr("&Organization"))
        self.organization.setPlaceholderText(tr("The organization, Scientific Council member or expert "
                                                "that reports"))
        self.period_label.setText(tr("&Period"))
        self.language_label.setText(tr("Report &language"))
        self.period.setPlaceholderText(tr("a year (2025) or years (2022-2025)"))
        for index, form in enumerate(self.ctx.library):
            self.form_box.setItemText(index, form.short_title.get(lang))
            self.form_box.setItemData(index, form.title.get(lang), Qt.ToolTipRole)
        self._show_title()
        self._fill_countries()
        self.language_box.setToolTip(tr("The language the answers are written in."))
        self.source.retranslate_ui()
        self._check()

    def _show_title(self, *_args) -> None:
        self.form_title.setText(self._form().title.get(current_language()))

    def _form(self):
        return self.ctx.library.get(self.form_box.currentData())

    def _first_form_for(self, country: str | None) -> int:
        """The first form the country may file (a Bukhara deer report is not for everyone)."""
        for index, form in enumerate(self.ctx.library):
            if country in {item.key for item in form_countries(form)}:
                return index
        return 0

    def _country_chosen(self, *_: object) -> None:
        self.wanted = self.country_box.currentData()

    def _fill_countries(self, *_: object) -> None:
        """The countries that may file the chosen form, by name in the interface language."""
        lang = current_language()
        form = self._form()
        chosen = self.wanted
        items = sorted(form_countries(form), key=lambda item: item.label.get(lang).casefold())
        self.country_box.blockSignals(True)
        self.country_box.clear()
        for item in items:
            self.country_box.addItem(item.label.get(lang), item.key)
        if form.organization_reporter:
            self.country_box.addItem(tr("An organization (not a country)"), ORGANIZATION)
        self.country_box.setCurrentIndex(max(0, self.country_box.findData(chosen)))
        self.country_box.blockSignals(False)
        self._show_organization()

    def _show_organization(self) -> None:
        by_organization = self.country_box.currentData() == ORGANIZATION
        self.rows.setRowVisible(self.organization, by_organization)

    def values(self) -> dict:
        country = self.country_box.currentData() or ""
        return {"form_id": self.form_box.currentData(), "country": country,
                "organization": self.organization.text() if country == ORGANIZATION else "",
                "period": self.period.text().strip(), "language": self.language_box.currentData()}

    def _check(self, *_: object) -> None:
        self._show_organization()
        values = self.values()
        self.source.fill(values["form_id"], values["country"], values["organization"])
        ok, text = True, ""
        try:
            reporter = reporter_of(self._form(), country=values["country"],
                                   organization=values["organization"])
            parse_period(values["period"])
        except CamiError as exc:
            # an organization's name not typed yet is no mistake to point out
            ok, text = False, "" if values["country"] == ORGANIZATION and not values["organization"].strip() \
                else exc.translated()
        else:
            existing = self.ctx.store.find_reports(form_id=values["form_id"], country=reporter,
                                                   period=values["period"])
            if existing:
                text = tr("A report on this form for this country and period already exists. "
                          "You can still create another one.")
        self.warning.setText(text)
        self.warning.setVisible(bool(text))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ok)
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("Create"))

    def accept(self) -> None:
        try:
            if self.source.chosen() is not None:
                self.carried = self.source.start(self.values())
                self.record = self.carried.record
            else:
                self.record = create_report(self.ctx.store, self.ctx.library, **self.values())
        except CamiError as exc:
            self.warning.setText(exc.translated())
            self.warning.show()
            return
        super().accept()


if __name__ == "__main__":
    import sys
    import tempfile
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ..core.forms.library import default_library
    from ..core.store import Store
    from .context import AppContext
    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    with Store.open(folder, app_version="preview") as store:
        dialog = NewReportDialog(AppContext(store, default_library(), folder))
        dialog.exec()
        print(dialog.record)
