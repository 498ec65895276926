"""Answer widgets, one module per question type, each registering its type keys."""
from __future__ import annotations

from . import attachment, choice, context, date, link, number, pick, table, text  # noqa: F401 - register
from .base import FieldEnv, FieldWidget, create_field, registered_types, widget_class

__all__ = ["FieldEnv", "FieldWidget", "create_field", "registered_types", "widget_class"]
