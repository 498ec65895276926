"""Smoke-test a PyInstaller bundle as a focal point and the Secretariat would use it.

Usage: ``python scripts/smoke_bundle.py "dist/CAMI Reporter <version>"`` (scripts/build_bundle.sh
runs it after building). Every step runs the bundled ``cami-desktop`` against a fresh data
folder; the first failure stops the test with its output and exit code 1. The answers are
made by this checkout's ``cami_desktop.core.reports.sample`` (run with the project's Python).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FORM = "concerted-action"
STEP_TIMEOUT = 120  # seconds; the first start of a bundle unpacks nothing but may be slow on CI
WINDOW_SECONDS = 10  # the window must still be running after this long


class SmokeFailure(Exception):
    """A step of the smoke test failed."""


def executable(bundle: Path, name: str) -> Path:
    for candidate in (bundle / name, bundle / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    raise SmokeFailure(f"{name} is missing from {bundle}")


class Bundle:
    """Runs the bundled command line against one data folder and times each step."""

    def __init__(self, bundle: Path, data: Path) -> None:
        self.cli = executable(bundle, "cami-desktop")
        self.window = executable(bundle, "CAMI Reporter")
        self.data = data
        self.timings: list[tuple[str, float]] = []
        self.env = dict(os.environ, CAMI_PASSPHRASE="smoke-test-passphrase", QT_QPA_PLATFORM="offscreen")
        self.env.pop("PYTHONPATH", None)  # the bundle must not lean on the checkout

    def run(self, *args: str, expect: int = 0, program: Path | None = None) -> str:
        command = [str(program or self.cli), "--data-dir", str(self.data), "--language", "en", *args]
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=self.env, timeout=STEP_TIMEOUT)
        self.timings.append((" ".join(args[:2]), time.perf_counter() - start))
        if result.returncode != expect or "Traceback" in result.stderr:
            raise SmokeFailure(f"{' '.join(args)}: exit {result.returncode} (expected {expect})\n"
                               f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return result.stdout


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SmokeFailure(what)


def smoke(bundle: Path, work: Path) -> list[tuple[str, float]]:
    from cami_desktop import __version__
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.reports.sample import sample_answers

    app = Bundle(bundle, work / "data")
    version = subprocess.run([str(app.cli), "--version"], capture_output=True, text=True, timeout=STEP_TIMEOUT)
    check(version.returncode == 0 and __version__ in version.stdout, f"--version: {version.stdout!r} {version.stderr!r}")
    forms = app.run("forms", "list")
    check(len(forms.strip().splitlines()) == len(list(default_library())), f"forms list:\n{forms}")
    russian = app.run("--language", "ru", "forms", "list")
    check(any("а" <= ch <= "я" for ch in russian), f"the Russian catalog is not in the bundle:\n{russian}")
    check(app.run("forms", "check").strip().endswith("correct."), "forms check")
    report = app.run("report", "new", "--form", FORM, "--country", "KZ", "--period", "2022-2025").strip()
    answers = work / "answers.json"
    answers.write_text(json.dumps({"answers": sample_answers(default_library().get(FORM), seed=3)}),
                       encoding="utf-8")
    check("answers stored" in app.run("report", "fill", report, str(answers)), "report fill")
    app.run("report", "validate", report)
    app.run("settings", "set", "profile.name", "Smoke Test")
    app.run("settings", "set", "secretariat_email", "cms.secretariat@example.org")
    app.run("report", "finalize", report)
    app.run("identity", "create", "--name", "Smoke Test", "--country", "KZ")
    out = work / "out"
    out.mkdir()
    lines = app.run("export", report, "--out", str(out), "--email").strip().splitlines()
    package = Path(lines[0])
    check(package.suffix == ".zip" and package.is_file() and Path(lines[1]).is_file(), f"export: {lines}")
    # The Secretariat's side: register the focal point's certificate for KZ, then verify
    # (exit 0 only when intact and from the registered signer); a changed copy must fail.
    app.run("identity", "export-cert", "--out", str(work / "kz.pem"))
    app.run("trust", "add", "KZ", "--cert", str(work / "kz.pem"))
    app.run("verify", str(package))
    tampered = work / "tampered.zip"
    tampered.write_bytes(package.read_bytes()[:-200] + bytes(200))
    app.run("verify", str(tampered), expect=1)
    app.run("backup", "now")
    _window_starts(app)
    return app.timings


def _window_starts(app: Bundle) -> None:
    """The windowed program opens (offscreen), keeps running and holds the data folder.

    A window that stopped at an error message would also keep running, so the proof that it
    got past opening the store is that the command line is then told the data is in use.
    """
    command = [str(app.window), "--data-dir", str(app.data), "--language", "ru"]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=app.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.wait(timeout=WINDOW_SECONDS)
    except subprocess.TimeoutExpired:
        app.timings.append(("window stays up", time.perf_counter() - start))
        try:
            app.run("report", "list", expect=2)
        finally:
            process.terminate()
            process.communicate(timeout=30)
        return
    _, err = process.communicate()
    raise SmokeFailure(f"the window ended at once with exit {process.returncode}:\n{err}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    bundle = Path(argv[0])
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cami-smoke-") as work:
        try:
            timings = smoke(bundle, Path(work))
        except (SmokeFailure, subprocess.TimeoutExpired) as exc:
            print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
            return 1
    for step, seconds in timings:
        print(f"  {seconds:6.2f} s  {step}")
    print(f"smoke test passed in {time.perf_counter() - started:.1f} s: {bundle}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
