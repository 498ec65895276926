"""One hostile file never stops the inbox, and whatever is imported always writes the compiled
workbook and PDF (issue 15 B)."""
from __future__ import annotations

import io
import json
import os
import socket
import sys
import threading
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import load_workbook

from cami_desktop.core.secretariat import inbox, package_read
from cami_desktop.core.secretariat.compiled_pdf import render_compiled_pdf
from cami_desktop.core.secretariat.compiled_workbook import render_compiled_workbook
from cami_desktop.core.secretariat.inbox import import_paths
from cami_desktop.core.secretariat.overview import build_overview
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import register_certificate
from cami_desktop.core.values import MAX_NUMBER
from tests.helpers.hostile_values import extreme_answers, with_answers_bytes
from tests.helpers.packages import assemble_package

from .conftest import SAIGA, WP, answers_for

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and UNIX sockets")


@pytest.fixture
def fresh(world, tmp_path):
    """An empty inbox that knows Kazakhstan's signer; ``package()`` makes a KZ package."""
    store = Store.open(tmp_path / "inbox", app_version="test", backups=False)
    signer = world["signers"]["KZ"][1]
    register_certificate(store, "KZ", signer.certificate_pem())
    folder = tmp_path / "in"
    folder.mkdir()

    def package(answers=None, *, form_id=SAIGA, period="2021-2024", **kwargs):
        form = world["library"].get(form_id)
        return assemble_package(signer, kwargs.pop("folder", folder), form, country="KZ", period=period,
                                lang="en", answers=answers or answers_for(form, "KZ", 1), **kwargs)
    yield {"store": store, "library": world["library"], "package": package, "folder": folder}
    store.close()


def outcomes(fresh, paths):
    items = import_paths(fresh["store"], fresh["library"], paths).items
    return items, [i.outcome for i in items]


def with_answers(fresh, raw: str, period: str) -> "os.PathLike":
    """A signed package whose answers JSON is ``raw`` (JSON text written as given, escapes and all)."""
    path = fresh["package"](period=period)
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".json") and n != "manifest.json")
        document = json.loads(archive.read(name))
    marker = "__RAW__"
    document["answers"]["other_agencies"] = marker
    text = json.dumps(document).replace(f'"{marker}"', raw)
    return _resign(fresh, path, name, text.encode("utf-8"))


def _resign(fresh, path, name, data: bytes):
    return with_answers_bytes(path, data, fresh["signer"])


@pytest.fixture
def signed(fresh, world):
    fresh["signer"] = world["signers"]["KZ"][1]
    return fresh


def test_a_table_of_700000_rows_in_6_kb_is_refused_in_little_memory(signed):
    # before: imported, 380 MB and 3 s for a 15 KB package
    form = signed["library"].get(SAIGA)
    table = next(q for q in form.questions.values() if q.type == "table")
    path = signed["package"]({"range_state": "KZ", table.key: [{}] * 700_000})
    assert path.stat().st_size < 20_000
    tracemalloc.start()
    start = time.perf_counter()
    (item,), _ = outcomes(signed, [path])
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert item.outcome == inbox.REFUSED
    assert item.render_reasons("en") == ["The answers file is not acceptable: it holds more than 200000 values"]
    assert peak < 60 * 1024 * 1024 and elapsed < 5


def test_rows_and_items_are_bounded_by_the_form_or_the_default(signed):
    form = signed["library"].get(WP)
    table = next(q for q in form.questions.values() if q.type == "table" and not q.max_rows)
    links = next((q for q in form.questions.values() if q.type == "link" and q.multiple), None)
    answers = answers_for(form, "KZ", 3)
    answers[table.key] = [{}] * 501
    if links is not None:
        answers[links.key] = [f"https://example.org/{i}" for i in range(501)]
    (item,), _ = outcomes(signed, [signed["package"](answers, form_id=WP)])
    texts = " ".join(item.render_reasons("en"))
    assert item.outcome == inbox.REFUSED and "at most 500 rows are allowed" in texts
    if links is not None:
        assert "at most 500 items are allowed" in texts


