"""Read one received package into what the inbox stores, or say why it is refused.

Order matters: cheap bounds first (file size, member count, uncompressed size, so a ZIP bomb is
refused before anything is inflated), then the full assessment (signature, hashes, signer), then
the answers, whose bytes must be exactly the ones the signed manifest lists, and whose content
must agree with the manifest and fit the form.
"""
from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import CamiError
from ..export.manifest import CONTROL_FILES, sha256
from ..forms.reporters import is_country, reporter_of
from ..i18n import N_
from ..reports.review import review
from ..reports.values import check_value, clean_text
from ..store.records import utcnow
from ..values import JsonTooLarge, loads_bounded, plain, shown_name
from .reasons import from_problem, reason

MAX_PACKAGE_BYTES = 50 * 1024 * 1024       # five times what mail servers usually pass
MAX_MEMBERS = 1000
MAX_UNCOMPRESSED = 300 * 1024 * 1024       # all members together, as the ZIP declares them
MAX_ANSWERS_BYTES = 8 * 1024 * 1024        # the answers JSON of the largest form is ~0.2 MB
MAX_TRANSLATION = 100_000                  # characters of one translated answer
MAX_REVISION = 1_000_000
MAX_PROBLEMS = 20                          # reasons kept for a refused package
MAX_FIELD = 200                            # characters of the report's uid, period, date of creation


class PackageRefused(Exception):
    """The package is not accepted; ``reasons`` (storable, see :mod:`.reasons`) say why."""

    def __init__(self, reasons: list[dict]) -> None:
        super().__init__("; ".join(r["message"] for r in reasons))
        self.reasons = reasons


def _refuse(message: str, **params: Any) -> PackageRefused:
    return PackageRefused([reason(message, **params)])


