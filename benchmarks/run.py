"""The benchmark suite: ``python benchmarks/run.py [--quick]`` prints the figures of docs/performance.md.

Each figure that has a floor is given as a ratio to it, measured in the same run with the runs
alternating: the window's start against a bare PySide6 main window (fresh processes), the
signed export against plain openpyxl + reportlab writing the same cells and text, the commands
against a bare Python start. Wall-clock and CPU time are both given: on a machine shared with
other work the wall-clock ratios swing from run to run, the CPU time each side needs much less.
Then the peak memory of the window with the longest report open, and the core's own figures.
``--quick`` makes fewer runs (for a first look, not for the record).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cli as cli_bench  # noqa: E402 - the benchmarks' own folder
import export as export_bench  # noqa: E402
import hostile_package as hostile_bench  # noqa: E402
import memory as memory_bench  # noqa: E402
import startup as startup_bench  # noqa: E402

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


def core() -> None:
    """Forms, answers, review and sessions, in this process."""
    from cami_desktop import __version__
    from cami_desktop.core.forms.cache import cached_library
    from cami_desktop.core.forms.library import FormLibrary
    from cami_desktop.core.reports.listing import report_summaries
    from cami_desktop.core.reports.review import review
    from cami_desktop.core.reports.sample import sample_answers
    from cami_desktop.core.reports.session import ReportSession, create_report
    from cami_desktop.core.store import Store

    FormLibrary.load()  # warm the imports; the figure is the loading itself
    load = median_ms(timed(FormLibrary.load, 5))
    with tempfile.TemporaryDirectory() as cache:
        cached_library(cache=Path(cache))
        load_cached = median_ms(timed(lambda: cached_library(cache=Path(cache)), 5))
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
        session.review()
        check = median_ms(timed(lambda: review(form, session.answers), 20))
        reopen = median_ms(timed(lambda: ReportSession.open(store, library, record.id), 10))
        records = store.list_reports()
        listing = median_ms(timed(lambda: report_summaries(store, library, records), 20))
    rows = [
        ("Parse all forms, archived versions and reference data", f"{load:.0f} ms", ""),
        ("The same, read from the forms cache", f"{load_cached:.0f} ms", ""),
        (f"Store one answer (median of {len(per_answer)}, own transaction, WAL, synchronous=FULL)",
         f"{median_ms(per_answer):.2f} ms", "< 5 ms"),
        ("Store one answer (95th percentile)",
         f"{sorted(per_answer)[int(len(per_answer) * 0.95)] * 1000:.2f} ms", ""),
        (f"Fill every question of the Programme of Work report ({len(per_answer)} answers, one by one)",
         f"{fill_total * 1000:.0f} ms", ""),
        ("Validate and compute completeness of the full Programme of Work report", f"{check:.1f} ms", "< 50 ms"),
        ("Open the full Programme of Work report (store → session)", f"{reopen:.1f} ms", ""),
        ("Completeness for the report list (stored summaries, one query)", f"{listing:.2f} ms", ""),
    ]
    print("| What | Median | Target |\n|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 7
    print("## Start-up to a usable main window (fresh processes, alternating with a bare window)\n")
    startup_bench.print_table(startup_bench.measure([100, 1000], runs))
    print("\n## Commands (fresh processes, alternating with a bare Python)\n")
    cli_bench.print_table(cli_bench.measure(runs))
    print("\n## Signed package of the fully answered Programme of Work report\n")
    export_bench.print_table([export_bench.measure(lang, runs) for lang in ("en", "ru")])
    print("\n## Peak memory, Programme of Work report open, every section visited\n")
    memory_bench.print_table([memory_bench.measure(lang) for lang in ("en", "ru")])
    print("\n## Core\n")
    core()
    print("\n## The largest and most awkward packages the inbox's limits allow (fresh processes)\n")
    hostile_bench.print_table(hostile_bench.measure())
    return 0


if __name__ == "__main__":
    sys.exit(main())
