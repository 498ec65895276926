"""A reporting period is written with ASCII digits: other scripts' digits (which Python's \\d and
int() accept) are refused, typed or from a colleague's share (issue 15: share open checks every
field as a report made here)."""
from __future__ import annotations

import pytest

from cami_desktop.core.errors import CamiError
from cami_desktop.core.reports.session import parse_period


@pytest.mark.parametrize("period", ["٢٠٢٥", "20١٢", "２０２５", "2022-２０２５", "2025-"])
def test_periods_in_other_digits_are_refused(period):
    with pytest.raises(CamiError, match="not valid"):
        parse_period(period)


def test_plain_periods_still_parse():
    assert parse_period("2025") == (2025, 2025) and parse_period(" 2022-2025 ") == (2022, 2025)


def test_a_share_naming_a_period_in_other_digits_is_refused(tmp_path):
    import json

    from cami_desktop.core import cycle
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.reports.session import create_report
    from cami_desktop.core.store import Store

    library = default_library()
    ours = Store.open(tmp_path / "ours", app_version="test", backups=False)
    theirs = Store.open(tmp_path / "theirs", app_version="test", backups=False)
    try:
        record = create_report(ours, library, form_id="saiga-mou", country="UZ", period="2025-2028")
        share = cycle.export_share(ours, library, record.id, ["populations"], tmp_path / "s.json",
                                   sender={"name": "Dilnoza", "agency": ""})
        data = json.loads(share.path.read_text("utf-8"))
        data["payload"]["report"]["period"] = "20١٢"
        share.path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        with pytest.raises(CamiError):
            cycle.open_share(theirs, library, share.path)
        assert theirs.list_reports() == []
    finally:
        ours.close()
        theirs.close()
