"""Text from a package, a shared or returned file, a certificate, a file name or an answer is
shown as plain text, never as rich text (issue 15).

Qt guesses: a ``QLabel`` (``Qt.AutoText``) and a ``QMessageBox`` render their text as HTML when it
looks like HTML, and every tooltip goes through ``Qt::mightBeRichText``. A signer named
``<img src=…>`` or ``<font color=white>`` could restyle, hide or link a line of the window. So:

- :func:`plain_label` makes labels that never guess (``Qt.PlainText``; mnemonics still work);
- :func:`tooltip` escapes text for a tooltip (it keeps its line breaks), :func:`set_tooltip` sets it;
- :func:`information`, :func:`warning`, :func:`critical`, :func:`question` and :func:`about` are
  ``QMessageBox``'s static functions, called as they are, with the box they show made plain;
  :func:`message_box` builds a box whose text and informative text are plain (Qt makes the
  informative text's label guess, and follow links, whatever ``textFormat`` says).

Item views draw ``DisplayRole`` as plain text already; their ``ToolTipRole`` needs :func:`tooltip`.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

StandardButton = QMessageBox.StandardButton


def plain_label(*args) -> QLabel:
    """``QLabel(*args)`` that shows its text as it is, never as rich text."""
    label = QLabel(*args)
    label.setTextFormat(Qt.PlainText)
    return label


def make_plain(label: QLabel) -> QLabel:
    """Switch an existing label to plain text; returns it."""
    label.setTextFormat(Qt.PlainText)
    return label


def tooltip(text: str | None) -> str:
    """``text`` for ``setToolTip``/``ToolTipRole``: escaped, so it is shown as written, line breaks kept."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(str(text), quote=False) + "</p>"


def set_tooltip(target, text: str | None, column: int | None = None) -> None:
    """``target.setToolTip(tooltip(text))``; ``column`` for a ``QTreeWidgetItem``."""
    if column is None:
        target.setToolTip(tooltip(text))
    else:
        target.setToolTip(column, tooltip(text))


def plain_box(box: QMessageBox) -> QMessageBox:
    """Make the text and the informative text of ``box`` plain (call after setting them)."""
    box.setTextFormat(Qt.PlainText)
    for label in box.findChildren(QLabel):
        if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
            label.setTextFormat(Qt.PlainText)
            label.setOpenExternalLinks(False)
    return box


def message_box(icon, title: str, text: str, buttons=StandardButton.Ok, parent: QWidget | None = None,
                informative: str | None = None) -> QMessageBox:
    """A ``QMessageBox`` whose text (and informative text) is plain."""
    box = QMessageBox(icon, title, text, buttons, parent)
    if informative is not None:
        box.setInformativeText(informative)
    return plain_box(box)


class _PlainBoxes(QObject):
    """While installed on the application, makes every message box plain as it is shown.

    ``QMessageBox.warning`` and the like build their box inside Qt, out of reach; this catches it
    on its ``Show`` event, which comes before the box lays itself out and paints.
    """

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Show and obj.isWidgetType():
            if obj.inherits("QMessageBox"):
                plain_box(obj)
            elif obj.inherits("QInputDialog"):  # its prompt may quote a signer's name
                for label in obj.findChildren(QLabel):
                    label.setTextFormat(Qt.PlainText)
        return False


def _static(name: str, *args, owner=QMessageBox):
    """Call ``owner.<name>(*args)`` (looked up now) with the box it shows made plain."""
    app = QApplication.instance()
    guard = _PlainBoxes()
    if app is not None:
        app.installEventFilter(guard)
    try:
        return getattr(owner, name)(*args)
    finally:
        if app is not None:
            app.removeEventFilter(guard)


def information(parent, title: str, text: str, *args):
    """``QMessageBox.information`` with plain text; the same arguments and answer."""
    return _static("information", parent, title, text, *args)


def warning(parent, title: str, text: str, *args):
    """``QMessageBox.warning`` with plain text."""
    return _static("warning", parent, title, text, *args)


def critical(parent, title: str, text: str, *args):
    """``QMessageBox.critical`` with plain text."""
    return _static("critical", parent, title, text, *args)


def question(parent, title: str, text: str, *args):
    """``QMessageBox.question`` with plain text; returns the button pressed."""
    return _static("question", parent, title, text, *args)


def about(parent, title: str, text: str) -> None:
    """``QMessageBox.about`` with plain text (a data folder's name is shown in it)."""
    _static("about", parent, title, text)


def get_text(parent, title: str, label: str, *args):
    """``QInputDialog.getText`` whose prompt is plain text; the same arguments and answer."""
    from PySide6.QtWidgets import QInputDialog
    return _static("getText", parent, title, label, *args, owner=QInputDialog)
