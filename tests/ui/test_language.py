"""Switching the language changes the visible texts at once, Qt's own buttons included."""
from __future__ import annotations


from PySide6.QtWidgets import QDialogButtonBox

from cami_desktop.core import i18n
from cami_desktop.ui.new_report_dialog import NewReportDialog
from cami_desktop.ui.settings_dialog import SettingsDialog


def test_language_menu_switches_everything_and_persists(app, qtbot):
    record = app.report(language="ru")
    editor = app.window.open_report(record.id)
    editor.goto_question("fp_address")
    dialog = NewReportDialog(app.ctx, app.window)
    cancel = dialog.buttons.button(QDialogButtonBox.Cancel)
    assert cancel.text().replace("&", "") == "Cancel"
    row = editor.row("fp_address")
    section = editor.form.section_index["general"]
    app.window.report_list.reload()

    app.window.actions.languages["ru"].trigger()

    assert i18n.current_language() == "ru"
    assert app.store.get_setting("language") == "ru"
    assert cancel.text().replace("&", "") == "Отмена"  # Qt's bundled qtbase_ru catalog
    assert row.label.text().startswith(row.question.label.ru.split()[0])
    assert editor.tree.items["general"].text(0).endswith(section.title.ru)
    model = app.window.report_list.model
    assert model.data(model.index(0, 0)) == editor.form.title.ru
    assert app.window.menuBar().actions()[0].text() == app.window.actions.menus["file"].title()
    assert dialog.form_box.currentText() in {f.short_title.ru for f in app.ctx.library}
    assert dialog.form_title.text() in {f.title.ru for f in app.ctx.library}  # the full title beneath
    assert app.window.actions.languages["ru"].isChecked()
    dialog.close()

    app.window.actions.languages["en"].trigger()
    assert cancel.text().replace("&", "") == "Cancel"
    assert row.label.text().startswith(row.question.label.en.split()[0])


def test_russian_plurals_render_in_the_messages_summary(app):
    assert i18n.ntr("{n} answer", "{n} answers", 1) == "1 answer"
    app.window.set_language("ru")
    record = app.report()
    editor = app.window.open_report(record.id)
    summary = editor.messages.summary.text()
    assert summary and any(ch.isdigit() for ch in summary)


def test_settings_profile_prefills_new_report(app, qtbot):
    dialog = SettingsDialog(app.ctx, app.window)
    dialog.profile_edits["name"].setText("Bakyt Asanov")
    dialog.profile_edits["institution"].setText("Ministry of Natural Resources")
    dialog.country.setCurrentIndex(dialog.country.findData("KG"))
    dialog.secretariat.setText("cami@cms.int")
    dialog.accept()
    assert app.store.get_setting("profile")["name"] == "Bakyt Asanov"
    assert app.store.get_setting("secretariat_email") == "cami@cms.int"
    new = NewReportDialog(app.ctx, app.window)
    assert new.country_box.currentData() == "KG"
    new.form_box.setCurrentIndex(new.form_box.findData("saiga-mou"))
    new.accept()
    assert app.store.answers(new.record.id)["fp_name"] == "Bakyt Asanov"


def test_backup_now_and_restore(app, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    first = app.report()
    dialog = SettingsDialog(app.ctx, app.window)
    dialog.restored.connect(app.window._after_restore)  # as the Settings menu does
    dialog.backup_now.click()  # in the background
    qtbot.waitUntil(lambda: dialog.backups.topLevelItemCount() >= 1 and dialog.restore.isEnabled(),
                    timeout=30000)
    app.report(country="MN")
    assert len(app.store.list_reports()) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    manual = [i for i in range(dialog.backups.topLevelItemCount())
              if "hand" in dialog.backups.topLevelItem(i).text(1)]
    dialog.backups.setCurrentItem(dialog.backups.topLevelItem(manual[0] if manual else 0))
    with qtbot.waitSignal(dialog.restored, timeout=30000):
        dialog.restore.click()
    assert [r.id for r in app.store.list_reports()] == [first.id]
    assert app.window.report_list.model.rows[0].record.id == first.id


def test_dates_name_the_month_in_either_language(qapp):
    import datetime as dt

    from cami_desktop.ui.language import format_date, format_datetime

    moment = dt.datetime(2026, 3, 5, 16, 7)  # naive: taken as local time
    assert format_datetime(moment, "en") == "5 Mar 2026, 16:07"
    assert format_datetime(moment, "ru") == "5 мар. 2026, 16:07"
    assert format_date("2026-05-01", "ru") == "1 мая 2026"
    assert format_date(moment.replace(tzinfo=dt.timezone.utc), "en").endswith("Mar 2026")
    assert format_date("not a date", "en") == "not a date" and format_date(None) == ""
