"""All reporting formats shipped in ``forms/``, loaded once and looked up by id."""
from __future__ import annotations

from pathlib import Path

from ..errors import FormError
from ..i18n import N_
from ..paths import forms_dir
from .loader import load_form
from .model import Form, Reference
from .reading import Problem
from .reference import load_reference


class FormLibrary:
    """The forms of one folder and the reference data they share."""

    def __init__(self, folder: Path, reference: Reference, forms: dict[str, Form],
                 problems: list[Problem]) -> None:
        self.folder = folder
        self.reference = reference
        self.forms = forms
        self.problems = problems
        self.versions: dict[tuple[str, str], Form] = {(f.id, f.version): f for f in forms.values()}

    @classmethod
    def load(cls, folder: Path | None = None) -> "FormLibrary":
        folder = folder or forms_dir()
        reference, problems = load_reference(folder / "reference")
        forms: dict[str, Form] = {}
        for path in sorted(folder.glob("*.yaml")):
            form, found = load_form(path, reference)
            problems += found
            if form is None:
                continue
            if form.id in forms:
                problems.append(Problem(path.name, "id", f"duplicate form id {form.id!r} "
                                        f"(also in {forms[form.id].path.name})"))
                continue
            forms[form.id] = form
        library = cls(folder, reference, forms, problems)
        # Earlier versions stay loadable so that a report remains tied to the version it was made with.
        for path in sorted((folder / "archive").glob("*.yaml")):
            form, found = load_form(path, reference)
            library.problems += found
            if form is not None:
                library.versions.setdefault((form.id, form.version), form)
        return library

    def check_files(self, paths: list[Path]) -> list[Problem]:
        """Check form files against this library's reference data."""
        problems: list[Problem] = []
        for path in paths:
            problems += load_form(path, self.reference)[1]
        return problems

    def get(self, form_id: str, version: str | None = None) -> Form:
        """The form ``form_id`` in ``version`` (default: the current one)."""
        form = self.forms.get(form_id)
        if form is None:
            raise FormError(N_("There is no reporting format {form}."), form=form_id)
        if version is None or version == form.version:
            return form
        older = self.versions.get((form_id, version))
        if older is None:
            raise FormError(N_("This report was made with version {version} of {form}, "
                               "which this installation does not have."), version=version, form=form_id)
        return older

    def __iter__(self):
        return iter(sorted(self.forms.values(), key=lambda f: f.id))


_default: FormLibrary | None = None


def default_library() -> FormLibrary:
    """The shipped forms, loaded on first use."""
    global _default
    if _default is None:
        _default = FormLibrary.load()
    return _default
