"""Conditions that show a question or section only when another answer has a given value."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class Condition:
    """One node of a condition tree. ``op`` is equals, in, answered, all, any or not."""

    op: str
    question: str | None = None
    values: tuple[Any, ...] = ()
    children: tuple["Condition", ...] = ()

    def evaluate(self, answers: Mapping[str, Any]) -> bool:
        if self.op == "all":
            return all(c.evaluate(answers) for c in self.children)
        if self.op == "any":
            return any(c.evaluate(answers) for c in self.children)
        if self.op == "not":
            return not self.children[0].evaluate(answers)
        value = answers.get(self.question) if self.question else None
        if self.op == "answered":
            return is_answered(value) == bool(self.values[0])
        chosen = value if isinstance(value, list) else [value]
        return any(v in chosen for v in self.values)

    def questions(self) -> set[str]:
        """Every question key the condition reads."""
        keys = {self.question} if self.question else set()
        for child in self.children:
            keys |= child.questions()
        return keys

    def rekeyed(self, mapping: Mapping[str, str]) -> "Condition":
        """The same condition reading other answer keys (used to place a repeat's conditions)."""
        return Condition(
            self.op,
            mapping.get(self.question, self.question) if self.question else None,
            self.values,
            tuple(c.rekeyed(mapping) for c in self.children),
        )


def is_answered(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, (list, tuple)):
        return len(value) > 0
    if isinstance(value, dict):
        return any(is_answered(v) for v in value.values())
    return True