@pytest.mark.parametrize("raw, complaint", [
    ('"text \\u0000 with a NUL"', "control character (U+0000)"),
    ('"broken \\ud800 surrogate"', "unpaired surrogate"),
    ('"escape \\u001b[31m red"', "control character (U+001B)"),
])
def test_texts_with_control_characters_or_broken_surrogates_are_refused_and_the_next_imported(
        signed, raw, complaint):
    bad = with_answers(signed, raw, "2017-2020")
    good = signed["package"]()
    items, kinds = outcomes(signed, [bad, good])
    assert kinds == [inbox.REFUSED, inbox.IMPORTED]
    assert complaint in " ".join(items[0].render_reasons("en"))


def test_word_line_breaks_are_stored_as_line_breaks(signed):
    path = with_answers(signed, '"a\\r\\nb\\rc\\u000bd\\u2028e\\tf"', "2017-2020")
    (item,), _ = outcomes(signed, [path])
    assert item.outcome == inbox.IMPORTED
    answers, _ = signed["store"].submission_answers(item.submission.id)
    assert answers["other_agencies"] == "a\nb\nc\nd\ne\tf"


@pytest.mark.parametrize("raw", [str(2 ** 63), str(MAX_NUMBER + 1), "1e308", "1.5e16"])
def test_numbers_beyond_the_bound_are_refused(signed, raw):
    form = signed["library"].get(SAIGA)
    key = next(q.key for q in form.questions.values() if q.type == "integer" and q.max is None)
    path = with_answers(signed, '"ok"', "2017-2020")
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".json") and n != "manifest.json")
        text = archive.read(name).decode("utf-8")
    document = json.loads(text)
    document["answers"][key] = "__N__"
    _resign(signed, path, name, json.dumps(document).replace('"__N__"', raw).encode("utf-8"))
    (item,), _ = outcomes(signed, [path])
    assert item.outcome == inbox.REFUSED
    assert "a number is at most 1000000000000000 in size" in " ".join(item.render_reasons("en"))


