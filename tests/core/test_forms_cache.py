"""The parsed forms are cached per installation and parsed afresh whenever anything changed."""
from __future__ import annotations

import shutil

import pytest

from cami_desktop.core.forms import cache as forms_cache
from cami_desktop.core.forms.index import FormIndex
from cami_desktop.core.forms.library import FormLibrary
from cami_desktop.core.paths import forms_dir


@pytest.fixture
def folders(tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(forms_dir(), forms)
    return forms, tmp_path / "cache"


def outline(library: FormLibrary) -> dict:
    return {(form.id, form.version): [q.key for q in form.answerable()]
            for form in library.versions.values()}


def test_the_second_reading_comes_from_the_cache_and_equals_a_fresh_parse(folders, monkeypatch):
    forms, cache = folders
    first = forms_cache.cached_library(forms, cache)
    assert len(list(cache.glob("forms-*.pickle"))) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed although the cache is current")

    monkeypatch.setattr(FormLibrary, "load", no_parsing)
    again = forms_cache.cached_library(forms, cache)
    monkeypatch.undo()
    assert outline(again) == outline(first) == outline(FormLibrary.load(forms))
    assert again.get("saiga-mou").title.get("ru") == first.get("saiga-mou").title.get("ru")


def test_a_changed_form_file_is_parsed_afresh(folders):
    forms, cache = folders
    forms_cache.cached_library(forms, cache)
    path = forms / "saiga-mou.yaml"
    text = path.read_text(encoding="utf-8")
    title = forms_cache.cached_library(forms, cache).get("saiga-mou").title.get("en")
    path.write_text(text.replace(title, title + " (changed)", 1), encoding="utf-8")
    assert forms_cache.cached_library(forms, cache).get("saiga-mou").title.get("en") == title + " (changed)"
    assert len(list(cache.glob("forms-*.pickle"))) == 1  # the outdated cache is removed


def test_a_damaged_or_unwritable_cache_only_costs_a_parse(folders):
    forms, cache = folders
    forms_cache.cached_library(forms, cache)
    for pickled in cache.glob("forms-*.pickle"):
        pickled.write_bytes(b"not a pickle")
    assert "saiga-mou" in forms_cache.cached_library(forms, cache).forms
    blocked = cache.parent / "blocked"
    blocked.write_text("a file where the cache folder should be")
    assert "saiga-mou" in forms_cache.cached_library(forms, blocked).forms


def test_the_index_beside_the_library_names_what_the_library_does(folders):
    forms, cache = folders
    library = forms_cache.cached_library(forms, cache)
    index_file = cache / forms_cache.INDEX_NAME
    basis = forms_cache.cache_basis(forms)
    assert (cache / f"forms-{forms_cache.cache_key(forms, basis)}.pickle").is_file()
    index = FormIndex.read(index_file, basis)
    assert index is not None and index.basis == basis
    for (form_id, version), form in library.versions.items():
        for lang in ("en", "ru"):
            assert index.title(form_id, version, lang) == form.title.get(lang)
    places = library.reference.lists["range_states"]
    keys = {item.key for item in places.items} | {item.key for item in places.fallback.items}
    assert len(keys) > 200  # the Range States and every country (the Saiga MoU takes any)
    for key in keys:
        for lang in ("en", "ru"):
            assert index.country(key, lang) == places.label(key, lang)
    # What the library does not know is shown as stored, as RefList.label and the list did.
    assert index.country("WWF Central Asia", "ru") == "WWF Central Asia"
    assert index.title("saiga-mou", "0.1", "en") == "saiga-mou"


def test_a_missing_or_damaged_index_is_made_again(folders):
    forms, cache = folders
    forms_cache.cached_library(forms, cache)
    index_file = cache / forms_cache.INDEX_NAME
    basis = forms_cache.cache_basis(forms)
    good = index_file.read_bytes()
    assert FormIndex.read(index_file, basis + "\nchanged.yaml|1|1") is None  # made from other forms
    for damage in (b"", b"{not json", b'{"format": 1, "titles": {"x": {"en": 1}}, "countries": {}}',
                   b'{"format": 99, "titles": {}, "countries": {}}'):
        index_file.write_bytes(damage)
        assert FormIndex.read(index_file, basis) is None
    index_file.unlink()
    forms_cache.cached_library(forms, cache)  # the library was cached; its index is written again
    assert index_file.read_bytes() == good
    path = forms / "saiga-mou.yaml"  # a changed form: a new library and a new index
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    forms_cache.cached_library(forms, cache)
    assert FormIndex.read(index_file, forms_cache.cache_basis(forms)) is not None
    assert FormIndex.read(index_file, basis) is None


def test_the_shipped_index_is_read_without_loading_the_forms(tmp_path, monkeypatch):
    monkeypatch.setenv(forms_cache.ENV_CACHE_DIR, str(tmp_path))
    monkeypatch.setattr(forms_cache, "_loaded", None)
    monkeypatch.setattr(forms_cache, "_index", None)
    monkeypatch.setattr(forms_cache, "_shipped_basis", None)
    first = forms_cache.cached_index()  # nothing cached yet: the forms are parsed, both written
    assert forms_cache._loaded is not None
    monkeypatch.setattr(forms_cache, "_loaded", None)
    monkeypatch.setattr(forms_cache, "_index", None)
    monkeypatch.setattr(FormLibrary, "load", lambda *a, **k: pytest.fail("parsed"))
    monkeypatch.setattr(forms_cache, "_read", lambda *a, **k: pytest.fail("library read"))
    assert forms_cache.cached_index() == first
    assert forms_cache._loaded is None


def test_a_dangling_link_in_the_forms_folder_is_not_part_of_the_basis(folders):
    forms, cache = folders
    before = forms_cache.cache_basis(forms)
    (forms / "old.yaml").symlink_to(forms / "no-such-file.yaml")
    assert forms_cache.cache_basis(forms) == before
    assert forms_cache.cached_library(forms, cache).get("saiga-mou") is not None


def test_the_key_covers_the_form_code(tmp_path):
    """A change to the form code (model, loader) at the same version makes a new cache: the key
    lists those files (it once named a folder that no longer existed, and listed none)."""
    basis = forms_cache.cache_basis(tmp_path)
    assert "\nmodel.py|" in basis and "\nloader.py|" in basis
