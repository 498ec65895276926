"""Foreign text is written to every workbook as text, never as a formula (issue 15).

openpyxl takes a string that starts with "=" for a formula; a spreadsheet takes "+1+1", "-2+3"
and "@SUM(A1)" for formulas when typed. Each workbook is read back with openpyxl (formulas not
evaluated: the value must be the original string, of type "s") and, where LibreOffice is
installed, converted to CSV by it: the cell shows the literal text, not a computed value.
"""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cami_desktop.core.export.cells import put, put_text, write
from cami_desktop.core.export.content import build_content
from cami_desktop.core.export.workbook import render_workbook
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.secretariat.compiled_workbook import render_compiled_workbook
from cami_desktop.core.secretariat.inbox import import_paths
from cami_desktop.core.secretariat.overview import build_overview
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import register_certificate
from cami_desktop.core.values import normal_breaks
from tests.helpers.hostile import (
    FORMULAS,
    free_text_keys,
    hostile_answers,
    hostile_pow_package,
)

SIGNER = '=HYPERLINK("http://evil.example","Signer")'


def cells(data: bytes):
    """Every non-empty cell of the workbook, formulas not evaluated."""
    book = load_workbook(io.BytesIO(data), data_only=False)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def assert_all_text(data: bytes, values: list[str]) -> None:
    found = cells(data)
    assert not [c.coordinate for c in found if c.data_type == "f"], "a cell is a formula"
    for value in values:
        matches = [c for c in found if c.value == value]
        assert matches, f"{value!r} is not in the workbook"
        assert all(c.data_type == "s" for c in matches), value


def test_put_keeps_every_formula_like_string_a_string():
    sheet = Workbook().active
    for row, value in enumerate(FORMULAS, 1):
        put_text(sheet.cell(row, 1), value)
        write(sheet, row, 2, value)
    put(sheet.cell(1, 3), 42)
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    back = load_workbook(io.BytesIO(buffer.getvalue()), data_only=False).active
    for row, value in enumerate(FORMULAS, 1):
        for col in (1, 2):
            # kept as typed, but for its line breaks, which are all written as \n
            assert (back.cell(row, col).value, back.cell(row, col).data_type) == (normal_breaks(value), "s")
    assert back.cell(1, 3).value == 42 and back.cell(1, 3).data_type == "n"


def test_without_the_helper_openpyxl_would_write_a_formula():
    """The test above would fail with a plain assignment: this is what the helper prevents."""
    sheet = Workbook().active
    sheet["A1"] = FORMULAS[0]
    assert sheet["A1"].data_type == "f"


def test_control_characters_are_written_as_visible_escapes():
    sheet = Workbook().active
    put_text(sheet["A1"], "a\x1b[2Jb\x07")
    assert sheet["A1"].value == "a\\x1b[2Jb\\x07"


@pytest.fixture(scope="module")
def report_workbook(tmp_path_factory):
    from cami_desktop.core.forms.library import default_library

    library = default_library()
    data = tmp_path_factory.mktemp("report")
    with Store.open(data, app_version="test", backups=False) as store:
        record = create_report(store, library, form_id="saiga-mou", country="KZ", period="2021-2024",
                               language="en")
        session = ReportSession.open(store, library, record.id)
        answers = hostile_answers(session.form, FORMULAS)
        session.fill(answers)
        stored = [session.answers[k] for k in free_text_keys(session.form, answers)]
        return render_workbook(build_content(session, signer={"name": SIGNER})), stored


def test_the_report_workbook_stores_answers_as_text(report_workbook):
    data, stored = report_workbook
    assert {v.strip() for v in stored} >= {"=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)"}
    assert_all_text(data, sorted(set(stored)) + [SIGNER])


@pytest.fixture(scope="module")
def compiled_workbook(tmp_path_factory):
    from cami_desktop.core.forms.library import default_library

    library = default_library()
    root = tmp_path_factory.mktemp("compiled")
    identity, package = hostile_pow_package(root / "id", root / "out", FORMULAS, SIGNER)
    with Store.open(root / "secretariat", app_version="test", backups=False) as store:
        register_certificate(store, "KZ", identity.certificate_pem())
        import_paths(store, library, [package])
        overview = build_overview(store, library, "cami-pow-2014-2020", "2021-2024", lang="en")
        return render_compiled_workbook(overview, "en")


def test_the_compiled_workbook_stores_answers_and_names_as_text(compiled_workbook):
    found = cells(compiled_workbook)
    assert not [c.coordinate for c in found if c.data_type == "f"]
    hostile = [c for c in found if isinstance(c.value, str) and c.value.lstrip(" \t\r")[:1] in "=+-@"
               and c.value.strip() not in ("-", "—")]
    values = {c.value for c in hostile}
    assert SIGNER in values and "=cmd|' /C calc'!A0" in values and "+1+1" in values, values
    assert all(c.data_type == "s" for c in hostile)


def libreoffice_csv(data: bytes, folder: Path, sheet: int = 1) -> list[list[str]]:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    source = folder / "book.xlsx"
    source.write_bytes(data)
    # Filter options: comma, quote, UTF-8, first line 1, -, -, -, -, -, -, -, the sheet's number.
    options = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}"
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", options, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    written = sorted(folder.glob("book*.csv"))
    assert written, "LibreOffice wrote no CSV"
    text = written[-1].read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_libreoffice_shows_the_literal_text(tmp_path):
    sheet = Workbook().active
    for row, value in enumerate(FORMULAS, 1):
        put_text(sheet.cell(row, 1), value)
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    rows = libreoffice_csv(buffer.getvalue(), tmp_path)
    # XML reads a carriage return in text as a line feed; the text is otherwise as written.
    assert [r[0] for r in rows[:len(FORMULAS)]] == [v.replace("\r", "\n") for v in FORMULAS]


def test_libreoffice_would_compute_them_without_the_helper(tmp_path):
    """The check above can fail: the same values assigned plainly are computed by LibreOffice."""
    sheet = Workbook().active
    sheet["A1"] = "=1+1"
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    assert libreoffice_csv(buffer.getvalue(), tmp_path)[0][0] == "2"


def test_libreoffice_shows_the_report_workbooks_answers_as_typed(report_workbook, tmp_path):
    data, stored = report_workbook
    book = load_workbook(io.BytesIO(data))
    index = next(i for i, s in enumerate(book.worksheets, 1)
                 if any(c.value == "+1+1" for row in s.iter_rows() for c in row))
    shown = {cell for row in libreoffice_csv(data, tmp_path, index) for cell in row}
    assert "+1+1" in shown and "2" not in shown
