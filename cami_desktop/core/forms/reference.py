"""Reference data: species, Range States, all countries, priority regions and status scales."""
from __future__ import annotations

from pathlib import Path

from .model import Reference, RefItem, RefList, Scale
from .reading import ITEM_KEY_RE, KEY_RE, Problem, Reader

LIST_FILES = ("species", "range_states", "countries", "ptcr")


def load_reference(folder: Path) -> tuple[Reference, list[Problem]]:
    """Read every reference file of ``folder``; return the data and the problems found."""
    reference = Reference()
    problems: list[Problem] = []
    for name in LIST_FILES:
        reader = Reader(folder / f"{name}.yaml")
        ref_list = _read_list(reader, name)
        if ref_list:
            reference.lists[name] = ref_list
        problems += reader.problems
    if "range_states" in reference.lists:
        reference.lists["range_states"].fallback = reference.lists.get("countries")
    reader = Reader(folder / "scales.yaml")
    reference.scales = _read_scales(reader)
    problems += reader.problems
    return reference, problems


def _read_list(reader: Reader, name: str) -> RefList | None:
    data = reader.load()
    if reader.mapping(data, "", {"id", "title", "items", "sets"}, {"id", "title", "items"}) is None:
        return None
    if data.get("id") != name:
        reader.problem("id", f"must be {name!r}")
    title = reader.text(data.get("title"), "title")
    items: list[RefItem] = []
    seen: set[str] = set()
    for i, raw in enumerate(reader.sequence(data.get("items"), "items")):
        place = f"items[{i}]"
        if reader.mapping(raw, place, {"key", "label", "number", "scientific", "cms_party"},
                          {"key", "label"}) is None:
            continue
        key = reader.key(raw.get("key"), f"{place}.key", ITEM_KEY_RE)
        if key in seen:
            reader.problem(f"{place}.key", f"duplicate key {key!r}")
        seen.add(key)
        label = reader.text(raw.get("label"), f"{place}.label")
        number = str(raw["number"]) if "number" in raw else None
        party = raw.get("cms_party")
        if party is not None and not isinstance(party, bool):
            reader.problem(f"{place}.cms_party", "must be true or false")
            party = None
        if label:
            items.append(RefItem(key, label, number, raw.get("scientific"), party))
    sets = _read_sets(reader, data.get("sets"), seen)
    return RefList(name, title, tuple(items), sets) if title else None


def _read_sets(reader: Reader, data: object, known: set[str]) -> dict[str, tuple[str, ...]]:
    """Named subsets of a list's keys, e.g. ``wp_2026_2032: [argali, ...]``."""
    sets: dict[str, tuple[str, ...]] = {}
    if data is None:
        return sets
    if not isinstance(data, dict):
        reader.problem("sets", "must be a mapping of set names to lists of keys")
        return sets
    for name, keys in data.items():
        place = f"sets.{name}"
        reader.key(name, place, KEY_RE)
        keys = reader.sequence(keys, place)
        for bad in [k for k in keys if not isinstance(k, str) or k not in known]:
            reader.problem(place, f"{bad!r} is not an item of this list")
        sets[str(name)] = tuple(k for k in keys if isinstance(k, str))
    return sets


def _read_scales(reader: Reader) -> dict[str, Scale]:
    data = reader.load()
    scales: dict[str, Scale] = {}
    if reader.mapping(data, "", {"scales"}, {"scales"}) is None:
        return scales
    raw_scales = data.get("scales")
    if not isinstance(raw_scales, dict) or not raw_scales:
        reader.problem("scales", "must be a non-empty mapping of scale names")
        return scales
    for name, raw in raw_scales.items():
        place = f"scales.{name}"
        reader.key(name, place, KEY_RE)
        if reader.mapping(raw, place, {"title", "options"}, {"title", "options"}) is None:
            continue
        title = reader.text(raw.get("title"), f"{place}.title")
        options = reader.options(raw.get("options"), f"{place}.options")
        if title:
            scales[name] = Scale(name, title, options)
    return scales
