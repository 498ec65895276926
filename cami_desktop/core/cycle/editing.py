"""Comments on questions, and undo/redo across answers, for the window and the command line.

Undo and redo are backed by the answer history in the database, so Ctrl+Z after a restart still
undoes the last change made before it. Each returns what it changed, for the window to refresh
those fields and to say what happened.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import CamiError
from ..forms.library import FormLibrary
from ..i18n import N_
from ..store import HistoryEntry, Store
from ..store.cycle import AUDIENCES, Comment
from ..values import forbidden_code, normal_breaks, text_problem

#: The longest note kept: a comment is a note, not an attachment.
MAX_COMMENT = 4000


def _question_of(store: Store, library: FormLibrary, report_id: int, key: str):
    record = store.get_report(report_id)
    form = library.get(record.form_id, record.form_version)
    q = form.question(key)
    if q is None:
        raise CamiError(N_("The form {form} has no question {key}."), form=form.id, key=key)
    return q


def set_comment(store: Store, library: FormLibrary, report_id: int, key: str, text: str | None,
                audience: str = "secretariat") -> bool:
    """Store a note on question ``key`` (``None``/blank clears it); return whether it changed."""
    _question_of(store, library, report_id, key)
    if audience not in AUDIENCES:
        raise CamiError(N_("A comment is for the Secretariat or for colleagues, not {audience}."),
                        audience=audience)
    if text:
        # the checks of an answer's text: Word's line breaks become "\n", other controls refused
        text = normal_breaks(text)
        problem = text_problem(text)
        if problem is not None:
            raise CamiError(N_("The note on {key} cannot be stored: {problem}."), key=key,
                            problem=CamiError(problem, code=forbidden_code(text)))
    if text and len(text) > MAX_COMMENT:
        raise CamiError(N_("A comment can have at most {n} characters."), n=MAX_COMMENT)
    return store.set_comment(report_id, key, text, audience)


def comments(store: Store, report_id: int, audience: str | None = None) -> dict[str, Comment]:
    """The report's comments by question key, all or only those for ``audience``."""
    found = store.comments(report_id)
    if audience is None:
        return found
    return {key: c for key, c in found.items() if c.audience == audience}


@dataclass(frozen=True)
class UndoResult:
    """What an undo or redo did; ``changes`` is empty when there was nothing to do."""

    changes: list[HistoryEntry]
    can_undo: bool
    can_redo: bool

    @property
    def keys(self) -> list[str]:
        return sorted({c.key for c in self.changes})


def undo(store: Store, report_id: int) -> UndoResult:
    """Undo the last change of the report's answers (one save, one import, one acceptance …)."""
    changed = store.undo_answers(report_id)
    return UndoResult(changed, *store.can_undo_redo(report_id))


def redo(store: Store, report_id: int) -> UndoResult:
    """Redo the change undone last, unless the answers were changed since."""
    changed = store.redo_answers(report_id)
    return UndoResult(changed, *store.can_undo_redo(report_id))
