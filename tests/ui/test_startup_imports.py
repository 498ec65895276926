"""The window starts without the heavy libraries: they are imported when first needed (issue 10).

Checked in a fresh interpreter through the app's own entry point, as the benchmark starts it:
once the window is shown with the reports listed, none of SQLAlchemy, Alembic, cryptography,
openpyxl, reportlab, pyHanko or PyYAML may have been imported, nor the forms library (the list
shows titles and country names from the forms' index) nor Babel's dates. Opening a report then brings
the store's SQLAlchemy half, and the window goes on working.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cami_desktop.core.forms.cache import cached_library
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.listing import report_summaries
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.reports.session import ReportSession, create_report
from cami_desktop.core.store import Store

HEAVY = ("sqlalchemy", "alembic", "cryptography", "openpyxl", "reportlab", "pyhanko",
         "yaml",  # the forms come from their cache (forms/cache.py), parsed once per installation
         "cami_desktop.core.forms.library",  # the list needs only their index (forms/index.py)
         "babel.dates",  # the list's dates are formatted by Qt
         "hashlib")  # the forms' index is checked against its basis, not a digest

_CHILD = """
import gc, json, sys
from PySide6.QtWidgets import QApplication
import cami_desktop.app as app_module

gc_while_building = []
building = app_module.create_main_window

def create_main_window(ctx):
    gc_while_building.append(gc.isenabled())
    return building(ctx)

app_module.create_main_window = create_main_window

def finish(app):
    app.processEvents()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    found = {"visible": window.isVisible(), "rows": window.report_list.proxy.rowCount(),
             "titles": sorted({window.report_list.proxy.index(r, 0).data()
                               for r in range(window.report_list.proxy.rowCount())}),
             "heavy": sorted(m for m in %(heavy)r if m in sys.modules),
             "gc": [*gc_while_building, gc.isenabled()]}
    window.open_report(window.report_list.current_id())
    found["editor"] = window.editor is not None
    found["after_open"] = "sqlalchemy" in sys.modules
    window.close()
    print(json.dumps(found), flush=True)
    return 0

QApplication.exec = finish
from cami_desktop.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "--language", "en"]))
"""


def _folder_with_reports(folder: Path) -> None:
    library = default_library()
    with Store.open(folder, app_version="test") as store:
        records = [create_report(store, library, form_id=form_id, country="KZ", period="2024",
                                 language="en") for form_id in ("saiga-mou", "cami-pow-2014-2020")]
        form = library.get("saiga-mou")
        ReportSession.open(store, library, records[0].id).fill(sample_answers(form, seed=1))
        # As the first start after an upgrade does: compute and store the missing summaries.
        report_summaries(store, library, store.list_reports())


def test_the_window_starts_without_the_heavy_libraries(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _folder_with_reports(folder)
    cached_library(cache=tmp_path / "cache")  # as any earlier start of this installation did
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CAMI_CACHE_DIR=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", _CHILD % {"heavy": HEAVY}, str(folder)],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.returncode == 0 and lines, result.stderr[-3000:]
    found = json.loads(lines[-1])
    assert found["visible"] and found["rows"] == 2
    assert found["titles"] == sorted({default_library().get(f).title.get("en")
                                      for f in ("saiga-mou", "cami-pow-2014-2020")})
    assert found["heavy"] == []
    assert found["editor"] and found["after_open"]
    # The garbage collector rests while the window is built and runs again in the event loop.
    assert found["gc"] == [False, True]
