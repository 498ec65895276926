"""The report as a PDF (reportlab): cover, contents, completeness chart, sections, signature block.

A4 pages carry a header with the country and the form and a footer "page X of Y"; everything is
in the report's language. The full variant shows every visible question, the short variant the
answered ones only. :mod:`.pades` then signs the result.

The document is laid out once (issue 10). reportlab's own table of contents needs a second full
layout to learn the page numbers; here the contents lines are laid out with their titles only,
and their page numbers, like "page X of Y", are drawn when the pages are written out, by which
time every heading's page is known. A question is two paragraphs (the number as the label's
bullet), not a table of paragraphs, which costs a table's layout for each of hundreds of questions.
"""
from __future__ import annotations

import io
from typing import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

from ..i18n import N_
from .content import Block, Entry, ReportContent
from .pdf_chart import completeness_chart
from .pdf_flow import OnceParagraph, QuestionFlowable
from .pdf_style import ACCENT, FONT, FONT_ITALIC, GREY, LIGHT, NUMBER_INDENT, run_in_style, styles

MARGIN = 2 * cm
WIDTH = A4[0] - 2 * MARGIN
NUMBER_WIDTH = NUMBER_INDENT
_CONTENTS_END = "cami_contents_end"  # the onDraw callback at the end of each contents line


def para(text: str, style: str = "body") -> Paragraph:
    return OnceParagraph(escape(text or "").replace("\n", "<br/>"), styles()[style])


class _Heading(OnceParagraph):
    """A heading that becomes a contents entry and a PDF bookmark."""

    def __init__(self, text: str, style: str, level: int, key: str) -> None:
        super().__init__(escape(text), styles()[style])
        self.toc_level, self.toc_text, self.toc_key = level, text, key


class _ReportDoc(BaseDocTemplate):
    def __init__(self, buffer, content: ReportContent) -> None:
        super().__init__(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, title=content.form.title.get(content.lang),
                         author=content.signer.get("name", ""), subject=_header_text(content),
                         creator="CAMI Reporter", lang=content.lang)
        frame = Frame(MARGIN, MARGIN, WIDTH, A4[1] - 2 * MARGIN, id="main")
        self.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])

    def afterFlowable(self, flowable) -> None:
        level = getattr(flowable, "toc_level", None)
        if level is None:
            return
        key = flowable.toc_key
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.toc_text, key, level=level, closed=level > 0)
        self.canv.heading_pages[key] = self.page


def _header_text(c: ReportContent) -> str:
    return f"{c.country_name()} · {c.form.short_title.get(c.lang)} · {c.record.period}"


def _canvas_maker(content: ReportContent):
    """A canvas that writes the header and "page X of Y" once the page count is known."""
    header = _header_text(content)
    if content.draft:
        header = content.t(N_("DRAFT")) + " · " + header  # msgid outside an f-string: extracted

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.heading_pages: dict[str, int] = {}
            # (page, x, y, key, style) where a contents line's text ends, in page coordinates
            self.contents_ends: list[tuple] = []
            self.setNamedCB(_CONTENTS_END, self._contents_end)

        def _contents_end(self, canvas, kind, label) -> None:
            info = self._curr_tx_info
            x, y = self.absolutePosition(info["cur_x"], info["cur_y"])
            level, key = label.split(":", 1)
            self.contents_ends.append((self._pageNumber, x, y, key, styles()[f"toc{int(level) + 1}"]))

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self._pageNumber > 1:
                    self._decorate(total)
                self._contents_numbers()
                super().showPage()
            super().save()

        def _contents_numbers(self) -> None:
            """Dots and the page number after each contents line of this page, linked to its heading."""
            right = MARGIN + WIDTH
            for page, x, y, key, style in self.contents_ends:
                if page != self._pageNumber or key not in self.heading_pages:
                    continue
                number = str(self.heading_pages[key])
                width = stringWidth(number, style.fontName, style.fontSize)
                dot = stringWidth(" . ", style.fontName, style.fontSize)
                dots = max(0, int((right - x - width) / dot))
                self.setFont(style.fontName, style.fontSize)
                self.setFillColor(style.textColor)
                self.drawRightString(right, y, " . " * dots + number)
                self.linkRect("", key, (right - width, y, right, y + style.leading), relative=0)

        def _decorate(self, total: int) -> None:
            self.saveState()
            self.setFont(FONT, 8)
            self.setFillColor(GREY)
            self.drawString(MARGIN, A4[1] - MARGIN + 14, header)
            self.drawRightString(A4[0] - MARGIN, MARGIN - 20,
                                 content.t(N_("Page {page} of {total}"), page=self._pageNumber, total=total))
            self.setStrokeColor(LIGHT)
            self.line(MARGIN, A4[1] - MARGIN + 10, A4[0] - MARGIN, A4[1] - MARGIN + 10)
            self.restoreState()

    return NumberedCanvas


