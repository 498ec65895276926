"""Benchmarks of the reporting cycle: ``python benchmarks/cycle.py`` prints median times.

- starting the largest form (CAMI Programme of Work, 743 questions) from a filled final report;
- one saved answer (the store resets the carry-over flags on every change);
- undo and redo of one change, and the check that enables the menu items, on a report whose
  history holds 10,000 changes (years of editing);
- the changes since the submitted revision of the large report.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from cami_desktop import __version__
from cami_desktop.core import cycle
from cami_desktop.core.forms.library import FormLibrary
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.store import Store

POW = "cami-pow-2014-2020"
HISTORY = 10_000


def median_ms(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> int:
    library = FormLibrary.load()
    with tempfile.TemporaryDirectory() as folder, \
            Store.open(Path(folder), app_version=__version__, backups=False) as store:
        record = create_report(store, library, form_id=POW, country="KZ", period="2021-2024")
        session = ReportSession.open(store, library, record.id)
        session.fill(sample_answers(session.form, seed=1))
        session.finalize(name="Benchmark")
        periods = iter(range(2030, 2100))
        carry = median_ms(lambda: cycle.start_from(store, library, record.id,
                                                   period=str(next(periods))), 5)

        store.reopen_report(record.id)
        keys = sorted(store.answers(record.id))[:50]
        counter = iter(range(10**9))
        save = median_ms(lambda: store.set_answer(record.id, keys[0], f"text {next(counter)}"), 50)
        changes = median_ms(lambda: cycle.changes(store, record.id), 5)

        other = store.create_report(form_id="f", form_version="1", country="KZ", period="2025",
                                    language="en")
        store.set_answers(other.id, {f"k{i}": i for i in range(50)})
        for i in range(HISTORY):
            store.set_answer(other.id, f"k{i % 50}", f"v {i}")
        undo = median_ms(lambda: cycle.undo(store, other.id), 20)
        redo = median_ms(lambda: cycle.redo(store, other.id), 20)
        enable = median_ms(lambda: store.can_undo_redo(other.id), 20)

    print(f"start from a filled {POW} report: {carry:.0f} ms")
    print(f"save one answer: {save:.1f} ms")
    print(f"changes since the submitted revision ({POW}): {changes:.0f} ms")
    print(f"undo / redo with {HISTORY:,} changes in the history: {undo:.0f} / {redo:.0f} ms; "
          f"can_undo_redo {enable:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
