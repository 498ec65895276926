"""Build hook: ship forms/, translations/ and resources/ inside the package as cami_desktop/data/.

They stay at the top of the repository (where the Secretariat and translators find them);
``cami_desktop.core.paths`` looks for them in a bundle, in the installed package, then in the
source checkout. Everything else is in pyproject.toml.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("forms", "translations", "resources")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).resolve().parent
        for name in DATA_FOLDERS:
            target = Path(self.build_lib) / "cami_desktop" / "data" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(root / name, target, ignore=shutil.ignore_patterns("*~", "__pycache__", "*.pot"))


setup(cmdclass={"build_py": BuildWithData})
