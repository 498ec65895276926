"""The window's menus and actions, with their shortcuts, labelled in ``retranslate_ui``."""
from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ..core.i18n import LANGUAGE_NAMES, LANGUAGES, N_, tr

# name: (label msgid, shortcut)
ACTIONS = {
    "new": (N_("&New report…"), QKeySequence.New),
    "open": (N_("&Open report"), QKeySequence.Open),
    "close": (N_("&Close report"), QKeySequence.Close),
    "verify": (N_("&Verify package…"), None),
    "quit": (N_("&Quit"), QKeySequence.Quit),
    "find": (N_("&Find…"), QKeySequence.Find),
    "next_problem": (N_("&Next error or warning"), "F8"),
    "previous_problem": (N_("&Previous error or warning"), "Shift+F8"),
    "show_messages": (N_("Errors and &warnings list"), "Ctrl+E"),
    "finalize": (N_("&Make final…"), "Ctrl+Shift+F"),
    "reopen": (N_("&Reopen"), None),
    "export": (N_("&Export package…"), "Ctrl+Shift+E"),
    # No Delete shortcut here: the window's shortcut fired while a check box or a radio button
    # had the focus, deleting the report. The report list binds Delete itself and asks first.
    "delete": (N_("&Delete report…"), None),
    "restore": (N_("&Restore report"), None),
    "settings": (N_("&Settings…"), QKeySequence.Preferences),
    "identity": (N_("Signing &identity…"), None),
    "about": (N_("&About CAMI Reporter"), None),
}
MENUS = (
    ("file", N_("&File"), ("new", "open", "close", None, "verify", None, "quit")),
    ("report", N_("&Report"), ("find", "next_problem", "previous_problem", "show_messages", None,
                               "finalize", "reopen", "export", None, "delete", "restore")),
    ("language", N_("&Language"), ()),
    ("tools", N_("&Tools"), ("settings", "identity")),
    ("help", N_("&Help"), ("about",)),
)


class Actions:
    """Creates the menu bar of ``window``; ``self.<name>`` is each QAction."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.menus: dict[str, QMenu] = {}
        self.languages: dict[str, QAction] = {}
        self.all: dict[str, QAction] = {}
        for name, (_, shortcut) in ACTIONS.items():
            action = QAction(window)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            if name == "settings" and action.shortcut().isEmpty():
                action.setShortcut(QKeySequence("Ctrl+,"))
            self.all[name] = action
            setattr(self, name, action)
        group = QActionGroup(window)
        for key, title, names in MENUS:
            menu = window.menuBar().addMenu("")
            self.menus[key] = menu
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.all[name])
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], window, checkable=True)
            action.setData(lang)
            group.addAction(action)
            self.menus["language"].addAction(action)
            self.languages[lang] = action

    def retranslate_ui(self) -> None:
        for key, title, _ in MENUS:
            self.menus[key].setTitle(tr(title))
        for name, (label, _) in ACTIONS.items():
            self.all[name].setText(tr(label))
