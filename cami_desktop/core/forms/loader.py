"""Build a :class:`Form` from a YAML file, checking it and expanding repeated sections."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .conditions import Condition
from .model import (
    COLUMN_TYPES, OTHER, QUESTION_TYPES, Check, Field, Form, ListItem, Question, Reference,
    Section, Text,
)
from .reading import ITEM_KEY_RE, Reader

FIELD_KEYS = {
    "key", "type", "label", "help", "required", "options", "other", "list", "multiple", "only",
    "scale", "min", "max", "unit", "decimals", "max_length", "format", "not_applicable",
}
QUESTION_KEYS = FIELD_KEYS | {
    "number", "columns", "min_rows", "max_rows", "text", "field", "visible_if", "prefill",
}
SECTION_KEYS = {"key", "number", "title", "intro", "visible_if", "questions", "sections", "checks", "repeat"}
FORM_KEYS = {"id", "version", "title", "short_title", "basis", "lists", "sections", "checks",
             "organization_reporter"}
ITEM_KEYS = {"key", "number", "title", "sub_items", "context", "items"}
CHECK_KEYS = {"left", "op", "right", "value", "level", "message"}
OPS = ("<", "<=", ">", ">=", "==", "!=")
PREFILLS = (
    "report.country", "report.organization", "report.reporter_kind",
    "report.cms_party", "report.period_from", "report.period_to", "profile.name",
    "profile.position", "profile.institution", "profile.email", "profile.phone",
)
FORMATS = ("email", "phone")
OTHER_SPEC = Text("Other, please specify", "Другое (просьба уточнить)")


class FormReader(Reader):
    """Reads one form file; ``problems`` lists what is wrong with it."""

    def __init__(self, path: Path, reference: Reference) -> None:
        super().__init__(path)
        self.reference = reference
        self.lists: dict[str, tuple[ListItem, ...]] = {}
        self.questions: dict[str, Question] = {}
        self.base_keys: dict[str, str] = {}
        self.section_index: dict[str, Section] = {}
        self.pending: list[tuple[str, Condition, str]] = []
        self.checks: list[Check] = []

    def read(self) -> Form | None:
        data = self.load()
        if self.problems or self.mapping(data, "", FORM_KEYS, {"id", "version", "title", "sections"}) is None:
            return None
        form_id = self.key(data.get("id"), "id", ITEM_KEY_RE)
        version = self.string(data.get("version"), "version")
        title = self.text(data.get("title"), "title")
        short = self.text(data.get("short_title"), "short_title", optional=True) or title
        basis = self.text(data.get("basis"), "basis", optional=True) or Text("", "")
        lists = data.get("lists") or {}
        if not isinstance(lists, dict):
            self.problem("lists", "must be a mapping of list names to items")
            lists = {}
        for name, items in lists.items():
            name = self.key(name, f"lists.{name}")
            self.lists[name] = self._items(items, f"lists.{name}", set())
        sections = self._sections(data.get("sections"), "sections", None, 0)
        self._form_checks(data.get("checks"), "checks", "")
        self._resolve()
        organization = data.get("organization_reporter", False)
        if not isinstance(organization, bool):
            self.problem("organization_reporter", "must be true or false")
        if self.problems or not title:
            return None
        return Form(form_id, version, title, short, basis, sections, self.checks, self.reference,
                    self.path, self.questions, self.section_index, organization is True)

    # -- list items -------------------------------------------------------------------------
    def _items(self, data: Any, place: str, seen: set[str]) -> tuple[ListItem, ...]:
        items = []
        for i, raw in enumerate(self.sequence(data, place)):
            where = f"{place}[{i}]"
            if self.mapping(raw, where, ITEM_KEYS, {"key", "title"}) is None:
                continue
            key = self.key(str(raw.get("key")), f"{where}.key", ITEM_KEY_RE)
            if key in seen:
                self.problem(f"{where}.key", f"duplicate item key {key!r}")
            seen.add(key)
            title = self.text(raw.get("title"), f"{where}.title") or Text(key, key)
            subs = tuple(t for j, s in enumerate(self.sequence(raw["sub_items"], f"{where}.sub_items")
                                                 if "sub_items" in raw else [])
                         if (t := self.text(s, f"{where}.sub_items[{j}]")))
            context = {}
            raw_context = raw.get("context") or {}
            if not isinstance(raw_context, dict):
                self.problem(f"{where}.context", "must be a mapping of names to texts")
                raw_context = {}
            for name, value in raw_context.items():
                text = self.text(value, f"{where}.context.{name}")
                if text:
                    context[name] = text
            children = self._items(raw["items"], f"{where}.items", seen) if "items" in raw else ()
            items.append(ListItem(key, str(raw.get("number", key)), title, subs, context, children))
        return tuple(items)

    # -- sections ---------------------------------------------------------------------------
    def _sections(self, data: Any, place: str, parent: Section | None, depth: int) -> list[Section]:
        result = []
        for i, raw in enumerate(self.sequence(data, place)):
            where = f"{place}[{i}]"
            if self.mapping(raw, where, SECTION_KEYS, {"key", "title"}) is None:
                continue
            key = self.key(raw.get("key"), f"{where}.key")
            full_key = f"{parent.key}/{key}" if parent else key
            section = Section(full_key, str(raw.get("number", "")), self.text(raw.get("title"), f"{where}.title"),
                              self.text(raw.get("intro"), f"{where}.intro", optional=True),
                              parent=parent.key if parent else None, depth=depth)
            self._add_section(section, f"{where}.key")
            if "visible_if" in raw:
                section.visible_if = self._condition(raw["visible_if"], f"{where}.visible_if", {}, full_key)
            section.questions = self._questions(raw.get("questions") or [], f"{where}.questions",
                                                section.number, full_key, None, {})
            if "repeat" in raw:
                section.sections += self._repeat(raw["repeat"], f"{where}.repeat", section, depth + 1)
            if "sections" in raw:
                section.sections += self._sections(raw["sections"], f"{where}.sections", section, depth + 1)
            if "questions" not in raw and "sections" not in raw and "repeat" not in raw:
                self.problem(where, "a section needs questions, sections or a repeat")
            self._form_checks(raw.get("checks"), f"{where}.checks", full_key)
            result.append(section)
        return result

    def _add_section(self, section: Section, place: str) -> None:
        if section.key in self.section_index:
            self.problem(place, f"duplicate section key {section.key!r}")
        self.section_index[section.key] = section

    def _repeat(self, raw: Any, place: str, parent: Section, depth: int) -> list[Section]:
        if self.mapping(raw, place, {"list", "questions", "group_questions", "group_depth"},
                        {"list", "questions"}) is None:
            return []
        name = raw.get("list")
        if not isinstance(name, str):  # a mapping or a list cannot name a list (nor be looked up)
            self.problem(f"{place}.list", f"unknown list {name!r}")
            return []
        if name in self.lists:
            items = self.lists[name]
        elif name in self.reference.lists:
            items = tuple(ListItem(r.key, r.number or "", r.label) for r in self.reference.lists[name].items)
        else:
            self.problem(f"{place}.list", f"unknown list {name!r}")
            return []
        self._repeat_depth = depth
        leaf_keys = self._template_keys(raw.get("questions"), f"{place}.questions")
        group_keys = self._template_keys(raw.get("group_questions") or [], f"{place}.group_questions")
        return [self._repeat_item(item, raw, place, parent, depth, leaf_keys, group_keys) for item in items]

    def _template_keys(self, data: Any, place: str) -> set[str]:
        keys = {q.get("key") for q in self.sequence(data, place, allow_empty=True)
                if isinstance(q, dict) and isinstance(q.get("key"), str)}
        for key in keys:
            if isinstance(key, str) and key in self.base_keys:
                self.problem(place, f"duplicate question key {key!r}")
            elif isinstance(key, str):
                self.base_keys[key] = place
        return keys

    def _repeat_item(self, item: ListItem, raw: dict, place: str, parent: Section, depth: int,
                     leaf_keys: set[str], group_keys: set[str]) -> Section:
        section = Section(f"{parent.key}/{item.key}", item.number, item.title,
                          parent=parent.key, depth=depth, item=item)
        self._add_section(section, place)
        if item.items:
            mapping = {k: f"{k}[{item.key}]" for k in group_keys}
            level = raw.get("group_depth")
            asked = level is None or section.depth - self._repeat_depth == level
            # Group questions are numbered N.0.k so that they never read like the group's first child (N.1).
            section.questions = self._questions(raw.get("group_questions") or [] if asked else [],
                                                f"{place}.group_questions", f"{item.number}.0", section.key,
                                                item, mapping)
            section.sections = [self._repeat_item(child, raw, place, section, depth + 1, leaf_keys, group_keys)
                                for child in item.items]
        else:
            mapping = {k: f"{k}[{item.key}]" for k in leaf_keys}
            section.questions = self._questions(raw.get("questions") or [], f"{place}.questions",
                                                item.number, section.key, item, mapping)
        return section

    # -- questions --------------------------------------------------------------------------
    def _questions(self, data: list, place: str, number: str, section: str,
                   item: ListItem | None, mapping: dict[str, str]) -> list[Question]:
        result: list[Question] = []
        counter = 0
        for i, raw in enumerate(self.sequence(data, place, allow_empty=True)):
            where = f"{place}[{i}]"
            if self.mapping(raw, where, QUESTION_KEYS, {"key", "type"}) is None:
                continue
            fld = self._field(raw, where, QUESTION_TYPES)
            if fld is None:
                continue
            if fld.type != "context":
                counter += 1
            base = fld.key
            key = mapping.get(base, base)
            if not mapping and base in self.base_keys:
                self.problem(f"{where}.key", f"duplicate question key {base!r}")
            elif not mapping:
                self.base_keys[base] = where
            default_number = f"{number}.{counter}" if number else str(counter)
            q = Question(**vars(fld), base_key=base, number=str(raw.get("number", default_number)),
                         section=section, item=item)
            q.key = key
            self._question_extras(q, raw, where, mapping)
            self._register(q, where)
            result.append(q)
            if q.type in ("choice", "multi_choice") and q.other:
                result.append(self._other_question(q, mapping, where))
        return result

    def _question_extras(self, q: Question, raw: dict, where: str, mapping: dict[str, str]) -> None:
        if q.type == "table":
            q.columns = self._columns(raw.get("columns"), f"{where}.columns")
            q.min_rows = self._count(raw.get("min_rows"), f"{where}.min_rows")
            q.max_rows = self._count(raw.get("max_rows"), f"{where}.max_rows")
        elif "columns" in raw:
            self.problem(f"{where}.columns", "only a table has columns")
        if q.type == "context":
            if "field" in raw:
                # An item may lack a context field (e.g. no topic heading): the question then shows nothing.
                if q.item is None:
                    self.problem(f"{where}.field", "a context field is read from a repeated item")
                if not isinstance(raw["field"], str):
                    self.problem(f"{where}.field", "must be the name of a context field")
                q.text = q.item.context.get(raw["field"]) if q.item and isinstance(raw["field"], str) else None
            else:
                q.text = self.text(raw.get("text"), f"{where}.text")
        if "prefill" in raw:
            if raw["prefill"] not in PREFILLS:
                self.problem(f"{where}.prefill", f"unknown prefill {raw['prefill']!r}")
            q.prefill = raw["prefill"]
        if "visible_if" in raw:
            q.visible_if = self._condition(raw["visible_if"], f"{where}.visible_if", mapping, q.key)

    def _other_question(self, q: Question, mapping: dict[str, str], where: str) -> Question:
        base = f"{q.base_key}_other"
        other = Question(key=mapping.get(q.base_key, q.base_key).replace(q.base_key, base, 1),
                         type="long_text", label=OTHER_SPEC, required=q.required, base_key=base,
                         number="", section=q.section, item=q.item, other_of=q.key,
                         visible_if=Condition("in", q.key, (OTHER,)))
        if q.visible_if:
            other.visible_if = Condition("all", children=(q.visible_if, other.visible_if))
        self._register(other, where)
        return other

    def _register(self, q: Question, where: str) -> None:
        if q.key in self.questions:
            self.problem(f"{where}.key", f"duplicate question key {q.key!r}")
        self.questions[q.key] = q

    def _columns(self, data: Any, place: str) -> tuple[Field, ...]:
        columns: list[Field] = []
        seen: set[str] = set()
        for i, raw in enumerate(self.sequence(data, place)):
            where = f"{place}[{i}]"
            if self.mapping(raw, where, FIELD_KEYS, {"key", "type", "label"}) is None:
                continue
            fld = self._field(raw, where, COLUMN_TYPES)
            if fld and fld.key in seen:
                self.problem(f"{where}.key", f"duplicate column key {fld.key!r}")
            if fld:
                seen.add(fld.key)
                columns.append(fld)
        return tuple(columns)

    def _field(self, raw: dict, where: str, types: tuple[str, ...]) -> Field | None:
        key = self.key(raw.get("key"), f"{where}.key")
        kind = raw.get("type")
        if kind not in types:
            self.problem(f"{where}.type", f"unknown question type {kind!r} (expected one of {', '.join(types)})")
            return None
        label = self.text(raw.get("label"), f"{where}.label", optional=kind == "context") or Text("", "")
        fld = Field(key, kind, label, self._flag(raw, "required", where),
                    self.text(raw.get("help"), f"{where}.help", optional=True))
        if kind in ("choice", "multi_choice"):
            if "options" not in raw:
                self.problem(where, f"a {kind} question needs options")
            else:
                fld.options = self.options(raw["options"], f"{where}.options")
            fld.other = self._flag(raw, "other", where)
            if fld.other and any(o.value == OTHER for o in fld.options):
                self.problem(f"{where}.options", "with other: true the option 'other' is added for you")
        elif "options" in raw or "other" in raw:
            self.problem(f"{where}.options", f"a {kind} question takes no options")
        if kind == "pick":
            fld.list = raw.get("list")
            if not isinstance(fld.list, str) or fld.list not in self.reference.lists:
                self.problem(f"{where}.list", f"unknown reference list {fld.list!r}")
            else:
                fld.only = self._only(raw.get("only"), fld.list, f"{where}.only")
        if kind == "scale" and (not isinstance(raw.get("scale"), str) or raw["scale"] not in self.reference.scales):
            self.problem(f"{where}.scale", f"unknown scale {raw.get('scale')!r}")
        fld.scale = raw.get("scale")
        fld.multiple = self._flag(raw, "multiple", where)
        fld.not_applicable = self._flag(raw, "not_applicable", where)
        fld.unit = self.text(raw.get("unit"), f"{where}.unit", optional=True)
        fld.decimals = self._count(raw.get("decimals"), f"{where}.decimals", most=10)  # shown as {:.Nf}
        fld.max_length = self._count(raw.get("max_length"), f"{where}.max_length")
        fld.format = raw.get("format")
        if fld.format is not None and fld.format not in FORMATS:
            self.problem(f"{where}.format", f"unknown format {fld.format!r}")
        self._bounds(fld, raw, where)
        return fld

    def _only(self, raw: Any, list_name: str, place: str) -> tuple[str, ...]:
        """``only:`` is a list of keys or the name of a set of the reference list."""
        ref = self.reference.lists[list_name]
        if raw is None:
            return ()
        if isinstance(raw, str):
            if raw not in ref.sets:
                self.problem(place, f"{list_name} has no set {raw!r}")
                return ()
            return ref.sets[raw]
        known = {item.key for item in ref.items}
        keys = self.sequence(raw, place)
        for bad in [k for k in keys if not isinstance(k, str) or k not in known]:
            self.problem(place, f"{bad!r} is not in {list_name}")
        return tuple(k for k in keys if isinstance(k, str))

    def _bounds(self, fld: Field, raw: dict, where: str) -> None:
        lo, hi = raw.get("min"), raw.get("max")
        if fld.type == "date":
            lo, hi = (self._date(v, f"{where}.{n}") for v, n in ((lo, "min"), (hi, "max")))
        elif (lo is not None or hi is not None) and fld.type not in ("integer", "decimal"):
            self.problem(where, f"a {fld.type} question takes no min or max")
            return
        for value, name in ((lo, "min"), (hi, "max")):
            if value is not None and fld.type in ("integer", "decimal") and (
                    not isinstance(value, (int, float)) or isinstance(value, bool)):
                self.problem(f"{where}.{name}", "must be a number")
                return
        if lo is not None and hi is not None and lo > hi:
            self.problem(where, f"min {lo} is greater than max {hi}")
        fld.min, fld.max = lo, hi

    def _flag(self, raw: dict, name: str, where: str) -> bool:
        value = raw.get(name, False)
        if not isinstance(value, bool):  # `required: "no"` would otherwise read as true
            self.problem(f"{where}.{name}", "must be true or false")
            return False
        return value

    def _count(self, value: Any, place: str, most: int = 10 ** 9) -> int | None:
        """A whole number from 0 to ``most`` (rows, characters, decimals), or None when absent."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
            self.problem(place, f"must be a whole number from 0 to {most:,}")
            return None
        return value

    def _date(self, value: Any, place: str) -> str | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            self.problem(place, f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    # -- conditions and checks --------------------------------------------------------------
    def _condition(self, raw: Any, place: str, mapping: dict[str, str], owner: str) -> Condition | None:
        if not isinstance(raw, dict) or len(raw.keys() & {"all", "any", "not", "question"}) != 1:
            self.problem(place, "a condition is {question: ..., equals|in|answered: ...} or all/any/not")
            return None
        for op in ("all", "any"):
            if op in raw:
                children = [self._condition(c, f"{place}.{op}[{i}]", mapping, owner)
                            for i, c in enumerate(self.sequence(raw[op], f"{place}.{op}"))]
                return Condition(op, children=tuple(c for c in children if c))
        if "not" in raw:
            child = self._condition(raw["not"], f"{place}.not", mapping, owner)
            return Condition("not", children=(child,)) if child else None
        tests = raw.keys() & {"equals", "in", "answered"}
        if len(tests) != 1 or set(raw) - {"question", "equals", "in", "answered"}:
            self.problem(place, "a condition needs exactly one of equals, in, answered")
            return None
        key = str(raw["question"])
        key = mapping.get(key, key)
        self.pending.append((place, Condition("answered", key, (True,)), owner))
        if "equals" in raw:
            return Condition("in", key, (raw["equals"],))
        if "in" in raw:
            return Condition("in", key, tuple(self.sequence(raw["in"], f"{place}.in")))
        return Condition("answered", key, (bool(raw["answered"]),))

    def _form_checks(self, data: Any, place: str, section: str) -> None:
        for i, raw in enumerate(self.sequence(data, place) if data is not None else []):
            where = f"{place}[{i}]"
            if self.mapping(raw, where, CHECK_KEYS, {"left", "op", "message"}) is None:
                continue
            if "op" in raw and raw["op"] not in OPS:
                self.problem(f"{where}.op", f"unknown operator {raw['op']!r} (expected one of {' '.join(OPS)})")
            if ("right" in raw) == ("value" in raw):
                self.problem(where, "a check compares with either right (a question) or value")
            level = raw.get("level", "error")
            if level not in ("error", "warning"):
                self.problem(f"{where}.level", "must be error or warning")
            message = self.text(raw.get("message"), f"{where}.message") or Text("", "")
            for side in ("left", "right"):
                if side in raw:
                    self.pending.append((f"{where}.{side}", Condition("answered", str(raw[side]), (True,)), ""))
            if "left" in raw and "op" in raw:  # a missing one is already reported by mapping()
                self.checks.append(Check(str(raw["left"]), raw["op"], raw.get("right"), raw.get("value"),
                                         level, message, section))

    def _resolve(self) -> None:
        for place, condition, owner in self.pending:
            if condition.question not in self.questions:
                self.problem(place, f"names a question that does not exist: {condition.question!r}")
            elif condition.question == owner:
                self.problem(place, "a question cannot depend on itself")


def load_form(path: Path, reference: Reference) -> tuple[Form | None, list]:
    """Read one form file; return the form (None when it has problems) and the problems."""
    reader = FormReader(path, reference)
    form = reader.read()
    return form, reader.problems
