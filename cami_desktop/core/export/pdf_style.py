"""Fonts and paragraph styles of the PDF report.

The DejaVu fonts are bundled in ``resources/fonts/`` so that Russian text renders the same on
every machine, whatever fonts the system has.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
ACCENT = colors.HexColor("#1F4E79")
LIGHT = colors.HexColor("#DCE6F1")
GREY = colors.HexColor("#666666")
NUMBER_INDENT = 45.35  # 1.6 cm: the margin where a question's number stands
STATE_COLOURS = {
    "complete": colors.HexColor("#2E7D32"),
    "partial": colors.HexColor("#F9A825"),
    "required_missing": colors.HexColor("#C62828"),
    "not_started": colors.HexColor("#9E9E9E"),
}


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the bundled fonts once per process."""
    for name in (FONT, FONT_BOLD, FONT_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD)


@lru_cache(maxsize=64)
def run_in_style(label: str) -> ParagraphStyle:
    """The "intro" style with ``label`` run in, in bold, before the first line (as its bullet).

    A paragraph of one font lays out several times faster than one mixing fonts
    (``<b>label:</b> text``), and reports have hundreds of these lines (issue 10).
    """
    base = styles()["intro"]
    width = pdfmetrics.stringWidth(label + " ", FONT_BOLD, base.fontSize)
    return ParagraphStyle(f"intro-{label}", base, firstLineIndent=width, bulletIndent=base.leftIndent,
                          bulletFontName=FONT_BOLD, bulletFontSize=base.fontSize,
                          bulletColor=base.textColor)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """The named paragraph styles."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    result = {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=10, textColor=GREY),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "cell_head": ParagraphStyle("cell_head", base, fontName=FONT_BOLD, fontSize=8, leading=10),
        "label": ParagraphStyle("label", base, fontName=FONT_BOLD),
        # A question (pdf_flow.QuestionFlowable): its number in the margin of NUMBER_INDENT
        # beside its label in bold, and its answer (or "Not answered") below, indented alike.
        "question": ParagraphStyle("question", base, fontName=FONT_BOLD, leftIndent=NUMBER_INDENT,
                                   bulletIndent=0, bulletFontName=FONT_BOLD, bulletFontSize=9.5,
                                   spaceBefore=1),
        "answer": ParagraphStyle("answer", base, leftIndent=NUMBER_INDENT, spaceAfter=8),
        "empty": ParagraphStyle("empty", base, textColor=GREY, fontName=FONT_ITALIC,
                                leftIndent=NUMBER_INDENT, spaceAfter=8),
        "intro": ParagraphStyle("intro", base, fontName=FONT_ITALIC, textColor=GREY, spaceAfter=4),
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=22, leading=28,
                                textColor=ACCENT, spaceAfter=10),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=13, leading=17, spaceAfter=16),
        "draft": ParagraphStyle("draft", base, fontName=FONT_BOLD, fontSize=28, leading=34,
                                textColor=colors.HexColor("#C00000"), alignment=TA_CENTER,
                                spaceBefore=6, spaceAfter=12),
        "toc_title": ParagraphStyle("toc_title", base, fontName=FONT_BOLD, fontSize=16, leading=20,
                                    textColor=ACCENT, spaceAfter=12),
        "h1": ParagraphStyle("h1", base, keepWithNext=1, fontName=FONT_BOLD, fontSize=15, leading=19, textColor=ACCENT,
                             spaceBefore=6, spaceAfter=8),
        "h2": ParagraphStyle("h2", base, keepWithNext=1, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=10,
                             spaceAfter=4, textColor=ACCENT),
        "h3": ParagraphStyle("h3", base, keepWithNext=1, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=8,
                             spaceAfter=3),
        # rightIndent: room for the page number, drawn when the pages are written (pdf.py)
        "toc1": ParagraphStyle("toc1", base, fontName=FONT_BOLD, fontSize=10, leading=14, leftIndent=0, spaceBefore=3,
                               rightIndent=34),
        "toc2": ParagraphStyle("toc2", base, fontSize=9, leading=12, leftIndent=14, spaceBefore=2, rightIndent=34),
    }
    return result
