"""Export the compiled report (workbook or PDF) of a form and period, through the core, off the UI thread.

The overview is built again in the export's language (free texts are gathered for it: an
English annex uses the stored English translations of Russian reports), the matrix filters
shown in the window are applied, and the file is written atomically by the core.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...core.secretariat.compiled_pdf import write_compiled_pdf
from ...core.secretariat.compiled_workbook import write_compiled_workbook
from ...core.secretariat.overview import build_overview

WORKBOOK, PDF = "xlsx", "pdf"
COMPILED_FOLDER = "compiled_folder"  # store setting: where the last compiled report went


@dataclass(frozen=True)
class CompiledRequest:
    """What to export: form, period, language, kind, file and the matrix filters."""

    form_id: str
    period: str
    lang: str
    kind: str
    path: Path
    objective: str | None = None
    priority: str | None = None
    species: str | None = None


def default_name(form_id: str, period: str, lang: str, kind: str) -> str:
    """A file name that says what the file is: ``cami-pow-2014-2020_2021-2024_compiled_en.xlsx``."""
    return f"{form_id}_{period}_compiled_{lang}.{kind}"


def default_folder(store) -> Path:
    """The folder of the last compiled report, else the person's Documents folder."""
    from ..export_dialog import documents_folder
    saved = store.get_setting(COMPILED_FOLDER)
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    return documents_folder()


def write_compiled(store, library, request: CompiledRequest, progress=None) -> Path:
    """Build the overview in the request's language and write the file; return its path."""
    if progress is not None:
        progress(None, "")
    overview = build_overview(store, library, request.form_id, request.period, lang=request.lang)
    if overview.activities is not None and (request.objective or request.priority or request.species):
        overview.activities = overview.activities.filtered(
            objective=request.objective, priority=request.priority, species=request.species)
    if progress is not None:
        progress(0.3, "")
    writer = write_compiled_workbook if request.kind == WORKBOOK else write_compiled_pdf
    return Path(writer(overview, request.path, request.lang))
