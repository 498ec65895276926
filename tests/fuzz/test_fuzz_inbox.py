"""Generated packages and colleagues' returns: each is imported or refused with a reason, the
next file is still imported, and the compiled workbook and PDF (or the report's own) still write.

The answers of a valid report are damaged (wrong types, huge and deep values, texts with
control characters, broken surrogates, every kind of line break, formulas), signed as a real
package, imported with a good package after it; then the Secretariat's compiled overview is
written. Returns are damaged the same way and accepted into a report, whose workbook and PDF
are then written. ``CAMI_FUZZ_EXAMPLES`` scales the hunt (a few dozen by default: quick).
"""
from __future__ import annotations

import json
import os
import tempfile
import uuid
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cami_desktop.core.cycle.share import accept_return, export_share
from cami_desktop.core.errors import CamiError
from cami_desktop.core.export.content import build_content
from cami_desktop.core.export.pdf import render_pdf
from cami_desktop.core.export.workbook import render_workbook
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.secretariat import inbox
from cami_desktop.core.secretariat.compiled_pdf import render_compiled_pdf
from cami_desktop.core.secretariat.compiled_workbook import render_compiled_workbook
from cami_desktop.core.secretariat.overview import build_overview
from cami_desktop.core.signing import create_identity, unlock
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import register_certificate
from tests.helpers.hostile_values import AWKWARD, with_answers_bytes
from tests.helpers.packages import assemble_package

from .mutations import mutated, places

EXAMPLES = min(int(os.environ.get("CAMI_FUZZ_EXAMPLES", "25")), 200)
FORM = "saiga-mou"
PERIOD, OTHER_PERIOD = "2021-2024", "2017-2020"

hostile_text = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3000), max_size=30),
    st.sampled_from(AWKWARD + ["\x00", "\x1b[2J", "\ud800", "x\udfff", "\x7f\x9b", "a\r\n" * 50]),
)


@pytest.fixture(scope="module")
def world():
    root = Path(tempfile.mkdtemp(prefix="cami-fuzz-inbox-"))
    create_identity(root / "fp", name="Focal point KZ", country="KZ", passphrase="correct horse 42")
    signer = unlock(root / "fp", "correct horse 42")
    library = default_library()
    store = Store.open(root / "inbox", app_version="fuzz", backups=False)
    register_certificate(store, "KZ", signer.certificate_pem())
    form = library.get(FORM)
    answers = sample_answers(form, seed=3)
    answers["range_state"] = "KZ"
    free = sorted(k for k in answers if form.question(k).free_text)
    yield {"root": root, "signer": signer, "library": library, "store": store, "form": form,
           "answers": answers, "free": free, "documents": [(FORM, answers, places(answers))]}
    store.close()


def _raw(answers) -> bytes:
    """JSON with every non-ASCII character escaped: broken surrogates travel as ``\\udxxx``."""
    return json.dumps(answers, ensure_ascii=True).encode("ascii")


def _package(world, answers, period: str) -> Path:
    folder = world["root"] / "out" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    path = assemble_package(world["signer"], folder, world["form"], country="KZ", period=period, lang="en",
                            answers=world["answers"], uid=uuid.uuid4().hex)
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".json") and n != "manifest.json")
        document = json.loads(archive.read(name))
    document["answers"] = answers
    return with_answers_bytes(path, _raw(document), world["signer"])


def damaged_answers(world):
    texts = st.dictionaries(st.sampled_from(world["free"]), hostile_text, max_size=3)
    return st.tuples(mutated(world["documents"]), texts).map(
        lambda t: {**t[0][1], **t[1]} if isinstance(t[0][1], dict) else t[0][1])


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_each_package_ends_imported_or_refused_and_the_next_is_imported(world, data):
    answers = data.draw(damaged_answers(world))
    hostile, good = _package(world, answers, PERIOD), _package(world, world["answers"], OTHER_PERIOD)
    items = inbox.import_paths(world["store"], world["library"], [hostile, good]).items
    assert [i.outcome for i in items][1:] == [inbox.IMPORTED]
    first = items[0]
    assert first.outcome in (inbox.IMPORTED, inbox.REFUSED), first
    if first.outcome == inbox.REFUSED:
        texts = first.render_reasons("en") + first.render_reasons("ru")
        assert texts and all(t.strip() and "Traceback" not in t for t in texts)
    overview = build_overview(world["store"], world["library"], FORM, PERIOD, lang="en")
    assert render_compiled_workbook(overview, "en")[:2] == b"PK"
    assert render_compiled_pdf(overview, "ru").startswith(b"%PDF")


@pytest.fixture(scope="module")
def shared(world):
    """A report of ours, shared with a colleague: its id and the share's payload to answer."""
    store = Store.open(world["root"] / "ours", app_version="fuzz", backups=False)
    record = create_report(store, world["library"], form_id=FORM, country="KZ", period=PERIOD, language="en")
    ReportSession.open(store, world["library"], record.id).fill(world["answers"])
    sections = [s.key for s in world["form"].sections]
    share = export_share(store, world["library"], record.id, sections, world["root"] / "share.json",
                         sender={"name": "Aigul", "agency": "Committee"})
    payload = json.loads(share.path.read_text(encoding="utf-8"))["payload"]
    yield store, record.id, payload
    store.close()


@settings(max_examples=max(5, EXAMPLES // 3), deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_each_return_is_accepted_or_refused_and_the_report_still_writes(world, shared, data):
    store, report_id, payload = shared
    answers = data.draw(damaged_answers(world))
    keys = set(payload["keys"])
    returned = {**payload, "kind": "return", "created": "2026-01-01T00:00:00Z",
                "from": {"name": data.draw(hostile_text), "agency": "Agency"},
                "answers": {k: v for k, v in answers.items() if k in keys} if isinstance(answers, dict) else answers,
                "translations": {}, "comments": {}}
    path = world["root"] / "return.json"
    path.write_text(json.dumps({"payload": returned, "signature": None}, ensure_ascii=True), encoding="ascii")
    try:
        accept_return(store, world["library"], report_id, path)
    except CamiError as exc:
        assert exc.translated("en").strip() and exc.translated("ru").strip()
    session = ReportSession.open(store, world["library"], report_id)
    content = build_content(session, "en", short=True)
    assert render_workbook(content)[:2] == b"PK"
    assert render_pdf(content).startswith(b"%PDF")
