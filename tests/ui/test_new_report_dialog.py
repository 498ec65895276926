"""The new-report dialog offers each form's own countries, and an organization where allowed."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from cami_desktop.core.reports.session import create_report
from cami_desktop.ui.language import language
from cami_desktop.ui.new_report_dialog import ORGANIZATION, NewReportDialog


def _dialog(app, form_id: str) -> NewReportDialog:
    dialog = NewReportDialog(app.ctx, app.window)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData(form_id))
    return dialog


def _offered(dialog: NewReportDialog) -> list:
    return [dialog.country_box.itemData(i) for i in range(dialog.country_box.count())]


def test_each_form_offers_its_own_countries(app):
    dialog = _dialog(app, "bukhara-deer-mou")
    assert sorted(_offered(dialog)) == ["AF", "KZ", "TJ", "TM", "UZ"]
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("saiga-mou"))
    assert len(_offered(dialog)) == 249 and "SG" in _offered(dialog)
    assert ORGANIZATION not in _offered(dialog)
    assert not dialog.organization.isVisibleTo(dialog)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("cami-wp-2026-2032"))
    assert len(_offered(dialog)) == 14
    dialog.close()


def test_a_consumer_state_creates_a_saiga_report(app):
    dialog = _dialog(app, "saiga-mou")
    dialog.country_box.setCurrentIndex(dialog.country_box.findData("SG"))
    dialog.period.setText("2024")
    dialog.accept()
    assert dialog.record is not None and dialog.record.country == "SG"


def test_an_organization_creates_a_concerted_action_report(app):
    dialog = _dialog(app, "concerted-action")
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    dialog.country_box.setCurrentIndex(dialog.country_box.findData(ORGANIZATION))
    assert dialog.organization.isVisibleTo(dialog)
    assert not ok.isEnabled() and not dialog.warning.text()  # nothing typed yet: no scolding
    dialog.organization.setText("a/b")
    assert not ok.isEnabled() and "3 to 80 characters" in dialog.warning.text()
    dialog.organization.setText("Pallas's cat International Conservation Alliance")
    dialog.period.setText("2024-2025")
    assert ok.isEnabled()
    dialog.accept()
    record = dialog.record
    assert record.country == "Pallas's cat International Conservation Alliance"
    assert app.store.answers(record.id)["reporter_name"] == record.country
    # the same organization again: warned, still allowed
    again = _dialog(app, "concerted-action")
    again.country_box.setCurrentIndex(again.country_box.findData(ORGANIZATION))
    again.organization.setText(record.country)
    again.period.setText("2024-2025")
    assert "already exists" in again.warning.text()
    again.close()


def test_country_names_follow_the_language_and_the_choice_is_kept(app):
    dialog = _dialog(app, "saiga-mou")
    dialog.country_box.setCurrentIndex(dialog.country_box.findData("RU"))
    language().set_language("ru")
    assert dialog.country_box.currentData() == "RU"
    assert dialog.country_box.currentText() == "Российская Федерация"
    names = [dialog.country_box.itemText(i) for i in range(dialog.country_box.count())]
    assert names == sorted(names, key=str.casefold)  # in Russian alphabetical order
    dialog.close()


def test_the_report_list_shows_the_organization_and_the_country_name(app):
    create_report(app.store, app.ctx.library, form_id="concerted-action", organization="Manul Working Group",
                  period="2025")
    app.report(form_id="saiga-mou", country="SG", period="2025")
    app.window.report_list.reload()
    model = app.window.report_list.model
    shown = {model.data(model.index(row, 1)) for row in range(model.rowCount())}
    assert shown == {"Manul Working Group", "Singapore"}
    language().set_language("ru")
    shown = {model.data(model.index(row, 1)) for row in range(model.rowCount())}
    assert shown == {"Manul Working Group", "Сингапур"}


def test_the_form_is_named_briefly_and_its_full_title_shown_whole(app, qtbot):
    """A 130-character Russian title was cut in the combo box; it is shown wrapped beneath it."""
    from cami_desktop.ui.language import language
    from cami_desktop.ui.new_report_dialog import NewReportDialog
    language().set_language("ru")
    dialog = NewReportDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    index = dialog.form_box.findData("saiga-mou")
    dialog.form_box.setCurrentIndex(index)
    form = app.ctx.library.get("saiga-mou")
    assert dialog.form_box.currentText() == form.short_title.ru
    assert dialog.form_title.text() == form.title.ru and dialog.form_title.wordWrap()
    assert dialog.form_box.itemData(index, Qt.ToolTipRole) == form.title.ru
    assert dialog.form_box.sizeHint().width() <= dialog.form_box.width()  # the short name fits
