"""``forms check`` on hundreds of damaged copies of the shipped forms: only clean problem lines.

Each example mutates a real ``forms/*.yaml`` (deleted keys, wrong types, huge numbers, unicode,
deep nesting, duplicated entries, unknown fields) or breaks its text (cut, junk, bytes that are
not UTF-8), and runs the CLI's ``main()`` in-process. Whatever the damage, the answer is exit 0
or 1, one problem per line naming the file, and never a traceback or an "Unexpected error".
``CAMI_FUZZ_EXAMPLES`` raises the number of examples for a longer hunt.
"""
from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cami_desktop.cli import main
from cami_desktop.core.paths import forms_dir

from .mutations import broken_text, mutated, places

EXAMPLES = int(os.environ.get("CAMI_FUZZ_EXAMPLES", "320"))
SEED = os.environ.get("CAMI_FUZZ_RANDOM")  # set: new random examples each run (a longer hunt)
PHASES = [Phase.explicit, Phase.generate] + ([] if os.environ.get("CAMI_FUZZ_NO_SHRINK") else [Phase.shrink])
MAX_LINE = 400  # a problem quotes a bad value shortened, never a 100 kB string
SOURCES = {path.name: path.read_text(encoding="utf-8") for path in sorted(forms_dir().glob("*.yaml"))}
DOCUMENTS = [(name, data, places(data)) for name, text in SOURCES.items()
             for data in [yaml.load(text, Loader=yaml.CSafeLoader)]]
WORK = Path(tempfile.mkdtemp(prefix="cami-fuzz-forms-"))
runs = {"count": 0}


def check_file(name: str, content: bytes) -> None:
    path = WORK / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(WORK / "data"), "--language", "en", "forms", "check", str(path)])
    runs["count"] += 1
    out, err = out.getvalue(), err.getvalue()
    assert "Traceback" not in out + err and "Unexpected error" not in out + err, err
    assert code in (0, 1), (code, err)
    assert err == ""
    lines = out.strip().splitlines()
    if code == 0:
        assert lines == ["1 form is correct."]
        return
    assert lines[-1].endswith("found.")
    for line in lines[:-1]:
        assert line.startswith(f"{name}: ") and len(line) <= MAX_LINE, line[:1000]


documents = mutated(DOCUMENTS).map(
    lambda doc: (doc[0], yaml.dump(doc[1], Dumper=yaml.CSafeDumper, allow_unicode=True, width=10_000)))
texts = st.sampled_from(sorted(SOURCES)).flatmap(
    lambda name: broken_text(SOURCES[name]).map(lambda text: (name, text)))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not SEED, database=None,
          suppress_health_check=list(HealthCheck), phases=PHASES)
@given(st.one_of(documents, documents, texts))
def fuzz_forms_check(case):
    name, text = case
    check_file(name, text.encode("utf-8", "surrogateescape"))


def test_forms_check_survives_hundreds_of_damaged_forms():
    runs["count"] = 0
    fuzz_forms_check()
    assert runs["count"] >= min(EXAMPLES, 300)
