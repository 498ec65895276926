"""Accept all never overturns a decision, notes are decided like answers, and who supplied an
answer says whether the return was signed (issue 15)."""
from __future__ import annotations

import json

import pytest

from cami_desktop.core import cycle
from cami_desktop.core.cycle.share import CONFLICT, SAME, THEIRS
from cami_desktop.core.cycle.suppliers import history_with_suppliers, supplier_text
from cami_desktop.core.errors import CamiError, ReportLocked
from cami_desktop.core.reports.session import ReportSession
from cami_desktop.core.signing import create_identity, unlock

from .test_share import SECTIONS

NOTE_TEXT = "Note for the Secretariat from colleague"


@pytest.fixture
def returned(store, colleague, library, final_report, tmp_path):
    """A return where they changed four answers and wrote a note for the Secretariat."""
    store.reopen_report(final_report)
    share = cycle.export_share(store, library, final_report, SECTIONS, tmp_path / "share.json",
                               sender={"name": "Aigul Nurlanova", "agency": "Ministry of Ecology"})
    copy, _ = cycle.open_share(colleague, library, share.path)
    colleague.set_answers(copy.id, {"ca_title": "Theirs title", "ca_document": "Theirs document",
                                    "taxon_species": "Theirs species", "ca_link": None})
    colleague.set_comment(copy.id, "taxon_species", NOTE_TEXT, "secretariat")
    path = cycle.export_return(colleague, library, copy.id, tmp_path / "return.json",
                               supplier={"name": "Bakhtiyor Rakhimov", "agency": "Institute of Zoology"})
    return final_report, path


def _diff(store, library, report_id, path):
    return {item.key: item for item in cycle.diff_return(store, library, report_id, path)}


def test_accept_all_takes_only_their_undecided_changes(store, library, returned):
    report_id, path = returned
    store.set_answer(report_id, "ca_title", "Our own title")     # both changed it: a conflict
    ours_document = store.answers(report_id)["ca_document"]
    diff = _diff(store, library, report_id, path)
    assert diff["ca_title"].state == CONFLICT and diff["ca_document"].state == THEIRS
    cycle.reject_return(store, library, report_id, path, ["ca_document"])

    taken = cycle.accept_return(store, library, report_id, path)
    assert sorted(item.key for item in taken) == ["ca_link", "note:taxon_species", "taxon_species"]
    answers = store.answers(report_id)
    assert answers["ca_title"] == "Our own title"           # the conflict is not overwritten
    assert answers["ca_document"] == ours_document           # the rejection is not overturned
    assert answers["taxon_species"] == "Theirs species" and "ca_link" not in answers
    # nothing more for "all": the rest is decided, or a conflict
    assert cycle.accept_return(store, library, report_id, path) == []

    diff = _diff(store, library, report_id, path)
    assert (diff["ca_document"].state, diff["ca_document"].decided) == (THEIRS, "rejected")
    assert (diff["taxon_species"].state, diff["taxon_species"].decided) == (SAME, "accepted")
    assert (diff["ca_title"].state, diff["ca_title"].decided) == (CONFLICT, None)

    # named, one by one: a conflict, and an answer rejected earlier, can still be taken
    cycle.accept_return(store, library, report_id, path, ["ca_title", "ca_document"])
    answers = store.answers(report_id)
    assert answers["ca_title"] == "Theirs title" and answers["ca_document"] == "Theirs document"


def test_reject_all_leaves_decisions_and_our_changes(store, library, returned):
    report_id, path = returned
    cycle.accept_return(store, library, report_id, path, ["ca_document"])
    store.set_answer(report_id, "ca_title", "Ours again")
    left = cycle.reject_return(store, library, report_id, path)
    assert sorted(i.key for i in left) == ["ca_link", "ca_title", "note:taxon_species", "taxon_species"]
    assert store.answers(report_id)["ca_document"] == "Theirs document"  # accepted stays accepted
    assert cycle.accept_return(store, library, report_id, path) == []     # all decided now


def test_a_colleagues_note_for_the_secretariat_is_decided_like_an_answer(store, library, returned, tmp_path):
    report_id, path = returned
    diff = _diff(store, library, report_id, path)
    note = diff["note:taxon_species"]
    assert note.is_note and note.question == "taxon_species" and note.state == THEIRS
    assert note.theirs == {"text": NOTE_TEXT, "audience": "secretariat"} and note.ours is None
    # taking the answer does not bring the note in with it
    cycle.accept_return(store, library, report_id, path, ["taxon_species"])
    assert "taxon_species" not in store.comments(report_id)
    cycle.reject_return(store, library, report_id, path, ["note:taxon_species"])
    assert "taxon_species" not in store.comments(report_id)
    assert cycle.accept_return(store, library, report_id, path) != []  # the other answers
    assert "taxon_species" not in store.comments(report_id)           # a rejected note stays out
    # named, it is taken, and the package carries it
    cycle.accept_return(store, library, report_id, path, ["note:taxon_species"])
    assert store.comments(report_id)["taxon_species"].text == NOTE_TEXT
    assert _diff(store, library, report_id, path)["note:taxon_species"].decided == "accepted"
    # a note of ours that differs makes a conflict, and the note is never taken by "all"
    store.set_comment(report_id, "taxon_species", "Ours", "secretariat")
    assert _diff(store, library, report_id, path)["note:taxon_species"].state == CONFLICT


