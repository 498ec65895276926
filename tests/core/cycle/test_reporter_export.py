"""Who reports, as the exports say it: an organization's Concerted Action report, and a country
that is not a CAMI Range State (a consumer state under the Saiga MoU)."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from cami_desktop.core.export.content import build_content
from cami_desktop.core.export.package import package_basename
from cami_desktop.core.export.pdf import render_pdf
from cami_desktop.core.export.workbook import render_workbook
from cami_desktop.core.i18n import tr
from cami_desktop.core.reports.session import ReportSession, create_report


def _cover_rows(data: bytes) -> dict:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}


def _pdf_first_page(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return document[0].get_textpage().get_text_range()
    finally:
        document.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_organizations_report_names_the_reporter_not_a_country(store, library, lang):
    label = tr("Reporter", lang=lang)  # "Автор отчета" once the catalogs are merged
    name = "Manul Working Group"
    rid = create_report(store, library, form_id="concerted-action", organization=name,
                        period="2025", language=lang).id
    content = build_content(ReportSession.open(store, library, rid), draft=True)

    cover = _cover_rows(render_workbook(content))
    assert cover[label] == name
    assert not any(key in cover for key in ("Country", "Страна"))
    # Whoever made it final is the organization's contact person, not a national focal point.
    assert tr("Contact person", lang=lang) in cover and tr("Focal point", lang=lang) not in cover
    first_page = _pdf_first_page(render_pdf(content))
    assert name in first_page and f"{name} ({name})" not in first_page


def test_a_consumer_state_is_named_by_its_country_name(store, library):
    rid = create_report(store, library, form_id="saiga-mou", country="DE", period="2025").id
    content = build_content(ReportSession.open(store, library, rid), draft=True)
    assert _cover_rows(render_workbook(content))["Country"] == "Germany (DE)"


def test_a_cyrillic_organization_gives_a_readable_file_name():
    name = package_basename("concerted-action", "Рабочая группа «Манул» Қазақстан", "2025", 1)
    assert name == "concerted-action_Rabochaia-gruppa-Manul-Qazaqstan_2025_r1"
    assert package_basename("concerted-action", "Рабочая группа", "2025", 1) != \
        package_basename("concerted-action", "Научный совет", "2025", 1)


def _font_at(document, page: int, needle: str) -> bytes:
    """The font name of the first character of ``needle`` on ``page`` (0-based)."""
    import ctypes

    import pypdfium2.raw as raw

    text_page = document[page].get_textpage()
    index = text_page.get_text_range().find(needle)
    assert index >= 0, needle
    name = ctypes.create_string_buffer(128)
    raw.FPDFText_GetFontInfo(text_page.raw, index, name, 128, ctypes.byref(ctypes.c_int()))
    return name.value


def test_a_note_in_the_pdf_is_set_apart_from_the_answer(store, library):
    from tests.helpers.answers import filled_final_report

    rid = filled_final_report(store, library, "concerted-action", "en")
    answer = store.answers(rid)["ca_title"]
    content = build_content(ReportSession.open(store, library, rid),
                            comments={"ca_title": "Title as agreed at COP14"})
    document = pdfium.PdfDocument(render_pdf(content))
    try:
        page = next(i for i in range(len(document))
                    if "Title as agreed" in document[i].get_textpage().get_text_range())
        assert _font_at(document, page, "Comment: Title as agreed").endswith(b"Oblique")
        assert not _font_at(document, page, answer[:20]).endswith(b"Oblique")
    finally:
        document.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_year_is_written_as_a_year_not_as_a_grouped_number(store, library, lang):
    rid = create_report(store, library, form_id="saiga-mou", country="KZ", period="2025", language=lang).id
    store.set_answers(rid, {"estimate_year": 2024, "population_estimate": 1320000})
    content = build_content(ReportSession.open(store, library, rid), draft=True)
    entries = {e.question.key: e for t in content.sections for b in t.blocks for e in b.entries}
    assert entries["estimate_year"].text == "2024"
    assert entries["population_estimate"].text.replace("\xa0", " ").startswith(
        {"en": "1,320,000", "ru": "1 320 000"}[lang])  # other numbers stay grouped

    sheet_rows = [row for sheet in load_workbook(io.BytesIO(render_workbook(content))).worksheets[1:]
                  for row in sheet.iter_rows() if row[2].value == 2024]
    assert sheet_rows and sheet_rows[0][2].number_format == "0"

