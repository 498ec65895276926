"""Starting a report from the last one: carried over, unconfirmed until confirmed or changed."""
from __future__ import annotations

import pytest

from cami_desktop.core import cycle
from cami_desktop.core.errors import CamiError
from cami_desktop.core.forms.conditions import is_answered
from cami_desktop.core.reports.review import COMPLETE, UNCONFIRMED
from cami_desktop.core.reports.session import ReportSession

from .conftest import FORM

TEXTS = {"en": "Aerial census of the Ustyurt population", "ru": "Авиаучет устюртской популяции"}


def test_answers_and_translations_carry_over_unconfirmed(store, library, final_report, lang):
    store.reopen_report(final_report)
    store.set_answer(final_report, "ca_title", TEXTS[lang])
    store.set_translation(final_report, "ca_title", "Aerial census")
    source = store.answers(final_report)

    result = cycle.start_from(store, library, final_report, period="2025-2028")

    new = result.record
    assert (new.form_id, new.country, new.period, new.language) == (FORM, "KZ", "2025-2028", lang)
    answers = store.answers(new.id)
    assert answers["ca_title"] == TEXTS[lang]
    assert store.translations(new.id) == {"ca_title": "Aerial census"}
    # The new period, not the old one; files stay with their report.
    assert answers["period_from"] == "2025-01-01" and "period_from" not in result.carried
    assert "documents" not in answers
    assert set(result.carried) <= set(source) and "ca_title" in result.carried
    assert cycle.unconfirmed(store, new.id) == sorted(result.carried)
    assert store.carried_from(new.id) == final_report
    assert store.answers(final_report) == source  # the earlier report is untouched


def test_unconfirmed_answers_count_as_not_done_until_confirmed(store, library, final_report):
    new = cycle.start_from(store, library, final_report, period="2025").record
    session = ReportSession.open(store, library, new.id)
    review = session.review()
    waiting = set(cycle.unconfirmed(store, new.id))
    shown = waiting & review.visible_questions
    assert review.overall.state != COMPLETE
    answers = store.answers(new.id)
    done = [q.key for q in session.form.answerable() if q.key in review.visible_questions
            and q.key not in waiting and is_answered(answers.get(q.key))]
    assert review.overall.answered == len(done) <= review.overall.total - len(shown)
    assert {m.key for m in review.errors if m.message == UNCONFIRMED} == shown
    with pytest.raises(CamiError):
        session.finalize(name="Aigul")

    # Changing an answer confirms it; keeping it needs an explicit confirmation.
    assert session.set("ca_title", "A new title")
    assert "ca_title" not in cycle.unconfirmed(store, new.id)
    session.set("ca_document", store.answers(new.id)["ca_document"])  # same value: not a confirmation
    assert "ca_document" in cycle.unconfirmed(store, new.id)
    assert cycle.confirm(store, new.id, ["ca_document"]) == ["ca_document"]
    assert cycle.confirm(store, new.id) == sorted(waiting - {"ca_title", "ca_document"})
    assert cycle.unconfirmed(store, new.id) == []
    review = ReportSession.open(store, library, new.id).review()
    assert not [m for m in review.errors if m.message == UNCONFIRMED]


def test_confirming_a_key_that_is_not_waiting_is_refused(store, library, final_report):
    new = cycle.start_from(store, library, final_report, period="2025").record
    with pytest.raises(CamiError, match="not waiting for confirmation: nope"):
        cycle.confirm(store, new.id, ["ca_title", "nope"])
    assert "ca_title" in cycle.unconfirmed(store, new.id)  # nothing confirmed


def test_an_older_form_version_is_mapped_by_key(store, library):
    form = library.get(FORM)
    old = store.create_report(form_id=FORM, form_version="0.9", country="MN", period="2018",
                              language="ru")
    store.set_answers(old.id, {"ca_title": "Старое название", "removed_question": "x",
                               "outcome": "not-a-scale-value", "ca_link": "https://example.org/a"})
    result = cycle.start_from(store, library, old.id, period="2022")
    assert result.record.form_version == form.version
    assert store.answers(result.record.id)["ca_title"] == "Старое название"
    assert result.carried == ["ca_link", "ca_title"]
    assert {"removed_question", "outcome"} <= set(result.skipped)


def test_only_the_same_form_and_country(store, library, final_report):
    with pytest.raises(CamiError, match="same form"):
        cycle.start_from(store, library, final_report, period="2025", form_id="saiga-mou")
    with pytest.raises(CamiError, match="same country"):
        cycle.start_from(store, library, final_report, period="2025", country="UZ")
    before = len(store.list_reports())
    store.delete_report(final_report)
    with pytest.raises(CamiError, match="trash"):
        cycle.start_from(store, library, final_report, period="2025")
    assert len(store.list_reports()) == before - 1
