"""Foreign text is shown as plain text, never as rich text (issue 15).

Markup is fed in where a stranger or a colleague controls the text: a signer's name, a package's
file name, the answers of a package and of a returned file, the sender and supplier of shared
sections, an answer's history, an error quoting a value. Each place must show it as written: a
label that shows it is ``Qt.PlainText``, a tooltip holds it escaped, a message box is plain.
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QMessageBox, QWidget

from cami_desktop.core import cycle
from cami_desktop.core.errors import CamiError
from cami_desktop.core.trust.assess import register_certificate
from cami_desktop.ui import plain
from cami_desktop.ui.background import running, show_error
from tests.helpers.hostile import MARKUP, hostile_pow_package

RAW = "<b>X"  # in MARKUP: found raw only where the markup is shown as it is
POW, PERIOD = "cami-pow-2014-2020", "2021-2024"
SIGNER = "<b>X</b><font color=red>Mallory</font><img src=x>"  # a certificate's name: 64 characters at most


def _indexes(model, parent=None, limit=5000):
    """Every index of ``model`` (depth first), at most ``limit``."""
    from PySide6.QtCore import QModelIndex
    parent = parent if parent is not None else QModelIndex()
    found = []
    for row in range(model.rowCount(parent)):
        for col in range(model.columnCount(parent)):
            index = model.index(row, col, parent)
            found.append(index)
            if len(found) >= limit:
                return found
        found += _indexes(model, model.index(row, 0, parent), limit - len(found))
    return found


def rich_places(root: QWidget) -> list[str]:
    """The places under ``root`` that would render the markup as rich text."""
    bad = []
    widgets = [root] + root.findChildren(QWidget)
    for widget in widgets:
        if isinstance(widget, QLabel) and RAW in widget.text() and widget.textFormat() != Qt.PlainText:
            bad.append(f"label {widget.objectName() or type(widget.parent()).__name__}: {widget.text()[:60]!r}")
        if RAW in widget.toolTip():
            bad.append(f"tooltip of {type(widget).__name__}: {widget.toolTip()[:60]!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for index in _indexes(widget.model()):
                tip = index.data(Qt.ToolTipRole)
                if isinstance(tip, str) and RAW in tip:
                    bad.append(f"item tooltip in {type(widget).__name__}: {tip[:60]!r}")
    return bad


def shown_as_written(root: QWidget) -> bool:
    """Whether the markup is shown somewhere under ``root``, as text (the test has something to check)."""
    for widget in [root] + root.findChildren(QWidget):
        if isinstance(widget, QLabel) and RAW in widget.text():
            return True
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            if any(RAW in str(index.data(Qt.DisplayRole) or "") for index in _indexes(widget.model())):
                return True
        if "&lt;b&gt;X" in widget.toolTip():
            return True
    return False


def assert_plain(root: QWidget) -> None:
    assert shown_as_written(root), "the markup is not shown anywhere: nothing was checked"
    assert rich_places(root) == []


def next_box() -> list[dict]:
    """Look at the next message box shown (its labels' formats and texts), then close it."""
    seen: list[dict] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        seen.append({label.objectName(): (label.textFormat(), label.text()) for label in box.findChildren(QLabel)
                     if label.text()})
        box.done(0)
    QTimer.singleShot(0, look)
    return seen


def assert_plain_box(seen: list[dict]) -> None:
    assert seen, "no message box was shown"
    texts = seen[0]
    assert any(RAW in text for _, text in texts.values()), texts
    assert all(fmt == Qt.PlainText for fmt, text in texts.values() if RAW in text), texts


# -- the helpers themselves ----------------------------------------------------------------------

def test_tooltip_escapes_and_keeps_line_breaks():
    tip = plain.tooltip(f"{MARKUP}\nsecond line")
    assert RAW not in tip and "&lt;b&gt;X" in tip and "white-space:pre-wrap" in tip
    from PySide6.QtGui import Qt as GuiQt
    assert GuiQt.mightBeRichText(MARKUP)  # what a tooltip would do with the text itself
    assert plain.tooltip("") == "" and plain.tooltip(None) == ""


def test_plain_label_and_the_message_boxes(qtbot):
    label = plain.plain_label(MARKUP)
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.PlainText and label.text() == MARKUP
    for call in (plain.warning, plain.information, plain.critical, plain.question):
        seen = next_box()
        call(None, "Title", MARKUP)
        assert_plain_box(seen)
    box = plain.message_box(QMessageBox.Warning, "Title", MARKUP, informative=MARKUP)
    qtbot.addWidget(box)
    formats = {label.objectName(): label.textFormat() for label in box.findChildren(QLabel) if label.text()}
    assert formats["qt_msgbox_label"] == formats["qt_msgbox_informativelabel"] == Qt.PlainText


def test_without_the_helper_qt_would_render_it(qtbot):
    """The checks above can fail: Qt's own static message box guesses rich text."""
    seen = next_box()
    QMessageBox.warning(None, "Title", MARKUP)
    assert seen[0]["qt_msgbox_label"][0] == Qt.AutoText


# -- the window --------------------------------------------------------------------------------

def test_an_error_quoting_a_value_and_the_signer_question_are_plain(qtbot):
    from cami_desktop.ui.trust_dialog import confirm_registration

    seen = next_box()
    show_error(None, CamiError("Cannot read {path}: {reason}", path=MARKUP, reason="gone"))
    assert_plain_box(seen)
    seen = next_box()
    confirm_registration(None, "KZ", "AB:CD", MARKUP)
    assert seen and all(fmt == Qt.PlainText for fmt, text in seen[0].values() if "Register" in text)


def _drop(qtbot, view, folder) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    view.inbox.last_result = None
    view.inbox.dropEvent(QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    qtbot.waitUntil(lambda: view.inbox.last_result is not None, timeout=30000)
    qtbot.waitUntil(lambda: running() == 0, timeout=10000)


def test_the_secretariats_inbox_overview_and_verify_dialog(qtbot, app, tmp_path):
    identity, package = hostile_pow_package(tmp_path / "id", tmp_path / "inbox", [MARKUP], SIGNER)
    (tmp_path / "inbox" / f"{RAW}<img src=x>.zip").write_bytes(b"not a zip")
    register_certificate(app.store, "KZ", identity.certificate_pem())
    app.window.secretariat_action.trigger()
    desk = app.window.secretariat
    _drop(qtbot, desk, tmp_path / "inbox")
    inbox = desk.inbox
    for row in range(inbox.table.rowCount()):
        inbox.table.selectRow(row)
        assert rich_places(desk) == []
    assert shown_as_written(inbox)
    desk.overview.choose(POW, PERIOD)
    desk.tabs.setCurrentWidget(desk.overview)
    assert_plain(desk.overview)

    from cami_desktop.ui.verify_dialog import VerifyDialog
    dialog = VerifyDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(package))
    dialog.check.click()
    qtbot.waitUntil(lambda: dialog.assessment is not None, timeout=10000)
    assert rich_places(dialog) == []
    assert SIGNER in dialog.details.toPlainText()  # a plain-text view: shown as written


def test_shared_sections_returned_answers_and_history(qtbot, app, tmp_path):
    library = app.ctx.library
    record = app.report()
    app.store.set_answers(record.id, {"population_estimate": 1000, "estimate_method": "Ground count"})
    shared = tmp_path / "shared.json"
    cycle.export_share(app.store, library, record.id, ["populations"], shared,
                       sender={"name": f"Aigul {MARKUP}", "agency": MARKUP})
    # the colleague's side: who shared the sections is said in the window
    editor = app.window.cycle_actions.open_shared_file(shared)
    assert editor is not None
    assert_plain(editor.cycle.bar)
    copy_id = editor.session.record.id
    app.store.set_answers(copy_id, {"estimate_method": MARKUP})
    app.window.close_report()
    back = tmp_path / "back.json"
    cycle.export_return(app.store, library, copy_id, back, supplier={"name": f"Bolat {MARKUP}", "agency": MARKUP})
    # ours: the comparison, then the answer taken with its supplier
    editor = app.window.open_report(record.id)
    dialog = app.window.cycle_actions.import_file(back)
    assert dialog is not None
    assert_plain(dialog)
    dialog.accept_all_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    dialog.close()
    editor.goto_question("estimate_method")
    row = editor.row("estimate_method")
    assert RAW in row.cycle_marks.supplier_text()
    assert_plain(row)
    from cami_desktop.ui.editor.history_dialog import HistoryDialog
    history = HistoryDialog(app.store, editor.session, "estimate_method", editor)
    qtbot.addWidget(history)
    assert rich_places(history) == []
    assert any("&lt;b&gt;X" in str(index.data(Qt.ToolTipRole) or "")
               for view in history.findChildren(QAbstractItemView) for index in _indexes(view.model()))
