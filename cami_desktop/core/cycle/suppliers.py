"""Who supplied an answer: a colleague's name and agency, and whether their return was signed.

A signed return names its supplier by the certificate's name (what the signature proves); an
unsigned one by the name typed into it, marked as unsigned (anyone could have typed it). The
answer history, ``report history``, ``report dump`` and the editor say it the same way.
"""
from __future__ import annotations

from ..i18n import N_, tr
from ..store import HistoryEntry, Store
from ..store.origins import SUPPLIED

SIGNED = N_("Supplied by {who}, signed return")
UNSIGNED = N_("Supplied by {who}, unsigned return")


def supplier_text(supplier: dict | None, lang: str | None = None) -> str:
    """"Supplied by Bakhtiyor Rakhimov (Institute of Zoology), unsigned return"; "" for none."""
    if not supplier or not isinstance(supplier, dict):
        return ""
    signed = bool(supplier.get("fingerprint")) and not supplier.get("unsigned")
    name = (supplier.get("signed_by") if signed else None) or supplier.get("name") or "—"
    agency = supplier.get("agency") or ""
    who = f"{name} ({agency})" if agency else name
    return tr(SIGNED if signed else UNSIGNED, lang, who=who)


def history_with_suppliers(store: Store, report_id: int,
                           key: str | None = None) -> list[tuple[HistoryEntry, dict | None]]:
    """The answer history (oldest first), each change with who supplied it (``None``: the
    focal point). A change written by an undo or redo names no one: it is the focal point's
    step, even when it brings a colleague's answer back (the editor's mark says whose it is)."""
    ranges = [(e.detail["first_id"], e.detail["last_id"], e.detail["supplier"])
              for e in store.events(report_id) if e.kind == SUPPLIED
              and isinstance(e.detail.get("first_id"), int) and isinstance(e.detail.get("last_id"), int)]
    found = []
    for row_id, entry in store.history_rows(report_id, key):
        who = next((s for first, last, s in ranges if first <= row_id <= last), None)
        found.append((entry, who))
    return found
