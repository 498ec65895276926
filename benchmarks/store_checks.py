"""What the damage checks and the stronger key cost: ``python benchmarks/store_checks.py``.

A data folder with ten reports of the CAMI Programme of Work (743 questions each), every answer
changed five times (37,000 history rows) and 40 MB of attachments; then the medians of the
checks, of opening with and without the daily full check, of a manual backup, and of opening
the signing key with the new (600,000) and the old (2,048) PBKDF2 iteration counts.
"""
from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from cami_desktop import __version__
from cami_desktop.core.signing import create_identity, unlock
from cami_desktop.core.store import Store, checks, database

REPORTS, ROUNDS, QUESTIONS = 10, 5, 743


def median_ms(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def build(folder: Path) -> None:
    with Store.open(folder, app_version=__version__, backups=False) as store:
        for number in range(REPORTS):
            report = store.create_report(form_id="cami-pow-2014-2020", form_version="1.0",
                                         country="KZ", period=str(2010 + number), language="ru")
            for round_ in range(ROUNDS):
                store.set_answers(report.id, {f"q{i:04d}": f"ответ {i}, вариант {round_}. " * 3
                                              for i in range(QUESTIONS)})
        blob = folder / "blob.bin"
        blob.write_bytes(os.urandom(5 * 1024 * 1024))
        for _ in range(8):
            store.add_attachment(1, blob)
        blob.unlink()


def forget_check(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("DELETE FROM settings WHERE key = ?", (database.FULL_CHECK_SETTING,))
    connection.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        build(folder)
        db_path = folder / database.DB_NAME
        connection = sqlite3.connect(db_path)
        rows = [
            ("Database size", f"{db_path.stat().st_size / 1e6:.0f} MB", ""),
            ("quick_check (every open; the window runs it beside its start)", f"{median_ms(lambda: checks.quick_check(connection)):.0f} ms", ""),
            ("integrity_check", f"{median_ms(lambda: checks.integrity_check(connection)):.0f} ms", ""),
            ("content_check (every text value decodes)",
             f"{median_ms(lambda: checks.content_check(connection)):.0f} ms", ""),
        ]
        connection.close()
        rows.append(("Open, full check not due",
                     f"{median_ms(lambda: Store.open(folder, app_version=__version__, backups=False).close()):.0f} ms",
                     ""))

        def open_with_check() -> None:
            forget_check(db_path)
            Store.open(folder, app_version=__version__, backups=False).close()
        rows.append(("Open, full check due (once a day)", f"{median_ms(open_with_check):.0f} ms", "< 2 s"))
        with Store.open(folder, app_version=__version__, backups=False) as store:
            rows.append(("Manual backup, full check included",
                         f"{median_ms(store.backup_now, repeat=3):.0f} ms", ""))

        ident = Path(tmp) / "ident"
        create_identity(ident, name="Bench", passphrase="secret-pass")
        rows.append(("Open the signing key, 600,000 iterations",
                     f"{median_ms(lambda: unlock(ident, 'secret-pass')):.0f} ms", "< 1 s"))
        key = unlock(ident, "secret-pass").private_key
        old = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(b"secret-pass"))
        legacy = serialization.load_pem_private_key
        rows.append(("Open a key as earlier versions wrote it (2,048)",
                     f"{median_ms(lambda: legacy(old, password=b'secret-pass')):.0f} ms", ""))
    width = max(len(name) for name, _, _ in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>8}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
