"""Packages of a filled final report of every shipped form in both languages, made once per run."""
from __future__ import annotations

import pytest

from cami_desktop.core.export.package import export_package
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.signing import create_identity, unlock
from cami_desktop.core.store import Store
from tests.helpers.answers import filled_final_report

PASSPHRASE = "correct horse 42"


@pytest.fixture(scope="session")
def library():
    return default_library()


@pytest.fixture(scope="session")
def world(tmp_path_factory, library):
    """A store with an identity and one exported package per form and language."""
    data = tmp_path_factory.mktemp("data")
    out = tmp_path_factory.mktemp("packages")
    store = Store.open(data, app_version="test")
    create_identity(data, name="Айгуль Нурланова", position="Focal point", institution="Ministry",
                    country="KZ", email="fp@example.org", passphrase=PASSPHRASE)
    signer = unlock(data, PASSPHRASE)
    attachment = data / "map.txt"
    attachment.write_bytes(b"range map\n")
    packages = {}
    for form in library:
        for lang in ("en", "ru"):
            folder = out / f"{form.id}-{lang}"
            folder.mkdir()
            report_id = filled_final_report(store, library, form.id, lang, attachment_path=attachment)
            packages[form.id, lang] = (report_id, export_package(store, library, report_id, folder, signer))
    yield {"store": store, "data": data, "signer": signer, "packages": packages, "library": library}
    store.close()
