"""Changes since the submitted revision, comments, and undo/redo that survive a restart."""
from __future__ import annotations

import json
import sqlite3
import zipfile

import pytest

from cami_desktop.core import cycle
from cami_desktop.core.errors import CamiError, ReportLocked
from cami_desktop.core.export.content import build_content
from cami_desktop.core.reports.session import ReportSession
from cami_desktop.core.store import database

from .conftest import FORM, open_store

NEW = {"en": "Revised after the 2025 census", "ru": "Исправлено после учета 2025 года"}


def test_a_reopened_report_shows_what_changed_since_the_submitted_revision(store, library, final_report, lang):
    assert cycle.changes(store, final_report).since is None  # revision 1: nothing earlier
    submitted = store.answers(final_report)
    store.reopen_report(final_report)
    assert cycle.changes(store, final_report).items == []
    store.set_answer(final_report, "ca_title", NEW[lang])
    store.set_answer(final_report, "ca_link", None)
    store.set_translation(final_report, "ca_title", "Revised")

    found = cycle.changes(store, final_report)
    assert (found.revision, found.since) == (2, 1)
    assert [(c.key, c.kind, c.old, c.new) for c in found.items] == [
        ("ca_link", "value", submitted["ca_link"], None),
        ("ca_title", "translation", None, "Revised"),
        ("ca_title", "value", submitted["ca_title"], NEW[lang]),
    ]
    # Changing it back is no change at all.
    store.set_answer(final_report, "ca_link", submitted["ca_link"])
    assert found.keys == ["ca_link", "ca_title"] and cycle.changes(store, final_report).keys == ["ca_title"]


def test_reports_made_final_before_snapshots_use_their_history(store, library, final_report):
    submitted = store.answers(final_report)
    store.reopen_report(final_report)
    store.set_answer(final_report, "ca_title", "Later")
    with sqlite3.connect(store.data_dir / database.DB_NAME) as connection:
        connection.execute("DELETE FROM revision_answers")  # as in a database from before 0006
    found = cycle.changes(store, final_report)
    assert [(c.key, c.old, c.new) for c in found.items] == [("ca_title", submitted["ca_title"], "Later")]


def test_the_package_of_a_later_revision_lists_changes_and_comments(store, library, final_report, tmp_path, lang):
    from cami_desktop.core.export.package import export_package
    from cami_desktop.core.signing import create_identity, unlock

    store.reopen_report(final_report)
    store.set_answer(final_report, "ca_title", NEW[lang])
    cycle.set_comment(store, library, final_report, "ca_title", "Название уточнено", "secretariat")
    cycle.set_comment(store, library, final_report, "ca_document", "Ask Bolat", "colleagues")
    session = ReportSession.open(store, library, final_report)
    session.finalize(name="Aigul")
    create_identity(tmp_path / "id", name="Aigul", passphrase="correct horse 42")
    result = export_package(store, library, final_report, tmp_path, unlock(tmp_path / "id", "correct horse 42"))

    report = result.manifest["report"]
    assert (report["revision"], report["changed_since_revision"], report["changed_keys"]) == (2, 1, ["ca_title"])
    with zipfile.ZipFile(result.path) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".json") and "/" not in n and "manifest" not in n]
        document = json.loads(archive.read(name))
    assert document["comments"] == {"ca_title": "Название уточнено"}  # notes for colleagues stay home
    assert document["changes"]["since_revision"] == 1
    assert [c["key"] for c in document["changes"]["changed"]] == ["ca_title"]
    assert document["answers"]["ca_title"] == NEW[lang]


