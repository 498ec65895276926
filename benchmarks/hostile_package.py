"""Benchmark: the largest and the most awkward packages the inbox's limits allow, each imported
in a fresh process, with its time and the process's peak memory (target: < 10 s, < 200 MB).

Run from the repository: ``.venv/bin/python benchmarks/hostile_package.py``. The packages:

* ``largest``: 50 MB of ZIP (the limit) with 1,000 files (the limit) unpacking to 300 MB (the
  limit), 47 MB of them random bytes, and the largest answers the Saiga MoU form accepts: every
  free text 100,000 characters, every table 500 rows, every list of links 500 links, each text
  in the answers file (up to 8 MB, the limit);
* ``eml``: a saved e-mail of 40 MB (the limit) with 20 packages attached (the limit), each
  holding 1.4 MB of random bytes;
* ``values``: an answers file of 199,000 values (the limit is 200,000), all unknown keys;
* ``rows``: 700,000 empty table rows in a 15 KB package (before the limits: 380 MB);
* ``deep``: lists nested 40 levels deep in all (the limit), a thousand times over;
* ``links``: 190,000 web links (before: minutes, the links were compared pairwise).

Figures go to docs/performance.md.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORM = "saiga-mou"
PASS = "benchmark pass 1"
CASES = ("largest", "eml", "values", "rows", "deep", "links")
MB = 1024 * 1024


def _largest_answers(form) -> dict:
    from cami_desktop.core.reports.sample import sample_answers
    from cami_desktop.core.values import MAX_ITEMS, MAX_ROWS, MAX_TEXT
    answers = sample_answers(form, seed=1)
    answers["range_state"] = "KZ"
    for q in form.answerable():
        if q.type == "table":  # the long texts of its rows too
            for c in q.columns:
                if c.type == "long_text":
                    answers.setdefault(q.key, [{}])[0][c.key] = "Cell text. " * 100
        if q.type == "long_text":
            answers[q.key] = ("Line of a long answer, with «quotes» и русский текст.\n" * 2000)[:q.max_length or MAX_TEXT]
        elif q.type == "table":
            row = answers.get(q.key, [{}])[0]
            answers[q.key] = [dict(row) for _ in range(q.max_rows or MAX_ROWS)]
        elif q.type == "link" and q.multiple:
            answers[q.key] = [f"https://example.org/{i}/" + "p" * 200 for i in range(MAX_ITEMS)]
    return answers


def build(case: str, folder: Path, signer, library) -> Path:
    from tests.helpers.hostile_values import with_answers_bytes
    from tests.helpers.packages import assemble_package
    form = library.get(FORM)
    base = {"range_state": "KZ"}
    extra = None
    if case == "eml":
        return _mail(folder, signer, form)
    if case == "largest":
        answers = _largest_answers(form)
        size = len(json.dumps(answers, ensure_ascii=False).encode("utf-8"))
        # each of 997 further files: random bytes first (40 MB), then zeros, 300 MB in all
        extra = {}
        random_left, total = 47 * MB, 300 * MB - size - 2 * MB
        per_file = total // 996
        for index in range(996):  # with the answers, manifest, signature and certificate: 1,000
            take = min(random_left, per_file)
            random_left -= take
            extra[f"-{index:04d}.bin"] = os.urandom(take) + bytes(per_file - take)
    else:
        answers = base
    path = assemble_package(signer, folder, form, country="KZ", period="2021-2024", lang="en",
                            answers=answers, extra_files=extra)
    if case == "largest":
        return path
    raw = {
        "values": lambda: json.dumps({f"k{i}": 0 for i in range(199_000)}),
        "rows": lambda: json.dumps({**base, next(q.key for q in form.answerable() if q.type == "table"): [{}] * 700_000}),
        "deep": lambda: json.dumps({**base, "deep": [json.loads("[" * 36 + "]" * 36)] * 1000}),
        "links": lambda: json.dumps({**base, "web_links": [f"https://example.org/{i}" for i in range(190_000)]}),
    }[case]()
    document = {"format": "cami-answers/1", "form": {"id": form.id, "version": form.version},
                "report": {"id": 1, "uid": _uid(path), "country": "KZ", "period": "2021-2024", "language": "en",
                           "status": "final", "revision": 1}, "answers": "__A__", "translations": {}}
    data = json.dumps(document).replace('"__A__"', raw).encode("utf-8")
    return with_answers_bytes(path, data, signer)


def _mail(folder: Path, signer, form) -> Path:
    from email.message import EmailMessage

    from cami_desktop.core.reports.sample import sample_answers
    from tests.helpers.packages import assemble_package
    message = EmailMessage()
    message["Subject"] = "Saiga MoU report"
    message.set_content("See attached.")
    answers = {**sample_answers(form, seed=2), "range_state": "KZ"}
    for index in range(20):
        inner = folder / f"p{index}"
        inner.mkdir()
        path = assemble_package(signer, inner, form, country="KZ", period="2021-2024", lang="en", answers=answers,
                                revision=index + 1, extra_files={".bin": os.urandom(1_400_000)})
        message.add_attachment(path.read_bytes(), maintype="application", subtype="zip", filename=path.name)
    target = folder / "report.eml"
    target.write_bytes(message.as_bytes())
    return target


def _answers_size(path: Path) -> int:
    import zipfile
    if path.suffix == ".eml":
        return 0
    with zipfile.ZipFile(path) as archive:
        return next(i.file_size for i in archive.infolist() if i.filename.endswith(".json")
                    and i.filename != "manifest.json")


def _uid(path: Path) -> str:
    import zipfile
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))["report"]["uid"]


def peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM (Linux; ru_maxrss would count the parent's
    peak before ``exec``), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def import_one(package: Path, certificate: Path, data: Path) -> dict:
    """Run in a fresh process: import one package into a new inbox; time and peak memory."""
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.secretariat.inbox import import_paths
    from cami_desktop.core.store import Store
    from cami_desktop.core.trust.assess import register_certificate
    library = default_library()
    with Store.open(data, app_version="bench", backups=False) as store:
        register_certificate(store, "KZ", certificate.read_bytes())
        before = peak_rss_mb()
        started = time.perf_counter()
        items = import_paths(store, library, [package]).items
        elapsed = time.perf_counter() - started
    outcomes = sorted({i.outcome for i in items})
    return {"seconds": elapsed, "rss_before": before, "rss": peak_rss_mb(),
            "outcome": ", ".join(f"{sum(i.outcome == o for i in items)} {o}" for o in outcomes)
            if len(items) > 1 else items[0].outcome,
            "reason": (items[0].render_reasons("en") or [""])[0][:90] if len(items) == 1 else ""}


def measure(cases=CASES) -> list[dict]:
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.signing import create_identity, unlock
    library = default_library()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        create_identity(root / "fp", name="Focal point KZ", country="KZ", passphrase=PASS)
        signer = unlock(root / "fp", PASS)
        certificate = root / "kz.pem"
        certificate.write_bytes(signer.certificate_pem())
        for case in cases:
            folder = root / case
            folder.mkdir()
            package = build(case, folder, signer, library)
            out = subprocess.run([sys.executable, __file__, "--one", str(package), str(certificate),
                                  str(root / f"inbox-{case}")], capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
            result = json.loads(out.stdout.strip().splitlines()[-1])
            result.update(case=case, size=package.stat().st_size, answers=_answers_size(package))
            results.append(result)
    return results


def print_table(results: list[dict]) -> None:
    print("| Package | Size (answers file) | Outcome | Time | Peak RSS (process) |\n|---|---|---|---|---|")
    for r in results:
        outcome = r["outcome"] + (f": {r['reason']}" if r["reason"] else "")
        print(f"| {r['case']} | {r['size'] / 1e6:.2f} MB ({r['answers'] / 1e6:.2f} MB) | {outcome} | {r['seconds']:.2f} s | "
              f"{r['rss']:.0f} MB (before the import {r['rss_before']:.0f} MB) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=3, metavar=("PACKAGE", "CERT", "DATA"), help=argparse.SUPPRESS)
    parser.add_argument("--cases", nargs="+", choices=CASES, default=list(CASES))
    args = parser.parse_args()
    if args.one:
        print(json.dumps(import_one(*map(Path, args.one))))
        return
    print_table(measure(args.cases))


if __name__ == "__main__":
    main()
