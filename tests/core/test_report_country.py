"""An answer pre-filled from the report's country must keep naming it: the Secretariat refuses a
package whose answers name another country than its manifest, so the focal point hears it first."""
from __future__ import annotations

import pytest

from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.store import Store


@pytest.fixture(scope="module")
def library():
    return default_library()


def test_another_country_in_1_1_is_an_error_before_export(tmp_path, library) -> None:
    with Store.open(tmp_path / "data", app_version="test", backups=False) as store:
        record = create_report(store, library, form_id="saiga-mou", country="KZ", period="2024")
        session = ReportSession.open(store, library, record.id)
        assert session.answers["range_state"] == "KZ"
        assert not [m for m in session.review().errors if m.key == "range_state"]
        session.set("range_state", "UZ")
        (error,) = [m for m in session.review().errors if m.key == "range_state"]
        assert "Kazakhstan" in error.render("en") and "Казахстан" in error.render("ru")
        session.set("range_state", "KZ")
        assert not [m for m in session.review().errors if m.key == "range_state"]


def test_an_organizations_report_has_no_country_to_keep(tmp_path, library) -> None:
    with Store.open(tmp_path / "data", app_version="test", backups=False) as store:
        record = create_report(store, library, form_id="concerted-action", organization="Manul Working Group",
                               period="2024-2025")
        session = ReportSession.open(store, library, record.id)
        assert session.report_facts() == {}
