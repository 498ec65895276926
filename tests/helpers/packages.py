"""Signed submission packages made quickly, for the Secretariat's tests and benchmarks.

:func:`assemble_package` builds a package exactly as ``export_package`` lays it out (the answers
JSON, the manifest with the same metadata, its signature by the identity, the certificate) but
without rendering the workbook and the PDF, which take a second or more per report; pass their
bytes in ``extra_files`` to get realistic sizes. Real exports are tested in tests/core/export.
"""
from __future__ import annotations

import json
import uuid
from pathlib import Path

from cami_desktop import __version__
from cami_desktop.core.export.manifest import CERTIFICATE, MANIFEST, SIGNATURE, build_manifest
from cami_desktop.core.export.package import _free_path, _write_zip, package_basename
from cami_desktop.core.reports.answers_file import FORMAT as ANSWERS_FORMAT


def assemble_package(identity, out_dir: Path, form, *, country: str, period: str, lang: str,
                     answers: dict, translations: dict | None = None, revision: int = 1,
                     uid: str | None = None, created: str = "2026-05-04T09:12:30Z",
                     extra_files: dict[str, bytes] | None = None, claim_country: str | None = None) -> Path:
    """Write a signed package of these answers into ``out_dir``; return its path.

    ``claim_country`` (default ``country``) is the country the manifest and answers file claim,
    to make a package whose signer is registered for another country.
    """
    claim = claim_country or country
    uid = uid or uuid.uuid5(uuid.NAMESPACE_URL, f"{form.id}/{claim}/{period}").hex
    report = {"id": 1, "uid": uid, "country": claim, "period": period, "language": lang,
              "status": "final", "revision": revision}
    document = {"format": ANSWERS_FORMAT, "form": {"id": form.id, "version": form.version},
                "report": report, "answers": dict(sorted(answers.items())),
                "translations": dict(sorted((translations or {}).items()))}
    base = package_basename(form.id, claim, period, revision)
    files = {f"{base}.json": (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}
    for suffix, data in (extra_files or {}).items():
        files[f"{base}{suffix}"] = data
    meta = {
        "form": {"id": form.id, "version": form.version, "title": form.title.get(lang)},
        "report": {**report, "draft": False},
        "pdf": "short",
        "application": {"name": "CAMI Reporter", "version": __version__},
        "created": created,
        "signer": {"name": identity.name, "fingerprint": identity.fingerprint},
    }
    manifest = build_manifest(files, meta)
    files.update({MANIFEST: manifest, SIGNATURE: identity.sign(manifest),
                  CERTIFICATE: identity.certificate_pem()})
    path = _free_path(Path(out_dir), base)
    _write_zip(path, files, lambda *args: None)
    return path
