"""Values stored by an earlier version, before the store checked them (issue 15): a control
character in an answer, translation or note. Sharing them is refused with one sentence naming the
questions (the colleague's side would refuse the file as damaged); carrying them over leaves
them behind, named, and the earlier report keeps them. Other kinds of line break travel."""
from __future__ import annotations

import pytest

from cami_desktop.core import cycle
from cami_desktop.core.cycle.sharefile import ShareError

SECTIONS = ["concerted_action", "target"]
SENDER = {"name": "Aigul Nurlanova", "agency": "Ministry of Ecology"}


def test_share_export_names_what_to_correct_and_writes_nothing(store, library, final_report, tmp_path):
    store.reopen_report(final_report)
    store.set_answer(final_report, "ca_title", "Census\x1b[31m")          # bypasses the checks
    store.set_translation(final_report, "ca_document", "Plan\x00")
    store.set_comment(final_report, "taxon_class", "See\x07 notes", "colleagues")
    store.set_comment(final_report, "taxon_order", "Ours\x07 only", "secretariat")  # does not travel
    events = len(store.events(final_report))
    out = tmp_path / "share.json"
    with pytest.raises(ShareError) as refused:
        cycle.export_share(store, library, final_report, SECTIONS, out, sender=SENDER)
    message = refused.value.translated("en")
    assert "cannot be shared" in message and "change them first: ca_title, ca_document, taxon_class." in message
    assert "taxon_order" not in message and "\n" not in message  # one sentence
    assert "ca_title" in refused.value.translated("ru")
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "ours"]
    assert len(store.events(final_report)) == events  # no share recorded
    assert store.answers(final_report)["ca_title"] == "Census\x1b[31m"  # nothing changed unseen

    # corrected, the same sections share, and the colleague's side opens the file
    store.set_answer(final_report, "ca_title", "Census")
    store.set_translation(final_report, "ca_document", "Plan")
    store.set_comment(final_report, "taxon_class", "See notes", "colleagues")
    assert cycle.export_share(store, library, final_report, SECTIONS, out, sender=SENDER).path == out


def test_other_line_breaks_travel_and_the_colleague_opens_the_file(store, colleague, library,
                                                                   final_report, tmp_path):
    store.reopen_report(final_report)
    store.set_translation(final_report, "ca_title", "Aerial\r\ncensus\u2028of 2024")
    store.set_comment(final_report, "ca_title", "Two\x0blines", "colleagues")
    result = cycle.export_share(store, library, final_report, SECTIONS, tmp_path / "share.json",
                                sender=SENDER)
    copy, _ = cycle.open_share(colleague, library, result.path)
    assert colleague.translations(copy.id)["ca_title"] == "Aerial\ncensus\nof 2024"
    assert store.translations(final_report)["ca_title"] == "Aerial\r\ncensus\u2028of 2024"  # as stored


def test_a_return_with_an_old_value_is_refused_the_same_way(store, colleague, library, final_report,
                                                             tmp_path):
    store.reopen_report(final_report)
    result = cycle.export_share(store, library, final_report, SECTIONS, tmp_path / "share.json",
                                sender=SENDER)
    copy, _ = cycle.open_share(colleague, library, result.path)
    colleague.set_translation(copy.id, "taxon_species", "Saiga\x1b")
    with pytest.raises(ShareError) as refused:
        cycle.export_return(colleague, library, copy.id, tmp_path / "return.json",
                            supplier={"name": "Болат Исаев"})
    assert "taxon_species" in refused.value.translated("en")
    assert not (tmp_path / "return.json").exists()


def test_carry_over_leaves_an_old_value_behind_named_and_carries_the_rest(store, library, final_report):
    store.reopen_report(final_report)
    store.set_answer(final_report, "ca_title", "Census\x1b[31m")
    store.set_answer(final_report, "ca_document", "Plan")
    store.set_translation(final_report, "ca_document", "Plan\x00")   # the answer is fine, its translation not
    store.set_translation(final_report, "taxon_class", "Mammalia\r\n")  # a line break: carried as one
    before = (store.answers(final_report), store.translations(final_report))

    result = cycle.start_from(store, library, final_report, period="2025-2028")

    new = result.record.id
    assert {"ca_title", "ca_document"} <= set(result.skipped)
    assert not {"ca_title", "ca_document"} & (set(result.carried) | set(store.answers(new)))
    assert "ca_document" not in store.translations(new)
    assert store.translations(new)["taxon_class"] == "Mammalia\n" and "taxon_class" in result.carried
    assert set(cycle.unconfirmed(store, new)) == set(result.carried)
    assert (store.answers(final_report), store.translations(final_report)) == before  # kept there
