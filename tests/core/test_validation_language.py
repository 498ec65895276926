"""A table's missing column is named in the message's own language (no _ru placeholder)."""
from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from cami_desktop.core import i18n
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.review import review

PO = Path(__file__).resolve().parents[2] / "translations" / "ru" / "LC_MESSAGES" / "cami.po"


@pytest.fixture
def ru_from_po(monkeypatch):
    """Russian read from the .po itself, so the test does not wait for the .mo to be compiled."""
    with open(PO, "rb") as handle:
        catalog = read_po(handle, locale="ru")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    monkeypatch.setitem(i18n._catalogs, "ru", gettext.GNUTranslations(buffer))


def test_a_required_column_is_named_in_the_language_of_the_message(ru_from_po):
    form = default_library().get("concerted-action")
    result = review(form, {"activities_table": [{"partners": "WWF"}]})
    message = next(m for m in result.messages if m.key == "activities_table" and "Row 1" in m.render("en"))
    assert message.render("en") == "Row 1: “Activity” is required."
    assert message.render("ru") == "Строка 1: необходимо заполнить столбец «Мероприятие»."