def test_a_failure_while_storing_refuses_that_file_only(signed, monkeypatch):
    first, second = signed["package"](period="2017-2020"), signed["package"]()
    real = signed["store"].add_submission
    calls = []

    def overflow(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        return real(*args, **kwargs)
    monkeypatch.setattr(signed["store"], "add_submission", overflow)
    items, kinds = outcomes(signed, [first, second])
    assert kinds == [inbox.REFUSED, inbox.IMPORTED]
    assert items[0].render_reasons("en") == [
        "The package cannot be read: OverflowError: Python int too large to convert to SQLite INTEGER"]
    assert [r.sha256 for r in signed["store"].list_refusals()] == [items[0].sha256]


def test_memory_running_short_on_one_file_refuses_it_only(signed, monkeypatch):
    first, second = signed["package"](period="2017-2020"), signed["package"]()
    real, calls = package_read.read_submission, []

    def short(path, store, library):
        calls.append(path)
        if len(calls) == 1:
            raise MemoryError()
        return real(path, store, library)
    monkeypatch.setattr(inbox, "read_submission", short)
    items, kinds = outcomes(signed, [first, second])
    assert kinds == [inbox.REFUSED, inbox.IMPORTED]
    assert items[0].render_reasons("en") == ["The package cannot be read: it needs more memory than is available."]


def test_a_revision_beyond_sqlite_integers_is_refused(signed):
    path = signed["package"](revision=2 ** 70)
    items, kinds = outcomes(signed, [path, signed["package"](period="2017-2020")])
    assert kinds == [inbox.REFUSED, inbox.IMPORTED]


@pytest.mark.skipif(sys.platform != "linux", reason="file names of undecodable bytes")
def test_a_file_name_of_undecodable_bytes_is_imported_and_shown_plainly(signed, tmp_path):
    path = signed["package"]()
    folder = os.fsencode(tmp_path / "odd")
    os.mkdir(folder)
    target = os.path.join(folder, b"\xff\xfe-\x1b[31m.zip")
    os.rename(os.fsencode(path), target)
    (item,), _ = outcomes(signed, [os.fsdecode(folder)])
    assert item.outcome == inbox.IMPORTED
    assert item.source == "\ufffd\ufffd-\\x1b[31m.zip"
    assert "\ufffd" in item.submission.source and "\x1b" not in item.submission.source


@POSIX
def test_a_folder_skips_pipes_sockets_and_links_whatever_their_names(signed, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    good = signed["package"](folder=folder)
    os.mkfifo(folder / "pipe.zip")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "x.zip"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder / "file-link.zip").symlink_to(signed["package"](period="2017-2020", folder=outside))
    (folder / "dir-link.zip").symlink_to(outside, target_is_directory=True)
    found = []
    # a pipe opened for reading blocks until someone writes: the import must never open it
    worker = threading.Thread(target=lambda: found.append(outcomes(signed, [folder])[0]), daemon=True)
    worker.start()
    worker.join(60)
    try:
        assert not worker.is_alive(), "the import blocked on a pipe"
    finally:
        if worker.is_alive():
            os.open(folder / "pipe.zip", os.O_WRONLY | os.O_NONBLOCK)
        server.close()
    seen = {item.source: (item.outcome, item.render_reasons("en")) for item in found[0]}
    assert seen == {
        good.name: (inbox.IMPORTED, []),
        "dir-link.zip": (inbox.SKIPPED, ["dir-link.zip is a link; links in a folder are not followed."]),
        "file-link.zip": (inbox.SKIPPED, ["file-link.zip is a link; links in a folder are not followed."]),
        "pipe.zip": (inbox.SKIPPED, ["pipe.zip is not a file."]),
        "x.zip": (inbox.SKIPPED, ["x.zip is not a file."]),
    }


@POSIX
def test_a_pipe_named_explicitly_is_skipped_without_opening_it(signed, tmp_path):
    os.mkfifo(tmp_path / "named.zip")
    os.mkfifo(tmp_path / "named.eml")
    items, kinds = outcomes(signed, [tmp_path / "named.zip", tmp_path / "named.eml", signed["package"]()])
    assert kinds == [inbox.SKIPPED, inbox.SKIPPED, inbox.IMPORTED]


def test_a_link_named_explicitly_is_followed(signed, tmp_path):
    link = tmp_path / "chosen.zip"
    link.symlink_to(signed["package"]())
    _, kinds = outcomes(signed, [link])
    assert kinds == [inbox.IMPORTED]


@pytest.mark.parametrize("form_id", [SAIGA, WP])
def test_the_most_awkward_accepted_answers_write_the_compiled_workbook_and_pdf(signed, form_id):
    form = signed["library"].get(form_id)
    answers = extreme_answers(form, seed=7, country="KZ", rows=4)
    translations = {k: "EN\r\nline\x0bbreak =1+1" for k, v in answers.items()
                    if form.question(k).free_text and isinstance(v, str)}
    (item,), _ = outcomes(signed, [signed["package"](answers, form_id=form_id, translations=translations)])
    assert item.outcome == inbox.IMPORTED, item.render_reasons("en")
    stored, _ = signed["store"].submission_answers(item.submission.id)
    assert not any("\r" in v or "\x0b" in v for v in stored.values() if isinstance(v, str))
    for lang in ("en", "ru"):
        overview = build_overview(signed["store"], signed["library"], form_id, "2021-2024", lang=lang)
        workbook = load_workbook(io.BytesIO(render_compiled_workbook(overview, lang)))
        cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
        assert not any(c.data_type == "f" for c in cells)  # a text starting with "=" is never a formula
        assert render_compiled_pdf(overview, lang).startswith(b"%PDF")