def test_a_final_report_takes_no_note(store, library, returned):
    report_id, path = returned
    cycle.accept_return(store, library, report_id, path, ["ca_title", "ca_document", "ca_link",
                                                          "taxon_species"])
    ReportSession.open(store, library, report_id).finalize(name="Aigul")
    with pytest.raises(ReportLocked):
        cycle.accept_return(store, library, report_id, path, ["note:taxon_species"])
    assert "taxon_species" not in store.comments(report_id)


def test_supplier_is_the_signer_or_marked_unsigned(store, colleague, library, final_report, tmp_path):
    store.reopen_report(final_report)
    share = cycle.export_share(store, library, final_report, SECTIONS, tmp_path / "share.json",
                               sender={"name": "Aigul"})
    copy, _ = cycle.open_share(colleague, library, share.path)
    colleague.set_answers(copy.id, {"ca_title": "Signed title", "ca_document": "Unsigned document"})
    folder = tmp_path / "identity"
    create_identity(folder, name="Bakhtiyor Rakhimov", passphrase="correct horse 42")
    identity = unlock(folder, "correct horse 42")
    # the typed name differs from the certificate's: the certificate's is what is proven
    signed = cycle.export_return(colleague, library, copy.id, tmp_path / "signed.json",
                                 supplier={"name": "Someone Else", "agency": "Institute of Zoology"},
                                 identity=identity)
    plain = cycle.export_return(colleague, library, copy.id, tmp_path / "plain.json",
                                supplier={"name": "Bakhtiyor Rakhimov", "agency": "Institute of Zoology"})
    cycle.accept_return(store, library, final_report, signed, ["ca_title"])
    cycle.accept_return(store, library, final_report, plain, ["ca_document"])
    suppliers = store.suppliers(final_report)
    assert suppliers["ca_title"]["signed_by"] == "Bakhtiyor Rakhimov"
    assert suppliers["ca_title"]["fingerprint"] == identity.fingerprint
    assert supplier_text(suppliers["ca_title"], "en") == (
        "Supplied by Bakhtiyor Rakhimov (Institute of Zoology), signed return")
    assert supplier_text(suppliers["ca_document"], "en") == (
        "Supplied by Bakhtiyor Rakhimov (Institute of Zoology), unsigned return")
    history = history_with_suppliers(store, final_report, "ca_document")
    assert history[-1][0].new == "Unsigned document" and history[-1][1] == suppliers["ca_document"]
    assert all(who is None for _, who in history[:-1])  # the focal point's own changes
    # the colleague's copy names the sender of the share the same way
    assert supplier_text(colleague.suppliers(copy.id)["ca_link"], "en") == "Supplied by Aigul, unsigned return"


def test_named_keys_must_differ(store, library, returned):
    report_id, path = returned
    with pytest.raises(CamiError, match="No difference to take for: note:ca_title"):
        cycle.accept_return(store, library, report_id, path, ["note:ca_title"])
    data = json.loads(path.read_text("utf-8"))
    assert data["payload"]["comments"]["taxon_species"]["audience"] == "secretariat"


@pytest.mark.parametrize("part, value", [("country", "UZ"), ("period", "1999")])
def test_a_return_naming_another_reporter_or_period_is_refused(store, library, returned, tmp_path,
                                                               part, value):
    report_id, path = returned
    data = json.loads(path.read_text("utf-8"))
    data["payload"]["report"][part] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(CamiError, match=f"report.{part}"):
        cycle.diff_return(store, library, report_id, bad)
    before = store.answers(report_id)
    with pytest.raises(CamiError):
        cycle.accept_return(store, library, report_id, bad)
    assert store.answers(report_id) == before


def test_a_corrected_return_is_decided_again(store, colleague, library, returned, tmp_path):
    """A decision is about the value decided: when the colleague corrects their copy and sends
    the same share back again, the new values are undecided (and "all" takes what only they
    changed), while the first return still shows its decisions."""
    report_id, first = returned
    copy = colleague.find_shared_copy(cycle.sharefile.read(first)[0]["share_id"])
    cycle.reject_return(store, library, report_id, first, ["ca_document"])
    cycle.accept_return(store, library, report_id, first, ["ca_title", "note:taxon_species"])
    colleague.set_answers(copy, {"ca_document": "Corrected document", "ca_title": "Corrected title"})
    colleague.set_comment(copy, "taxon_species", "Corrected note", "secretariat")
    second = cycle.export_return(colleague, library, copy, tmp_path / "return-2.json",
                                 supplier={"name": "Bakhtiyor Rakhimov", "agency": "Institute of Zoology"})
    diff = _diff(store, library, report_id, second)
    assert (diff["ca_document"].state, diff["ca_document"].decided) == (THEIRS, None)
    assert (diff["ca_title"].state, diff["ca_title"].decided) == (CONFLICT, None)  # ours is their first
    assert diff["note:taxon_species"].decided is None
    again = _diff(store, library, report_id, first)  # the first return: its decisions stand
    assert again["ca_document"].decided == "rejected" and again["ca_title"].decided == "accepted"
    taken = cycle.accept_return(store, library, report_id, second)
    assert "ca_document" in [item.key for item in taken] and "ca_title" not in [item.key for item in taken]
    assert store.answers(report_id)["ca_document"] == "Corrected document"
