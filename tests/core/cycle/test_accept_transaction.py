"""Taking a colleague's return is one transaction: a failure halfway (a full disk while the
decision is recorded) leaves no answer taken and no note, so nothing is half accepted."""
from __future__ import annotations

import pytest

from cami_desktop.core import cycle

from .test_share_decisions import NOTE_TEXT, returned  # noqa: F401 - the fixture


def test_a_failure_while_recording_the_decision_takes_nothing(store, library, returned, monkeypatch):  # noqa: F811
    final_report, path = returned
    before = dict(store.answers(final_report))
    notes_before = cycle.comments(store, final_report)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(store, "add_event", full)
    with pytest.raises(Exception):  # the store says it as DiskFull
        cycle.accept_return(store, library, final_report, path)
    assert store.answers(final_report) == before
    assert cycle.comments(store, final_report) == notes_before
    monkeypatch.undo()
    taken = cycle.accept_return(store, library, final_report, path)
    assert taken and any(item.is_note for item in taken)
    assert cycle.comments(store, final_report)["taxon_species"].text == NOTE_TEXT
