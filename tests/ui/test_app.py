"""Starting the window: clear messages for a busy folder; unexpected errors are logged."""
from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QMessageBox

from cami_desktop import app as app_module
from cami_desktop.core.store import Store


def test_data_in_use_is_a_clear_message(tmp_path, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    hook = sys.excepthook
    with Store.open(tmp_path, app_version="test"):
        code = app_module.run_window(argparse.Namespace(data_dir=str(tmp_path), language="en"))
    sys.excepthook = hook
    assert code == 2
    assert "already open" in shown[0]


def test_unexpected_error_is_logged_and_shown(tmp_path, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    hook = sys.excepthook
    try:
        app_module.install_excepthook(tmp_path)
        try:
            raise ValueError("boom")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = hook
    assert "boom" in (tmp_path / "cami.log").read_text()
    assert "boom" in shown[0]


def test_missing_colleague_feature_says_so(app, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setitem(sys.modules, "cami_desktop.ui.verify_dialog", None)  # import fails
    app.window.actions.verify.trigger()
    assert shown and "not available" in shown[0]
