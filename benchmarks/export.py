"""The signed package of the fully answered Programme of Work report against plain libraries.

``python benchmarks/export.py [--runs 5] [--language en ru]`` prints the median time of
``export_package`` (workbook, PDF with contents and chart, PAdES signature, JSON, manifest
signature, ZIP) and of the floor: plain openpyxl writing the same cells and plain reportlab
(``SimpleDocTemplate``, the same bundled font) writing the same text, with the ratio of the
two. Runs alternate between the two, in one process, after one warm-up of each (imports and
font registration happen once per process in both).

Both wall-clock and CPU time (``time.process_time``) are given: on a machine shared with other
work the wall-clock ratio swings from run to run, while the CPU time each side needs does not.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

POW = "cami-pow-2014-2020"
PASSPHRASE = "benchmark passphrase 42"


def prepare(folder: Path, lang: str):
    """A store with an identity and the fully answered, final Programme of Work report."""
    from cami_desktop import __version__
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.reports.session import ReportSession, create_report
    from cami_desktop.core.reports.sample import sample_answers
    from cami_desktop.core.signing import create_identity, unlock
    from cami_desktop.core.store import Store

    library = default_library()
    store = Store.open(folder, app_version=__version__, backups=False)
    create_identity(folder, name="Aigul Nurlanova", position="Focal point", institution="Ministry",
                    country="KZ", email="fp@example.org", passphrase=PASSPHRASE)
    record = create_report(store, library, form_id=POW, country="KZ", period="2021-2024", language=lang)
    session = ReportSession.open(store, library, record.id)
    form = session.form
    answers = sample_answers(form, seed=11, lang=lang)
    session.fill({k: v for k, v in answers.items() if form.question(k).type != "attachment"})
    session.finalize(name="Aigul Nurlanova", position="Focal point", institution="Ministry")
    return store, library, record.id, unlock(folder, PASSPHRASE)


def floor(store, library, report_id: int) -> int:
    """Plain openpyxl and reportlab writing the cells and text of the export; bytes written."""
    from openpyxl import Workbook
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
    from xml.sax.saxutils import escape

    from cami_desktop.core.export.content import build_content
    from cami_desktop.core.export.pdf_style import FONT, register_fonts
    from cami_desktop.core.reports.session import ReportSession

    content = build_content(ReportSession.open(store, library, report_id))
    book = Workbook()
    register_fonts()
    style = ParagraphStyle("plain", fontName=FONT, fontSize=9.5, leading=12.5)
    story = []
    for top in content.sections:
        sheet = book.create_sheet(top.title[:25] + str(len(book.worksheets)))
        for block in top.blocks:
            sheet.append([block.section.number, block.title])
            story.append(Paragraph(escape(block.title), style))
            for entry in block.entries:
                sheet.append([entry.question.number, entry.label, entry.text])
                story.append(Paragraph(escape(entry.label), style))
                story.append(Paragraph(escape(entry.text).replace("\n", "<br/>"), style))
                if entry.rows:
                    for row in entry.rows:
                        sheet.append([None, *row])
                    story.append(Table([[Paragraph(escape(text), style) for text in row]
                                        for row in [entry.columns, *entry.row_texts]]))
    xlsx, pdf = io.BytesIO(), io.BytesIO()
    book.save(xlsx)
    SimpleDocTemplate(pdf, pagesize=A4).build(story)
    return len(xlsx.getvalue()) + len(pdf.getvalue())


def measure(lang: str, runs: int) -> dict:
    from cami_desktop.core.export.package import export_package

    with tempfile.TemporaryDirectory() as root:
        store, library, report_id, signer = prepare(Path(root) / "data", lang)
        out = Path(root) / "out"
        out.mkdir()
        try:
            export_package(store, library, report_id, out, signer)  # warm-up: imports, fonts
            floor(store, library, report_id)
            ours, plain = [], []
            for _ in range(runs):
                ours.append(_timed(lambda: export_package(store, library, report_id, out, signer)))
                plain.append(_timed(lambda: floor(store, library, report_id)))
                ours[-1][2].path.unlink()
        finally:
            store.close()
    row = {"lang": lang, "size_kb": ours[-1][2].size / 1024}
    for index, kind in enumerate(("wall", "cpu")):
        row[f"{kind}_export"] = statistics.median(run[index] for run in ours)
        row[f"{kind}_floor"] = statistics.median(run[index] for run in plain)
        row[f"{kind}_ratio"] = row[f"{kind}_export"] / row[f"{kind}_floor"]
    return row


def _timed(action) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", nargs="+", default=["en", "ru"])
    args = parser.parse_args(argv)
    print_table([measure(lang, args.runs) for lang in args.language])
    return 0


def print_table(rows: list[dict]) -> None:
    print("| Language | Signed package: wall / CPU | Plain openpyxl + reportlab: wall / CPU "
          "| Ratio, wall / CPU (target ≤ 1.5) | Package size |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['lang']} | {row['wall_export']:.2f} s / {row['cpu_export']:.2f} s "
              f"| {row['wall_floor']:.2f} s / {row['cpu_floor']:.2f} s "
              f"| {row['wall_ratio']:.2f} / {row['cpu_ratio']:.2f} | {row['size_kb']:.0f} KB |")


if __name__ == "__main__":
    sys.exit(main())
