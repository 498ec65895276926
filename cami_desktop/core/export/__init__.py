"""Exports of a report (Qt-free): the workbook, the PDF, and the signed submission package."""
from __future__ import annotations
