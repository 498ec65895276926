"""``report fill`` with hundreds of damaged answers files: clean errors, all or nothing stored.

Each example mutates a valid answers document (docs/answers.md) of one of the shipped forms
(wrong types, unknown keys and questions, huge strings and numbers, NaN, deep nesting, a
translation that is not a text, a wrong form) or breaks its JSON text, fills it into a report
with the CLI's ``main()`` in-process, and checks: exit 0 or 2, never a traceback or an
"Unexpected error", every line of the message short; and when refused, the database holds
exactly what it held before (nothing half-stored). ``CAMI_FUZZ_EXAMPLES`` scales the hunt.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cami_desktop.cli import main
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.store import Store

from .mutations import broken_text, mutated, nested, places

EXAMPLES = int(os.environ.get("CAMI_FUZZ_EXAMPLES", "520"))
SEED = os.environ.get("CAMI_FUZZ_RANDOM")
PHASES = [Phase.explicit, Phase.generate] + ([] if os.environ.get("CAMI_FUZZ_NO_SHRINK") else [Phase.shrink])
MAX_LINE = 400
WORK = Path(tempfile.mkdtemp(prefix="cami-fuzz-answers-"))
DATA = WORK / "data"
runs = {"count": 0, "stored": 0}


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(DATA), "--language", "en", *args])
    return code, out.getvalue(), err.getvalue()


def _reports() -> dict[str, str]:
    ids = {}
    for form in default_library():
        code, out, err = cli("report", "new", "--form", form.id, "--country", "KZ", "--period", "2022-2025")
        assert code == 0, err
        ids[form.id] = out.strip()
    return ids


def _documents() -> list:
    docs = []
    evidence = WORK / "evidence.pdf"
    evidence.write_bytes(b"%PDF-1.4 a survey report")
    for seed, form in enumerate(default_library()):
        answers = sample_answers(form, seed=seed)
        files = [q.key for q in form.answerable() if q.type == "attachment"]
        if files:  # a real stored file, so that fuzzing reaches the attachment checks
            with Store.open(DATA, app_version="fuzz", backups=False) as store:
                answers[files[0]] = [store.add_attachment(int(REPORTS[form.id]), evidence)]
        free = [q.key for q in form.answerable() if q.free_text and q.key in answers]
        doc = {"format": "cami-answers/1", "form": {"id": form.id, "version": form.version},
               "report": {"id": 1, "country": "KZ"}, "answers": answers,
               "translations": {key: "An English translation." for key in free[:2]}}
        docs.append((form.id, doc, places(doc)))
    return docs


REPORTS = _reports()
DOCUMENTS = _documents()
SPECIAL_TEXTS = ["", "null", "[]", "{}", '{"answers": []}', '{"answers": {}, "translations": []}',
                 '{"answers": {"x": NaN}}', '{"answers": {"x": Infinity}}', "\ufeff{}",
                 '{"answers": {"a": ' + "1" * 5000 + "}}", '{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}",
                 '{"answers": ' + json.dumps(nested(900)) + "}", '{"answers": {"a": "\\ud800"}}',
                 '{"answers": {"a": 1, "a": 2}}', '{"answers": {"\\u0000": 1}}']


def snapshot() -> list:
    """Everything fill may touch, read straight from the database file."""
    with contextlib.closing(sqlite3.connect(DATA / "cami.sqlite3")) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return [(table, sorted(map(repr, db.execute(f'SELECT * FROM "{table}"')))) for table in tables]


def fill(form_id: str, content: bytes) -> None:
    path = WORK / "answers.json"
    path.write_bytes(content)
    before = snapshot()
    code, out, err = cli("report", "fill", REPORTS[form_id], str(path))
    runs["count"] += 1
    assert "Traceback" not in out + err and "Unexpected error" not in out + err, err[:2000]
    assert code in (0, 2), (code, err[:2000])
    if code == 0:
        runs["stored"] += 1
        assert err == "" and out.strip().endswith("stored.")
        return
    lines = err.strip().splitlines()
    assert out == "" and lines and all(0 < len(line) <= MAX_LINE for line in lines), err[:2000]
    assert snapshot() == before, "a refused fill changed the database"


documents = st.tuples(st.sampled_from(sorted(REPORTS)), mutated(DOCUMENTS)).map(
    lambda t: (t[0] if t[0] != t[1][0] and len(t[0]) % 5 == 0 else t[1][0],  # now and then the wrong form
               json.dumps(t[1][1], ensure_ascii=False).encode("utf-8", "surrogatepass")))
texts = st.sampled_from(DOCUMENTS).flatmap(
    lambda d: broken_text(json.dumps(d[1], ensure_ascii=False)).map(
        lambda text: (d[0], text.encode("utf-8", "surrogateescape"))))
specials = st.tuples(st.sampled_from(sorted(REPORTS)), st.sampled_from(SPECIAL_TEXTS)).map(
    lambda t: (t[0], t[1].encode("utf-8")))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not SEED, database=None,
          suppress_health_check=list(HealthCheck), phases=PHASES)
@given(st.one_of(documents, documents, documents, texts, specials))
def fuzz_report_fill(case):
    fill(*case)


def test_report_fill_survives_hundreds_of_damaged_answer_files():
    runs["count"] = runs["stored"] = 0
    fuzz_report_fill()
    assert runs["count"] >= min(EXAMPLES, 500)
    assert runs["stored"] > 0  # some mutations leave a valid file: the success path is exercised too
