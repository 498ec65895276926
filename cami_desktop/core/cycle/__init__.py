"""The reporting cycle (issue 11): carry-over, shared sections, comments, revisions, undo/redo.

A Qt-free API for the window and the command line; docs/cycle.md describes it. Each function
takes the :class:`~cami_desktop.core.store.Store` (and the form library where forms matter) and
returns plain records.
"""
from __future__ import annotations

from .carry import CarryResult, confirm, start_from, to_confirm, unconfirmed
from .editing import UndoResult, comments, redo, set_comment, undo
from .revisions import Change, Changes, changes
from .share import DiffItem, ShareExport, accept_return, diff_return, export_share, reject_return
from .shared_copy import export_return, open_share
from .sharefile import ShareError

__all__ = [
    "CarryResult", "Change", "Changes", "DiffItem", "ShareError", "ShareExport", "UndoResult",
    "accept_return", "changes", "comments", "confirm", "diff_return", "export_return",
    "export_share", "open_share", "redo", "reject_return", "set_comment", "start_from",
    "to_confirm", "unconfirmed", "undo",
]
