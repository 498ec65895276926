"""Reporting formats as data: the model, the loader and the library of shipped forms."""
from .conditions import Condition, is_answered
from .library import FormLibrary, default_library
from .model import Field, Form, ListItem, Option, Question, Reference, Section, Text
from .reading import Problem

__all__ = [
    "Condition", "Field", "Form", "FormLibrary", "ListItem", "Option", "Problem", "Question",
    "Reference", "Section", "Text", "default_library", "is_answered",
]
