"""Visiting every section of a long report keeps a bounded number of pages built (issue 10).

A dropped page is rebuilt from the stored answers when it is shown again, so nothing typed is
lost; the peak memory itself is measured by benchmarks/memory.py.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from cami_desktop.ui.editor import report_editor

POW = "cami-pow-2014-2020"


def return_to_event_loop() -> None:
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def test_pages_beyond_the_limit_are_dropped_and_rebuilt_with_their_answers(app, qtbot):
    record = app.report(form_id=POW, country="KZ", period="2021-2024")
    editor = app.window.open_report(record.id)
    form = editor.form
    first = next(q for q in form.answerable() if q.type in ("text", "long_text"))
    editor.show_section(first.section)
    editor.row(first.key).widget.edited.emit("Typed before the tour")  # as typing does
    assert app.store.answers(record.id)[first.key] == "Typed before the tour"

    keys = list(form.section_index)
    for key in keys:
        editor.show_section(key)
        return_to_event_loop()
        assert len(editor.pages) <= report_editor.MAX_PAGES
    assert editor.stack.count() <= report_editor.MAX_PAGES
    assert first.section not in editor.pages

    editor.show_section(first.section)
    return_to_event_loop()
    assert editor.row(first.key).widget.value() == "Typed before the tour"
    assert editor.stack.currentWidget() is editor.pages[first.section]
