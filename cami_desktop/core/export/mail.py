"""A draft e-mail (.eml, ``X-Unsent: 1``) to the Secretariat with the package attached.

Mail programs (Outlook, Thunderbird, Apple Mail) open such a file as a message ready to send.
Subject and body are in the report's language.
"""
from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from ..errors import CamiError
from ..i18n import N_, tr
from ..signing.atomic import atomic_write

SUBJECT = N_("CAMI national report: {form} – {country} – {period} (revision {revision})")
BODY = N_("Dear colleagues,\n\nPlease find attached the signed national report of {country} on "
          "{form} for the period {period} (revision {revision}).\n\nPackage: {package}\n"
          "SHA-256: {sha256}\nSigner's certificate fingerprint (SHA-256): {fingerprint}\n\n"
          "The package can be checked with CAMI Reporter (Verify package).\n\nKind regards,\n{name}\n")


def mail_subject(manifest: dict, lang: str, form_title: str, country_name: str) -> str:
    report = manifest["report"]
    return tr(SUBJECT, lang=lang, form=form_title, country=country_name, period=report["period"],
              revision=report["revision"])


def write_draft_email(package: Path, manifest: dict, *, to: str, sender: str = "", lang: str = "en",
                      form_title: str = "", country_name: str = "", package_sha256: str = "") -> Path:
    """Write ``<package>.eml`` next to the package and return its path."""
    package = Path(package)
    if not (to or "").strip():
        raise CamiError(N_("No Secretariat e-mail address is set. Enter it in the settings first."))
    report = manifest["report"]
    message = EmailMessage()
    message["To"] = to.strip()
    if sender:
        message["From"] = sender
    message["Subject"] = mail_subject(manifest, lang, form_title or manifest["form"]["id"],
                                      country_name or report["country"])
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    message.set_content(tr(BODY, lang=lang, country=country_name or report["country"],
                           form=form_title or manifest["form"]["id"], period=report["period"],
                           revision=report["revision"], package=package.name, sha256=package_sha256,
                           fingerprint=manifest["signer"]["fingerprint"], name=manifest["signer"]["name"]))
    message.add_attachment(package.read_bytes(), maintype="application", subtype="zip", filename=package.name)
    path = package.with_suffix(".eml")
    atomic_write(path, message.as_bytes())
    return path
