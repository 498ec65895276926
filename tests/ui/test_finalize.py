"""The declaration of a final report starts with who the person is: profile, else identity."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from cami_desktop.core.signing import create_identity
from cami_desktop.ui.editor.finalize_dialog import FinalizeDialog
from tests.helpers.editor import answer_every_error


def ready_to_finalize(app):
    """A report without errors, open in the editor."""
    record = app.report(form_id="concerted-action", country="KZ", period="2024")
    editor = app.window.open_report(record.id)
    answer_every_error(editor)  # answering may reveal conditional required questions
    assert not editor.review.errors
    return editor


def declared(editor) -> dict:
    """Open the declaration, note what it shows, and cancel it."""
    seen = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FinalizeDialog)
        seen.update(name=dialog.name.text(), position=dialog.position.text(),
                    institution=dialog.institution.text())
        dialog.reject()
    QTimer.singleShot(0, look)
    assert editor.finalize() is False
    return seen


def test_declaration_prefilled_from_the_signing_identity(app, qtbot):
    create_identity(app.folder, name="Aigul Nurlanova", position="Chief specialist",
                    institution="Committee of Forestry and Wildlife", country="KZ",
                    passphrase="correct horse battery")
    editor = ready_to_finalize(app)
    assert declared(editor) == {"name": "Aigul Nurlanova", "position": "Chief specialist",
                                "institution": "Committee of Forestry and Wildlife"}


def test_the_saved_profile_comes_first_and_the_identity_fills_the_gaps(app, qtbot):
    create_identity(app.folder, name="Aigul Nurlanova", position="Chief specialist",
                    institution="Committee of Forestry and Wildlife", country="KZ",
                    passphrase="correct horse battery")
    app.store.set_setting("profile", {"name": "A. Nurlanova", "position": "", "institution": "Ministry"})
    editor = ready_to_finalize(app)
    assert declared(editor) == {"name": "A. Nurlanova", "position": "Chief specialist",
                                "institution": "Ministry"}


def test_a_pasted_declaration_is_cleaned_as_a_one_line_answer(app, qtbot):
    """Word's line break pasted into the name is a space; other control characters go."""
    editor = ready_to_finalize(app)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FinalizeDialog)
        dialog.name.setText("Aigul\x0bNurlanova\x1b[31m")
        dialog.position.setText("Chief\u2028specialist")
        dialog.institution.setText("Ministry\x07")
        dialog.accept()
    QTimer.singleShot(0, fill)
    assert editor.finalize() is True
    declaration = app.store.get_report(editor.session.record.id).declaration
    assert (declaration["name"], declaration["position"], declaration["institution"]) == (
        "Aigul Nurlanova[31m", "Chief specialist", "Ministry")
