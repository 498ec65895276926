"""Benchmark of the Secretariat's inbox: import and verify 70 and 1,000 packages, then the overview.

Run from the repository: ``.venv/bin/python benchmarks/secretariat.py [--counts 70 1000]``.
The packages are Programme of Work 2014-2020 reports (the largest form, 742 answers) carrying a
real workbook and PDF from one export, so each is ~200 KB like a real one; 14 signers, one per
Range State, all registered. Each package is a new revision of its country's report, spread
over four periods, so the overview of one period sees a quarter of all submissions with their
histories. Figures go to docs/performance.md.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cami_desktop.core.export.package import export_package  # noqa: E402
from cami_desktop.core.forms.library import default_library  # noqa: E402
from cami_desktop.core.reports.sample import sample_answers  # noqa: E402
from cami_desktop.core.reports.session import ReportSession, create_report  # noqa: E402
from cami_desktop.core.secretariat.inbox import IMPORTED, import_paths  # noqa: E402
from cami_desktop.core.secretariat.overview import build_overview  # noqa: E402
from cami_desktop.core.signing import create_identity, unlock  # noqa: E402
from cami_desktop.core.store import Store  # noqa: E402
from cami_desktop.core.trust.assess import register_certificate  # noqa: E402
from tests.helpers.packages import assemble_package  # noqa: E402

FORM = "cami-pow-2014-2020"
COUNTRIES = ["AF", "BT", "CN", "IN", "IR", "KZ", "KG", "MN", "NP", "PK", "RU", "TJ", "TM", "UZ"]
PERIODS = ["2014-2016", "2017-2019", "2020-2022", "2023-2025"]
PASS = "benchmark pass 1"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _template(root: Path, library, signer) -> dict[str, bytes]:
    """The workbook and PDF of one real (short) export, reused as the packages' bulk."""
    with Store.open(root / "fp-template", app_version="bench", backups=False) as store:
        record = create_report(store, library, form_id=FORM, country="KZ", period="2021-2024", language="ru")
        session = ReportSession.open(store, library, record.id)
        answers = sample_answers(session.form, seed=1, lang="ru")
        answers["range_state"] = "KZ"
        session.fill(answers)
        session.finalize(name="Benchmark")
        package = export_package(store, library, record.id, root, signer, short=True).path
    with zipfile.ZipFile(package) as archive:
        return {Path(n).suffix: archive.read(n) for n in archive.namelist() if n.endswith((".xlsx", ".pdf"))}


def make_packages(root: Path, count: int, library, signers, bulk) -> Path:
    folder = root / f"packages-{count}"
    folder.mkdir()
    form = library.get(FORM)
    for index in range(count):
        country = COUNTRIES[index % len(COUNTRIES)]
        period = PERIODS[(index // len(COUNTRIES)) % len(PERIODS)]
        revision = index // (len(COUNTRIES) * len(PERIODS)) + 1
        answers = sample_answers(form, seed=index % 50, lang="ru")
        answers["range_state"] = country
        assemble_package(signers[country], folder, form, country=country, period=period, lang="ru",
                         answers=answers, revision=revision, extra_files=bulk)
    return folder


def run(counts: list[int]) -> None:
    library = default_library()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        signers = {}
        for country in COUNTRIES:
            create_identity(root / f"fp-{country}", name=f"Focal point {country}", country=country, passphrase=PASS)
            signers[country] = unlock(root / f"fp-{country}", PASS)
        bulk = _template(root, library, signers["KZ"])
        for count in counts:
            folder = make_packages(root, count, library, signers, bulk)
            size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            with Store.open(root / f"secretariat-{count}", app_version="bench", backups=False) as store:
                for country in COUNTRIES:
                    register_certificate(store, country, signers[country].certificate_pem())
                rss = _rss_mb()
                # CPU time beside the wall time: on a shared machine the wall time says as much
                # about the neighbours as about the inbox.
                load = os.getloadavg()[0]
                started, cpu = time.perf_counter(), time.process_time()
                result = import_paths(store, library, [folder])
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
                assert result.count(IMPORTED) == count, [i.render_reasons("en") for i in result.items][:3]
                print(f"import+verify {count} packages ({size:.0f} MB): {elapsed:.1f} s wall, {cpu:.1f} s CPU, "
                      f"{1000 * elapsed / count:.1f} ms per package; peak RSS {rss:.0f} -> {_rss_mb():.0f} MB; "
                      f"load average before {load:.1f}, after {os.getloadavg()[0]:.1f}")
                started = time.perf_counter()
                again = import_paths(store, library, [folder])
                print(f"  the same {count} again (all duplicates): {time.perf_counter() - started:.1f} s, "
                      f"{again.count('duplicate')} duplicates")
                timings, cpus = [], []
                for _ in range(5):
                    started, cpu = time.perf_counter(), time.process_time()
                    overview = build_overview(store, library, FORM, PERIODS[0])
                    timings.append(time.perf_counter() - started)
                    cpus.append(time.process_time() - cpu)
                history = sum(len(row.history) for row in overview.states)
                print(f"  overview of one period ({history} submissions with history, "
                      f"{len(overview.submitted)} current): median {1000 * sorted(timings)[2]:.0f} ms wall, "
                      f"{1000 * sorted(cpus)[2]:.0f} ms CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[70, 1000])
    run(parser.parse_args().counts)


if __name__ == "__main__":
    main()
