"""What every answer widget shares, and the registry that maps a question type to its widget.

A field widget shows one value of one question (or table column) and emits ``edited(value)``
with the new JSON value each time the person changes it. ``set_value`` never emits, so that
loading answers does not store them again.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QHBoxLayout, QVBoxLayout, QWidget

from ...core.errors import FormError
from ...core.forms.model import Field, Form, Option
from ...core.i18n import N_, current_language

_REGISTRY: dict[str, type["FieldWidget"]] = {}


@dataclass
class FieldEnv:
    """What a field may need beyond its definition: the form, and the report for attachments."""

    form: Form
    store: Any = None
    report_id: int | None = None
    max_attachment_bytes: int = 25 * 1024 * 1024


def register(*types: str) -> Callable[[type["FieldWidget"]], type["FieldWidget"]]:
    """Class decorator: the widget answers questions of ``types``."""
    def decorate(cls: type[FieldWidget]) -> type[FieldWidget]:
        for name in types:
            _REGISTRY[name] = cls
        return cls
    return decorate


def widget_class(fld: Field, where: str = "") -> type["FieldWidget"]:
    """The widget class for a field; an unknown type fails loudly, naming the question."""
    try:
        return _REGISTRY[fld.type]
    except KeyError:
        raise FormError(N_("No widget for question {key} of type {type} ({where})."),
                        key=fld.key, type=fld.type, where=where) from None


def create_field(fld: Field, env: FieldEnv, parent: QWidget | None = None) -> "FieldWidget":
    return widget_class(fld, env.form.id)(fld, env, parent)


def registered_types() -> set[str]:
    return set(_REGISTRY)


def show_locked(widget: QWidget, locked: bool) -> None:
    """Give a read-only editor the window's background, so that it no longer looks editable.

    ``setReadOnly`` alone changes nothing visible on a line, text or date editor.
    """
    # A spin box's (date editor's) own line edit keeps a palette of its own under the app's
    # style sheet: it must be locked too, or the date still shows on white.
    targets = [widget] + ([widget.lineEdit()] if isinstance(widget, QAbstractSpinBox) else [])
    for target in targets:
        if locked:
            palette = QPalette(target.palette())
            for group in (QPalette.Active, QPalette.Inactive):
                palette.setColor(group, QPalette.Base, palette.color(group, QPalette.Window))
            target.setPalette(palette)
        else:
            target.setPalette(QPalette())  # back to the inherited palette
    widget.setProperty("locked", locked)


class FieldWidget(QWidget):
    """Base of the answer widgets; subclasses build in ``build`` and fill ``_show``."""

    edited = Signal(object)

    def __init__(self, fld: Field, env: FieldEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = fld
        self.env = env
        self._value: Any = None
        self._loading = False
        self.read_only = False
        self.build()

    # -- to implement -------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        """Put ``value`` into the editors."""
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        """Relabel options and units in the interface language."""
        self._loading = True
        try:
            self._show(self._value)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        """Lock (or unlock) the answer: editors become read-only and look it, buttons go grey."""
        self.read_only = read_only
        for child in self.findChildren(QWidget, options=Qt.FindDirectChildrenOnly):
            if hasattr(child, "setReadOnly"):
                child.setReadOnly(read_only)
                show_locked(child, read_only)
            else:
                child.setEnabled(not read_only)

    # -- shared ---------------------------------------------------------------------------
    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False

    def emit_value(self, value: Any) -> None:
        """Called by subclasses when the person changed the value."""
        if self._loading or self.read_only:
            return
        self._value = value
        self.edited.emit(value)

    def set_accessible(self, name: str, description: str, number: str = "") -> None:
        """Name the controls for screen readers, each after what it does.

        The answer editors take the question's label (``name``); every other control (a Clear
        button, a table's Add row, an option) gets its own name from :meth:`name_controls`,
        which refers to the question by its ``number`` (``name`` when it has none).
        """
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        for editor in self.editors():
            editor.setAccessibleName(name)
            editor.setAccessibleDescription(description)
        self.name_controls(number or name, description)

    def editors(self) -> list[QWidget]:
        """The widgets that hold the answer itself (default: the focus proxy)."""
        proxy = self.focusProxy()
        return [proxy] if proxy is not None else []

    def name_controls(self, question: str, description: str) -> None:
        """Give the other controls their own accessible names (``question``: number or label)."""

    def focus_editor(self) -> None:
        """Put the keyboard focus on the first editor."""
        self.focusNextChild() if not self.hasFocus() else None
        for child in self.findChildren(QWidget):
            if child.isVisible() and child.isEnabled() and child.focusPolicy() != 0:
                child.setFocus()
                return
        self.setFocus()

    def options(self) -> tuple[Option, ...]:
        return self.env.form.reference.choices(self.field)

    @staticmethod
    def lang() -> str:
        return current_language()

    @staticmethod
    def row_layout(widget: QWidget) -> QHBoxLayout:
        layout = QHBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        return layout

    @staticmethod
    def column_layout(widget: QWidget) -> QVBoxLayout:
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        return layout
