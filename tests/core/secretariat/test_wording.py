"""What the officer reads: causes in the reader's language, numbers as written in it, a visible legend."""
from __future__ import annotations

import gettext

import pytest
from reportlab.graphics.shapes import Rect
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from cami_desktop.core import i18n
from cami_desktop.core.forms.model import Text
from cami_desktop.core.secretariat import inbox
from cami_desktop.core.export.pdf_style import FONT, FONT_BOLD, styles
from cami_desktop.core.secretariat.causes import explain
from cami_desktop.core.secretariat.charts import status_chart
from cami_desktop.core.secretariat.compiled_pdf import WIDTH, _states
from cami_desktop.core.secretariat.figures import SUM, VALUE, Figure, KeyFigures
from cami_desktop.core.secretariat.inbox import import_paths
from cami_desktop.core.secretariat.overview import build_overview
from cami_desktop.core.secretariat.reasons import reason, render
from cami_desktop.core.secretariat.views import STATE_HEADERS, STATUS_COLOURS
from cami_desktop.core.store import Store

from .conftest import PERIOD, POW

NOT_A_ZIP = "it is not a ZIP archive, or it is damaged or incomplete"


class _Russian(gettext.NullTranslations):
    """A stand-in Russian catalog for the messages of these tests (the real one is merged later)."""

    WORDS = {"The file is not a readable package (ZIP): {reason}": "Файл не является пакетом (ZIP): {reason}",
             NOT_A_ZIP: "это не ZIP-архив",
             "the file does not exist (it was moved or deleted)": "файл не найден",
             "The answer {key} does not fit the form: {problem}": "Ответ {key} не подходит: {problem}",
             "An answer is required.": "Нужен ответ."}

    def gettext(self, message: str) -> str:
        return self.WORDS.get(message, message)


@pytest.fixture
def russian(monkeypatch):
    monkeypatch.setitem(i18n._catalogs, "ru", _Russian())


def test_a_refusals_cause_reads_in_russian_without_pythons_english(russian, world, tmp_path):
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    with Store.open(tmp_path / "inbox", app_version="test", backups=False) as store:
        [item] = import_paths(store, world["library"], [tmp_path / "broken.zip"]).items
        assert item.outcome == inbox.REFUSED
        assert item.render_reasons("ru") == ["Файл не является пакетом (ZIP): это не ZIP-архив"]
        assert item.render_reasons("en") == [f"The file is not a readable package (ZIP): {NOT_A_ZIP}"]
        # Stored as Python said it: a refusal recorded before a cause was known reads well too.
        assert store.list_refusals()[0].reasons[0]["params"]["reason"] == "File is not a zip file"


@pytest.mark.parametrize("cause, expected", [
    ("File is not a zip file", NOT_A_ZIP),
    ("FileNotFoundError: [Errno 2] No such file or directory: 'x.zip'",
     "the file does not exist (it was moved or deleted)"),
    ("No such file or directory", "the file does not exist (it was moved or deleted)"),
    ("Bad CRC-32 for file 'KZ.json'", "a file inside the ZIP archive is damaged"),
    ("Expecting value: line 1 column 1 (char 0)", "the text is not valid JSON"),
    ("'utf-8' codec can't decode byte 0xff in position 0: invalid start byte", "the text is not in UTF-8 encoding"),
    ("KeyError: 'report'", "KeyError: 'report'"),  # not recognised: shown as it came
])
def test_common_causes_are_recognised(cause, expected):
    assert explain(cause, "en") == expected


def test_a_forms_message_inside_a_reason_follows_the_language(russian):
    from cami_desktop.core.errors import CamiError
    item = reason("The answer {key} does not fit the form: {problem}", key="estimate",
                  problem=CamiError("An answer is required."))
    assert render(item, "ru") == "Ответ estimate не подходит: Нужен ответ."
    assert render(item, "en") == "The answer estimate does not fit the form: An answer is required."


