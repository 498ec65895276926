"""The command line: ``cami-desktop [--data-dir DIR] COMMAND ...``; no command opens the window."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .. import __version__
from ..core import i18n, paths
from ..core.errors import CamiError
from ..core.i18n import tr
from . import backup_cmd, forms_cmd, report_cmd

COMMAND_MODULES = [forms_cmd, report_cmd, backup_cmd]
try:  # the signing and export commands (issue 4) register themselves when present
    from . import package_cmd
    COMMAND_MODULES.append(package_cmd)
except ImportError:  # pragma: no cover
    pass


class Context:
    """What a command needs: the data folder, and the store opened on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.data_dir = paths.data_dir(args.data_dir)
        self._store = None
        self._library = None

    @property
    def library(self):
        if self._library is None:
            from ..core.forms import default_library
            self._library = default_library()
        return self._library

    @property
    def store(self):
        if self._store is None:
            from ..core.store import Store
            self._store = Store.open(self.data_dir, app_version=__version__)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cami-desktop",
        description="CAMI Reporter: national reporting for the CMS Central Asian Mammals Initiative.")
    parser.add_argument("--version", action="version", version=f"CAMI Reporter {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"data folder (default: ${paths.ENV_DATA_DIR} or the user's data folder)")
    parser.add_argument("--language", choices=i18n.LANGUAGES,
                        help="language of the interface and of messages (default: the saved choice or the system's)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command, or the window when none is given; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ..app import run_window
        return run_window(args)
    i18n.set_language(args.language or i18n.system_language())
    context = Context(args)
    try:
        return int(args.handler(args, context) or 0)
    except CamiError as exc:
        print(exc.translated(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(tr("Cancelled."), file=sys.stderr)
        return 130
    except Exception as exc:  # the command line never shows a traceback; the log keeps it
        log = _log_path(context.data_dir)
        logging.basicConfig(filename=str(log), level=logging.ERROR)
        logging.getLogger("cami").exception("unexpected error")
        print(tr("Unexpected error: {error} (details in {log})", error=exc, log=str(log)), file=sys.stderr)
        return 3
    finally:
        context.close()


def _log_path(data_dir: Path) -> Path:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        return data_dir / "cami.log"
    except OSError:
        import tempfile
        return Path(tempfile.gettempdir()) / "cami.log"
