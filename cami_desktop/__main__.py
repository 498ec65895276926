"""Entry point: ``python -m cami_desktop`` and the ``cami-desktop`` command."""
from __future__ import annotations

import sys


def main() -> int:
    from cami_desktop.cli import main as cli_main  # absolute: PyInstaller runs this file as a script
    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
