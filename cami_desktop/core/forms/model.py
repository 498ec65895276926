"""Plain typed objects for reporting formats, as the loader builds them from ``forms/``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .conditions import Condition

QUESTION_TYPES = (
    "text", "long_text", "integer", "decimal", "date", "date_range", "yes_no",
    "choice", "multi_choice", "pick", "scale", "table", "attachment", "link", "context",
)
COLUMN_TYPES = (
    "text", "long_text", "integer", "decimal", "date", "yes_no",
    "choice", "multi_choice", "pick", "scale", "link",
)
FREE_TEXT_TYPES = ("text", "long_text")
YES_NO_VALUES = ("yes", "no", "na")
OTHER = "other"


@dataclass(frozen=True)
class Text:
    """A text in English and Russian."""

    en: str
    ru: str

    def get(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en

    def as_dict(self) -> dict[str, str]:
        return {"en": self.en, "ru": self.ru}


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass
class Field:
    """What a question and a table column share: a typed value with its constraints."""

    key: str
    type: str
    label: Text
    required: bool = False
    help: Text | None = None
    options: tuple[Option, ...] = ()
    other: bool = False
    list: str | None = None
    multiple: bool = False
    only: tuple[str, ...] = ()
    scale: str | None = None
    min: Any = None
    max: Any = None
    unit: Text | None = None
    decimals: int | None = None
    max_length: int | None = None
    format: str | None = None
    not_applicable: bool = False

    def option_label(self, value: str, lang: str) -> str:
        for option in self.options:
            if option.value == value:
                return option.label.get(lang)
        return value


@dataclass
class Question(Field):
    """A question as asked in one place of a report. ``key`` is the answer key."""

    base_key: str = ""
    number: str = ""
    section: str = ""
    columns: tuple[Field, ...] = ()
    min_rows: int | None = None
    max_rows: int | None = None
    text: Text | None = None
    visible_if: Condition | None = None
    prefill: str | None = None
    item: "ListItem | None" = None
    other_of: str | None = None

    @property
    def answerable(self) -> bool:
        return self.type != "context"

    @property
    def free_text(self) -> bool:
        return self.type in FREE_TEXT_TYPES


@dataclass
class ListItem:
    key: str
    number: str
    title: Text
    sub_items: tuple[Text, ...] = ()
    context: dict[str, Text] = field(default_factory=dict)
    items: tuple["ListItem", ...] = ()


@dataclass
class Check:
    left: str
    op: str
    right: str | None
    value: Any
    level: str
    message: Text
    section: str = ""


@dataclass
class Section:
    key: str
    number: str
    title: Text
    intro: Text | None = None
    visible_if: Condition | None = None
    questions: list[Question] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)
    item: ListItem | None = None
    parent: str | None = None
    depth: int = 0

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.sections:
            yield from child.walk()

    def all_questions(self) -> Iterator[Question]:
        for section in self.walk():
            yield from section.questions


@dataclass
class RefItem:
    key: str
    label: Text
    number: str | None = None
    scientific: str | None = None
    cms_party: bool | None = None  # Range States: a Party to CMS (None: not stated)


@dataclass
class RefList:
    """A reference list; ``sets`` name subsets of its keys (e.g. the species of one programme)."""

    id: str
    title: Text
    items: tuple[RefItem, ...]
    sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Where a key is not in this list, its label is looked up here (Range States → all countries),
    # so a report of any country shows the country's name, and an organization its own name.
    fallback: "RefList | None" = None

    def get(self, key: str) -> RefItem | None:
        for item in self.items:
            if item.key == key:
                return item
        return self.fallback.get(key) if self.fallback else None

    def label(self, key: str, lang: str) -> str:
        item = self.get(key)
        return item.label.get(lang) if item else key


@dataclass
class Scale:
    id: str
    title: Text
    options: tuple[Option, ...]


@dataclass
class Reference:
    lists: dict[str, RefList] = field(default_factory=dict)
    scales: dict[str, Scale] = field(default_factory=dict)

    def choices(self, fld: Field) -> tuple[Option, ...]:
        """The options a choice, scale or pick field offers, in order."""
        if fld.type in ("choice", "multi_choice"):
            base = fld.options
            if fld.other:
                base = base + (Option(OTHER, OTHER_LABEL),)
            return base
        if fld.type == "scale" and fld.scale in self.scales:
            return self.scales[fld.scale].options
        if fld.type == "pick" and fld.list in self.lists:
            items = self.lists[fld.list].items
            if fld.only:
                items = tuple(i for i in items if i.key in fld.only)
            return tuple(Option(i.key, i.label) for i in items)
        if fld.type == "yes_no":
            return YES_NO_OPTIONS if fld.not_applicable else YES_NO_OPTIONS[:2]
        return ()


OTHER_LABEL = Text("Other, please specify", "Другое (просьба уточнить)")
YES_NO_OPTIONS = (
    Option("yes", Text("Yes", "Да")),
    Option("no", Text("No", "Нет")),
    Option("na", Text("Not applicable", "Не применимо")),
)


@dataclass
class Form:
    id: str
    version: str
    title: Text
    short_title: Text
    basis: Text
    sections: list[Section]
    checks: list[Check]
    reference: Reference
    path: Path | None = None
    questions: dict[str, Question] = field(default_factory=dict)
    section_index: dict[str, Section] = field(default_factory=dict)
    # The report may be filed by an organization (or a person) instead of a country.
    organization_reporter: bool = False

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def answerable(self) -> Iterator[Question]:
        return (q for q in self.questions.values() if q.answerable)

    def question(self, key: str) -> Question | None:
        return self.questions.get(key)

    def choice_label(self, fld: Field, value: str, lang: str) -> str:
        for option in self.reference.choices(fld):
            if option.value == value:
                return option.label.get(lang)
        return str(value)
