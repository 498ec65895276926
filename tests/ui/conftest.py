"""The real application against a fresh temporary data folder, offscreen, per test."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from cami_desktop.app import create_main_window
from cami_desktop.core import i18n
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.session import create_report
from cami_desktop.core.store import Store
from cami_desktop.ui.context import AppContext
from cami_desktop.ui.language import language
from cami_desktop.ui.style import STYLE


class App:
    """The window over a store in ``folder``; ``restart()`` closes both and opens them again."""

    def __init__(self, qtbot, folder) -> None:
        self.qtbot = qtbot
        self.folder = folder
        self.store = None
        self.window = None
        self.start()

    def start(self) -> None:
        self.store = Store.open(self.folder, app_version="test")
        self.ctx = AppContext(self.store, default_library(), self.folder)
        self.window = create_main_window(self.ctx)
        self.window.show()
        self.window.reopen_last()

    def stop(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()  # with its dialogs, so none is left listening
            QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
            QApplication.processEvents()
            self.window = None
        if self.store is not None:
            self.store.close()
            self.store = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def report(self, form_id: str = "saiga-mou", country: str = "KZ", period: str = "2022-2024",
               language: str = "en"):
        return create_report(self.store, self.ctx.library, form_id=form_id, country=country,
                             period=period, language=language)

    @property
    def editor(self):
        return self.window.editor


@pytest.fixture
def app(qtbot, tmp_path):
    language().set_language("en")
    qapp = QApplication.instance()
    if qapp.styleSheet() != STYLE:  # pytest-qt made the application: look as the app does
        qapp.setStyleSheet(STYLE)
    running = App(qtbot, tmp_path / "data")
    yield running
    running.stop()
    language().set_language("en")
    i18n.set_language("en")
