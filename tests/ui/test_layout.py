"""Nothing is clipped at the default window size or at 1024x700, in English or Russian."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

SIZES = ((1280, 820), (1024, 700))


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def label_fits(label: QLabel, window) -> None:
    needed = label.fontMetrics().horizontalAdvance(label.text())
    right = label.mapTo(window, label.rect().topRight()).x()
    assert label.contentsRect().width() >= needed, (label.text(), label.width(), needed)
    assert right <= window.width() - 4, (label.text(), right, window.width())  # not flush with the edge


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_status_filter_and_errors_bar_are_not_clipped(app, qtbot, lang):
    record = app.report()
    window = app.window
    window.set_language(lang)
    for width, height in SIZES:
        window.resize(width, height)
        window.close_report()
        settle()
        combo = window.report_list.status_filter
        widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.width() >= widest + 24, (lang, width, combo.width(), widest)  # text and arrow
        editor = window.open_report(record.id)
        settle()
        label_fits(editor.messages.summary, window)
        label_fits(editor.messages.hint, window)
