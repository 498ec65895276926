"""The command line: ``cami-desktop [--data-dir DIR] COMMAND ...``; no command opens the window."""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path

from .. import __version__
from ..core import i18n, paths
from ..core.errors import CamiError, plain_error
from ..core.i18n import tr
from . import output

#: Each top-level command and the module (in this package) whose ``register(commands)`` adds it.
#: Register a new command HERE, by name, not with an import at the top of this file: only the
#: module of the command being run is imported, so that ``--version``, ``forms list`` or
#: ``verify`` never pay for the export, signing and PDF stack (about a second; issue 10).
#: ``tests/cli/test_lazy_imports.py`` fails if parsing starts importing heavy packages again.
COMMANDS: dict[str, str] = {
    "forms": "forms_cmd",
    "report": "report_cmd",
    "share": "cycle_cmd",
    "backup": "backup_cmd",
    "settings": "settings_cmd",
    "identity": "package_cmd",
    "export": "package_cmd",
    "verify": "verify_cmd",
    "trust": "trust_cmd",
    "inbox": "secretariat_cmd",
    "overview": "secretariat_cmd",
}
#: Options of the top level that take a value (to find the command word without argparse).
_VALUE_OPTIONS = ("--data-dir", "--language")
#: Set (to anything) to see library warnings, in the log file, when looking for a problem.
DEBUG_ENV = "CAMI_DEBUG"


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
            from ..core.forms.cache import cached_library  # parsed once per installation
            self._library = cached_library()
        return self._library

    @property
    def store(self):
        """The data folder's store, opened as the window opens it (``core/store/lazy.py``):
        reading settings, the reports and a signer's registrations needs no SQLAlchemy, so
        ``verify`` or ``report list`` answer without importing it (issue 10). The opening's
        ``quick_check`` is waited for here: a command says at once that a file is damaged."""
        if self._store is None:
            from ..core.store.lazy import open_store
            store = open_store(self.data_dir, app_version=__version__)
            try:
                store.wait_checked()
            except BaseException:
                store.close()
                raise
            self._store = store
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def command_modules(argv: list[str] | None = None) -> list[str]:
    """The command modules needed to parse ``argv``: only the named command's, when it is known.

    Everything (for the full ``--help`` and argparse's own message about an unknown command)
    when the command word is not one of :data:`COMMANDS`; none when there is no command.
    """
    word = _command_word(sys.argv[1:] if argv is None else argv)
    if word in COMMANDS:
        return [COMMANDS[word]]
    if word is None and not {"-h", "--help"} & set(argv if argv is not None else sys.argv[1:]):
        return []
    return list(dict.fromkeys(COMMANDS.values()))


def _command_word(argv: list[str]) -> str | None:
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--":
            return None
        elif token in _VALUE_OPTIONS:
            skip = True
        elif not token.startswith("-"):
            return token
    return None


def build_parser(modules: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser with the given command modules (default: all of them)."""
    parser = argparse.ArgumentParser(
        prog="cami-desktop",
        description="CAMI Reporter: national reporting for the CMS Central Asian Mammals Initiative.")
    parser.add_argument("--version", action="version", version=f"CAMI Reporter {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"data folder (default: ${paths.ENV_DATA_DIR} or the user's data folder)")
    parser.add_argument("--language", choices=i18n.LANGUAGES,
                        help="language of the interface and of messages (default: the saved choice or the system's)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules if modules is not None else dict.fromkeys(COMMANDS.values()):
        importlib.import_module(f"{__name__}.{name}").register(commands)
    return parser


def quiet() -> None:
    """What is printed is ours alone (issue 15): a library's warning (pyHanko's
    ``CryptographyDeprecationWarning`` on every export) is dropped, and the logger never prints
    its own traceback ("--- Logging error ---") when the log file cannot be written, e.g. on a
    full disk. With ``CAMI_DEBUG`` set, warnings are shown (the window logs them to ``cami.log``,
    see ``app.install_excepthook``). ``warnings`` is imported by Python at start: no cost."""
    import warnings

    logging.raiseExceptions = False
    warnings.simplefilter("default" if os.environ.get(DEBUG_ENV) else "ignore")


def main(argv: list[str] | None = None) -> int:
    """Run a command, or the window when none is given; return the exit code."""
    quiet()
    parser = build_parser(command_modules(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        from ..app import run_window
        return run_window(args)
    i18n.set_language(args.language or i18n.system_language())
    context = Context(args)
    try:
        code = int(args.handler(args, context) or 0)
        output.flush()
        return code
    except BrokenPipeError:  # the reader of stdout stopped early (`| head`): not an error
        return output.closed_pipe()
    except CamiError as exc:
        print(output.error_text(exc), file=sys.stderr)  # values quoted from files: escaped
        return 2
    except KeyboardInterrupt:
        print(tr("Cancelled."), file=sys.stderr)
        return 130
    except Exception as exc:  # the command line never shows a traceback; the log keeps it
        plain = plain_error(exc)
        log = _log(context.data_dir, plain.translated("en") if plain is not None else "unexpected error")
        if plain is not None:  # a full disk: one plain sentence (the log may not be written)
            print(plain.translated(), file=sys.stderr)
            return 2
        print(output.shown(tr("Unexpected error: {error} (details in {log})", error=exc, log=log)),
              file=sys.stderr)
        return 3
    finally:
        _close_quietly(context)


def _close_quietly(context: Context) -> None:
    """Close the store; a failure then (the last checkpoint on a full disk) changes nothing that
    was committed, so it is logged, not shown over the command's own outcome."""
    try:
        context.close()
    except Exception:  # noqa: BLE001
        logging.getLogger("cami").warning("closing the store failed", exc_info=True)



def _log(data_dir: Path, message: str) -> str:
    """Write the exception being handled to ``cami.log``; return the log's path."""
    handler = paths.log_handler(data_dir)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        logging.getLogger("cami").error(message, exc_info=True)
    finally:
        root.removeHandler(handler)
        handler.close()
    return handler.baseFilename
