"""Benchmarks of the core: ``python benchmarks/run.py`` prints the figures for docs/performance.md.

Each figure is the median of several runs, measured with time.perf_counter on a fresh data folder.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from cami_desktop import __version__
from cami_desktop.core.forms import FormLibrary
from cami_desktop.core.reports import ReportSession, create_report
from cami_desktop.core.sample import sample_answers
from cami_desktop.core.store import Store
from cami_desktop.core.validation import review

POW = "cami-pow-2014-2020"


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> int:
    FormLibrary.load()  # warm the imports; the figure is the loading itself
    load = median_ms(timed(FormLibrary.load, 10))
    library = FormLibrary.load()
    form = library.get(POW)
    answers = sample_answers(form, seed=1)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder), app_version=__version__,
                                                              backups=False) as store:
        record = create_report(store, library, form_id=POW, country="KZ", period="2021-2024")
        session = ReportSession.open(store, library, record.id)
        start = time.perf_counter()
        per_answer = []
        for key, value in answers.items():
            t = time.perf_counter()
            session.set(key, value)
            per_answer.append(time.perf_counter() - t)
        fill_total = time.perf_counter() - start
        check = median_ms(timed(lambda: review(form, session.answers), 20))
        reopen = median_ms(timed(lambda: ReportSession.open(store, library, record.id), 10))
    rows = [
        ("Load all five forms and reference data", f"{load:.1f} ms", "< 200 ms"),
        (f"Store one answer (median of {len(per_answer)}, own transaction, WAL, synchronous=FULL)",
         f"{median_ms(per_answer):.2f} ms", "< 5 ms"),
        ("Store one answer (95th percentile)",
         f"{sorted(per_answer)[int(len(per_answer) * 0.95)] * 1000:.2f} ms", ""),
        (f"Fill every question of the Programme of Work report ({len(per_answer)} answers, one by one)",
         f"{fill_total * 1000:.0f} ms", ""),
        ("Validate and compute completeness of the full Programme of Work report", f"{check:.1f} ms", "< 50 ms"),
        ("Open the full Programme of Work report (store → session)", f"{reopen:.1f} ms", ""),
    ]
    print("| What | Median | Target |\n|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
