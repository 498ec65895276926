"""What scripts/cycle_screenshots.py and scripts/secretariat_screenshots.py share: the start-up
(``--po`` extra Russian PO files, the application, the output folder) and waiting for Qt to draw."""
from __future__ import annotations

import argparse
import gettext
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cami_desktop.app import ensure_application  # noqa: E402
from cami_desktop.core import i18n  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def add_messages(paths: list[Path]) -> None:
    """Let the Russian catalog fall back to the messages of ``paths`` (compiled in memory)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    catalog = i18n._catalog("ru")
    for path in paths:
        data = io.BytesIO()
        with open(path, "rb") as handle:
            write_mo(data, read_po(handle, locale="ru"))
        data.seek(0)
        catalog.add_fallback(gettext.GNUTranslations(data))


def start(doc: str) -> QApplication:
    """Parse ``--po FILE…`` (described by the script's ``doc``), add those messages, make the output folder."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--po", nargs="*", type=Path, default=[], help="extra Russian PO files")
    args = parser.parse_args()
    app = ensure_application()
    add_messages(args.po)
    OUT.mkdir(parents=True, exist_ok=True)
    return app


def settle(app: QApplication, ms: int = 150) -> None:
    """Let Qt run for ``ms`` milliseconds (layouts, repaints, queued signals) before a picture."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()