def test_comments_are_stored_checked_and_shown_in_the_pdf_on_request(store, library, final_report, lang):
    store.reopen_report(final_report)
    assert cycle.set_comment(store, library, final_report, "ca_title", "  Check the spelling  ")
    assert not cycle.set_comment(store, library, final_report, "ca_title", "Check the spelling")
    assert cycle.comments(store, final_report)["ca_title"].text == "Check the spelling"
    with pytest.raises(CamiError, match="no question nope"):
        cycle.set_comment(store, library, final_report, "nope", "x")
    with pytest.raises(CamiError, match="at most"):
        cycle.set_comment(store, library, final_report, "ca_title", "x" * 5000)

    session = ReportSession.open(store, library, final_report)
    plain = build_content(session)
    noted = build_content(session, comments={"ca_title": "Check the spelling"})
    entry = lambda content: next(e for t in content.sections for b in t.blocks for e in b.entries  # noqa: E731
                                 if e.question.key == "ca_title")
    assert "Check the spelling" not in entry(plain).text
    label = {"en": "Comment: Check the spelling", "ru": "Check the spelling"}[lang]
    assert label in entry(noted).text and entry(noted).comment == "Check the spelling"

    assert cycle.set_comment(store, library, final_report, "ca_title", None)
    assert cycle.comments(store, final_report) == {}
    session.finalize(name="Aigul")
    with pytest.raises(ReportLocked):
        cycle.set_comment(store, library, final_report, "ca_title", "late")


def test_undo_and_redo_step_through_changes_and_survive_a_restart(tmp_path, library):
    folder = tmp_path / "data"
    with open_store(folder) as store:
        report = store.create_report(form_id="concerted-action", form_version="1", country="KZ",
                                     period="2025", language="ru")
        rid = report.id
        store.set_answer(rid, "ca_title", "Первый")
        store.set_answers(rid, {"ca_title": "Второй", "ca_document": "Документ"})
        store.set_translation(rid, "ca_title", "Second")
        assert store.can_undo_redo(rid) == (True, False)

        step = cycle.undo(store, rid)
        assert [(c.key, c.kind, c.old, c.new) for c in step.changes] == [("ca_title", "translation", "Second", None)]
        step = cycle.undo(store, rid)  # one import is one step
        assert step.keys == ["ca_document", "ca_title"]
        assert store.answers(rid) == {"ca_title": "Первый"}

    with open_store(folder) as store:  # a restart
        assert store.can_undo_redo(rid) == (True, True)
        step = cycle.redo(store, rid)
        assert store.answers(rid) == {"ca_title": "Второй", "ca_document": "Документ"}
        assert step.can_redo  # the translation is still to redo
        store.set_answer(rid, "ca_document", "Новый")  # a new change: nothing left to redo
        assert cycle.redo(store, rid).changes == [] and not store.can_undo_redo(rid)[1]
        assert cycle.undo(store, rid).keys == ["ca_document"]
        assert cycle.undo(store, rid).keys == ["ca_document", "ca_title"]
        assert cycle.undo(store, rid).keys == ["ca_title"]
        assert store.answers(rid) == {}
        assert cycle.undo(store, rid).changes == []
        # Every undo is in the history too, so nothing is ever lost.
        assert [h.new for h in store.history(rid, "ca_title")][-1] is None
        store.finalize_report(rid, {})
        with pytest.raises(ReportLocked):
            cycle.redo(store, rid)


def _put(model: dict, key: str, value) -> None:
    if value is None:
        model.pop(key, None)
    else:
        model[key] = value


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_undo_redo_agree_with_an_editor_model_over_random_edits(tmp_path, seed):
    """Random saves, imports, undos and redos (and restarts) against the textbook two-stack editor."""
    import random

    rng = random.Random(seed)
    model: dict = {}
    undo_stack: list[dict] = []   # each step: {key: (old, new)}
    redo_stack: list[dict] = []
    folder = tmp_path / "data"
    store = open_store(folder)
    rid = store.create_report(form_id="f", form_version="1", country="KZ", period="2025", language="en").id
    try:
        for _ in range(120):
            action = rng.choice(["set", "set", "import", "undo", "undo", "redo", "restart"])
            if action in ("set", "import"):
                keys = rng.sample(["a", "b", "c", "d"], 1 if action == "set" else rng.randint(2, 4))
                values = {k: rng.choice([None, 1, 2, "x", [1, 2]]) for k in keys}
                step = {k: (model.get(k), v) for k, v in values.items() if model.get(k) != v}
                store.set_answers(rid, values)
                for key, (_, value) in step.items():
                    _put(model, key, value)
                if step:
                    undo_stack.append(step)
                    redo_stack.clear()
            elif action == "restart":
                store.close()
                store = open_store(folder)
            else:
                source, target = (undo_stack, redo_stack) if action == "undo" else (redo_stack, undo_stack)
                result = cycle.undo(store, rid) if action == "undo" else cycle.redo(store, rid)
                if source:
                    step = source.pop()
                    target.append(step)
                    assert result.keys == sorted(step)
                else:
                    assert result.changes == []
                for key, (old, new) in (step.items() if result.changes else ()):
                    _put(model, key, old if action == "undo" else new)
            assert store.answers(rid) == model
            assert store.can_undo_redo(rid) == (bool(undo_stack), bool(redo_stack))
    finally:
        store.close()


