"""Sharing sections with a colleague in another agency and taking the answers back, one by one."""
from __future__ import annotations

import json

import pytest

from cami_desktop.core import cycle
from cami_desktop.core.cycle import sharefile
from cami_desktop.core.cycle.share import CONFLICT, OURS, SAME, THEIRS
from cami_desktop.core.errors import CamiError
from cami_desktop.core.signing import create_identity, unlock

from .conftest import FORM

SECTIONS = ["concerted_action", "target"]
THEIRS_TEXT = {"en": "Saiga tatarica, Ustyurt population", "ru": "Сайгак, устюртская популяция"}


@pytest.fixture
def shared(store, library, final_report, tmp_path):
    """Our reopened report with two sections shared to a file."""
    store.reopen_report(final_report)
    result = cycle.export_share(store, library, final_report, SECTIONS, tmp_path / "share.json",
                                sender={"name": "Aigul Nurlanova", "agency": "Ministry of Ecology"})
    return final_report, result


def _answer_and_return(colleague, library, shared_file, tmp_path, changes, name="Болат Исаев"):
    copy, _ = cycle.open_share(colleague, library, shared_file)
    colleague.set_answers(copy.id, changes)
    return cycle.export_return(colleague, library, copy.id, tmp_path / "return.json",
                               supplier={"name": name, "agency": "Институт зоологии"})


def test_round_trip_with_per_question_diff_and_supplier(store, colleague, library, shared, tmp_path, lang):
    report_id, share = shared
    assert share.keys[:3] == ["ca_title", "ca_document", "ca_link"] and "taxon_species" in share.keys
    assert "fp_name" not in share.keys  # only the shared sections travel
    ours_before = store.answers(report_id)

    copy, signer = cycle.open_share(colleague, library, share.path)
    assert signer is None and colleague.answers(copy.id) == {
        k: v for k, v in ours_before.items() if k in share.keys}
    assert (copy.form_id, copy.country, copy.language) == (FORM, "KZ", lang)
    colleague.set_answers(copy.id, {"taxon_species": THEIRS_TEXT[lang], "ca_link": None,
                                    "fp_name": "not shared"})
    returned = cycle.export_return(colleague, library, copy.id, tmp_path / "return.json",
                                   supplier={"name": "Болат Исаев", "agency": "Институт зоологии"})
    assert "fp_name" not in json.loads(returned.read_text("utf-8"))["payload"]["answers"]

    store.set_answer(report_id, "ca_document", "Ours, changed meanwhile")
    diff = {item.key: item for item in cycle.diff_return(store, library, report_id, returned)}
    assert diff["taxon_species"].state == THEIRS and diff["taxon_species"].theirs == THEIRS_TEXT[lang]
    assert diff["ca_link"].state == THEIRS and diff["ca_link"].theirs is None
    assert diff["ca_document"].state == OURS  # they kept what we sent; ours is newer
    assert diff["ca_title"].state == SAME
    assert store.answers(report_id)["taxon_species"] == ours_before["taxon_species"]  # nothing yet

    taken = cycle.accept_return(store, library, report_id, returned, ["taxon_species"])
    assert [item.key for item in taken] == ["taxon_species"]
    answers = store.answers(report_id)
    assert answers["taxon_species"] == THEIRS_TEXT[lang]
    assert answers["ca_link"] == ours_before["ca_link"] and answers["ca_document"] == "Ours, changed meanwhile"
    assert store.suppliers(report_id) == {
        "taxon_species": {"name": "Болат Исаев", "agency": "Институт зоологии", "unsigned": True}}

    # --all takes the remaining real differences, never a later change of ours.
    taken = cycle.accept_return(store, library, report_id, returned)
    assert [item.key for item in taken] == ["ca_link"]
    assert "ca_link" not in store.answers(report_id)
    assert store.answers(report_id)["ca_document"] == "Ours, changed meanwhile"

    # The focal point changing a colleague's answer makes it theirs again.
    store.set_answer(report_id, "taxon_species", "Saiga")
    assert "taxon_species" not in store.suppliers(report_id)


