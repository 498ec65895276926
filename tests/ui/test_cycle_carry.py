"""Start from an earlier report: carried answers marked, confirmed, filtered, counted as not done."""
from __future__ import annotations

from cami_desktop.core import cycle
from cami_desktop.ui.new_report_dialog import NewReportDialog


def earlier_report(app):
    record = app.report(period="2019-2021")
    app.store.set_answers(record.id, {"population_estimate": 1200, "presence": "all_year", "estimate_method": "Aerial census"})
    return record


def test_new_report_dialog_starts_from_earlier_report(app, qtbot):
    old = earlier_report(app)
    dialog = NewReportDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("saiga-mou"))
    dialog.country_box.setCurrentIndex(dialog.country_box.findData("KZ"))
    dialog.period.setText("2025-2027")
    assert dialog.source.box.findData(old.id) > 0
    dialog.source.choose(old.id)
    dialog.accept()
    assert dialog.carried is not None
    new_id = dialog.record.id
    assert new_id != old.id
    assert app.store.answers(new_id)["population_estimate"] == 1200
    assert set(cycle.unconfirmed(app.store, new_id)) >= {"population_estimate", "presence", "estimate_method"}


def test_other_country_not_offered(app, qtbot):
    old = earlier_report(app)
    dialog = NewReportDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("saiga-mou"))
    other = next(i for i in range(dialog.country_box.count()) if dialog.country_box.itemData(i) not in ("KZ", ""))
    dialog.country_box.setCurrentIndex(other)
    assert dialog.source.box.findData(old.id) < 0


def carried_editor(app):
    old = earlier_report(app)
    result = cycle.start_from(app.store, app.ctx.library, old.id, period="2025-2027")
    return app.window.open_report(result.record.id), result


def test_carried_answers_marked_and_confirmed(app, qtbot):
    editor, result = carried_editor(app)
    editor.goto_question("population_estimate")
    row = editor.row("population_estimate")
    marks = row.cycle_marks
    assert marks.is_carried()
    assert editor.cycle.bar.isVisibleTo(editor)
    # counted as not done: an error on the question
    assert any(m.key == "population_estimate" for m in editor.review.errors)
    marks.carried.button.click()
    assert "population_estimate" not in app.store.unconfirmed_keys(result.record.id)
    assert not marks.is_carried()
    assert not any(m.key == "population_estimate" for m in editor.review.errors)


def test_changing_an_answer_confirms_it(app, qtbot):
    editor, result = carried_editor(app)
    editor.goto_question("population_estimate")
    row = editor.row("population_estimate")
    row.widget.edit.clear()
    qtbot.keyClicks(row.widget.edit, "1500")
    editor.flush()
    assert "population_estimate" not in app.store.unconfirmed_keys(result.record.id)
    assert not row.cycle_marks.is_carried()


def test_confirm_all_in_section_and_filter(app, qtbot):
    editor, result = carried_editor(app)
    waiting = set(app.store.unconfirmed_keys(result.record.id))
    editor.cycle.bar.only.setChecked(True)
    editor.flush()
    page = editor.pages[editor.current_key]
    shown = {k for k, r in page.rows.items() if r.isVisibleTo(editor)}
    assert shown and shown <= waiting
    section_keys = set(page.rows) & waiting
    editor.cycle.bar.confirm_section.click()
    left = set(app.store.unconfirmed_keys(result.record.id))
    assert not (left & section_keys)
    assert left == waiting - section_keys
    editor.cycle.bar.confirm_all.click()
    assert app.store.unconfirmed_keys(result.record.id) == []
    assert not editor.cycle.bar.text.isVisibleTo(editor)


def test_completeness_counts_carried_answers_as_not_done(app, qtbot):
    editor, result = carried_editor(app)
    item = editor.tree.items["populations"]
    before = item.text(1)
    editor.cycle.confirm(None)
    after = item.text(1)
    assert int(after.split("/")[0]) == int(before.split("/")[0]) + 3  # the three carried answers


def test_marks_follow_a_language_switch(app, qtbot):
    from cami_desktop.ui.language import language
    editor, _ = carried_editor(app)
    editor.goto_question("population_estimate")
    marks = editor.row("population_estimate").cycle_marks
    english = marks.carried.text.text()
    marks.carried.text.setText("stale")
    app.window.cycle_actions.edit_menu.setTitle("stale")
    language().set_language("ru")
    assert marks.carried.text.text() not in ("stale", "")
    assert app.window.cycle_actions.edit_menu.title() not in ("stale", "")
    language().set_language("en")
    assert marks.carried.text.text() == english
    assert app.window.cycle_actions.edit_menu.title() == "&Edit"


