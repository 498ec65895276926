"""The command line end to end, against a fresh data folder, as a focal point would use it."""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import pytest

from cami_desktop import __version__
from cami_desktop.cli import main
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_forms_list_and_show_in_both_languages(cli):
    code, out, _ = cli("forms", "list")
    assert code == 0 and "saiga-mou" in out and len(out.strip().splitlines()) == 5
    code, out, _ = cli("forms", "show", "saiga-mou", "--json")
    definition = json.loads(out)
    keys = {q["key"]: q for q in definition["questions"]}
    assert keys["range_state"]["type"] == "pick" and keys["range_state"]["required"] is True
    assert keys["range_state"]["label"]["ru"]
    assert any(q.get("options") and q["options"][0]["value"] for q in definition["questions"])
    assert any(q["type"] == "table" and q["columns"][0]["key"] for q in definition["questions"])
    code, out, _ = main(["--language", "ru", "forms", "show", "saiga-mou"]), None, None
    assert code == 0


def test_forms_check_reports_a_broken_file(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: '1'\ntitle: {en: X}\nsections: []\n", encoding="utf-8")
    code, out, _ = cli("forms", "check", str(bad))
    assert code == 1 and "bad.yaml: title: missing Russian text (ru)" in out
    code, out, _ = cli("forms", "check")
    assert code == 0 and "5 forms are correct" in out


@pytest.mark.parametrize("form_id", sorted(f.id for f in default_library()))
def test_fill_then_dump_gives_back_the_same_and_validates(cli, tmp_path, form_id):
    code, out, _ = cli("report", "new", "--form", form_id, "--country", "KZ", "--period", "2021-2024")
    assert code == 0
    report_id = out.strip()
    form = default_library().get(form_id)
    answers = sample_answers(form, seed=7, country="KZ")
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    code, out, err = cli("report", "fill", report_id, str(path))
    assert code == 0, err
    code, out, _ = cli("report", "dump", report_id)
    dumped = json.loads(out)
    assert dumped["answers"] == answers
    assert dumped["form"] == {"id": form_id, "version": form.version}
    code, out, _ = cli("report", "validate", report_id)
    assert code == 0, out
    # dumping what was dumped and filling it again changes nothing
    path.write_text(json.dumps(dumped), encoding="utf-8")
    code, out, _ = cli("report", "fill", report_id, str(path))
    assert code == 0 and out.startswith("0 answers stored")


def test_validate_fails_with_messages_and_finalize_is_refused_until_fixed(cli, tmp_path):
    _, out, _ = cli("report", "new", "--form", "concerted-action", "--country", "MN", "--period", "2025")
    report_id = out.strip()
    code, out, _ = cli("report", "validate", report_id)
    assert code == 1 and "An answer is required." in out
    code, _, err = cli("report", "finalize", report_id, "--name", "A. Focal")
    assert code == 2 and "cannot be made final" in err
    answers = sample_answers(default_library().get("concerted-action"), seed=2)
    (tmp_path / "a.json").write_text(json.dumps({"answers": answers}), encoding="utf-8")
    cli("report", "fill", report_id, str(tmp_path / "a.json"))
    code, out, err = cli("report", "finalize", report_id, "--name", "A. Focal")
    assert code == 0, err
    code, _, err = cli("report", "fill", report_id, str(tmp_path / "a.json"))
    assert code == 2 and "final" in err
    code, out, _ = cli("report", "reopen", report_id)
    assert code == 0 and "revision 2" in out


def test_wrong_answers_are_refused_all_together_naming_each_question(cli, tmp_path):
    _, out, _ = cli("report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "2024")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"answers": {"range_state": "XX", "nonsense": 1, "period_from": "tomorrow"}}),
                    encoding="utf-8")
    code, _, err = cli("report", "fill", out.strip(), str(path))
    assert code == 2
    assert "3 answers were refused" in err and "range_state" in err and "nonsense" in err and "period_from" in err
    code, out, _ = cli("report", "dump", "1")
    assert json.loads(out)["answers"]["range_state"] == "KZ"  # nothing half-stored


def test_errors_are_one_clear_line_never_a_traceback(cli, tmp_path):
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    for args in (("report", "fill", "99", str(tmp_path / "broken.json")),
                 ("report", "new", "--form", "nope", "--country", "KZ", "--period", "2024"),
                 ("report", "new", "--form", "bukhara-deer-mou", "--country", "FR", "--period", "2024"),
                 ("report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "24"),
                 ("report", "dump", "42"), ("backup", "restore", "nothing.sqlite3")):
        code, _, err = cli(*args)
        assert code != 0 and err.strip() and "Traceback" not in err, args


def test_delete_and_restore_a_report(cli):
    _, out, _ = cli("report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "2024")
    assert cli("report", "delete", out.strip())[0] == 0
    assert "No reports." in cli("report", "list")[1]
    assert "saiga" in cli("report", "list", "--deleted")[1].lower()
    assert cli("report", "restore", out.strip())[0] == 0
    assert "KZ" in cli("report", "list")[1]


def test_backups_list_and_restore(cli):
    _, out, _ = cli("report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "2024")
    code, name, _ = cli("backup", "now")
    assert code == 0
    cli("report", "new", "--form", "saiga-mou", "--country", "UZ", "--period", "2024")
    code, out, _ = cli("backup", "list")
    assert name.strip() in out
    code, out, err = cli("backup", "restore", name.strip())
    assert code == 0, err
    listing = cli("report", "list")[1]
    assert "KZ" in listing and "UZ" not in listing


def test_a_second_process_is_told_the_data_is_in_use(tmp_path):
    from cami_desktop.core.store import Store
    with Store.open(tmp_path, app_version=__version__, backups=False):
        result = subprocess.run([sys.executable, "-m", "cami_desktop", "--data-dir", str(tmp_path),
                                 "--language", "en", "report", "list"], capture_output=True, text=True)
    assert result.returncode == 2 and "in use" in result.stderr and "Traceback" not in result.stderr


def test_a_damaged_database_can_be_restored_from_a_backup(cli, tmp_path):
    _, out, _ = cli("report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "2024")
    _, name, _ = cli("backup", "now")
    db = tmp_path / "data" / "cami.sqlite3"
    data = bytearray(db.read_bytes())
    data[:100] = b"\x00" * 100  # the header is gone
    db.write_bytes(bytes(data))
    code, _, err = cli("report", "list")
    assert code == 2 and "backup" in err and "Traceback" not in err
    assert name.strip() in cli("backup", "list")[1]
    code, _, err = cli("backup", "restore", name.strip())
    assert code == 0, err
    assert "KZ" in cli("report", "list")[1]


def _cli_command(tmp_path, *args: str) -> list[str]:
    return [sys.executable, "-m", "cami_desktop", "--data-dir", str(tmp_path / "data"), "--language", "en", *args]


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    """`cami-desktop forms show … | head`: no "Broken pipe" message, the SIGPIPE exit code."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (head) has already gone: every write fails, deterministically
    try:
        result = subprocess.run(_cli_command(tmp_path, "forms", "show", "concerted-action"),
                                stdout=write_end, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    assert result.stderr == "" and result.returncode == 141


def test_a_real_pipe_into_head_prints_the_first_line_and_nothing_on_stderr(tmp_path):
    command = " ".join(shlex.quote(part) for part in _cli_command(tmp_path, "forms", "show", "concerted-action"))
    result = subprocess.run(["sh", "-c", f"{command} | head -n 1"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [result.stdout.strip()] and "concerted-action" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("change, complaint", [
    (lambda text: "\x00" + text, "not valid YAML"),
    (lambda text: text.replace("list: range_states", "list: {range_states: 1}", 1), "unknown reference list"),
    (lambda text: text.replace("required: true", 'required: "no"', 1), "must be true or false"),
    (lambda text: text.replace("- key: range_state\n", "- key: range_state\n        max_length: many\n", 1),
     "max_length: must be a whole number"),
    (lambda text: text.replace("decimals: 1", "decimals: 100000000", 1), "decimals: must be a whole number from 0 to 10"),
    (lambda text: text.replace("type: pick", "type: " + "x" * 100_000, 1), "unknown question type 'xxx"),
])
def test_forms_check_reports_damage_as_problem_lines(cli, tmp_path, change, complaint):
    """Found by tests/fuzz: these crashed `forms check` with "Unexpected error"."""
    from cami_desktop.core.paths import forms_dir
    bad = tmp_path / "saiga-mou.yaml"
    bad.write_text(change((forms_dir() / "saiga-mou.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = cli("forms", "check", str(bad))
    assert code == 1 and err == "" and complaint in out
    assert all(line.startswith("saiga-mou.yaml: ") and len(line) < 400 for line in out.splitlines()[:-1])


@pytest.mark.parametrize("content, complaint", [
    ('{"answers": {"range_state": ' + "1" * 5000 + "}}", "a number too long"),
    ('{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"answers": {"stockpile_quantity": 1' + "0" * 400 + "}}", "is not a number"),
    (json.dumps({"answers": {"range_state": "X" * 100_000}}), "is not one of the choices"),
    (json.dumps({"answers": {"period_from": "2024-01-01"}, "translations": {"period_from": 7}}),
     "a text is expected"),
    (json.dumps({"answers": {"period_from": "2024-01-01", "documents": [
        {"id": "not-stored", "name": "a.pdf", "size": 1, "sha256": "0" * 64}]}}), "no stored attached file"),
    (json.dumps({"answers": {"documents": [{"id": [1], "name": {}, "size": "big", "sha256": None}]}}),
     "a list of stored attachments is expected"),
])
def test_fill_refuses_hostile_answer_files_cleanly_and_stores_nothing(cli, tmp_path, content, complaint):
    """Found by tests/fuzz: each crashed, printed a 100 kB line, or stored half of the file."""
    _, out, _ = cli("report", "new", "--form", "saiga-mou", "--country", "KZ", "--period", "2024")
    report_id = out.strip()
    before = cli("report", "dump", report_id)[1]
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = cli("report", "fill", report_id, str(path))
    assert code == 2 and complaint in err and "Unexpected" not in err, err[:500]
    assert all(len(line) < 400 for line in err.splitlines())
    assert cli("report", "dump", report_id)[1] == before


def test_a_declaration_with_control_characters_is_refused_in_one_sentence(cli, tmp_path):
    """The declaration is typed like an answer: one line, no control characters (issue 15 B)."""
    _, out, _ = cli("report", "new", "--form", "concerted-action", "--country", "MN", "--period", "2025")
    report_id = out.strip()
    answers = sample_answers(default_library().get("concerted-action"), seed=2)
    (tmp_path / "a.json").write_text(json.dumps({"answers": answers}), encoding="utf-8")
    cli("report", "fill", report_id, str(tmp_path / "a.json"))
    for option, value in (("--name", "A. Focal\x07\x1b[2J"), ("--position", "Chief\x0bspecialist"),
                          ("--institution", "Ministry\r\nof Nature")):
        given = {"--name": "A. Focal", option: value}
        code, out, err = cli("report", "finalize", report_id, *[x for pair in given.items() for x in pair])
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert "\x1b" not in err and "\x07" not in err and "one line without control characters" in err
    _, out, _ = cli("report", "list")
    assert "Final" not in out
    assert cli("report", "finalize", report_id, "--name", "A. Focal")[0] == 0
