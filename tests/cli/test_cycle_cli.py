"""The reporting cycle on the command line, as a focal point and a colleague would use it."""
from __future__ import annotations

import json

import pytest

from cami_desktop.cli import main
from cami_desktop.core.forms.library import default_library
from tests.helpers.answers import full_answers

FORM = "concerted-action"


@pytest.fixture
def run(tmp_path, capsys):
    """Run the CLI on a data folder: ``run("ours", "report", …)`` → (code, out, err)."""
    def call(folder: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
        code = main(["--data-dir", str(tmp_path / folder), "--language", lang, *args])
        out, err = capsys.readouterr()
        return code, out, err
    return call


def _final_report(run, tmp_path, lang: str) -> str:
    _, out, _ = run("ours", "report", "new", "--form", FORM, "--country", "KZ", "--period", "2021-2024",
                    "--language", lang)
    report_id = out.strip()
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": full_answers(default_library().get(FORM), lang)}), "utf-8")
    assert run("ours", "report", "fill", report_id, str(answers))[0] == 0
    code, out, err = run("ours", "report", "finalize", report_id, "--name", "Aigul")
    assert code == 0, out + err
    return report_id


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_new_from_confirm_and_unconfirmed(run, tmp_path, lang):
    source = _final_report(run, tmp_path, lang)
    code, out, err = run("ours", "report", "new", "--form", FORM, "--country", "KZ", "--period", "2025",
                         "--from", source)
    assert code == 0 and "carried over from report 1" in err
    new = out.strip()
    code, out, _ = run("ours", "report", "unconfirmed", new)
    assert code == 0 and "ca_title" in out
    waiting = int(next(line for line in out.splitlines() if "to confirm" in line).split()[0])
    code, out, _ = run("ours", "report", "validate", new)
    assert code == 1 and "Carried over from the earlier report" in out
    assert run("ours", "report", "confirm", new, "ca_title")[1].startswith("1 answer confirmed")
    code, _, err = run("ours", "report", "confirm", new, "no_such_key")
    assert code == 2 and "no_such_key" in err
    code, out, _ = run("ours", "report", "confirm", new, "--all")
    assert out.startswith(f"{waiting - 1} answers confirmed")
    assert run("ours", "report", "unconfirmed", new)[1].startswith("0 carried-over answers")
    code, _, err = run("ours", "report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "2025",
                       "--from", source)
    assert code == 2 and "same form" in err


def test_comment_changes_undo_redo(run, tmp_path):
    report_id = _final_report(run, tmp_path, "ru")
    assert run("ours", "report", "comment", report_id, "ca_title", "late")[0] == 2  # final: locked
    run("ours", "report", "reopen", report_id)
    code, out, _ = run("ours", "report", "comment", report_id, "ca_title", "Уточнить у Болата",
                       "--for", "colleagues")
    assert code == 0 and out.startswith("Comment stored")
    assert run("ours", "report", "comment", report_id, "ca_title", "--clear")[1].startswith("Comment removed")
    assert run("ours", "report", "comment", report_id, "ca_title")[0] == 2  # neither text nor --clear
    assert run("ours", "report", "changes", report_id)[1].startswith("0 answers changed since revision 1")
    fix = tmp_path / "fix.json"
    fix.write_text(json.dumps({"answers": {"ca_title": "Новое название"}}), "utf-8")
    run("ours", "report", "fill", report_id, str(fix))
    code, out, _ = run("ours", "report", "changes", report_id, "--json")
    assert json.loads(out)["changed"][0]["new"] == "Новое название"
    code, out, _ = run("ours", "report", "undo", report_id)
    assert code == 0 and "ca_title" in out and "Новое название" in out
    assert "ca_title" not in run("ours", "report", "changes", report_id)[1]
    assert "Новое название" in run("ours", "report", "redo", report_id)[1]
    assert run("ours", "report", "redo", report_id)[1].startswith("Nothing to redo")


def test_share_export_open_fill_return_diff_accept(run, tmp_path):
    report_id = _final_report(run, tmp_path, "ru")
    run("ours", "report", "reopen", report_id)
    share = tmp_path / "share.json"
    code, out, err = run("ours", "share", "export", report_id, "--section", "target", "--out", str(share),
                         "--name", "Айгуль", "--agency", "Министерство", "--email", "bolat@example.org")
    assert code == 0 and "6 questions shared" in out, err
    assert share.with_suffix(".eml").exists()

    code, out, err = run("colleague", "share", "open", str(share.with_suffix(".eml")), lang="ru")
    assert code == 0 and ("не подписан" in err or "not signed" in err)
    copy = out.strip()
    answers = tmp_path / "theirs.json"
    answers.write_text(json.dumps({"answers": {"taxon_species": "Сайгак", "taxon_class": "Mammalia"}}), "utf-8")
    assert run("colleague", "report", "fill", copy, str(answers))[0] == 0
    back = tmp_path / "back.json"
    code, _, err = run("colleague", "share", "return", copy, "--out", str(back))
    assert code == 2 and err  # who is answering? no name given, no profile
    assert run("colleague", "share", "return", copy, "--out", str(back), "--name", "Болат")[0] == 0

    code, out, _ = run("ours", "share", "diff", report_id, str(back))
    assert code == 0 and "taxon_species: changed by them" in out and "2 questions differ" in out
    code, out, _ = run("ours", "share", "accept", report_id, str(back), "taxon_species")
    assert code == 0 and out.strip().endswith("1 answer taken.")
    code, out, _ = run("ours", "share", "reject", report_id, str(back), "--all")
    assert out.splitlines()[0].startswith("The file is not signed.") and "1 answer left out" in out
    code, out, _ = run("ours", "share", "diff", report_id, str(back))
    # the first line says the return is not signed; decisions stay shown when it is read again
    assert out.splitlines()[0] == "The file is not signed. From Болат."
    assert "[rejected]" in out and "taxon_species: same [accepted]" in out
    code, out, _ = run("ours", "report", "dump", report_id)
    dumped = json.loads(out)
    assert dumped["answers"]["taxon_species"] == "Сайгак"
    assert dumped["suppliers"]["taxon_species"]["text"] == "Supplied by Болат, unsigned return"
    code, out, _ = run("ours", "report", "history", report_id, "taxon_species")
    assert out.strip().splitlines()[-1].endswith('"Сайгак"  [Supplied by Болат, unsigned return]')
    code, _, err = run("ours", "share", "accept", report_id, str(back))
    assert code == 2 and "--all" in err
    code, _, err = run("ours", "share", "open", str(tmp_path / "missing.json"))
    assert code == 2 and "missing.json" in err


def test_signed_return_named_first_and_a_note_decided_in_the_diff(run, tmp_path, monkeypatch):
    monkeypatch.delenv("CAMI_PASSPHRASE", raising=False)
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse 42\n")
    report_id = _final_report(run, tmp_path, "en")
    run("ours", "report", "reopen", report_id)
    share = tmp_path / "share.json"
    assert run("ours", "share", "export", report_id, "--section", "target", "--out", str(share),
               "--name", "Aigul")[0] == 0
    assert run("colleague", "identity", "create", "--name", "Bakhtiyor Rakhimov",
               "--passphrase-file", str(secret))[0] == 0
    code, out, _ = run("colleague", "share", "open", str(share))
    copy = out.strip()
    answers = tmp_path / "theirs.json"
    answers.write_text(json.dumps({"answers": {"taxon_species": "Saiga"}}), "utf-8")
    assert run("colleague", "report", "fill", copy, str(answers))[0] == 0
    assert run("colleague", "report", "comment", copy, "taxon_species", "Note for the Secretariat")[0] == 0
    back = tmp_path / "back.json"
    assert run("colleague", "share", "return", copy, "--out", str(back), "--name", "B. R.",
               "--agency", "Institute of Zoology", "--sign", "--passphrase-file", str(secret))[0] == 0

    code, out, _ = run("ours", "share", "diff", report_id, str(back))
    first = out.splitlines()[0]
    assert first.startswith("Signed by Bakhtiyor Rakhimov, certificate fingerprint ")
    assert first.endswith("From B. R. (Institute of Zoology).")
    assert "note:taxon_species: changed by them" in out
    assert '    theirs: (For the Secretariat) "Note for the Secretariat"' in out
    code, out, _ = run("ours", "share", "reject", report_id, str(back), "note:taxon_species")
    assert out.splitlines()[0].startswith("Signed by Bakhtiyor Rakhimov") and "1 answer left out" in out
    code, out, _ = run("ours", "share", "accept", report_id, str(back), "--all")
    assert "taxon_species: " in out and "note:taxon_species" not in out and "1 answer taken." in out
    code, out, _ = run("ours", "report", "dump", report_id)
    assert json.loads(out)["suppliers"]["taxon_species"]["text"] == (
        "Supplied by Bakhtiyor Rakhimov (Institute of Zoology), signed return")
    assert "note:taxon_species: changed by them [rejected]" in run("ours", "share", "diff", report_id, str(back))[1]


def test_unconfirmed_lists_only_what_shows(run, tmp_path):
    _, out, _ = run("ours", "report", "new", "--form", "cami-pow-2014-2020", "--country", "UZ",
                    "--period", "2019-2021")
    source = out.strip()
    answers = tmp_path / "pow.json"
    answers.write_text(json.dumps({"answers": {"status[1.1.1]": "not_started",
                                               "actions[1.1.1]": "Hidden text"}}), "utf-8")
    assert run("ours", "report", "fill", source, str(answers))[0] == 0
    # an earlier draft is enough to start from
    code, out, err = run("ours", "report", "new", "--form", "cami-pow-2014-2020", "--country", "UZ",
                         "--period", "2022-2025", "--from", source)
    new = out.strip()
    code, out, _ = run("ours", "report", "unconfirmed", new)
    assert "status[1.1.1]" in out and "actions[1.1.1]" not in out
    assert "1 more carried-over answer belongs to a question hidden by another answer" in out
    code, out, _ = run("ours", "report", "confirm", new, "--all")
    assert code == 0
    assert run("ours", "report", "unconfirmed", new)[1].startswith("0 carried-over answers to confirm.")


def test_share_open_names_the_sender_without_an_empty_agency(run, tmp_path):
    report_id = _final_report(run, tmp_path, "en")
    run("ours", "report", "reopen", report_id)
    share = tmp_path / "share.json"
    assert run("ours", "share", "export", report_id, "--section", "target", "--out", str(share),
               "--name", "Aigul")[0] == 0
    code, _, err = run("colleague", "share", "open", str(share))
    assert code == 0 and "from Aigul opened as report" in err and "(—)" not in err


def test_new_from_keeps_the_earlier_reports_language_and_reporter(run, tmp_path):
    source = _final_report(run, tmp_path, "ru")
    code, out, _ = run("ours", "report", "new", "--form", FORM, "--country", "KZ", "--period", "2025",
                       "--from", source)
    assert code == 0
    dumped = json.loads(run("ours", "report", "dump", out.strip())[1])
    assert dumped["report"]["language"] == "ru"  # not English by default
    code, out, _ = run("ours", "report", "new", "--form", FORM, "--country", "KZ", "--period", "2026",
                       "--from", source, "--language", "en")
    assert json.loads(run("ours", "report", "dump", out.strip())[1])["report"]["language"] == "en"
    code, out, _ = run("ours", "report", "new", "--form", FORM, "--country", "KZ", "--period", "2027")
    assert code == 0 and json.loads(run("ours", "report", "dump", out.strip())[1])["report"]["language"] == "en"


def test_new_from_an_organizations_report(run, tmp_path):
    code, out, _ = run("ours", "report", "new", "--form", FORM, "--organization", "Рабочая группа по манулу",
                       "--period", "2025")
    source = out.strip()
    code, out, err = run("ours", "report", "new", "--form", FORM, "--organization", "Рабочая  группа по манулу",
                         "--period", "2026", "--from", source)
    assert code == 0, err
    code, _, err = run("ours", "report", "new", "--form", FORM, "--organization", "Другая группа",
                       "--period", "2026", "--from", source)
    assert code == 2 and "Другая группа" in err and "same reporter" in err and "ДРУГАЯ" not in err


def test_comment_with_control_characters_is_refused_in_one_sentence(run, tmp_path):
    """A note typed or pasted on the command line keeps the bounds of an answer's text."""
    _, out, _ = run("ours", "report", "new", "--form", FORM, "--country", "KZ", "--period", "2025")
    report_id = out.strip()
    code, out, err = run("ours", "report", "comment", report_id, "ca_title", "red\x1b[31m\x07")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == ["The note on ca_title cannot be stored: the text holds a control "
                                        "character (U+001B)."]
    assert run("ours", "report", "comment", report_id, "ca_title", "line\x0bbreak")[0] == 0
    from cami_desktop.core.store import Store
    store = Store.open(tmp_path / "ours", app_version="test", backups=False)
    try:
        assert store.comments(int(report_id))["ca_title"].text == "line\nbreak"
    finally:
        store.close()


@pytest.mark.parametrize("name, agency", [("Bakhtiyor\x07\x1b[2J", "Institute of Zoology"),
                                          ("Bakhtiyor Rakhimov", "Institute\nof Zoology"),
                                          ("B" * 201, "Institute of Zoology")])
def test_share_names_with_control_characters_are_refused_before_a_file_is_written(run, tmp_path, name, agency):
    """The other side refuses such a file as damaged: the sender is told at once instead."""
    report_id = _final_report(run, tmp_path, "en")
    share = tmp_path / "share.json"
    code, _, err = run("ours", "share", "export", report_id, "--section", "target", "--out", str(share),
                       "--name", name, "--agency", agency)
    assert code == 2 and not share.exists() and len(err.strip().splitlines()) == 1
    assert "\x1b" not in err and "\x07" not in err
    assert run("ours", "share", "export", report_id, "--section", "target", "--out", str(share),
               "--name", "Aigul")[0] == 0
    copy = run("colleague", "share", "open", str(share))[1].strip()
    back = tmp_path / "back.json"
    code, _, err = run("colleague", "share", "return", copy, "--out", str(back), "--name", name,
                       "--agency", agency)
    assert code == 2 and not back.exists()
    assert err.startswith("A name or agency ") and len(err.strip().splitlines()) == 1
    assert run("colleague", "share", "return", copy, "--out", str(back), "--name", "Bakhtiyor Rakhimov",
               "--agency", "Institute of Zoology")[0] == 0
    assert run("ours", "share", "diff", report_id, str(back))[0] == 0


def test_values_stored_by_an_earlier_version_are_named_not_shared_and_left_behind(run, tmp_path):
    """Stored before the checks of issue 15: ``share export`` refuses with one sentence naming the
    question; ``report new --from`` leaves the answer behind and names it (exit 0, nothing crashes)."""
    from cami_desktop import __version__
    from cami_desktop.core.store import Store

    source = _final_report(run, tmp_path, "en")
    assert run("ours", "report", "reopen", source)[0] == 0
    with Store.open(tmp_path / "ours", app_version=__version__, backups=False) as store:
        store.set_answer(int(source), "ca_title", "Census\x1b[31m")  # bypasses the checks
    code, _, err = run("ours", "share", "export", source, "--section", "concerted_action",
                         "--out", str(tmp_path / "share.json"), "--name", "Aigul")
    assert code == 2 and "change them first: ca_title." in err and "\x1b" not in err
    assert err.count("\n") == 1 and not (tmp_path / "share.json").exists()
    code, _, err = run("ours", "report", "new", "--form", FORM, "--country", "KZ", "--period", "2025",
                       "--from", source)
    assert code == 0 and "1 earlier answer was not carried over" in err and err.rstrip().endswith("ca_title")
    assert "period_from" not in err  # filled in anew, not left behind
