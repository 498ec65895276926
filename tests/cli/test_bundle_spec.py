"""build.spec ships the window and a console command line over one set of libraries.

The real build and its smoke test are scripts/build_bundle.sh (run by CI); this test reads the
spec with stand-ins for PyInstaller's classes, so it runs in a moment and needs no PyInstaller.
"""
from __future__ import annotations

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Recorder:
    """Stands in for Analysis, PYZ, EXE and COLLECT: keeps its arguments."""

    made: list["Recorder"] = []

    def __init__(self, kind: str, *args, **kwargs) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        self.scripts = self.binaries = self.datas = self.pure = [f"{kind}-toc"]
        Recorder.made.append(self)


def read_spec(monkeypatch) -> list[Recorder]:
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [f"{package}.cli.settings_cmd"]
    hooks.collect_data_files = lambda package: [(f"{package}/data.txt", package)]
    hooks.collect_dynamic_libs = lambda package: [(f"{package}/lib.so", package)]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    Recorder.made = []
    namespace = {"SPECPATH": str(ROOT), "__file__": str(ROOT / "build.spec")}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT"):
        namespace[kind] = lambda *a, _kind=kind, **k: Recorder(_kind, *a, **k)
    exec(compile((ROOT / "build.spec").read_text(encoding="utf-8"), "build.spec", "exec"), namespace)
    return Recorder.made


def test_one_analysis_two_executables_one_folder(monkeypatch):
    made = read_spec(monkeypatch)
    exes = {r.kwargs["name"]: r for r in made if r.kind == "EXE"}
    assert exes["CAMI Reporter"].kwargs["console"] is False  # the window: no console on Windows
    assert exes["cami-desktop"].kwargs["console"] is True  # the command line prints
    assert all(r.kwargs["exclude_binaries"] for r in exes.values())  # libraries live once, in COLLECT
    assert len([r for r in made if r.kind == "Analysis"]) == 1
    (collect,) = [r for r in made if r.kind == "COLLECT"]
    assert all(any(arg is exe for arg in collect.args) for exe in exes.values())


def test_lazily_imported_command_modules_and_data_are_bundled(monkeypatch):
    (analysis,) = [r for r in read_spec(monkeypatch) if r.kind == "Analysis"]
    assert "cami_desktop.cli.settings_cmd" in analysis.kwargs["hiddenimports"]
    targets = {target for _, target in analysis.kwargs["datas"]}
    assert {"forms", "forms/reference", "translations/ru/LC_MESSAGES"} <= targets
    assert "pypdfium2_raw" in targets  # the PDF preview's renderer and its version files
    assert ("pypdfium2_raw/lib.so", "pypdfium2_raw") in analysis.kwargs["binaries"]
