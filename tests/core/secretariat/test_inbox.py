"""Importing packages into the Secretariat's inbox: accepted, superseded, duplicate, refused."""
from __future__ import annotations

from cami_desktop.core.secretariat import inbox
from cami_desktop.core.secretariat.inbox import import_paths

from .conftest import BUKHARA_COUNTRIES, POW, POW_COUNTRIES, SAIGA_COUNTRIES, UNREGISTERED, WP_COUNTRIES


def test_every_package_has_one_outcome(world):
    items = world["result"].items
    for item in items:
        print(item.source, item.outcome, item.render_reasons("en"))
    expected = len(POW_COUNTRIES) + 1 + len(WP_COUNTRIES) + len(SAIGA_COUNTRIES) + len(BUKHARA_COUNTRIES)
    assert world["result"].count(inbox.IMPORTED) == expected
    assert world["result"].count(inbox.REFUSED) == 2
    assert len(items) == expected + 2
