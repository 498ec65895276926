"""Render the reporting cycle's windows (carry-over, a colleague's answers, preview) to docs/screenshots/.

Run from the repository with ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/cycle_screenshots.py
[--po FILE…]``. It fills a Saiga MoU report with sample answers in a fresh temporary data folder,
starts the next report from it, shares a section with a "colleague" who changes some answers,
and takes the pictures in English and Russian. ``--po`` adds Russian messages from PO files not
yet merged into translations/ (as scripts/secretariat_screenshots.py does).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from cami_desktop.app import create_main_window  # noqa: E402
from cami_desktop.core import cycle  # noqa: E402
from cami_desktop.core.forms.library import default_library  # noqa: E402
from cami_desktop.core.reports.session import create_report  # noqa: E402
from cami_desktop.core.reports.sample import sample_answers  # noqa: E402
from cami_desktop.core.store import Store  # noqa: E402
from cami_desktop.ui.context import AppContext  # noqa: E402
from cami_desktop.ui.language import language  # noqa: E402
from shots_common import OUT, settle, start  # noqa: E402

FORM = "saiga-mou"


def wait_for(app: QApplication, done, limit_ms: int = 120000) -> None:
    waited = 0
    while not done() and waited < limit_ms:
        settle(app, 100)
        waited += 100


def shoot(app, store, library, root: Path, window, lang: str) -> None:
    language().set_language(lang)
    earlier = create_report(store, library, form_id=FORM, country="KZ", period="2019-2021", language=lang)
    answers = sample_answers(library.get(FORM), seed=3, lang=lang)
    store.set_answers(earlier.id, {k: v for k, v in answers.items() if k not in store.answers(earlier.id)})
    store.finalize_report(earlier.id, {"name": "Aigul Nurlanova"})
    carried = cycle.start_from(store, library, earlier.id, period="2022-2024", language=lang)
    cycle.confirm(store, carried.record.id, ["presence"])
    window.report_list.reload()
    editor = window.open_report(carried.record.id)
    editor.cycle.bar.show_skipped(carried.skipped)
    editor.show_section("populations")
    settle(app)
    window.grab().save(str(OUT / f"cycle-carry-{lang}.png"))

    # a colleague's answers to the populations section
    share = cycle.export_share(store, library, carried.record.id, ["populations"], root / f"share-{lang}.json",
                               sender={"name": "Aigul Nurlanova", "agency": "Forestry Committee"})
    copy, _ = cycle.open_share(store, library, share.path)
    theirs = {"population_estimate": 1_320_000, "estimate_year": 2024}
    theirs["estimate_method"] = ("Учет с самолета, апрель 2024" if lang == "ru"
                                 else "Aerial survey, April 2024")
    store.set_answers(copy.id, theirs)
    back = cycle.export_return(store, library, copy.id, root / f"back-{lang}.json",
                               supplier={"name": "Bolat Isaev", "agency": "Institute of Zoology"})
    store.set_answers(carried.record.id, {"population_estimate": 1_290_000})  # ours changed too
    editor = window.open_report(carried.record.id)
    dialog = window.cycle_actions.import_file(back)
    dialog.resize(1100, 620)
    settle(app)
    dialog.grab().save(str(OUT / f"cycle-import-{lang}.png"))
    dialog.close()

    preview = window.cycle_actions.show_preview()
    wait_for(app, lambda: preview.preview is not None)
    settle(app)
    pages = preview.pdf_area.widget().layout()
    preview.pdf_area.ensureWidgetVisible(pages.itemAt(min(3, pages.count() - 1)).widget(), 0, 0)
    preview.pdf_area.verticalScrollBar().setValue(pages.itemAt(min(3, pages.count() - 1)).widget().y() - 10)
    settle(app)
    preview.grab().save(str(OUT / f"cycle-preview-{lang}.png"))
    preview.close()
    window.close_report()


def main() -> int:
    app = start(__doc__)
    root = Path(tempfile.mkdtemp(prefix="cami-cycle-shots-"))
    library = default_library()
    with Store.open(root / "data", app_version="screenshots") as store:
        window = create_main_window(AppContext(store, library, root / "data"))
        window.resize(1280, 820)
        window.show()
        for lang in ("en", "ru"):
            shoot(app, store, library, root, window, lang)
        language().set_language("en")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