def test_conflicts_and_rejections_are_shown(store, colleague, library, shared, tmp_path):
    report_id, share = shared
    returned = _answer_and_return(colleague, library, share.path, tmp_path, {"ca_title": "Theirs"})
    store.set_answer(report_id, "ca_title", "Ours")
    [item] = [i for i in cycle.diff_return(store, library, report_id, returned) if i.differs]
    assert (item.key, item.state, item.ours, item.theirs) == ("ca_title", CONFLICT, "Ours", "Theirs")
    assert [i.key for i in cycle.reject_return(store, library, report_id, returned, ["ca_title"])] == ["ca_title"]
    [item] = [i for i in cycle.diff_return(store, library, report_id, returned) if i.differs]
    assert item.decided == "rejected" and store.answers(report_id)["ca_title"] == "Ours"
    with pytest.raises(CamiError, match="No difference to take for: ca_document"):
        cycle.accept_return(store, library, report_id, returned, ["ca_document"])


def test_signed_share_shows_the_signer_and_refuses_tampering(store, colleague, library, final_report,
                                                              tmp_path):
    folder = tmp_path / "identity"
    create_identity(folder, name="Aigul Nurlanova", passphrase="correct horse 42")
    identity = unlock(folder, "correct horse 42")
    share = cycle.export_share(store, library, final_report, ["concerted_action"], tmp_path / "s.json",
                               sender={"name": "Aigul"}, identity=identity)
    assert share.signed
    data = json.loads(share.path.read_text("utf-8"))
    tampered = tmp_path / "tampered.json"
    data["payload"]["answers"]["ca_title"] = "Changed on the way"
    tampered.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(CamiError, match="changed after it was signed"):
        cycle.open_share(colleague, library, tampered)
    copy, signer = cycle.open_share(colleague, library, share.path)
    assert signer == {"name": "Aigul Nurlanova", "fingerprint": identity.fingerprint}
    assert colleague.shared_copy(copy.id)["signer"] == signer


def test_email_draft_opens_like_the_file(store, colleague, library, final_report, tmp_path):
    share = cycle.export_share(store, library, final_report, ["target"], tmp_path / "s.json",
                               sender={"name": "Aigul"}, email_to="colleague@example.org")
    assert share.email.suffix == ".eml" and b"X-Unsent: 1" in share.email.read_bytes()
    copy, _ = cycle.open_share(colleague, library, share.email)
    assert colleague.shared_copy(copy.id)["sections"] == ["target"]
    with pytest.raises(CamiError, match=f"already open as report {copy.id}"):
        cycle.open_share(colleague, library, share.path)


def _write(path, payload, signature=None):
    path.write_text(json.dumps({"payload": payload, "signature": signature}), "utf-8")
    return path


@pytest.mark.parametrize("damage, message", [
    (lambda p: p.update(format="other/1"), "format"),
    (lambda p: p.update(share_id="../../etc"), "share_id"),
    (lambda p: p["answers"].update(fp_name="x"), "outside the shared sections: fp_name"),
    (lambda p: p["answers"].update(ca_link="not a link"), "ca_link is not valid"),
    (lambda p: p.update(keys=p["keys"] + ["fp_name"]), "keys"),
    (lambda p: p.update(sections="everything"), "sections"),
    (lambda p: p["translations"].update(ca_link="x"), "Only free-text answers carry a translation"),
    (lambda p: p.update(kind="return"), "colleague's return"),
    # the reporter is checked as for a report made here (issue 15)
    (lambda p: p["report"].update(country="ZZ"), "cannot file this form"),
    (lambda p: p["report"].update(country="x/<b>y</b>"), "cannot file this form"),
    (lambda p: p["report"].update(country="kz"), "report.country"),
])
def test_hostile_share_files_are_refused_and_nothing_is_created(store, colleague, library, final_report,
                                                                tmp_path, damage, message):
    share = cycle.export_share(store, library, final_report, ["concerted_action"], tmp_path / "s.json",
                               sender={"name": "Aigul"})
    payload = json.loads(share.path.read_text("utf-8"))["payload"]
    damage(payload)
    with pytest.raises(CamiError, match=message):
        cycle.open_share(colleague, library, _write(tmp_path / "bad.json", payload))
    assert colleague.list_reports() == []