def precheck(path: Path) -> None:
    """Refuse a file too large, not a ZIP, or declaring too much content, before inflating anything."""
    size = path.stat().st_size
    if size > MAX_PACKAGE_BYTES:
        raise _refuse(N_("The package is larger than {limit} MB."), limit=MAX_PACKAGE_BYTES // (1024 * 1024))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(N_("The file is not a readable package (ZIP): {reason}"), reason=exc) from None
    if len(infos) > MAX_MEMBERS:
        raise _refuse(N_("The package holds more than {limit} files."), limit=MAX_MEMBERS)
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
        raise _refuse(N_("The package would unpack to more than {limit} MB."),
                      limit=MAX_UNCOMPRESSED // (1024 * 1024))


def read_submission(path: Path, store, library) -> tuple[dict, dict, dict]:
    """The submission's column values, answers and translations; :class:`PackageRefused` if invalid."""
    from ..trust.assess import Verdict  # the registry of signers (issue 8)
    from ..trust.organizations import assess_submission
    precheck(path)
    assessment = assess_submission(path, store, on=utcnow())  # arriving now: nothing to look up
    # kept in the store and shown: names from the certificate and the package made plain text
    reasons = plain([from_problem(p) for p in assessment.reasons])
    if assessment.verdict is Verdict.INVALID:
        raise PackageRefused(reasons or [reason(N_("The package is not valid."))])
    manifest = assessment.manifest
    document = _answers_document(path, manifest)
    form_meta, report = manifest.get("form") or {}, manifest.get("report") or {}
    form = _form(library, form_meta)
    _agree(document, form_meta, report)
    _reporter_fits(form, str(report.get("country") or ""))
    answers, translations = _checked_answers(form, document)
    progress = review(form, answers).overall
    values = {
        "report_uid": _plain(report["uid"]), "form_id": form.id, "form_version": form.version,
        "country": report["country"], "period": _plain(report["period"]),
        "language": report.get("language") if report.get("language") in ("en", "ru") else "en",
        "revision": int(report["revision"]), "report_status": _plain(report.get("status") or ""),
        "draft": bool(report.get("draft")), "created": _plain(manifest.get("created") or "") or None,
        # the name in a stranger's certificate is shown, never refused: it is made plain text
        "signer_name": shown_name(assessment.signer_name or ""), "signer_fingerprint": assessment.fingerprint,
        "verdict": assessment.verdict.value, "reasons": reasons,
        "completeness": _percent(progress), "progress_state": progress.state,
    }
    return values, answers, translations


def _plain(value: Any) -> str:
    """A short text of the manifest (uid, period, status, date): one line, no control characters."""
    return shown_name(str(value), MAX_FIELD)


def _percent(progress) -> int:
    """Completeness rounded down: 740 of 743 answered is 99 %, never "100 % (Partly answered)"."""
    return 100 if progress.total == 0 else progress.answered * 100 // progress.total


def _answers_document(path: Path, manifest: dict) -> dict:
    """The package's answers JSON, exactly as listed (and so signed) in the manifest."""
    entries = [e for e in manifest.get("files", []) if e["path"].endswith(".json")
               and e["path"] not in CONTROL_FILES and len(PurePosixPath(e["path"]).parts) == 1]
    if len(entries) != 1:
        raise _refuse(N_("The package does not hold exactly one answers file (.json)."))
    entry = entries[0]
    if entry["size"] > MAX_ANSWERS_BYTES:
        raise _refuse(N_("The answers file is larger than {limit} MB."), limit=MAX_ANSWERS_BYTES // (1024 * 1024))
    with zipfile.ZipFile(path) as archive:
        with archive.open(entry["path"]) as handle:
            data = handle.read(MAX_ANSWERS_BYTES + 1)
    # The file may have been swapped since it was verified: only the signed bytes count.
    if len(data) != entry["size"] or sha256(data) != entry["sha256"]:
        raise _refuse(N_("The answers file changed while it was being read."))
    try:
        # bounded before it is built: 6 KB of ZIP made 700,000 table rows and 380 MB
        document = loads_bounded(data)
    except JsonTooLarge as exc:
        raise _refuse(N_("The answers file is not acceptable: {problem}"),
                      problem=reason(exc.message, limit=exc.limit)) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _refuse(N_("The answers file is not valid JSON: {reason}"), reason=exc) from None
    if not isinstance(document, dict) or not isinstance(document.get("answers"), dict) \
            or not isinstance(document.get("translations", {}), dict):
        raise _refuse(N_("The answers file does not have the expected shape."))
    return document


def _form(library, form_meta: dict):
    try:
        return library.get(str(form_meta.get("id")), str(form_meta.get("version")))
    except CamiError as exc:
        raise PackageRefused([reason(exc.message, **exc.params)]) from None


def _agree(document: dict, form_meta: dict, report: dict) -> None:
    """The answers file, the manifest and the answers themselves must tell the same story."""
    problems = []
    inner_form = document.get("form") or {}
    inner = document.get("report") or {}
    if inner_form.get("id") != form_meta.get("id") or inner_form.get("version") != form_meta.get("version"):
        problems.append(reason(N_("The answers file belongs to another form than the manifest names.")))
    for key in ("uid", "country", "period", "revision"):
        if inner.get(key) != report.get(key):
            problems.append(reason(N_("The answers file and the manifest disagree on the report's {field}."),
                                   field=key))
    revision = report.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or not 0 < revision <= MAX_REVISION \
            or not _short_text(report.get("uid")) or not _short_text(report.get("period")):
        problems.append(reason(N_("The manifest does not say which report this is.")))
    stated = document["answers"].get("range_state")
    # An organization's report has no Range State of its own (the question is hidden for it).
    if stated is not None and stated != report.get("country") and is_country(str(report.get("country") or "")):
        problems.append(reason(N_("The report names {stated} as its Range State, but the package is "
                                  "from {country}."), stated=stated, country=report.get("country")))
    if problems:
        raise PackageRefused(problems)


def _short_text(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_FIELD and shown_name(value) == value


def _reporter_fits(form, reporter: str) -> None:
    """The reporter must be one the form accepts: its countries, or an organization where allowed.

    A Programme of Work report from a country outside the Range States, or an organization's
    report of a form filed by countries, would have no place in the overview.
    """
    arguments = {"country": reporter} if is_country(reporter) else {"organization": reporter}
    try:
        stored = reporter_of(form, **arguments)
    except CamiError as exc:
        raise PackageRefused([reason(exc.message, **exc.params)]) from None
    if stored != reporter or shown_name(reporter) != reporter:
        # e.g. a lower-case code, doubled spaces or a broken character: not what the app writes
        raise _refuse(N_("The manifest does not say which report this is."))


def _checked_answers(form, document: dict) -> tuple[dict, dict]:
    answers, problems = {}, []
    for key, value in document["answers"].items():
        if len(problems) >= MAX_PROBLEMS:
            break  # 20 reasons say enough; 100,000 would fill memory
        question = form.question(key)
        if question is None:
            problems.append(reason(N_("The form {form} has no question {key}."), form=form.id, key=key))
            continue
        try:
            checked = check_value(form, question, value)
        except CamiError as exc:
            # The form's own message, kept untranslated so that it reads in either language.
            problems.append(reason(N_("The answer {key} does not fit the form: {problem}"),
                                   key=key, problem=reason(exc.message, **exc.params)))
            continue
        if checked is not None:
            answers[key] = checked
    translations = {}
    for key, text in (document.get("translations") or {}).items():
        if len(problems) >= MAX_PROBLEMS:
            break
        question = form.question(key)
        if question is None or not question.free_text or not isinstance(text, str) \
                or len(text) > MAX_TRANSLATION:
            problems.append(reason(N_("The translation of {key} is not acceptable."), key=key))
            continue
        try:
            text = clean_text(text, key)
        except CamiError as exc:
            problems.append(reason(N_("The answer {key} does not fit the form: {problem}"),
                                   key=key, problem=reason(exc.message, **exc.params)))
            continue
        if text.strip():
            translations[key] = text
    if problems:
        raise PackageRefused(problems[:MAX_PROBLEMS])
    return answers, translations
