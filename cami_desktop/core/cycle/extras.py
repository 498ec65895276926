"""What the reporting cycle adds to a submission package: comments, suppliers and changes.

The answers JSON of a package gets ``comments`` (the notes meant for the Secretariat; notes for
colleagues stay at home), ``suppliers`` (answers given by a colleague of another agency) and,
from the second revision on, ``changes`` (every answer that differs from the revision submitted
before). The manifest's report metadata names the changed questions, so that the Secretariat sees
at a glance what a new revision is about.
"""
from __future__ import annotations

from ..store import Store
from .editing import comments
from .revisions import changes


def answers_extras(store: Store, report_id: int) -> dict:
    """Keys to add to the package's answers JSON (absent when there is nothing to say)."""
    extras: dict = {}
    notes = comments_for_pdf(store, report_id)
    if notes:
        extras["comments"] = notes
    suppliers = store.suppliers(report_id)
    if suppliers:
        extras["suppliers"] = dict(sorted(suppliers.items()))
    found = changes(store, report_id)
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