def test_a_carried_answer_says_it_waits_once(app, qtbot):
    """The amber band says it (with Confirm); no red copy of the same sentence under it, but the
    list of messages still has it, and another message of the row still shows."""
    editor, result = carried_editor(app)
    editor.goto_question("population_estimate")
    row = editor.row("population_estimate")
    assert row.cycle_marks.is_carried() and row.cycle_marks.isVisibleTo(editor)
    assert not row.message.isVisibleTo(editor)
    assert any(m.key == "population_estimate" for m in editor.review.errors)  # in the list below

    from cami_desktop.core.errors import AnswerError
    editor.invalid["population_estimate"] = AnswerError("Not a number.")  # as a refused entry
    editor.refresh_review()
    assert row.message.isVisibleTo(editor) and row.message.text() == "✖ Not a number."


def test_undo_in_the_window_stops_at_the_carried_answers_and_brings_back_their_mark(app, qtbot):
    editor, result = carried_editor(app)
    undo = app.window.cycle_actions.undo
    app.window.cycle_actions.update()
    assert not undo.isEnabled()  # the carried answers are where the report starts
    editor.goto_question("population_estimate")
    row = editor.row("population_estimate")
    qtbot.keyClicks(row.widget.edit, "5")  # saved as typed: 12005
    editor.flush()
    assert app.store.answers(result.record.id)["population_estimate"] == 12005
    assert not row.cycle_marks.is_carried() and undo.isEnabled()
    undo.trigger()
    assert app.store.answers(result.record.id)["population_estimate"] == 1200
    assert row.widget.edit.text() == "1200"
    assert row.cycle_marks.is_carried() and "population_estimate" in editor.session.unconfirmed
    assert not undo.isEnabled()
    undo.trigger()  # nothing more: the carried answers stay
    assert app.store.answers(result.record.id)["estimate_method"] == "Aerial census"


def test_the_language_follows_the_earlier_report_chosen(app, qtbot):
    old = app.report(period="2019-2021", language="ru")
    dialog = NewReportDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("saiga-mou"))
    dialog.country_box.setCurrentIndex(dialog.country_box.findData("KZ"))
    assert dialog.language_box.currentData() == "en"  # the window's language
    dialog.source.choose(old.id)
    assert dialog.language_box.currentData() == "ru"
    dialog.period.setText("2025-2027")
    dialog.accept()
    assert app.store.get_report(dialog.record.id).language == "ru"


def pow_carried_editor(app):
    """A POW report carried over from one where activity 1.1.1 was not started (its "What was
    done" hidden but stored) and 1.1.2 in progress."""
    old = app.report(form_id="cami-pow-2014-2020", country="UZ", period="2019-2021")
    app.store.set_answers(old.id, {"status[1.1.1]": "not_started", "actions[1.1.1]": "Hidden text",
                                   "status[1.1.2]": "in_progress", "actions[1.1.2]": "Shown text",
                                   "status[1.2.1]": "completed"})
    result = cycle.start_from(app.store, app.ctx.library, old.id, period="2022-2025")
    return app.window.open_report(result.record.id), result.record.id


def test_hidden_carried_answers_are_not_counted_nor_filtered(app, qtbot):
    editor, report_id = pow_carried_editor(app)
    assert "actions[1.1.1]" in app.store.unconfirmed_keys(report_id)
    bar = editor.cycle.bar
    assert bar.text.text().startswith("↻ 4 answers")  # 3 statuses and actions[1.1.2], not the hidden one
    bar.only.setChecked(True)
    editor.flush()
    editor.show_section("pow/1/1.1/1.1.1")
    page = editor.pages["pow/1/1.1/1.1.1"]
    assert {k for k, r in page.rows.items() if r.isVisibleTo(editor)} == {"status[1.1.1]"}
    # showing the question makes its carried answer wait again, counted and marked
    editor.session.set("status[1.1.1]", "completed")
    editor.refresh_review()
    assert "actions[1.1.1]" in editor.cycle.waiting
    assert bar.text.text().startswith("↻ 4 answers")  # status[1.1.1] confirmed by the change, actions waits
    bar.only.setChecked(False)


def test_confirm_all_in_a_parent_section_takes_its_subsections(app, qtbot):
    editor, report_id = pow_carried_editor(app)
    editor.show_section("general")
    assert not editor.cycle.bar.confirm_section.isEnabled()  # nothing carried to confirm there
    editor.show_section("pow/1/1.1")  # a parent page: its questions are all in its activities
    assert editor.cycle.bar.confirm_section.isEnabled()
    done = editor.cycle.confirm_section()
    assert set(done) == {"status[1.1.1]", "status[1.1.2]", "actions[1.1.2]"}
    assert set(app.store.unconfirmed_keys(report_id)) == {"status[1.2.1]", "actions[1.1.1]"}
    assert editor.cycle.bar.text.text().startswith("↻ 1 answer ")
    editor.cycle.bar.confirm_all.click()  # all that shows; the hidden one waits until it shows
    assert app.store.unconfirmed_keys(report_id) == ["actions[1.1.1]"]
    assert not editor.cycle.bar.text.isVisibleTo(editor)
    assert not any("Carried over" in m.render("en") for m in editor.review.errors)
