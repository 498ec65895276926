"""Render the main views in English and in Russian to ``docs/screenshots/*.png``.

Run with ``xvfb-run -a python scripts/screenshots.py`` or ``QT_QPA_PLATFORM=offscreen python
scripts/screenshots.py`` (the bundled DejaVu font makes offscreen text render). Uses a fresh
temporary data folder with sample reports.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from cami_desktop.app import create_main_window, ensure_application  # noqa: E402
from cami_desktop.core.forms.library import default_library  # noqa: E402
from cami_desktop.core.reports.session import ReportSession, create_report  # noqa: E402
from cami_desktop.core.store import Store  # noqa: E402
from cami_desktop.ui.context import AppContext  # noqa: E402
from cami_desktop.ui.language import language  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def sample(store: Store, library) -> dict[str, int]:
    """A few reports with answers, so the pictures show something real."""
    store.set_setting("profile", {"name": "Aigerim Nurlanovna", "position": "Chief specialist",
                                  "institution": "Committee of Forestry and Wildlife",
                                  "email": "a.nurlanovna@example.kz", "phone": "+7 7172 000000",
                                  "country": "KZ"})
    saiga = create_report(store, library, form_id="saiga-mou", country="KZ", period="2022-2024",
                          language="en")
    session = ReportSession.open(store, library, saiga.id)
    session.fill({"mou_signed": "yes", "date_signed": "2006-05-24", "population_estimate": 1900000, "estimate_year": 2024})
    table = session.form.questions["subpopulations"]
    names = [c.key for c in table.columns]
    session.set("subpopulations", [{names[0]: "Betpak-Dala", names[1]: 1100000, names[2]: 2024},
                                   {names[0]: "Ustyurt", names[1]: 43000, names[2]: 2024},
                                   {names[0]: "Ural", names[1]: 800000, names[2]: 2024}])
    pow_ = create_report(store, library, form_id="cami-pow-2014-2020", country="UZ",
                         period="2021-2024", language="ru")
    pow_session = ReportSession.open(store, library, pow_.id)
    status = pow_session.form.questions["status[1.1.1]"]
    pow_session.set(status.key, pow_session.form.reference.choices(status)[2].value)
    pow_session.set("actions[1.1.1]", "Проведены совместные учёты сайгака и джейрана.")
    pow_session.set_translation("actions[1.1.1]", "Joint surveys of saiga and goitered gazelle were held.")
    bukhara = create_report(store, library, form_id="bukhara-deer-mou", country="TJ", period="2023",
                            language="ru")
    return {"saiga": saiga.id, "pow": pow_.id, "bukhara": bukhara.id}


def main() -> int:
    app = ensure_application()
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="cami-shots-"))
    library = default_library()
    with Store.open(folder, app_version="screenshots") as store:
        ids = sample(store, library)
        ctx = AppContext(store, library, folder)
        window = create_main_window(ctx)
        window.resize(1280, 820)
        window.show()
        for lang in ("en", "ru"):
            language().set_language(lang)
            window.close_report()
            settle(app)
            window.grab().save(str(OUT / f"{lang}-1-reports.png"))
            editor = window.open_report(ids["saiga"])
            editor.show_section("general")
            settle(app)
            window.grab().save(str(OUT / f"{lang}-2-editor-long-section.png"))
            editor.goto_question("subpopulations")
            settle(app)
            window.grab().save(str(OUT / f"{lang}-3-table.png"))
            editor = window.open_report(ids["pow"])
            editor.show_section("pow/1/1.1/1.1.1")
            editor.right.setSizes([430, 330])
            settle(app)
            window.grab().save(str(OUT / f"{lang}-4-errors-pow.png"))
            from cami_desktop.ui.settings_dialog import SettingsDialog
            dialog = SettingsDialog(ctx, window)
            dialog.show()
            settle(app)
            dialog.grab().save(str(OUT / f"{lang}-5-settings.png"))
            dialog.close()
            from cami_desktop.ui.new_report_dialog import NewReportDialog
            dialog = NewReportDialog(ctx, window)
            dialog.show()
            settle(app)
            dialog.grab().save(str(OUT / f"{lang}-6-new-report.png"))
            dialog.close()
        window.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
