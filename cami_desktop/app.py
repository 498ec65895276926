"""The window's entry point: open the store, set the language, show the main window.

``run_window(args)`` is what ``cami-desktop`` with no command runs; ``create_main_window(ctx)``
builds the same window for tests and scripts.
"""
from __future__ import annotations

import gc
import logging
import os
import sys
import traceback
from pathlib import Path

from . import APP_NAME, __version__
from .core import i18n, paths
from .core.errors import DataInUse, NewerDatabase, StoreCorrupt, StoreError, plain_error
from .core.i18n import N_, tr

log = logging.getLogger("cami")

STORE_PROBLEMS = {
    DataInUse: N_("CAMI Reporter is already open with this data folder. Close the other window "
                  "first (or use another folder with --data-dir)."),
    NewerDatabase: N_("This data folder was written by a newer version of CAMI Reporter. "
                      "Please install the newer version."),
    StoreCorrupt: N_("The database in this data folder is damaged. Restore a backup with "
                     "“cami-desktop backup restore”, or ask for help."),
}


def skip_feature_scan() -> None:
    """Stop PySide6 from reading the source of every module imported after it.

    PySide6 looks for ``from __feature__ import …`` (snake_case, true_property) by running
    ``inspect.getsource`` on each newly imported module and searching it for "PySide6": about
    150 files read and decoded at start, a sixth of the window's start-up (issue 10). CAMI
    Reporter selects no feature, so every module is marked "ignore" (-1), the answer the scan
    already gives in the bundled app, whose modules have no source. Without the hook (another
    PySide6 version) nothing changes.
    """
    import importlib

    importlib.import_module("PySide6")  # loads shibokensupport.feature
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_feature


def _uses_no_feature(_module) -> bool:
    return False


def ensure_application():
    """The QApplication, created once with the app's name, style sheet and font."""
    skip_feature_scan()
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from .ui.style import STYLE
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        app.setOrganizationName("CMS")
        try:  # a bundled font so that Cyrillic renders everywhere, also offscreen
            for font in sorted(paths.resource_path("fonts").glob("DejaVuSans*.ttf")):
                QFontDatabase.addApplicationFont(str(font))
        except FileNotFoundError:
            pass
        app.setStyleSheet(STYLE)
    return app


def install_excepthook(data_dir: Path) -> None:
    """Unexpected errors go to ``cami.log`` and a short translated message; the app goes on.

    A full disk met anywhere is said in its one plain sentence (``errors.plain_error``). The log
    file is private (0600) and opened on the first error, so a start that is turned back (an
    emptied database, a declined restore) leaves the data folder as it was; a record that cannot
    be written (the same full disk) is dropped without printing anything.
    """
    handler = paths.log_handler(data_dir)
    log_path = handler.baseFilename
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    if os.environ.get("CAMI_DEBUG"):  # the window has no console on Windows: warnings to the log
        logging.captureWarnings(True)
        logging.getLogger("py.warnings").addHandler(handler)

    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        plain = plain_error(value)
        log.error("%s\n%s", plain.translated("en") if plain is not None else "unexpected error",
                  "".join(traceback.format_exception(kind, value, tb)))
        if plain is not None:
            text = plain.translated()
        else:
            text = tr("Something went wrong: {error}. Your answers are saved; the details are in {log}.",
                      error=str(value) or kind.__name__, log=str(log_path))
        try:
            from PySide6.QtWidgets import QApplication

            from .ui import plain as plain_text  # the error may quote a file's name
            if QApplication.instance() is not None:
                plain_text.warning(QApplication.activeWindow(), tr("CAMI Reporter"), text)
        except Exception:  # noqa: BLE001 - never fail while reporting a failure
            pass

    sys.excepthook = hook


def create_main_window(ctx):
    """The main window over an open store (``ctx`` is an AppContext)."""
    ensure_application()
    from .ui.language import language
    language()  # the manager must exist before widgets connect to it
    from .ui.main_window import MainWindow
    return MainWindow(ctx)


