"""Notes and English translations keep the bounds of an answer's text (core/values.py), however
they are entered: Word's line breaks become line breaks, other control characters are refused
with a sentence, and nothing is half stored (issue 15 B)."""
from __future__ import annotations

import pytest

from cami_desktop.core import cycle
from cami_desktop.core.errors import CamiError
from cami_desktop.core.reports.answers_file import fill
from cami_desktop.core.reports.session import AnswerErrors, ReportSession


def test_a_note_takes_words_line_breaks_and_refuses_control_characters(store, library, final_report):
    store.reopen_report(final_report)
    assert cycle.set_comment(store, library, final_report, "ca_title", "census\x0bof 2024\r\nand\u2028more")
    assert cycle.comments(store, final_report)["ca_title"].text == "census\nof 2024\nand\nmore"
    for hostile in ("red\x1b[31m", "bell\x07", "nul\x00", "broken \ud800"):
        with pytest.raises(CamiError, match="note on ca_title cannot be stored"):
            cycle.set_comment(store, library, final_report, "ca_title", hostile)
    assert cycle.comments(store, final_report)["ca_title"].text == "census\nof 2024\nand\nmore"


def test_a_translation_set_in_the_session_is_checked_as_an_answer(store, library, final_report):
    store.reopen_report(final_report)
    session = ReportSession.open(store, library, final_report)
    session.set_translation("ca_title", "Word\x0bline\r\nbreak")
    assert store.translations(final_report)["ca_title"] == "Word\nline\nbreak"
    with pytest.raises(CamiError, match="control character"):
        session.set_translation("ca_title", "red\x1b[31m")
    with pytest.raises(CamiError, match="longer than"):
        session.set_translation("ca_title", "x" * 100_001)
    assert store.translations(final_report)["ca_title"] == "Word\nline\nbreak"


def test_fill_with_a_bad_translation_stores_nothing(store, library, final_report):
    store.reopen_report(final_report)
    session = ReportSession.open(store, library, final_report)
    before = store.answers(final_report)
    with pytest.raises(AnswerErrors):
        session.fill({"ca_title": "New title"}, {"ca_title": "bad\x07"})
    assert store.answers(final_report) == before
    with pytest.raises(AnswerErrors):
        fill(session, {"answers": {"ca_title": "New title"}, "translations": {"ca_title": "bad\x1b"}})
    assert store.answers(final_report) == before


def test_one_fill_with_translations_is_one_undo_step(store, library, final_report):
    """docs/cycle.md: one import is one step, its translations with it (it took three)."""
    store.reopen_report(final_report)
    session = ReportSession.open(store, library, final_report)
    before = (store.answers(final_report), store.translations(final_report))
    assert session.fill({"ca_title": "New title", "ca_document": "New document"},
                        {"ca_title": "New title (en)", "ca_document": "New document (en)"}) == 4
    result = cycle.undo(store, final_report)
    assert {(c.key, c.kind) for c in result.changes} == {
        ("ca_title", "value"), ("ca_document", "value"), ("ca_title", "translation"),
        ("ca_document", "translation")}
    assert (store.answers(final_report), store.translations(final_report)) == before


def test_accepting_answers_with_translations_is_one_undo_step(store, library, final_report):
    store.reopen_report(final_report)
    before = (store.answers(final_report), store.translations(final_report))
    store.set_answers_from(final_report, {"ca_title": "Theirs"}, {"ca_title": "Theirs (en)"},
                           {"name": "Bakhtiyor Rakhimov", "agency": "", "unsigned": True})
    cycle.undo(store, final_report)
    assert (store.answers(final_report), store.translations(final_report)) == before


def test_control_characters_stored_by_an_earlier_version_stop_making_final(store, library, final_report):
    """The Secretariat refuses a package whose answer or translation holds a control character
    ("does not fit the form"): such a stored text is named when making final, not signed."""
    from cami_desktop.core.reports.session import Unsignable

    store.reopen_report(final_report)
    store.set_answer(final_report, "ca_title", "Title\x1b[31m")      # as the window stored it before
    store.set_translation(final_report, "ca_document", "Doc\x07")
    session = ReportSession.open(store, library, final_report)
    with pytest.raises(Unsignable) as refused:
        session.finalize(name="Aigul")
    text = refused.value.translated("en")
    assert text.splitlines()[0] == "The report cannot be made final: change these answers first (2):"
    assert "ca_title: the text holds a control character (U+001B)" in text
    assert "ca_document: the text holds a control character (U+0007)" in text
    assert store.get_report(final_report).status != "final"
    session.set("ca_title", "Title")
    session.set_translation("ca_document", "Doc")
    assert session.finalize(name="Aigul").status == "final"
