"""Packages of every shipped form in both languages: members, workbook, PDF text and signature."""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from cami_desktop.core.export.manifest import CERTIFICATE, MANIFEST, SIGNATURE
from cami_desktop.core.export.verify import verify_package
from cami_desktop.core.forms.library import default_library

def pdf_pages_text(pdf: bytes, last: int) -> list[str]:
    """Text of the first pages, with pypdf if installed, else poppler's pdftotext."""
    try:
        from pypdf import PdfReader
    except ImportError:
        if not shutil.which("pdftotext"):
            pytest.skip("neither pypdf nor pdftotext is installed")
        out = subprocess.run(["pdftotext", "-l", str(last), "-", "-"], input=pdf, capture_output=True,
                             check=True).stdout.decode("utf-8")
        return out.split("\f")
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages[:last]]


CASES = [(form.id, lang) for form in default_library() for lang in ("en", "ru")]


def members(result) -> dict[str, bytes]:
    with zipfile.ZipFile(result.path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("form_id,lang", CASES)
def test_package_holds_every_file_and_verifies(world, form_id, lang):
    report_id, result = world["packages"][form_id, lang]
    files = members(result)
    base = result.path.stem
    assert base.startswith(f"{form_id}_KZ_2021-2024_r1")
    for suffix in (".xlsx", ".pdf", ".json"):
        assert base + suffix in files
    assert {MANIFEST, SIGNATURE, CERTIFICATE} <= set(files)
    assert any(name.startswith("attachments/") for name in files)
    manifest = json.loads(files[MANIFEST])
    assert manifest["form"]["id"] == form_id and manifest["report"]["language"] == lang
    assert manifest["report"]["revision"] == 1 and manifest["report"]["id"] == report_id
    assert {f["path"] for f in manifest["files"]} == set(files) - {MANIFEST, SIGNATURE, CERTIFICATE}
    answers = json.loads(files[base + ".json"])
    assert answers["form"]["id"] == form_id and answers["report"]["status"] == "final"
    check = verify_package(result.path)
    assert check.ok, [p.render() for p in check.problems]
    assert check.fingerprint == world["signer"].fingerprint


@pytest.mark.parametrize("form_id,lang", CASES)
def test_workbook_reads_back(world, form_id, lang):
    _, result = world["packages"][form_id, lang]
    form = world["library"].get(form_id)
    book = load_workbook(io.BytesIO(members(result)[result.path.stem + ".xlsx"]))
    names = book.sheetnames
    assert len(names) == len({n.lower() for n in names}) == len(form.sections) + 1
    assert all(len(n) <= 31 for n in names)
    cover = {row[0].value: row[1].value for row in book[names[0]].iter_rows(min_row=3, max_col=2)}
    assert world["signer"].fingerprint in cover.values()
    assert "KZ" in " ".join(str(v) for v in cover.values())
    cells = [cell for sheet in book.worksheets[1:] for row in sheet.iter_rows() for cell in row]
    values = [cell.value for cell in cells]
    assert any(isinstance(v, dt.datetime) for v in values) or not any(
        q.type == "date" for q in form.answerable()), "a date answer is a date cell"
    numeric = any(q.type in ("integer", "decimal") or any(c.type in ("integer", "decimal") for c in q.columns)
                  for q in form.answerable())
    assert any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values) == numeric
    from cami_desktop.core.reports.review import review
    answers = world["store"].answers(world["packages"][form_id, lang][0])
    visible = review(form, answers).visible_questions
    choice = next(q for q in form.answerable() if q.type in ("choice", "scale", "yes_no") and q.key in visible)
    label = form.choice_label(choice, answers[choice.key], lang)
    assert label != answers[choice.key] and label in values and answers[choice.key] not in values
    assert book.worksheets[1].freeze_panes == "A2"


@pytest.mark.parametrize("form_id", ["cami-pow-2014-2020", "saiga-mou"])
def test_pdf_text_is_in_the_report_language(world, form_id):
    for lang in ("en", "ru"):
        _, result = world["packages"][form_id, lang]
        pages = pdf_pages_text(members(result)[result.path.stem + ".pdf"], last=4)
        text = "".join(pages)
        cyrillic = any("а" <= ch <= "я" for ch in text.lower())
        assert cyrillic == (lang == "ru")
        title = world["library"].get(form_id).title.get(lang).split()[0]
        assert title in text
        assert "Page 2 of" in pages[1] or "2 из" in pages[1]


def test_pdf_signature_is_intact(world):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    from cami_desktop.core.export.pades import asn1_certificate

    _, result = world["packages"]["saiga-mou", "ru"]
    reader = PdfFileReader(io.BytesIO(members(result)[result.path.stem + ".pdf"]))
    assert len(reader.embedded_signatures) == 1
    context = ValidationContext(trust_roots=[asn1_certificate(world["signer"])])
    status = validate_pdf_signature(reader.embedded_signatures[0], context)
    assert status.intact and status.valid and status.bottom_line, status.pretty_print_details()


def test_export_is_recorded_in_the_history(world):
    report_id, result = world["packages"]["saiga-mou", "en"]
    events = [e for e in world["store"].events(report_id) if e.kind == "exported"]
    assert events and events[-1].detail["sha256"] == result.sha256
    assert events[-1].detail["package"] == result.path.name
