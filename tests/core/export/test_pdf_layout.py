"""The PDF is laid out in one pass, each paragraph about once, with a correct contents (issue 10).

No timing here (benchmarks/export.py measures speed): these count the layout work, which
grew with reportlab's second pass for the contents and with every question's table.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from cami_desktop.core.export import pdf as pdf_module
from cami_desktop.core.export.content import build_content
from cami_desktop.core.export.pdf import render_pdf
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.store import Store

POW = "cami-pow-2014-2020"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    library = default_library()
    with Store.open(tmp_path_factory.mktemp("data"), app_version="test", backups=False) as store:
        record = create_report(store, library, form_id=POW, country="KZ", period="2021-2024")
        session = ReportSession.open(store, library, record.id)
        answers = sample_answers(session.form, seed=2)
        session.fill({k: v for k, v in answers.items() if session.form.question(k).type != "attachment"})
        yield build_content(ReportSession.open(store, library, record.id),
                            signer={"name": "Aigul Nurlanova", "fingerprint": "ab" * 32})


def test_each_paragraph_is_laid_out_about_once(content, monkeypatch):
    made, broken = [], []
    original_init, original_break = Paragraph.__init__, Paragraph.breakLines

    def counting_init(self, *args, **kwargs):
        made.append(1)
        original_init(self, *args, **kwargs)

    def counting_break(self, *args, **kwargs):
        broken.append(1)
        return original_break(self, *args, **kwargs)

    monkeypatch.setattr(Paragraph, "__init__", counting_init)
    monkeypatch.setattr(Paragraph, "breakLines", counting_break)
    builds = []
    original_build = pdf_module._ReportDoc.build
    monkeypatch.setattr(pdf_module._ReportDoc, "build",
                        lambda self, *a, **k: builds.append(1) or original_build(self, *a, **k))
    render_pdf(content)
    assert len(builds) == 1  # one layout pass, no multiBuild
    # Splitting at page ends makes new paragraphs and lays out a few twice; never every one.
    assert len(broken) < 1.3 * len(made)


def test_fonts_are_registered_once_per_process(content, monkeypatch):
    render_pdf(content)
    registered = []
    monkeypatch.setattr(pdfmetrics, "registerFont", lambda font: registered.append(font))
    render_pdf(content)
    assert registered == []


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_the_contents_gives_the_page_of_every_heading(content):
    data = render_pdf(content)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")
    pages = text.split("\f")
    contents = pages[1]
    assert "Contents" in contents
    titles = [top.title for top in content.sections] + ["Declaration and signature"]
    for title in titles:
        start = contents.find(title[:30])
        assert start >= 0, title
        # the first line ending in leader dots and a number, at or after the title's first line
        match = re.compile(r"\.\s*(\d+)\s*$", re.M).search(contents, start)
        assert match, title
        page = int(match.group(1))
        assert title[:30] in pages[page - 1].replace("\n", " "), (title, page)
