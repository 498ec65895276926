"""The core must stay free of Qt, so that it runs headless and on the command line."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "cami_desktop" / "core"


def test_no_core_module_imports_qt():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6")]
    assert offenders == []


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys, pkgutil, importlib, cami_desktop.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'cami_desktop.core.'):\n"
        "    if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=CORE.parents[1]).stdout
    assert out.strip() == "[]"
