"""Secretariat mode: the inbox and the overview, in place of the focal point's report list."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...core.i18n import tr
from ..language import language
from ..plain import plain_label
from .inbox_view import InboxView
from .overview_view import OverviewView

INBOX_TAB, OVERVIEW_TAB = 0, 1


class SecretariatView(QWidget):
    """The Secretariat's desk: import and list packages; compare and compile the Range States."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("secretariatView")
        layout = QVBoxLayout(self)
        self.title = plain_label(self)
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        self.tabs = QTabWidget(self)
        self.inbox = InboxView(ctx, self.tabs)
        self.overview = OverviewView(ctx, self.tabs)
        self.tabs.addTab(self.inbox, "")
        self.tabs.addTab(self.overview, "")
        layout.addWidget(self.tabs, 1)
        # What was imported shows at once in the overview (new periods, new revisions, signers).
        self.inbox.changed.connect(self.overview.reload_periods)
        language().changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self, *_args) -> None:
        self.title.setText(tr("Secretariat: national reports received"))
        self.tabs.setTabText(INBOX_TAB, tr("Inbox"))
        self.tabs.setTabText(OVERVIEW_TAB, tr("Overview"))

    def signers_changed(self) -> None:
        """Registrations may have changed (Trusted signers): judge the stored submissions' signers again."""
        from ...core.secretariat.inbox import refresh_registrations
        refresh_registrations(self.ctx.store)
        self.reload()  # the dialog may have judged them already: show what it decided

    def reload(self) -> None:
        """Read the store again (after a restore, or when the mode is switched on)."""
        self.inbox.reload()
        self.overview.reload_periods()


if __name__ == "__main__":
    import sys
    import tempfile
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ...core.forms.library import default_library
    from ...core.secretariat.inbox import import_paths
    from ...core.store import Store
    from ..context import AppContext
    app = QApplication(sys.argv)
    with Store.open(Path(tempfile.mkdtemp()), app_version="preview") as preview_store:
        library = default_library()
        if len(sys.argv) > 1:  # packages, e-mails or folders to import first
            import_paths(preview_store, library, [Path(p) for p in sys.argv[1:]])
        view = SecretariatView(AppContext(preview_store, library, preview_store.data_dir))
        view.resize(1280, 800)
        view.show()
        app.exec()
