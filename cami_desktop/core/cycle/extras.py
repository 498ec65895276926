"""What the reporting cycle adds to a submission package: comments, suppliers and changes.

The answers JSON of a package gets ``comments`` (the notes meant for the Secretariat; notes for
colleagues stay at home), ``suppliers`` (answers given by a colleague of another agency) and,
from the second revision on, ``changes`` (every answer that differs from the revision submitted
before). The manifest's report metadata names the changed questions, so that the Secretariat sees
at a glance what a new revision is about.
"""
from __future__ import annotations

from typing import Collection

from ..forms.model import Form
from ..store import Store
from .editing import comments
from .revisions import changes


def signed_answers(document: dict, visible: Collection[str]) -> dict:
    """The answers JSON with only the answers and translations of ``visible`` questions.

    A question hidden by a condition keeps its answer in the store (switching back brings it
    back), but the answer is not part of the report: it is never signed, as ODK and Kobo leave
    out the answers of non-relevant questions.
    """
    return {**document,
            "answers": {k: v for k, v in document["answers"].items() if k in visible},
            "translations": {k: v for k, v in document["translations"].items() if k in visible}}


def answers_extras(store: Store, report_id: int, form: Form | None = None,
                   visible: Collection[str] | None = None) -> dict:
    """Keys to add to the package's answers JSON (absent when there is nothing to say).

    With ``visible`` (the keys of the questions shown), notes and suppliers of hidden questions
    are left out, and with ``form`` the changes are those of what is signed.
    """
    extras: dict = {}
    keep = (lambda key: True) if visible is None else (lambda key: key in visible)
    notes = {k: v for k, v in comments_for_pdf(store, report_id).items() if keep(k)}
    if notes:
        extras["comments"] = notes
    suppliers = {k: v for k, v in store.suppliers(report_id).items() if keep(k)}
    if suppliers:
        extras["suppliers"] = dict(sorted(suppliers.items()))
    found = changes(store, report_id, form)
    if found.since is not None:
        extras["changes"] = found.as_dict()
    return extras


def manifest_extras(extras: dict) -> dict:
    """Keys to add to the manifest's ``report`` block, from :func:`answers_extras`."""
    found = extras.get("changes")
    if not found:
        return {}
    return {"changed_since_revision": found["since_revision"],
            "changed_keys": sorted({item["key"] for item in found["changed"]})}


def comments_for_pdf(store: Store, report_id: int) -> dict[str, str]:
    """The Secretariat's notes by key, for a PDF that shows them."""
    return {key: c.text for key, c in comments(store, report_id, "secretariat").items()}