def _cover(c: ReportContent) -> list:
    record, decl = c.record, c.record.declaration or {}
    story: list = [Spacer(1, 2.5 * cm), para(c.form.title.get(c.lang), "title"),
                   para(c.form.short_title.get(c.lang), "subtitle")]
    if c.draft:
        story.append(para(c.t(N_("DRAFT — not a final report")), "draft"))
    rows = [
        c.reporter_row(),  # "Country: Kazakhstan (KZ)", or "Reporter: <organization>"
        (N_("Reporting period"), record.period),
        (N_("Form"), c.form.id + ", " + c.t(N_("version {version}"), version=c.form.version)),
        (N_("Revision"), str(record.revision)),
        (N_("Status"), c.status_text()),
        (c.person_label(), decl.get("name") or c.signer.get("name", "")),
        (N_("Institution"), decl.get("institution") or c.signer.get("institution", "")),
        (N_("Finalized"), c.moment(record.finalized_at) if record.finalized_at else "—"),
        (N_("Exported"), c.moment(c.created)),
        (N_("Completeness"), f"{c.review.overall.percent} %"),
        (N_("Signer's certificate fingerprint (SHA-256)"), c.signer.get("fingerprint", "")),
    ]
    data = [[para(c.t(label), "label"), para(value, "body" if len(value) < 60 else "small")] for label, value in rows]
    table = Table(data, colWidths=[5.5 * cm, WIDTH - 5.5 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    story += [Spacer(1, 0.8 * cm), table, Spacer(1, 1.2 * cm), para(c.form.basis.get(c.lang), "small")]
    return story + [NextPageTemplate("body"), PageBreak()]


def _contents(c: ReportContent, headings: list[_Heading]) -> list:
    """The contents (headings of levels 0 and 1; page numbers come at writing), then the chart."""
    lines = []
    for heading in headings:
        if heading.toc_level > 1:
            continue
        style = styles()["toc1" if heading.toc_level == 0 else "toc2"]
        text = (f'<a href="#{heading.toc_key}">{escape(heading.toc_text)}</a>'
                f'<onDraw name="{_CONTENTS_END}" label="{heading.toc_level}:{heading.toc_key}"/>')
        lines.append(Paragraph(text, style))
    return [para(c.t(N_("Contents")), "toc_title"), *lines, PageBreak()]


def _chart(c: ReportContent) -> list:
    return [_Heading(c.t(N_("Completeness by section")), "h1", 0, "chart"),
            para(c.t(N_("Share of the visible questions that are answered, by section.")), "small"),
            Spacer(1, 0.4 * cm), completeness_chart(c, WIDTH), PageBreak()]


def _markup(text: str) -> str:
    return escape(text or "").replace("\n", "<br/>")


def _comment_markup(c: ReportContent, comment: str) -> str:
    # A note is the focal point's, not the answer: oblique and grey, so the two are not confused.
    note = escape(c.t(N_("Comment: {text}"), text=comment)).replace("\n", "<br/>")
    return f'<font name="{FONT_ITALIC}" color="{GREY.hexval().replace("0x", "#")}">{note}</font>'


def _answer_markup(c: ReportContent, entry: Entry) -> str:
    """The answer's text, and its note (which the content appended to it) set apart."""
    note = c.t(N_("Comment: {text}"), text=entry.comment) if entry.comment else ""
    if note and entry.text.endswith("\n" + note):
        return _markup(entry.text[:-len(note) - 1]) + "<br/>" + _comment_markup(c, entry.comment)
    return _markup(entry.text)


def _question(c: ReportContent, entry: Entry) -> QuestionFlowable:
    """The question: its number hanging in the margin, the label in bold, the answer below."""
    label = Paragraph(_markup(entry.label), styles()["question"], bulletText=entry.question.number)
    if entry.is_table and entry.rows:
        return QuestionFlowable(label, _table(entry), gap=4)
    if entry.answered:
        answer = Paragraph(_answer_markup(c, entry), styles()["answer"])
    else:
        answer = Paragraph(_markup(c.t(N_("Not answered"))), styles()["empty"])
    return QuestionFlowable(label, answer)


def _table(entry: Entry) -> Table:
    head = [para(label, "cell_head") for label in entry.columns]
    body = [[para(text, "cell") for text in row] for row in entry.row_texts]
    width = (WIDTH - NUMBER_WIDTH) / max(1, len(head))
    table = Table([head] + body, colWidths=[width] * len(head), repeatRows=1, hAlign="RIGHT",
                  spaceAfter=8)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#B0B0B0")),
                               ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _context(entry: Entry) -> Paragraph:
    """Read-only facts of an item (responsible, priority…): one compact line, no number."""
    label = f"{entry.label}:"
    return OnceParagraph(_markup(entry.text), run_in_style(label), bulletText=label)


def _entry(c: ReportContent, entry: Entry) -> list:
    if entry.question.type == "context":
        return [_context(entry)]
    story: list = [_question(c, entry)]
    if entry.comment and (entry.is_table and entry.rows or not entry.answered):
        # A table or "Not answered" shows no answer text to carry the note: it gets a line of its own.
        story.append(Paragraph(_comment_markup(c, entry.comment), styles()["answer"]))
    return story


def _block(c: ReportContent, block: Block, index: int) -> list:
    level = min(block.depth, 2)
    # Headings and question labels are kept with what follows them (their styles' keepWithNext).
    story: list = [_Heading(block.title, ("h1", "h2", "h3")[level], level, f"s{index}")]
    if block.intro:
        story.append(para(block.intro, "intro"))
    for e in block.entries:
        if e.question.type != "context" or e.text.strip():
            story += _entry(c, e)
    return story


def _signature(c: ReportContent) -> list:
    decl = c.record.declaration or {}
    story = [PageBreak(), _Heading(c.t(N_("Declaration and signature")), "h1", 0, "signature")]
    story.append(para(c.declaration_text(), "body"))
    rows = [(N_("Name"), decl.get("name") or c.signer.get("name", "")),
            (N_("Position"), decl.get("position") or c.signer.get("position", "")),
            (N_("Institution"), decl.get("institution") or c.signer.get("institution", "")),
            (N_("Date"), c.moment(c.record.finalized_at) if c.record.finalized_at else "—"),
            (N_("Signed by"), c.signer.get("name", "")),
            (N_("Certificate fingerprint (SHA-256)"), c.signer.get("fingerprint", ""))]
    data = [[para(c.t(label), "label"), para(value, "small" if len(value) > 60 else "body")] for label, value in rows]
    table = Table(data, colWidths=[5.5 * cm, WIDTH - 5.5 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                               ("LINEBELOW", (0, 0), (-1, -2), 0.25, LIGHT), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                               ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    note = N_("This document carries the signer's digital signature. A PDF reader shows it in its "
              "signature panel; any change made after signing invalidates it.")
    return story + [Spacer(1, 0.5 * cm), table, Spacer(1, 0.4 * cm), para(c.t(note), "small")]


def render_pdf(content: ReportContent, progress: Callable[[float, str], None] | None = None) -> bytes:
    """Build the (unsigned) PDF and return its bytes."""
    story: list = []
    index = 0
    total = max(1, len(content.sections))
    for number, top in enumerate(content.sections):
        if progress:
            progress(number / total * 0.5, top.title)
        if number:
            story.append(PageBreak())
        for block in top.blocks:
            story += _block(content, block, index)
            index += 1
    story += _signature(content)
    story = _chart(content) + story
    headings = [flowable for flowable in story if isinstance(flowable, _Heading)]
    story = _cover(content) + _contents(content, headings) + story
    if progress:
        progress(0.6, content.t(N_("Laying out pages…")))
    buffer = io.BytesIO()
    _ReportDoc(buffer, content).build(story, canvasmaker=_canvas_maker(content))
    return buffer.getvalue()
