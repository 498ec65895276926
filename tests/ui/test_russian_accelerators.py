"""In Russian, each menu's items have their own accelerator letter, a letter of the Russian text.

Alt+letter with a Russian keyboard layout types a Cyrillic letter: an accelerator on a letter
absent from the text, or shared by two items of one menu, does not take the user where the
label says (the menus of issues 8-11 had three such clashes in the Report menu alone).
"""
from __future__ import annotations

from PySide6.QtWidgets import QMenu


def _letter(text: str) -> str | None:
    """The accelerator letter of a label ("" when there is none); "&&" is a literal ampersand."""
    plain = text.replace("&&", "")
    index = plain.find("&")
    return plain[index + 1].lower() if index >= 0 and index + 1 < len(plain) else None


def _clashes(menu: QMenu) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for action in menu.actions():
        if action.isSeparator() or not action.text():
            continue
        letter = _letter(action.text())
        if letter:
            seen.setdefault(letter, []).append(action.text())
    return {letter: texts for letter, texts in seen.items() if len(texts) > 1}


def test_each_russian_menu_has_one_item_per_accelerator_letter(app):
    record = app.report(language="ru")
    app.window.open_report(record.id)  # the report's items are all in the menus
    app.window.actions.languages["ru"].trigger()

    bar = [action.text() for action in app.window.menuBar().actions()]
    assert "&Доклад" in bar and "&Правка" in bar
    letters = [_letter(text) for text in bar]
    assert all(letter and "а" <= letter <= "я" for letter in letters), bar
    assert len(set(letters)) == len(letters), bar

    for menu_action in app.window.menuBar().actions():
        menu = menu_action.menu()
        assert _clashes(menu) == {}, menu.title()
        for action in menu.actions():
            letter = _letter(action.text())
            if letter is not None and action.text() not in ("English", "Русский"):
                assert "а" <= letter <= "я", action.text()  # a Cyrillic letter of the text
    report_menu = app.window.actions.menus["report"]
    assert len([a for a in report_menu.actions() if not a.isSeparator()]) >= 13
