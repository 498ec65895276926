"""The compiled workbook and PDF, read back (openpyxl, pdftotext)."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from cami_desktop.core.i18n import tr
from cami_desktop.core.secretariat.compiled_pdf import write_compiled_pdf
from cami_desktop.core.secretariat.compiled_workbook import write_compiled_workbook
from cami_desktop.core.secretariat.overview import build_overview

from .conftest import PERIOD, POW, POW_COUNTRIES, RU_COUNTRIES, SAIGA, UNREGISTERED, WP


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def pow_files(world, tmp_path_factory):
    folder = tmp_path_factory.mktemp("compiled")
    files = {}
    for lang in ("en", "ru"):
        overview = build_overview(world["store"], world["library"], POW, PERIOD, lang=lang)
        files[lang] = (overview, write_compiled_workbook(overview, folder / f"pow-{lang}.xlsx", lang),
                       write_compiled_pdf(overview, folder / f"pow-{lang}.pdf", lang))
    return files


def test_workbook_has_one_real_table_per_view(pow_files):
    _, xlsx, _ = pow_files["en"]
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Range States", "Activities", "Texts by activity"]
    assert [list(book[name].tables) for name in book.sheetnames] == [["RangeStates"], ["Activities"], ["Texts"]]
    states = book["Range States"]
    assert [c.value for c in states[3]][:3] == ["Code", "Range State", "Submitted"]
    rows = {r[0]: r for r in states.iter_rows(min_row=4, max_row=17, values_only=True)}
    assert rows["KZ"][2:4] == ("Yes", 2) and rows["BT"][2] == "No" and rows["MN"][2] == "No"


def test_workbook_matrix_cells_are_the_status_labels_and_coloured(pow_files, world):
    overview, xlsx, _ = pow_files["en"]
    sheet = load_workbook(xlsx)["Activities"]
    header = [c.value for c in sheet[3]]
    counted = [c for c in POW_COUNTRIES if c != UNREGISTERED]  # awaiting registration: not here
    assert header[4:] == [overview.state(c).name.en for c in counted]
    labels = {o: t.en for o, t in overview.activities.statuses.items()}
    for row in sheet.iter_rows(min_row=4):
        number = row[0].value
        for offset, country in enumerate(counted, 4):
            sent = world["sent"][POW, country]["answers"].get(f"status[{number}]")
            assert row[offset].value == labels.get(sent), (number, country)
            if sent == "completed":
                assert row[offset].fill.fgColor.rgb.endswith("A5D6A7")


def test_workbook_in_russian(pow_files):
    book = load_workbook(pow_files["ru"][1])
    assert book.sheetnames[0] == tr("Range States", "ru")  # "Государства ареала" once the catalog is merged
    rows = {r[0]: r for r in book.worksheets[0].iter_rows(min_row=4, max_row=17, values_only=True)}
    assert rows["KZ"][1] == "Казахстан" and rows["KZ"][4] == "Окончательный"
    activities = book.worksheets[1]
    assert activities.cell(4, 2).value.startswith("Укрепить потенциал")


def test_texts_sheet_gathers_every_visible_text_with_translations(pow_files):
    overview, xlsx, _ = pow_files["en"]
    rows = list(load_workbook(xlsx)["Texts by activity"].iter_rows(min_row=4, values_only=True))
    expected = sum(len(c.texts) for c in overview.activities.cells.values())
    assert len(rows) == expected > 0
    translated = "(English translation provided by the focal point)"
    original = "(original in Russian: the focal point gave no English translation)"
    assert any(r[5] == translated and r[4].startswith("EN ") for r in rows)
    # A Russian report's text without a translation is shown as written, and says so.
    russian = {overview.names("en")[c] for c in RU_COUNTRIES}
    untranslated = [r for r in rows if r[2] in russian and not r[4].startswith("EN ")]
    assert untranslated and all(r[5] == original for r in untranslated)
    assert all(r[5] is None for r in rows if r[2] not in russian)


def test_pdf_reads_back_in_english_and_russian(pow_files):
    text = pdf_text(pow_files["en"][2])
    assert "Compiled national reports" in text and "Range States" in text
    assert "Packages received per Range State" in text and "Implementation status per objective" in text
    assert "Kazakhstan" in text and "Unregistered signer" not in text  # awaiting registration: not here
    assert "English translation provided by the focal point" in text
    assert "original in Russian: the focal point gave no English translation" in " ".join(text.split())
    ru = pdf_text(pow_files["ru"][2])
    assert "Казахстан" in ru and "Укрепить" in ru and "Выполняется" in ru


def test_mou_workbook_and_pdf_show_key_figures(world, tmp_path):
    overview = build_overview(world["store"], world["library"], SAIGA, PERIOD)
    book = load_workbook(write_compiled_workbook(overview, tmp_path / "saiga.xlsx"))
    sheet = book["Key figures"]
    assert list(sheet.tables) == ["KeyFigures"]
    first = [c.value for c in sheet[4]]
    assert first[2:] == [overview.figures.value("population_estimate", c) for c in overview.figures.countries]
    text = pdf_text(write_compiled_pdf(overview, tmp_path / "saiga.pdf"))
    assert "Population estimates and trends" in text and "Key figures" in text


def test_work_programme_matrix_counts_the_actions(world, tmp_path):
    overview = build_overview(world["store"], world["library"], WP, PERIOD)
    matrix = overview.activities
    sheet = load_workbook(write_compiled_workbook(overview, tmp_path / "wp.xlsx"))["Activities"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(matrix.activities)
    for activity, row in zip(matrix.activities, rows):
        for offset, country in enumerate(matrix.countries, 4):
            cell = matrix.cell(activity.key, country)
            if cell.status == "yes" and cell.action_statuses:
                assert row[offset].startswith("Actions taken: ")
                counted = [part.rsplit(" ", 1) for part in row[offset].split(": ", 1)[1].split(", ")]
                assert sum(int(n) for _, n in counted) == sum(cell.action_statuses.values())
            elif cell.status == "not_involved":
                assert row[offset] == "Not part of the region"
    trends = load_workbook(tmp_path / "wp.xlsx")["Population trends"]
    assert list(trends.tables) == ["PopulationTrends"]
    assert trends.max_row - 3 == len(overview.species_trends.species)
    text = pdf_text(write_compiled_pdf(overview, tmp_path / "wp.pdf"))
    assert "Not part of the region" in text and "Actions taken" in text
    assert "Population trends reported per species" in text
