"""One signed ZIP per submission: workbook, PDF, answers JSON, attachments, manifest, signature.

:func:`export_package` renders everything in memory, signs the manifest, then writes the ZIP
atomically: a cancel, a full disk or a read-only folder leaves no partial file. A final report's
export is recorded in its history (event ``exported`` with the package's name and SHA-256).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ... import __version__
from ..errors import CamiError
from ..filenames import file_part
from ..i18n import N_
from .manifest import CERTIFICATE, MANIFEST, SIGNATURE, build_manifest

if TYPE_CHECKING:
    from ..reports.session import ReportSession
    from ..signing.identity import UnlockedIdentity

Progress = Callable[[float, str], None]
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MAIL_LIMIT = 10 * 1024 * 1024  # many mail servers refuse larger messages


class ExportError(CamiError):
    """A package cannot be made."""


@dataclass(frozen=True)
class PackageResult:
    path: Path
    sha256: str
    size: int
    manifest: dict

    @property
    def too_big_for_mail(self) -> bool:
        return self.size > MAIL_LIMIT


def package_basename(form_id: str, country: str, period: str, revision: int, draft: bool = False) -> str:
    """``cami-pow-2014-2020_KZ_2021-2024_r1`` (``_DRAFT`` appended for drafts)."""
    name = f"{file_part(form_id)}_{file_part(country)}_{file_part(period)}_r{revision}"
    return name + "_DRAFT" if draft else name


def _noop(fraction: float, text: str = "") -> None:
    pass


def export_package(store, library, report_id: int, out_dir: Path, identity: UnlockedIdentity, *,
                   short: bool = False, draft: bool = False, progress: Progress | None = None,
                   now: dt.datetime | None = None, comments_in_pdf: bool = False) -> PackageResult:
    """Make the signed package of a report in ``out_dir`` and return where it is.

    ``comments_in_pdf``: show the notes for the Secretariat under their answers in the PDF.
    """
    # Imported here, not at the top: openpyxl, reportlab and pyHanko take about a second to
    # import, and the command line and the window import this module without exporting.
    from ..cycle.extras import answers_extras, comments_for_pdf, manifest_extras, signed_answers
    from ..reports import answers_file
    from ..reports.session import ReportSession
    from .content import build_content
    from .pades import sign_pdf
    from .pdf import render_pdf
    from .workbook import render_workbook

    progress = progress or _noop
    session = ReportSession.open(store, library, report_id)
    record = session.record
    if record.status != "final" and not draft:
        raise ExportError(N_("The report {form} {country} {period} is not final. Make it final first, "
                             "or export a draft package (marked DRAFT)."),
                          form=record.form_id, country=record.country, period=record.period)
    draft = draft and record.status != "final"
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise ExportError(N_("The folder {path} does not exist."), path=str(out_dir))
    now = now or dt.datetime.now(dt.timezone.utc)
    signer = {"name": identity.name, "position": identity.profile.get("position", ""),
              "institution": identity.profile.get("institution", ""), "fingerprint": identity.fingerprint}
    lang = record.language
    content = build_content(session, lang, short=short, draft=draft, signer=signer,
                            comments=comments_for_pdf(store, report_id) if comments_in_pdf else None)
    content.created = now
    base = package_basename(record.form_id, record.country, record.period, record.revision, draft)

    progress(0.02, content.t(N_("Writing the workbook…")))
    workbook = render_workbook(content, lambda f, t: progress(0.02 + 0.2 * f, t))
    progress(0.25, content.t(N_("Writing the PDF…")))
    pdf = render_pdf(content, lambda f, t: progress(0.25 + 0.55 * f, t))
    progress(0.82, content.t(N_("Signing the PDF…")))
    pdf = sign_pdf(pdf, identity, reason=content.t(N_("Submission to the CMS Secretariat")),
                   location=content.country_name())
    # Only what is shown is signed: the answers, translations, notes and suppliers of the
    # visible questions, as the workbook and the PDF (issue 15). Comments for the Secretariat,
    # colleagues' answers and changes since the last revision (issue 11).
    visible = content.review.visible_questions
    extras = answers_extras(store, report_id, session.form, visible)
    document = {**signed_answers(answers_file.dump(session), visible), **extras}
    files = {f"{base}.xlsx": workbook, f"{base}.pdf": pdf,
             f"{base}.json": (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}
    files.update(_attachments(store, session, content.review.visible_questions))
    progress(0.9, content.t(N_("Signing the package…")))
    meta = {
        "form": {"id": record.form_id, "version": record.form_version, "title": session.form.title.get(lang)},
        "report": {"id": record.id, "uid": record.uid, "country": record.country, "period": record.period,
                   "language": lang, "status": record.status, "revision": record.revision, "draft": draft,
                   **manifest_extras(extras)},
        "pdf": "short" if short else "full",
        "application": {"name": "CAMI Reporter", "version": __version__},
        "created": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "signer": {"name": identity.name, "fingerprint": identity.fingerprint},
    }
    manifest = build_manifest(files, meta)
    files.update({MANIFEST: manifest, SIGNATURE: identity.sign(manifest), CERTIFICATE: identity.certificate_pem()})
    progress(0.95, content.t(N_("Writing the package…")))
    path = _free_path(out_dir, base)
    digest, size = _write_zip(path, files, progress)
    detail = {"package": path.name, "sha256": digest, "size": size, "signer": identity.fingerprint,
              "pdf": meta["pdf"], "draft": draft}
    store.add_event(report_id, "exported", detail)
    progress(1.0, "")
    return PackageResult(path, digest, size, json.loads(manifest))


def _free_path(out_dir: Path, base: str) -> Path:
    """``base.zip``, or ``base (2).zip`` … when that name is taken: an earlier package is never overwritten."""
    path, n = out_dir / f"{base}.zip", 1
    while path.exists():
        n += 1
        path = out_dir / f"{base} ({n}).zip"
    return path


def _attachments(store, session: ReportSession, visible: set[str]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for key, value in session.answers.items():
        q = session.form.question(key)
        if q is None or q.type != "attachment" or key not in visible:
            continue
        for item in value or []:
            name = f"attachments/{file_part(str(item['id']))}-{file_part(item['name'])}"
            files[name] = store.attachment_data(item["id"])
    return files


def _write_zip(path: Path, files: dict[str, bytes], progress: Progress) -> tuple[str, int]:
    """Write the ZIP atomically; return its SHA-256 and size.

    The archive is made in memory (its members are there already) and hashed before it is
    written, rather than read back from the disk after.
    """
    from ..signing.atomic import atomic_write

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name.endswith((".xlsx", ".zip")) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
            progress(0.96, "")
    data = buffer.getvalue()
    atomic_write(path, data)
    return hashlib.sha256(data).hexdigest(), len(data)