def test_key_figures_are_written_as_each_language_writes_numbers():
    area = Figure("protected_area_km2", SUM, Text("Area", "Площадь"))
    year = Figure("estimate_year", VALUE, Text("Year", "Год"))
    count = Figure("poaching_cases", SUM, Text("Cases", "Случаи"))
    figures = KeyFigures("saiga-mou", [area, year, count], ["KZ"],
                         {("protected_area_km2", "KZ"): 12093.5, ("estimate_year", "KZ"): 2023,
                          ("poaching_cases", "KZ"): 13085})
    assert figures.display(area, "KZ", "en") == "12,093.5"
    assert figures.display(area, "KZ", "ru") == "12\u00a0093,5"   # a decimal comma, a non-breaking space
    assert figures.display(count, "KZ", "ru") == "13\u00a0085"
    assert figures.display(year, "KZ", "ru") == "2023"            # a year is no quantity
    assert figures.display(Figure("x", VALUE, Text("", "")), "KZ", "ru") == "—"


def test_the_lightest_legend_swatch_has_an_edge_on_white_paper(world):
    overview = build_overview(world["store"], world["library"], POW, PERIOD)
    drawing = status_chart(overview, 700, "en")
    light = colors.HexColor(f"#{STATUS_COLOURS['no_information']}")
    swatches = [s for s in drawing.contents if isinstance(s, Rect) and s.fillColor == light]
    assert swatches and all(s.strokeColor is not None and s.strokeWidth > 0 for s in swatches)
    darker = colors.HexColor(f"#{STATUS_COLOURS['completed']}")
    assert all(s.strokeColor is None for s in drawing.contents if isinstance(s, Rect) and s.fillColor == darker)


def test_the_range_states_columns_hold_the_longest_russian_words_unbroken():
    """The PDF's Range States table: each column wide enough for its longest Russian word."""
    table = _states([], STATE_HEADERS, "en")
    # (column, word, bold: a header)
    words = [(1, "Государство", True), (2, "Представлен", True), (3, "Редакция", True),
             (4, "Окончательный", False), (6, "Зарегистрированный", False), (7, "Незарегистрированный", False),
             (8, "2026-11-30", False)]
    cell = styles()["cell"]  # also registers the bundled fonts
    for column, word, bold in words:
        width = stringWidth(word, FONT_BOLD if bold else FONT, cell.fontSize) + 6  # 3 points padding each side
        assert width <= table._colWidths[column], word
    assert abs(sum(table._colWidths) - WIDTH) < 1


def test_legend_entries_do_not_crowd_each_other_in_russian():
    """Each swatch starts well after the previous label ends (8 points), however wide its letters."""
    from reportlab.graphics.shapes import String
    from cami_desktop.core.secretariat import charts
    drawing = charts.Drawing(700, 40)
    labels = ["Не начато", "Выполняется", "Выполнено", "Не применимо", "Нет информации"]
    charts._legend(drawing, [("EF9A9A", text) for text in labels])
    swatches = [s for s in drawing.contents if isinstance(s, Rect)]
    texts = [s for s in drawing.contents if isinstance(s, String)]
    for text, following in zip(texts, swatches[1:]):
        assert following.x - (text.x + stringWidth(text.text, FONT, 7.5)) >= 8, text.text


def test_the_compilation_date_is_written_as_each_language_writes_dates(world):
    from dataclasses import replace
    from datetime import datetime, timezone
    from cami_desktop.core.secretariat.views import title_lines
    overview = replace(build_overview(world["store"], world["library"], POW, PERIOD),
                       generated=datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc))
    assert title_lines(overview, "en")[1].endswith("Compiled on November 30, 2026.")
    russian = title_lines(overview, "ru")[1]
    assert "30 ноября 2026\u202fг." in russian and not russian.endswith("..")


def test_a_country_in_a_reason_is_named_in_the_readers_language() -> None:
    from cami_desktop.core.secretariat.reasons import reason, render
    item = reason("The signer's registration for {country} is not in force.", country="KZ")
    assert render(item, "en") == "The signer's registration for Kazakhstan (KZ) is not in force."
    assert "Казахстан (KZ)" in render(item, "ru")
    odd = reason("The package does not name a valid country ({country}).", country="XX")
    assert render(odd, "en").endswith("(XX).")  # not a country: shown as it came
