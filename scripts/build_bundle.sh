#!/usr/bin/env bash
# Build the PyInstaller bundle from build.spec and smoke-test it (scripts/smoke_bundle.py).
#   scripts/build_bundle.sh            uses .venv/bin/python (CI: after the README's install)
#   PYTHON=/path/to/python scripts/build_bundle.sh
# Output: build/bundle/dist/CAMI Reporter <version>/ with "CAMI Reporter" (the window) and
# "cami-desktop" (the command line). Exits non-zero when the build or any smoke step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
"$python" -m PyInstaller --version >/dev/null 2>&1 || "$python" -m pip install -q "pyinstaller>=6.0"
version="$("$python" -c 'import re,pathlib; print(re.search(r"__version__ = \"([^\"]+)\"", pathlib.Path("cami_desktop/__init__.py").read_text()).group(1))')"
dist=build/bundle/dist
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath build/bundle/work build.spec
built=$(date +%s)
bundle="$dist/CAMI Reporter $version"
echo "bundle built in $((built - start)) s: $bundle ($(du -sh "$bundle" | cut -f1))"
"$python" scripts/smoke_bundle.py "$bundle"
