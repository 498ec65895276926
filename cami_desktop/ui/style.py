"""The look: calm colours, clear type, generous spacing; one style sheet for the whole app."""
from __future__ import annotations

STYLE = """
QWidget#page { background: palette(base); }
QLabel#pageTitle { font-size: 15pt; font-weight: 600; color: #1f3a5f; padding: 2px 0 6px 0; }
QLabel#pageTitle[long="true"] { font-size: 12pt; }
QToolButton::menu-indicator { image: none; width: 0; }
QLabel#pageIntro { color: #444; padding-bottom: 8px; }
QLabel#questionNumber { color: #6b7785; font-weight: 600; padding-top: 1px; }
QLabel#questionLabel { font-weight: 600; color: #1b1b1b; }
QLabel#requiredMarker { color: #c0392b; font-weight: 700; }
QLabel#questionHelp, QLabel#hint { color: #6b7785; }
QLabel#translationLabel { color: #1f5f8b; font-style: italic; }
QLabel#contextText { color: #333; background: #f2f4f7; border-radius: 3px; padding: 3px 6px; }
QLabel#questionMessage[level="error"] { color: #b03a2e; }
QLabel#questionMessage[level="warning"] { color: #9a6b00; }
QLabel#warning { color: #9a6b00; }
QLabel#saveIndicator { color: #2e7d4f; padding: 0 8px; }
QLabel#saveIndicator[state="failed"] { color: #b03a2e; font-weight: 600; }
QWidget#lockBanner { background: #fdf3d8; border-bottom: 1px solid #e8d49a; }
QPushButton#childLink { text-align: left; color: #1f5f8b; border: none; padding: 3px 0; }
QPushButton#childLink:hover { text-decoration: underline; }
QPushButton#primary { font-weight: 600; }
QTreeWidget::item, QTableView::item { padding: 3px 2px; }
"""
