"""The parsed forms are cached per installation and parsed afresh whenever anything changed."""
from __future__ import annotations

import shutil

import pytest

from cami_desktop.core import forms_cache
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
