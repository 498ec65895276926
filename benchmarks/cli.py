"""Commands of the command line, each in a fresh process, against a bare Python start.

``python benchmarks/cli.py [--runs 7]`` prints the median wall-clock and CPU time of
``cami-desktop --version``, ``forms list`` and ``verify PACKAGE`` (one signed Programme of Work
package), alternating with ``python -c pass`` so that other work on the machine weighs on all
alike. Targets: ``--version`` and ``forms list`` under 0.3 s, ``verify`` under 0.5 s.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"--version": 0.3, "forms list": 0.3, "verify PACKAGE": 0.5}


def make_package(root: Path) -> tuple[Path, Path]:
    """A data folder and one signed package of the fully answered Programme of Work report."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import export as export_bench

    from cami_desktop.core.export.package import export_package

    store, library, report_id, signer = export_bench.prepare(root / "data", "en")
    try:
        out = root / "out"
        out.mkdir()
        return root / "data", export_package(store, library, report_id, out, signer).path
    finally:
        store.close()


def timed(argv: list[str], env: dict) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(runs: int) -> list[dict]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled
    with tempfile.TemporaryDirectory() as root:
        data, package = make_package(Path(root))
        app = [sys.executable, "-m", "cami_desktop", "--data-dir", str(data)]
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "--version": [sys.executable, "-m", "cami_desktop", "--version"],
            "forms list": app + ["forms", "list"],
            "verify PACKAGE": app + ["verify", str(package)],
        }
        for argv in commands.values():  # warm: bytecode, the forms cache, the disk cache
            timed(argv, env)
        samples: dict[str, list] = {name: [] for name in commands}
        for _ in range(runs):
            for name, argv in commands.items():
                samples[name].append(timed(argv, env))
    return [{"command": name, "wall": statistics.median(s[0] for s in runs_),
             "cpu": statistics.median(s[1] for s in runs_), "target": TARGETS.get(name)}
            for name, runs_ in samples.items()]


def print_table(rows: list[dict]) -> None:
    print("| Command | Wall-clock | CPU | Target |\n|---|---|---|---|")
    for row in rows:
        target = f"< {row['target']} s" if row["target"] else "(floor)"
        print(f"| `{row['command']}` | {row['wall']:.2f} s | {row['cpu']:.2f} s | {target} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    print_table(measure(parser.parse_args(argv).runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
