"""Render the Secretariat mode (inbox, matrix, charts, key figures) and the compiled PDF to docs/screenshots/.

Run from the repository with ``QT_QPA_PLATFORM=offscreen .venv/bin/python
scripts/secretariat_screenshots.py`` (needs ``pdftoppm`` from poppler-utils for the PDF page).
It signs sample packages of 12 Range States with throw-away identities (Mongolia's signer left
unregistered), adds a changed package and a file that is no package, imports them into a fresh
temporary data folder, and takes the pictures in English and Russian.

``--po FILE…`` adds Russian messages from extra PO files (e.g. translation fragments not yet
merged into translations/), so that the Russian pictures show the final wording.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cami_desktop.app import create_main_window  # noqa: E402
from cami_desktop.core.forms.library import default_library  # noqa: E402
from cami_desktop.core.reports.sample import sample_answers  # noqa: E402
from cami_desktop.core.secretariat.compiled_pdf import write_compiled_pdf  # noqa: E402
from cami_desktop.core.secretariat.inbox import import_paths  # noqa: E402
from cami_desktop.core.secretariat.overview import build_overview  # noqa: E402
from cami_desktop.core.store import Store  # noqa: E402
from cami_desktop.core.trust.assess import register_certificate  # noqa: E402
from cami_desktop.ui.context import AppContext  # noqa: E402
from cami_desktop.ui.language import language  # noqa: E402
from cami_desktop.ui.secretariat import inbox_rows  # noqa: E402
from cami_desktop.ui.secretariat.overview_view import CHARTS_TAB, FIGURES_TAB, MATRIX_TAB  # noqa: E402
from cami_desktop.ui.secretariat.view import INBOX_TAB, OVERVIEW_TAB  # noqa: E402
from cami_desktop.ui.trust_dialog import TrustDialog  # noqa: E402
from tests.helpers.packages import assemble_package  # noqa: E402
from tests.helpers.verify_packages import make_identity  # noqa: E402
from shots_common import OUT, settle, start  # noqa: E402

POW, SAIGA, PERIOD = "cami-pow-2014-2020", "saiga-mou", "2021-2024"
POW_COUNTRIES = ["AF", "CN", "IR", "KZ", "KG", "MN", "NP", "PK", "RU", "TJ", "TM", "UZ"]
RUSSIAN = {"KZ", "KG", "RU", "TJ", "TM", "UZ", "MN"}
SAIGA_COUNTRIES = ["KZ", "MN", "RU", "UZ"]


def make_packages(root: Path, library) -> tuple[Path, dict]:
    """Signed packages of the sample Range States in ``root/inbox``; returns it and the signers."""
    inbox = root / "inbox"
    inbox.mkdir()
    signers = {c: make_identity(root / f"id-{c}", f"Focal point {c}", c) for c in POW_COUNTRIES}
    for form_id, countries in ((POW, POW_COUNTRIES), (SAIGA, SAIGA_COUNTRIES)):
        form = library.get(form_id)
        for seed, country in enumerate(countries):
            lang = "ru" if country in RUSSIAN else "en"
            answers = sample_answers(form, seed=seed, lang=lang)
            answers["range_state"] = country
            path = assemble_package(signers[country], inbox, form, country=country, period=PERIOD, lang=lang,
                                    answers=answers)
            if (form_id, country) == (POW, "KG"):  # a package changed after it was signed
                with zipfile.ZipFile(path) as source, zipfile.ZipFile(inbox / "changed.zip", "w") as copy:
                    for info in source.infolist():
                        data = source.read(info)
                        if info.filename.endswith(".json") and info.filename != "manifest.json":
                            data = data.replace(b'"completed"', b'"not_started"', 1)
                        copy.writestr(info, data)
    (inbox / "not-a-package.zip").write_bytes(b"\x00" * 512)
    return inbox, signers


def main() -> int:
    app = start(__doc__)
    root = Path(tempfile.mkdtemp(prefix="cami-secretariat-shots-"))
    library = default_library()
    folder, signers = make_packages(root, library)
    with Store.open(root / "data", app_version="screenshots") as store:
        for country, signer in signers.items():
            if country != "MN":  # Mongolia's signer waits to be registered
                register_certificate(store, country, signer.certificate_pem())
        import_paths(store, library, [folder])
        # A submission the officer set aside (it stays listed, counted nowhere)
        nepal = next(r for r in store.list_submissions(form_id=POW, country="NP"))
        store.set_submission_aside(nepal.id, "Sent by mistake: the focal point will send the final report")
        context = AppContext(store, library, root / "data")
        window = create_main_window(context)
        window.resize(1280, 820)
        window.show()
        window.set_secretariat_mode(True)
        desk = window.secretariat
        for lang in ("en", "ru"):
            language().set_language(lang)
            desk.tabs.setCurrentIndex(INBOX_TAB)
            desk.inbox.filter.setCurrentIndex(desk.inbox.filter.findData(inbox_rows.ALL))
            rows = desk.inbox.rows
            unregistered = next(i for i, r in enumerate(rows) if r.kind == "unregistered")
            desk.inbox.table.selectRow(unregistered)
            settle(app)
            window.grab().save(str(OUT / f"secretariat-inbox-{lang}.png"))
            desk.inbox.filter.setCurrentIndex(desk.inbox.filter.findData(inbox_rows.SET_ASIDE))
            desk.inbox.table.selectRow(0)
            settle(app)
            window.grab().save(str(OUT / f"secretariat-set-aside-{lang}.png"))
            dialog = TrustDialog(context, window)
            dialog.show()
            settle(app)
            dialog.grab().save(str(OUT / f"secretariat-trust-{lang}.png"))
            dialog.close()
            desk.tabs.setCurrentIndex(OVERVIEW_TAB)
            desk.overview.choose(POW, PERIOD)
            desk.overview.tabs.setCurrentIndex(MATRIX_TAB)
            settle(app)
            window.grab().save(str(OUT / f"secretariat-matrix-{lang}.png"))
            desk.overview.tabs.setCurrentIndex(CHARTS_TAB)
            settle(app)
            window.grab().save(str(OUT / f"secretariat-charts-{lang}.png"))
            desk.overview.choose(SAIGA, PERIOD)
            desk.overview.tabs.setCurrentIndex(FIGURES_TAB)
            settle(app)
            window.grab().save(str(OUT / f"secretariat-figures-{lang}.png"))
            pdf = write_compiled_pdf(build_overview(store, library, POW, PERIOD, lang=lang),
                                     root / f"compiled-{lang}.pdf", lang)
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(OUT / f"secretariat-pdf-{lang}")], check=True)
        language().set_language("en")
        window.set_secretariat_mode(False)  # the temporary store, not the officer's, remembers it
        window.close()
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
