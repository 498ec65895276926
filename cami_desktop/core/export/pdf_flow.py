"""A question of the PDF as one flowable: its label kept with (the start of) its answer.

reportlab keeps flowables together (``keepWithNext``, ``KeepTogether``) by laying the group out
once to measure it and once more to place it; over the hundreds of questions of a report that
second layout was a large part of the export's time (issue 10). :class:`QuestionFlowable` lays
out its label and answer once each, and when the page is full splits only the answer, never
between the label and the first lines of its answer. Headings still keep with what follows them
(``keepWithNext``); :class:`OnceParagraph` and :class:`QuestionFlowable` remember their layout
for a width, so that the group's second layout costs nothing.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

#: Lines of an answer that must stand under its label on the same page.
MIN_ANSWER_LINES = 2


class OnceParagraph(Paragraph):
    """A paragraph laid out once per available width (its height does not depend on the rest)."""

    _laid_out: tuple | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # split() drops blPara when the paragraph moves on whole: then it is laid out anew.
        if self._laid_out is not None and self._laid_out[0] == available_width and hasattr(self, "blPara"):
            return self._laid_out[1]
        size = super().wrap(available_width, available_height)
        self._laid_out = (available_width, size)
        return size


class QuestionFlowable(Flowable):
    """A question's label (a paragraph) above its answer (a paragraph or a table)."""

    def __init__(self, label: Flowable, answer: Flowable, gap: float = 1.0) -> None:
        super().__init__()
        self.label = label
        self.answer = answer
        self.gap = gap
        self._label_height = self._answer_height = 0.0

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.label.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.answer.getSpaceAfter()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if getattr(self, "width", None) == available_width and self.height:
            return self.width, self.height
        _, self._label_height = self.label.wrap(available_width, available_height)
        _, self._answer_height = self.answer.wrap(available_width, available_height)
        self.width = available_width
        self.height = self._label_height + self.gap + self._answer_height
        return self.width, self.height

    def draw(self) -> None:
        self.answer.drawOn(self.canv, 0, 0)
        self.label.drawOn(self.canv, 0, self._answer_height + self.gap)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The label with as much of the answer as fits, then the rest; nothing if too little fits."""
        _, label_height = self.label.wrap(available_width, available_height)
        room = available_height - label_height - self.gap
        leading = getattr(getattr(self.answer, "style", None), "leading", 12)
        if room < MIN_ANSWER_LINES * leading:
            return []
        parts = self.answer.split(available_width, room)
        if len(parts) < 2:
            return []
        return [QuestionFlowable(self.label, parts[0], self.gap), *parts[1:]]