def test_undo_never_goes_back_past_a_new_reports_prefilled_answers(store, library):
    from cami_desktop.core.reports.session import create_report

    store.set_setting("profile", {"name": "Aigul Nurlanova", "email": "aigul@example.org"})
    rid = create_report(store, library, form_id="saiga-mou", country="KZ", period="2025").id
    prefilled = store.answers(rid)
    assert prefilled  # country, period, the profile
    assert store.can_undo_redo(rid) == (False, False)
    assert cycle.undo(store, rid).changes == []
    assert store.answers(rid) == prefilled

    key = next(iter(prefilled))
    store.set_answer(rid, key, None)
    assert cycle.undo(store, rid).keys == [key]
    assert cycle.undo(store, rid).changes == [] and store.answers(rid) == prefilled


def test_undo_never_empties_the_carried_over_answers(store, library, final_report):
    new = cycle.start_from(store, library, final_report, period="2025").record.id
    carried = store.answers(new)
    assert store.can_undo_redo(new) == (False, False)
    assert cycle.undo(store, new).changes == [] and store.answers(new) == carried
    assert cycle.unconfirmed(store, new)


def test_undo_brings_back_a_carried_answer_unconfirmed(store, library, final_report):
    new = cycle.start_from(store, library, final_report, period="2025").record.id
    carried = store.answers(new)["ca_title"]
    waiting = cycle.unconfirmed(store, new)
    assert "ca_title" in waiting

    store.set_answer(new, "ca_title", "Mine")           # changing it confirms it
    store.set_answer(new, "ca_title", "Mine, again")
    assert "ca_title" not in cycle.unconfirmed(store, new)
    cycle.undo(store, new)                              # back to my own first change: confirmed
    assert store.answers(new)["ca_title"] == "Mine" and "ca_title" not in cycle.unconfirmed(store, new)
    cycle.undo(store, new)                              # back to the carried value: to confirm again
    assert store.answers(new)["ca_title"] == carried
    assert cycle.unconfirmed(store, new) == waiting
    cycle.redo(store, new)
    assert "ca_title" not in cycle.unconfirmed(store, new)

    # Undone, then a new change, then undone: through the earlier undo, still the carried value.
    cycle.undo(store, new)
    store.set_answer(new, "ca_title", "Other")
    cycle.undo(store, new)
    assert store.answers(new)["ca_title"] == carried and "ca_title" in cycle.unconfirmed(store, new)

    # Confirmed first, then changed: the undo brings back a confirmed answer.
    cycle.confirm(store, new, ["ca_title"])
    store.set_answer(new, "ca_title", "Changed after confirming")
    cycle.undo(store, new)
    assert store.answers(new)["ca_title"] == carried and "ca_title" not in cycle.unconfirmed(store, new)


def test_a_colleagues_working_copy_does_not_undo_what_was_sent(store, library, colleague, final_report, tmp_path):
    store.reopen_report(final_report)
    out = tmp_path / "share.json"
    first_section = next(iter(library.get(FORM).walk())).key
    cycle.export_share(store, library, final_report, [first_section], out, sender={"name": "Aigul"})
    copy, _signer = cycle.open_share(colleague, library, out)
    assert colleague.answers(copy.id)
    assert colleague.can_undo_redo(copy.id) == (False, False)
