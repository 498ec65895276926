"""Peak memory with the Programme of Work report open in the window and every section visited.

``python benchmarks/memory.py`` fills the Programme of Work report completely (sample answers),
starts the real window offscreen in a fresh process, opens the report, shows every section page
in turn (each built as when a person clicks through the tree) and prints the process's peak
resident memory; target: under 250 MB.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

POW = "cami-pow-2014-2020"


def make_data(folder: Path, lang: str) -> int:
    """A data folder with the fully answered Programme of Work report; its id."""
    from cami_desktop import __version__
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.reports.sample import sample_answers
    from cami_desktop.core.reports.session import ReportSession, create_report
    from cami_desktop.core.store import Store

    library = default_library()
    with Store.open(folder, app_version=__version__, backups=False) as store:
        store.set_setting("language", lang)
        record = create_report(store, library, form_id=POW, country="KZ", period="2021-2024", language=lang)
        session = ReportSession.open(store, library, record.id)
        answers = sample_answers(session.form, seed=4, lang=lang)
        session.fill({k: v for k, v in answers.items() if session.form.question(k).type != "attachment"})
        return record.id


def child(data_dir: str, report_id: int) -> int:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from cami_desktop import __version__
    from cami_desktop.app import create_main_window
    from cami_desktop.core.forms.cache import cached_library
    from cami_desktop.core.store import Store
    from cami_desktop.ui.context import AppContext

    with Store.open(Path(data_dir), app_version=__version__, backups=False) as store:
        window = create_main_window(AppContext(store, cached_library(), Path(data_dir)))
        window.show()
        editor = window.open_report(report_id)
        QApplication.processEvents()
        keys = list(editor.form.section_index)
        for key in keys:
            editor.show_section(key)
            # What returning to the event loop after a click does, deleted widgets included.
            QApplication.processEvents()
            QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"sections": len(keys), "pages": len(editor.pages), "rss_mb": peak}), flush=True)
        editor.shut()
        window.close()
    return 0


def measure(lang: str) -> dict:
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "data"
        report_id = make_data(folder, lang)
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(report_id)],
                             capture_output=True, text=True, env=env, check=False)
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if out.returncode or not lines:
            raise RuntimeError(f"memory child failed: {out.stderr[-2000:]}")
        return {"lang": lang, **json.loads(lines[-1])}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[1], int(argv[2]))
    print_table([measure(lang) for lang in ("en", "ru")])
    return 0


def print_table(rows: list[dict]) -> None:
    print("| Language | Sections visited (pages kept built) | Peak memory (target < 250 MB) |\n|---|---|---|")
    for row in rows:
        print(f"| {row['lang']} | {row['sections']} ({row['pages']}) | {row['rss_mb']:.0f} MB |")


if __name__ == "__main__":
    sys.exit(main())
