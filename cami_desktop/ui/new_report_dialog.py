"""New report: form, country, period and report language; warns of a report already there."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from ..core.errors import CamiError
from ..core.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, tr
from ..core.reports import create_report, parse_period
from .language import connect_retranslate


class NewReportDialog(QDialog):
    """Asks what to report on, then creates the report (pre-filled from the profile)."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = None
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.form_box = QComboBox(self)
        self.country_box = QComboBox(self)
        self.period = QLineEdit(self)
        self.language_box = QComboBox(self)
        self.form_label, self.country_label = QLabel(self), QLabel(self)
        self.period_label, self.language_label = QLabel(self), QLabel(self)
        for label, widget in ((self.form_label, self.form_box), (self.country_label, self.country_box),
                              (self.period_label, self.period), (self.language_label, self.language_box)):
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.warning = QLabel(self)
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for form_ in ctx.library:
            self.form_box.addItem("", form_.id)
        for item in ctx.library.reference.lists["range_states"].items:
            self.country_box.addItem("", item.key)
        for lang in LANGUAGES:
            self.language_box.addItem(LANGUAGE_NAMES[lang], lang)
        self.language_box.setCurrentIndex(LANGUAGES.index(current_language()))
        country = (ctx.store.get_setting("profile") or {}).get("country")
        if country:
            self.country_box.setCurrentIndex(max(0, self.country_box.findData(country)))
        year = dt.date.today().year
        self.period.setText(f"{year - 3}-{year - 1}")
        for signal in (self.form_box.currentIndexChanged, self.country_box.currentIndexChanged,
                       self.period.textChanged):
            signal.connect(self._check)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        lang = current_language()
        self.setWindowTitle(tr("New report"))
        self.form_label.setText(tr("&Form"))
        self.country_label.setText(tr("&Country"))
        self.period_label.setText(tr("&Period"))
        self.language_label.setText(tr("Report &language"))
        self.period.setPlaceholderText(tr("a year (2025) or years (2022-2025)"))
        for index, form in enumerate(self.ctx.library):
            self.form_box.setItemText(index, form.title.get(lang))
        ref = self.ctx.library.reference.lists["range_states"]
        for index, item in enumerate(ref.items):
            self.country_box.setItemText(index, item.label.get(lang))
        self.language_box.setToolTip(tr("The language the answers are written in."))
        self._check()

    def values(self) -> dict:
        return {"form_id": self.form_box.currentData(), "country": self.country_box.currentData(),
                "period": self.period.text().strip(), "language": self.language_box.currentData()}

    def _check(self, *_: object) -> None:
        values = self.values()
        ok = True
        text = ""
        try:
            parse_period(values["period"])
        except CamiError as exc:
            ok, text = False, exc.translated()
        else:
            existing = self.ctx.store.find_reports(form_id=values["form_id"], country=values["country"],
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

    from ..core.forms import default_library
    from ..core.store import Store
    from .context import AppContext
    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    with Store.open(folder, app_version="preview") as store:
        dialog = NewReportDialog(AppContext(store, default_library(), folder))
        dialog.exec()
        print(dialog.record)
