"""The colleague's side of a share: open the file as a working copy, answer, send it back.

No account and no network: the working copy is an ordinary local report (same form, country,
period and language) holding only the shared questions' answers, marked in the store as the copy
of that share. It is filled like any report (``report fill``, or the window); the return holds
the answers of the shared questions only, whatever else was typed into the copy.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import CamiError
from ..forms.library import FormLibrary
from ..forms.reporters import reporter_arguments, reporter_of
from ..i18n import N_
from ..reports.session import LANGUAGES, parse_period
from ..signing.identity import UnlockedIdentity
from ..store import ReportRecord, Store
from . import sharefile
from .share import _now, check_answers, refuse_unsendable, shared_keys, supplier_of
from .sharefile import ShareError


def open_share(store: Store, library: FormLibrary, path: Path) -> tuple[ReportRecord, dict | None]:
    """Create the local working copy of a shared-section file; return it and who signed the file.

    Opening the same share twice is refused (the first copy may already hold answers).
    """
    payload, signer = sharefile.read(path)
    if payload["kind"] != "share":
        raise ShareError(N_("{path} is a colleague's return; open it from the original report "
                            "(share diff)."), path=Path(path).name)
    form = library.get(payload["form"]["id"], payload["form"]["version"])
    report = payload["report"]
    if report["language"] not in LANGUAGES:
        raise ShareError(N_("{path} is not a CAMI shared-section file, or it is damaged ({reason})."),
                         path=Path(path).name, reason="report.language")
    parse_period(report["period"])
    _check_reporter(form, report["country"], path)
    keys = shared_keys(form, payload["sections"]) if payload["sections"] else []
    if sorted(keys) != sorted(payload["keys"]):
        raise ShareError(N_("{path} is not a CAMI shared-section file, or it is damaged ({reason})."),
                         path=Path(path).name, reason="keys")
    check_answers(form, payload, set(keys), path)
    existing = store.find_shared_copy(payload["share_id"])
    if existing is not None:
        raise CamiError(N_("This share is already open as report {id}."), id=existing)
    record = store.create_report(form_id=form.id, form_version=form.version,
                                 country=report["country"], period=report["period"],
                                 language=report["language"])
    try:
        # The sender's answers, recorded as supplied by the sender.
        store.set_answers_from(record.id, payload["answers"], payload["translations"],
                               supplier_of(payload, signer))
        for key, note in payload.get("comments", {}).items():
            store.set_comment(record.id, key, note["text"], note["audience"])
        store.mark_shared_copy(record.id, payload["share_id"], {
            "source_uid": report["uid"], "sections": payload["sections"], "keys": keys,
            "from": payload["from"], "signer": signer, "file": Path(path).name,
        })
    except BaseException:
        # No half-made copy is left behind (a full disk, a cancel).
        store.delete_report(record.id)
        store.purge_report(record.id)
        raise
    return store.get_report(record.id), signer


def _check_reporter(form, reporter: str, path: Path) -> None:
    """The country (or organization) the file names must be one that may file ``form``, as it
    would be for a report made here: a code the form offers, or an organization's name where the
    form allows one."""
    try:
        stored = reporter_of(form, **reporter_arguments(reporter))
    except CamiError as exc:
        raise ShareError(N_("{path} names a reporter that cannot file this form: {reason}"),
                         path=Path(path).name, reason=exc) from None
    if stored != reporter:  # "kz" for KZ, or an organization's name with runs of spaces
        raise ShareError(N_("{path} is not a CAMI shared-section file, or it is damaged ({reason})."),
                         path=Path(path).name, reason="report.country")


def export_return(store: Store, library: FormLibrary, report_id: int, out: Path, *,
                  supplier: dict, identity: UnlockedIdentity | None = None,
                  email_to: str | None = None) -> Path:
    """Write the working copy's answers to the shared questions to ``out``, for the sender."""
    copy = store.shared_copy(report_id)
    if copy is None:
        raise CamiError(N_("Report {id} is not a copy of shared sections."), id=report_id)
    if not (supplier.get("name") or "").strip():
        raise CamiError(N_("Say who is answering: --name NAME (and --agency AGENCY), or fill in "
                           "the profile."))
    record = store.get_report(report_id)
    keys = copy["keys"]
    answers, texts = store.answers(report_id), store.translations(report_id)
    notes = {k: {"text": c.text, "audience": c.audience}
             for k, c in store.comments(report_id).items() if k in keys}
    refuse_unsendable(library.get(record.form_id, record.form_version), keys, answers, texts, notes)
    payload = {
        "format": sharefile.FORMAT, "kind": "return", "share_id": copy["share_id"],
        "created": _now(),
        "form": {"id": record.form_id, "version": record.form_version},
        "report": {"uid": copy["source_uid"], "country": record.country, "period": record.period,
                   "language": record.language},
        "sections": copy["sections"], "keys": keys,
        "answers": {k: answers[k] for k in keys if k in answers},
        "translations": {k: texts[k] for k in keys if k in texts},
        "comments": notes,
        "from": sharefile.sender(supplier["name"], supplier.get("agency")),
    }
    data = sharefile.build(payload, identity)
    path = sharefile.write(out, data)
    if email_to is not None:
        form = library.get(record.form_id, record.form_version)
        sharefile.write_email(path, data, to=email_to, sender_name=payload["from"]["name"],
                              lang=record.language, form=form.short_title.get(record.language),
                              country=record.country, period=record.period, sections=copy["sections"])
    store.add_event(report_id, "share_returned", {"share_id": copy["share_id"], "file": path.name})
    return path
