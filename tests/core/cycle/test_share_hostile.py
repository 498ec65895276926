"""A colleague's return (or a share) carrying hostile values: line breaks made plain, control
characters and broken characters refused, JSON bounded before it is built (issue 15 B)."""
from __future__ import annotations

import json

import pytest

from cami_desktop.core import cycle
from cami_desktop.core.errors import CamiError

SECTIONS = ["concerted_action", "target"]


@pytest.fixture
def returned(store, colleague, library, final_report, tmp_path):
    """Our report shared, answered by the colleague: ``edit(change)`` rewrites the return's payload."""
    store.reopen_report(final_report)
    share = cycle.export_share(store, library, final_report, SECTIONS, tmp_path / "share.json",
                               sender={"name": "Aigul", "agency": "Ministry"})
    copy, _ = cycle.open_share(colleague, library, share.path)
    path = cycle.export_return(colleague, library, copy.id, tmp_path / "return.json",
                               supplier={"name": "Bolat", "agency": "Institute"})

    def edit(change) -> None:
        data = json.loads(path.read_text("utf-8"))
        change(data["payload"])
        path.write_text(json.dumps(data, ensure_ascii=True), "utf-8")  # escapes keep broken surrogates
    return final_report, path, edit


def test_line_breaks_of_every_kind_arrive_as_line_breaks(store, library, returned):
    report_id, path, edit = returned

    def change(payload):
        payload["answers"]["taxon_species"] = "Saiga\r\nline\x0bvertical\u2028sep"
        payload["translations"]["taxon_species"] = "EN\rold mac"
        payload["comments"]["taxon_species"] = {"text": "note\r\nnext", "audience": "secretariat"}
    edit(change)
    cycle.accept_return(store, library, report_id, path, ["taxon_species"])
    assert store.answers(report_id)["taxon_species"] == "Saiga\nline\nvertical\nsep"
    assert store.translations(report_id)["taxon_species"] == "EN\nold mac"


@pytest.mark.parametrize("change, complaint", [
    (lambda p: p["answers"].update(taxon_species="bell\x07"), "control character (U+0007)"),
    (lambda p: p["answers"].update(taxon_species="half \ud800"), "unpaired surrogate"),
    (lambda p: p["translations"].update(taxon_species="esc\x1b[2J"), "translations.taxon_species"),
    (lambda p: p["from"].update(name="Bolat\nSecretariat"), "from.name"),
    (lambda p: p["from"].update(name="Bolat\udc80"), "from.name"),
    (lambda p: p["answers"].update(taxon_species=json.loads("[" * 50 + "]" * 50)), "not JSON"),
])
def test_control_characters_broken_characters_and_deep_json_are_refused(store, library, returned, change,
                                                                        complaint):
    report_id, path, edit = returned
    before = store.answers(report_id)
    edit(change)
    with pytest.raises(CamiError) as caught:
        cycle.accept_return(store, library, report_id, path)
    assert complaint in caught.value.translated("en")
    assert store.answers(report_id) == before