def test_unreadable_files_are_refused(colleague, library, tmp_path):
    cases = {"not-json.json": b"\xff\xfe not json", "deep.json": b"[" * 100000 + b"]" * 100000,
             "list.json": b"[]", "big.json": b" " * (sharefile.MAX_FILE + 1),
             "infinite.json": b'{"payload": {"answers": {"x": 1e999}}, "signature": null}',
             "nan.json": b'{"payload": NaN, "signature": null}'}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(CamiError) as refused:
            cycle.open_share(colleague, library, tmp_path / name)
        assert name in str(refused.value)
    assert colleague.list_reports() == []


def test_a_return_must_answer_a_share_of_this_report(store, colleague, library, shared, tmp_path):
    report_id, share = shared
    returned = _answer_and_return(colleague, library, share.path, tmp_path, {"ca_title": "Theirs"})
    other = store.create_report(form_id=FORM, form_version=library.get(FORM).version, country="KZ",
                                period="2030", language="en")
    with pytest.raises(CamiError, match="not made from report"):
        cycle.diff_return(store, library, other.id, returned)
    with pytest.raises(CamiError, match="not a colleague's return"):
        cycle.diff_return(store, library, report_id, share.path)  # the share itself, not a return
    with pytest.raises(CamiError, match="not a copy of shared sections"):
        cycle.export_return(store, library, report_id, tmp_path / "x.json", supplier={"name": "x"})
    with pytest.raises(CamiError, match="Say who is answering"):
        copy_id = colleague.list_reports()[0].id
        cycle.export_return(colleague, library, copy_id, tmp_path / "x.json", supplier={"name": " "})


def test_a_failure_while_opening_leaves_no_half_made_copy(store, colleague, library, final_report,
                                                          tmp_path, monkeypatch):
    share = cycle.export_share(store, library, final_report, ["target"], tmp_path / "s.json",
                               sender={"name": "Aigul"})

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(colleague, "mark_shared_copy", disk_full)
    with pytest.raises(OSError):
        cycle.open_share(colleague, library, share.path)
    assert colleague.list_reports() == [] and colleague.list_reports(deleted=True) == []
    monkeypatch.undo()
    copy, _ = cycle.open_share(colleague, library, share.path)  # and it can be opened again
    assert colleague.suppliers(copy.id)["taxon_species"] == {"name": "Aigul", "agency": "", "unsigned": True}


def test_undo_and_redo_keep_who_supplied_an_answer(store, colleague, library, shared, tmp_path, lang):
    report_id, share = shared
    ours = store.answers(report_id)["taxon_species"]
    returned = _answer_and_return(colleague, library, share.path, tmp_path, {"taxon_species": THEIRS_TEXT[lang]})
    cycle.accept_return(store, library, report_id, returned, ["taxon_species"])
    bolat = {"name": "Болат Исаев", "agency": "Институт зоологии", "unsigned": True}
    assert store.suppliers(report_id) == {"taxon_species": bolat}

    cycle.undo(store, report_id)          # ours again
    assert store.answers(report_id)["taxon_species"] == ours and store.suppliers(report_id) == {}
    cycle.redo(store, report_id)          # the colleague's again, and said so
    assert store.suppliers(report_id) == {"taxon_species": bolat}

    store.set_answer(report_id, "taxon_species", "Saiga")  # changed by us: ours
    assert store.suppliers(report_id) == {}
    cycle.undo(store, report_id)          # back to the colleague's answer
    assert store.answers(report_id)["taxon_species"] == THEIRS_TEXT[lang]
    assert store.suppliers(report_id) == {"taxon_species": bolat}
