"""Live language switching for the window: one signal, Qt's own catalog, dates and numbers.

Widgets connect ``language().changed`` to their ``retranslate_ui``; switching the language
installs Qt's bundled ``qtbase_ru`` catalog so standard buttons and dialogs follow, and sets the
default ``QLocale`` so date and number editors do too.

Dates are written by Qt's locale, as the date editors show them, with the month as a word so
that no reader takes 05/03 for the 3rd of May: "5 Mar 2026, 16:07", "5 мар. 2026, 16:07".
Numbers are written by Babel, imported with the first number (not at start: issue 10).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QEvent, QLibraryInfo, QLocale, QObject, QTime,
                            QTranslator, Signal)

from ..core import i18n

_QT_LOCALES = {"en": QLocale(QLocale.English, QLocale.UnitedKingdom),
               "ru": QLocale(QLocale.Russian, QLocale.Russia)}
_DATE = "d MMM yyyy"  # medium length, the month as a word in both languages


class LanguageManager(QObject):
    """Holds the interface language and tells every widget when it changes."""

    changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._translators: list[QTranslator] = []
        i18n.add_listener(self._on_core_change)

    @property
    def current(self) -> str:
        return i18n.current_language()

    def set_language(self, lang: str) -> None:
        """Switch the whole interface; a no-op when ``lang`` is already current."""
        lang = i18n.normalize_language(lang)
        if lang == i18n.current_language() and self._translators_match(lang):
            return
        if lang == i18n.current_language():
            self._emit(lang, self._install_qt(lang))
        else:
            i18n.set_language(lang)  # calls _on_core_change

    def _on_core_change(self, lang: str) -> None:
        self._emit(lang, self._install_qt(lang))

    def _emit(self, lang: str, translators_changed: bool) -> None:
        # Qt retranslates its own widgets on the LanguageChange events that installing or
        # removing a translator posts; deliver them now, so that the switch is complete at once
        # and our texts are set after Qt's. (None posted, none to deliver: an English start
        # does not build Python's 180-member QEvent.Type, issue 10.)
        if translators_changed:
            QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)
        self.changed.emit(lang)

    def _translators_match(self, lang: str) -> bool:
        return (lang == "en") == (not self._translators)

    def _install_qt(self, lang: str) -> bool:
        """Install Qt's own catalog for ``lang``; whether any translator was removed or added."""
        app = QCoreApplication.instance()
        changed = bool(self._translators)
        for translator in self._translators:
            if app is not None:
                app.removeTranslator(translator)
        self._translators = []
        QLocale.setDefault(_QT_LOCALES.get(lang, _QT_LOCALES["en"]))
        if lang == "en" or app is None:
            return changed
        folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
        for name in ("qtbase",):
            translator = QTranslator(app)
            if translator.load(f"{name}_{lang}", folder):
                app.installTranslator(translator)
                self._translators.append(translator)
        return changed or bool(self._translators)


_manager: LanguageManager | None = None


def language() -> LanguageManager:
    """The one language manager of the application."""
    global _manager
    if _manager is None:
        _manager = LanguageManager()
    return _manager


def connect_retranslate(widget: Any) -> None:
    """Call ``widget.retranslate_ui()`` now and on every language change."""
    language().changed.connect(widget.retranslate_ui)
    widget.retranslate_ui()


def format_date(value: dt.date | dt.datetime | str | None, lang: str | None = None) -> str:
    """A date as people of ``lang`` write it (medium length)."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = value.astimezone().date() if value.tzinfo else value.date()
    return _locale(lang).toString(QDate(value.year, value.month, value.day), _DATE)


def format_datetime(value: dt.datetime | None, lang: str | None = None) -> str:
    """A moment in local time: the date as :func:`format_date`, then hours and minutes."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone()
    locale = _locale(lang)
    return (locale.toString(QDate(value.year, value.month, value.day), _DATE) + ", "
            + locale.toString(QTime(value.hour, value.minute), "HH:mm"))


def _locale(lang: str | None) -> QLocale:
    return _QT_LOCALES.get(lang or i18n.current_language(), _QT_LOCALES["en"])


def format_number(value: float | int, lang: str | None = None) -> str:
    """A number in the language's notation; no thousands separator below 10 000 (years)."""
    from babel import numbers as babel_numbers

    return babel_numbers.format_decimal(value, locale=lang or i18n.current_language(),
                                        group_separator=abs(value) >= 10000)


def format_size(size: int, lang: str | None = None) -> str:
    """A file size in kB or MB."""
    if size < 1024 * 1024:
        return i18n.tr("{size} kB", lang, size=format_number(round(size / 1024, 1), lang))
    return i18n.tr("{size} MB", lang, size=format_number(round(size / 1024 / 1024, 1), lang))
