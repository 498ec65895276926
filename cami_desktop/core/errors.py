"""Errors the core raises for people to read: each carries an untranslated message and its
parameters, and is translated when shown, in the language of the moment."""
from __future__ import annotations

from .i18n import tr


class CamiError(Exception):
    """An expected failure with a message for the person using the app."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def translated(self, lang: str | None = None) -> str:
        # A nested error (e.g. the cause inside "question: cause") follows the same language.
        params = {k: v.translated(lang) if isinstance(v, CamiError) else v for k, v in self.params.items()}
        return tr(self.message, lang, **params)

    def __str__(self) -> str:
        return self.translated()


class FormError(CamiError):
    """A form or reference file is wrong."""


class AnswerError(CamiError):
    """An answer was refused (wrong type, out of bounds, unknown question)."""


class StoreError(CamiError):
    """The store cannot do what was asked."""


class DataInUse(StoreError):
    """Another CAMI Reporter is writing the same data folder."""


class NewerDatabase(StoreError):
    """The database was written by a newer version of the app."""


class StoreCorrupt(StoreError):
    """The database fails its integrity check."""


class EmptyDatabase(StoreCorrupt):
    """The database file is empty although backups exist: its content was lost, not new.

    ``params['backup']`` names the newest backup, which the window offers to restore.
    """


class ReportNotFound(StoreError):
    """No report with that id."""


class ReportLocked(StoreError):
    """The report is final and cannot be changed until reopened."""
