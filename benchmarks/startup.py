"""Start-up of the window against a bare PySide6 main window, each in a fresh process.

``python benchmarks/startup.py [--reports 100 1000] [--runs 5]`` prints, for each number of
stored reports, the median time from starting the process to a shown, usable main window (the
report list filled), the median peak memory, and both as ratios to a bare ``QMainWindow``
started the same way. The two kinds of process alternate, so that other work on the machine
weighs on both alike; the CPU time each process used until then is given too, as it hardly
depends on that other work.

For reference it also starts a window of the app's size that shows as many rows of plain texts
in a table (``--child table N``): what listing anything costs beyond a bare window.

A child process is this file run with ``--child bare`` or ``--child app DIR``: it patches
``QApplication.exec`` to process the pending events once, print the figures and return, so the
app's own entry point (``cami_desktop.cli.main``) runs unchanged.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMS = ("cami-pow-2014-2020", "saiga-mou", "bukhara-deer-mou", "concerted-action", "cami-wp-2026-2032")
COUNTRIES = ("KZ", "TJ", "UZ")  # Range States that every format accepts


def make_data(folder: Path, count: int) -> None:
    """A data folder with ``count`` reports, each with sample answers (the list shows their completeness)."""
    from cami_desktop import __version__
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.reports.sample import sample_answers
    from cami_desktop.core.reports.session import ReportSession, create_report
    from cami_desktop.core.store import Store

    library = default_library()
    samples = {form_id: sample_answers(library.get(form_id), seed=1) for form_id in FORMS}
    with Store.open(folder, app_version=__version__, backups=False) as store:
        store.set_setting("language", "en")
        for n in range(count):
            form_id = FORMS[n % len(FORMS)]
            record = create_report(store, library, form_id=form_id, country=COUNTRIES[n % len(COUNTRIES)],
                                   period=str(1990 + n % 100))
            answers = samples[form_id]
            # Half of the reports fully answered, the rest a quarter: completeness differs.
            keep = answers if n % 2 else dict(list(answers.items())[: len(answers) // 4])
            ReportSession.open(store, library, record.id).fill(keep)


def child(kind: str, data_dir: str | None) -> int:
    """Show a main window, then print {"ready": seconds since the process started, "rss_mb": peak}."""
    if kind == "app":
        # As the installed `cami-desktop` does: the command line and the window's entry point are
        # imported before PySide6 (this file must import PySide6 before the app's window does,
        # to stop its event loop; modules imported after PySide6 cost it more, see app.py).
        import importlib
        for name in ("cami_desktop.cli", "cami_desktop.app"):
            importlib.import_module(name)
    from PySide6.QtWidgets import QApplication

    def finish(app) -> int:
        app.processEvents()
        window = next((w for w in app.topLevelWidgets() if w.isVisible()), None)
        if window is None:
            print(json.dumps({"error": "no window shown"}), flush=True)
            return 1
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(json.dumps({"ready": time.time() - START, "cpu": usage.ru_utime + usage.ru_stime,
                          "rss_mb": usage.ru_maxrss / 1024}), flush=True)
        return 0

    QApplication.exec = finish  # the entry points below call app.exec() once the window is shown
    if kind == "bare":
        from PySide6.QtWidgets import QMainWindow
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1100, 700)
        window.show()
        return app.exec()
    if kind == "table":
        return plain_table(QApplication, int(data_dir or 100))
    from cami_desktop.cli import main
    return main(["--data-dir", data_dir, "--language", "en"])


def plain_table(application, count: int) -> int:
    """A reference, not a floor: a main window of the app's size showing ``count`` rows of seven
    short texts under a header, from a minimal Python model, sorted through a proxy. What any
    window that lists things pays beyond a bare one (the Qt namespace's enums, fonts, painting)."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QMainWindow, QTableView

    texts = [[f"Reporting format {n % 5}", "Kazakhstan", str(1990 + n % 100), "English", "Draft",
              f"{n % 101} %", "30 Nov 2026, 16:00"] for n in range(count)]

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: N802
            return 0 if parent.isValid() else len(texts)

        def columnCount(self, parent=QModelIndex()):  # noqa: N802
            return 7

        def data(self, index, role=Qt.DisplayRole):
            return texts[index.row()][index.column()] if role == Qt.DisplayRole else None

        def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
            return f"Column {section + 1}" if role == Qt.DisplayRole and orientation == Qt.Horizontal else None

    app = application(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 820)
    view = QTableView(window)
    model, proxy = Model(view), QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    view.setModel(proxy)
    window.setCentralWidget(view)
    window.show()
    return app.exec()


def run_child(args: list[str]) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               CAMI_BENCH_START=repr(time.time()))
    # An installed app has its bytecode compiled; without this every start compiles the sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                         env=env, check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise RuntimeError(f"child {args} failed: {out.stderr[-2000:]}")
    return json.loads(lines[-1])


def measure(counts: list[int], runs: int) -> list[dict]:
    """For each count, alternate bare and app runs; return medians and ratios."""
    results = []
    with tempfile.TemporaryDirectory() as root:
        for count in counts:
            folder = Path(root) / f"data-{count}"
            make_data(folder, count)
            run_child(["app", str(folder)])  # the first start migrates nothing but warms the disk cache
            bare, table, app = [], [], []
            for _ in range(runs):
                bare.append(run_child(["bare"]))
                table.append(run_child(["table", str(count)]))
                app.append(run_child(["app", str(folder)]))
            row = {"reports": count}
            for name in ("ready", "cpu", "rss_mb"):
                row[f"bare_{name}"] = statistics.median(r[name] for r in bare)
                row[f"table_{name}"] = statistics.median(r[name] for r in table)
                row[f"app_{name}"] = statistics.median(r[name] for r in app)
                row[f"{name}_ratio"] = row[f"app_{name}"] / row[f"bare_{name}"]
                row[f"table_{name}_ratio"] = row[f"table_{name}"] / row[f"bare_{name}"]
            results.append(row)
    return results


def print_table(results: list[dict]) -> None:
    print("| Stored reports | Bare window: wall / CPU | CAMI Reporter: wall / CPU "
          "| Ratio, wall / CPU (target) | Memory, bare / app "
          "| For reference: a plain table of as many rows, wall / CPU (ratio) |")
    print("|---|---|---|---|---|---|")
    for row in results:
        target = "≤ 2" if row["reports"] <= 100 else "< 3"
        print(f"| {row['reports']} | {row['bare_ready']:.2f} s / {row['bare_cpu']:.2f} s "
              f"| {row['app_ready']:.2f} s / {row['app_cpu']:.2f} s "
              f"| {row['ready_ratio']:.2f} / {row['cpu_ratio']:.2f} ({target}) "
              f"| {row['bare_rss_mb']:.0f} / {row['app_rss_mb']:.0f} MB ({row['rss_mb_ratio']:.1f}x) "
              f"| {row['table_ready']:.2f} s / {row['table_cpu']:.2f} s "
              f"({row['table_ready_ratio']:.2f} / {row['table_cpu_ratio']:.2f}) |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child[0], args.child[1] if len(args.child) > 1 else None)
    print_table(measure(args.reports, args.runs))
    return 0


START = float(os.environ.get("CAMI_BENCH_START", time.time()))

if __name__ == "__main__":
    sys.exit(main())