def open_store(data_dir: Path):
    """Open the data folder's store for the window; ``None`` when the person chose to quit.

    An emptied database beside backups is not opened as a new store: the newest backup is
    offered, and restored on yes. On no the window quits having created nothing, so the
    backups and the empty file stay as they were for a later ``backup restore``.
    """
    from PySide6.QtWidgets import QMessageBox

    from .ui import plain as plain_text

    from .core.errors import EmptyDatabase
    from .core.store import backup
    from .core.store.lazy import open_store as open_lazily  # SQLAlchemy on first use

    try:
        return open_lazily(data_dir, app_version=__version__)
    except EmptyDatabase as exc:
        name = str(exc.params["backup"])
        made = backup.find_backup(data_dir, name).created.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = plain_text.question(  # a backup's name, from the data folder
            None, tr("CAMI Reporter"),
            tr("The database in this data folder is empty, but there are backups. Restore the "
               "newest one, made {date} ({name})?", date=made, name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        backup.restore_backup(data_dir, name, app_version=__version__)
        return open_lazily(data_dir, app_version=__version__)


def _store_problem(exc: StoreError) -> None:
    """Say why the data folder cannot be used (damaged, in use, newer), in the window's language."""
    from .ui import plain as plain_text

    known = next((tr(text) for kind, text in STORE_PROBLEMS.items() if isinstance(exc, kind)), None)
    # Any other problem (a full disk, an unusable folder) is its own sentence, said once.
    message = exc.translated() if known is None else known + "\n\n" + exc.translated()
    plain_text.critical(None, tr("CAMI Reporter"), message)  # it may name the folder


def run_window(args) -> int:
    """Run the window until it is closed; return the exit code."""
    # The start creates a few hundred thousand objects that all stay (modules, Qt wrappers,
    # the forms); the cyclic garbage collector would walk them again and again for nothing,
    # about a tenth of the start (issue 10). It is on again before the event loop runs.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_window(args, collecting)
    finally:
        if collecting:
            gc.enable()


def _run_window(args, collecting: bool) -> int:
    skip_feature_scan()  # first: before the window's modules are imported

    from .ui.context import AppContext
    from .ui.language import language

    app = ensure_application()
    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    install_excepthook(data_dir)
    i18n.set_language(getattr(args, "language", None) or i18n.system_language())
    language().set_language(i18n.current_language())
    try:
        store = open_store(data_dir)
    except Exception as exc:  # noqa: BLE001 - a full disk is said in the window, not on a console
        problem = exc if isinstance(exc, StoreError) else plain_error(exc)
        if problem is None:
            raise
        _store_problem(problem)
        return 2
    if store is None:  # a restore was declined: quit without creating anything
        return 1
    window = None
    try:
        try:
            saved = store.get_setting("language")
            chosen = getattr(args, "language", None)
            if chosen is None and saved in i18n.LANGUAGES:
                language().set_language(saved)
            elif chosen and chosen != saved:
                store.set_setting("language", chosen)  # a write: waits for quick_check
            elif saved is None:
                store.set_setting("language", i18n.current_language())
            ctx = AppContext.starting(store, data_dir)  # the forms are loaded when first needed
            window = create_main_window(ctx)
            window.show()
            # The opening's quick_check ran beside the building of the window (core/store/lazy.py).
            store.wait_checked()
            window.reopen_last()
        except Exception as exc:  # noqa: BLE001 - damage found by the check, or met while
            # reading the first page; or a full disk met by the first write (the language)
            problem = exc if isinstance(exc, StoreError) else plain_error(exc)
            if problem is None:
                raise
            if window is not None:  # never used: not closed (that would save its layout), dropped
                window.hide()
                window.deleteLater()
            _store_problem(problem)
            return 2
        if collecting:
            gc.enable()
        return app.exec()
    finally:
        store.close()
