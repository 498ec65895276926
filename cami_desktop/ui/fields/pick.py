"""Species, Range State and priority-region pickers (``pick``), one or several."""
from __future__ import annotations

from typing import Any

from .base import register
from .choice import MultiChoiceField, SingleChoiceField


class _PickMixin:
    """Adds the scientific name of a species as a tooltip."""

    def _scientific(self) -> dict[str, str]:
        ref = self.env.form.reference.lists.get(self.field.list)
        return {i.key: i.scientific for i in ref.items if i.scientific} if ref else {}


class SinglePickField(_PickMixin, SingleChoiceField):
    def _show(self, value: Any) -> None:
        super()._show(value)
        names = self._scientific()
        if self.combo is not None:
            for index in range(1, self.combo.count()):
                self.combo.setItemData(index, names.get(self.combo.itemData(index), ""), 3)
        for radio, option in zip(self.radios, self.options()):
            radio.setToolTip(names.get(option.value, ""))


class MultiPickField(_PickMixin, MultiChoiceField):
    COLUMNS = 3

    def _show(self, value: Any) -> None:
        super()._show(value)
        names = self._scientific()
        for box, option in zip(self.boxes, self.options()):
            box.setToolTip(names.get(option.value, ""))


@register("pick")
def pick_field(fld, env, parent=None):
    """One item of a reference list, or several when the question allows it."""
    return (MultiPickField if fld.multiple else SinglePickField)(fld, env, parent)
