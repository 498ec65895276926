"""The shared-section file: what goes to a colleague and what comes back, plain or signed.

A file is one JSON object ``{"payload": {...}, "signature": null | {...}}``. The payload says
which report and sections it is about and holds their answers; the signature, when the sender
has an unlocked identity, is over the payload's canonical JSON (sorted keys, compact, UTF-8) and
carries the signer's certificate, so that the receiver sees who signed and that nothing changed.

Files come from outside, so reading is bounded and checks every part's shape before anything is
used: a size limit, JSON depth, types, lengths and counts. A file may also be an ``.eml`` draft
(as written here) with the JSON attached.
"""
from __future__ import annotations

import base64
import json
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formatdate
from pathlib import Path
from typing import Any

from cryptography import x509

from ..errors import CamiError, os_reason
from ..i18n import N_, tr
from ..signing.atomic import atomic_write
from ..signing.crypto import verify_bytes
from ..signing.identity import UnlockedIdentity, fingerprint, subject_name
from ..store.cycle import AUDIENCES
from ..values import loads_bounded, normal_breaks, shown_name, text_problem
from .editing import MAX_COMMENT

FORMAT = "cami-share/1"
KINDS = ("share", "return")
MAX_FILE = 4 * 1024 * 1024    # sections of one report: far below this
MAX_KEYS = 2000
MAX_TEXT = 200                # names, keys, ids
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
MAIL_SUBJECT = N_("CAMI shared sections: {form} – {country} – {period}")
MAIL_BODY = N_("Dear colleague,\n\nPlease find attached sections {sections} of the CAMI national "
               "report of {country} for the period {period}. Open the attached file with CAMI "
               "Reporter (cami-desktop share open FILE), answer, and send back the file it "
               "makes (share return).\n\nKind regards,\n{name}\n")


class ShareError(CamiError):
    """A shared-section file cannot be used."""


def _bad(path: Path, reason: str) -> ShareError:
    return ShareError(N_("{path} is not a CAMI shared-section file, or it is damaged ({reason})."),
                      path=Path(path).name, reason=reason)


def canonical(payload: dict) -> bytes:
    """The bytes a signature covers."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def build(payload: dict, identity: UnlockedIdentity | None) -> bytes:
    """The file's bytes: the payload, signed when an unlocked identity is given."""
    signature = None
    if identity is not None:
        signature = {"certificate": identity.certificate_pem().decode("ascii"),
                     "fingerprint": identity.fingerprint,
                     "value": base64.b64encode(identity.sign(canonical(payload))).decode("ascii")}
    text = json.dumps({"payload": payload, "signature": signature}, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def write(path: Path, data: bytes) -> Path:
    path = Path(path)
    atomic_write(path, data)
    return path


def write_email(path: Path, data: bytes, *, to: str, sender_name: str, lang: str, form: str,
                country: str, period: str, sections: list[str]) -> Path:
    """Write ``<path>.eml``: a draft message to ``to`` with the file attached."""
    if not (to or "").strip():
        raise CamiError(N_("Give the colleague's e-mail address."))
    message = EmailMessage()
    message["To"] = to.strip()
    message["Subject"] = tr(MAIL_SUBJECT, lang=lang, form=form, country=country, period=period)
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    message.set_content(tr(MAIL_BODY, lang=lang, sections=", ".join(sections), country=country,
                           period=period, name=sender_name))
    message.add_attachment(data, maintype="application", subtype="json", filename=Path(path).name)
    eml = Path(path).with_suffix(".eml")
    atomic_write(eml, message.as_bytes())
    return eml


def read(path: Path) -> tuple[dict, dict | None]:
    """Read and check a file; return its payload and who signed it (``None``: not signed).

    The signer is ``{"name", "fingerprint"}``; a signature that does not match is refused.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise ShareError(N_("{path} is too large for a shared-section file ({size} bytes; "
                                "at most {limit})."), path=path.name, size=size, limit=MAX_FILE)
        with open(path, "rb") as handle:
            # bounded: a pipe or a device (/dev/zero) has no size to check first
            raw = handle.read(MAX_FILE + 1)
        if len(raw) > MAX_FILE:
            raise ShareError(N_("{path} is too large for a shared-section file ({size} bytes; "
                                "at most {limit})."), path=path.name, size=len(raw), limit=MAX_FILE)
    except OSError as exc:
        raise CamiError(N_("Cannot read {path}: {reason}"), path=str(path),
                        reason=os_reason(exc)) from None
    if path.suffix.lower() == ".eml":
        raw = _from_email(path, raw)
    try:
        data = loads_bounded(raw)  # depth and count bounded before anything is built
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad(path, "not JSON") from None
    if not isinstance(data, dict) or set(data) != {"payload", "signature"}:
        raise _bad(path, "payload")
    payload = data["payload"]
    try:
        _check_payload(payload)
    except ValueError as exc:
        raise _bad(path, str(exc)) from None
    return payload, _check_signature(path, payload, data["signature"])


def _from_email(path: Path, raw: bytes) -> bytes:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    for part in message.iter_attachments():
        if (part.get_filename() or "").lower().endswith(".json"):
            content = part.get_content()
            return content if isinstance(content, bytes) else content.encode("utf-8")
    raise _bad(path, "no .json attachment")


def _check_signature(path: Path, payload: dict, signature: Any) -> dict | None:
    if signature is None:
        return None
    if not isinstance(signature, dict) or not all(
            isinstance(signature.get(k), str) for k in ("certificate", "fingerprint", "value")):
        raise _bad(path, "signature")
    try:
        cert = x509.load_pem_x509_certificate(signature["certificate"].encode("ascii"))
        value = base64.b64decode(signature["value"], validate=True)
    except (ValueError, UnicodeEncodeError):
        raise _bad(path, "signature") from None
    if not verify_bytes(cert, value, canonical(payload)):
        raise ShareError(N_("The signature of {path} does not match its contents: the file was "
                            "changed after it was signed."), path=path.name)
    # the name in the certificate is shown: one line of plain text, whatever it holds
    return {"name": shown_name(subject_name(cert)), "fingerprint": fingerprint(cert)}


def sender(name: Any, agency: Any) -> dict:
    """Who writes a share or a return, as the file holds it, checked as the receiver checks it.

    Refused at once (one sentence) rather than written into a file the other side would refuse
    as damaged: each is one line of plain text of at most :data:`MAX_TEXT` characters.
    """
    found = {"name": (name or "").strip(), "agency": (agency or "").strip()}
    for value in found.values():
        if len(value) > MAX_TEXT:
            raise CamiError(N_("A name or agency can have at most {limit} characters."), limit=MAX_TEXT)
        if shown_name(value, MAX_TEXT) != value:
            raise CamiError(N_("A name or agency must be one line without control characters: {value}"),
                            value=shown_name(value))
    return found


def _text(value: Any, where: str, limit: int = MAX_TEXT) -> str:
    """A name, key or id: one line of plain text, at most ``limit`` characters."""
    if not isinstance(value, str) or len(value) > limit or shown_name(value, limit) != value:
        raise ValueError(where)
    return value


def _long_text(block: dict, key: str, where: str, limit: int) -> None:
    """A text of several lines (a translation, a note): line breaks made ``\\n``, no other control."""
    value = block[key] if isinstance(block, dict) else None
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError(where)
    value = normal_breaks(value)
    if text_problem(value) is not None:
        raise ValueError(where)
    block[key] = value


def _check_payload(payload: Any) -> None:
    """Raise ``ValueError(place)`` unless the payload has the expected shape."""
    if not isinstance(payload, dict):
        raise ValueError("payload")
    if payload.get("format") != FORMAT:
        raise ValueError("format")
    if payload.get("kind") not in KINDS:
        raise ValueError("kind")
    if not _HEX32.match(_text(payload.get("share_id"), "share_id")):
        raise ValueError("share_id")
    _text(payload.get("created", ""), "created")
    for part, names in (("form", ("id", "version")),
                        ("report", ("uid", "country", "period", "language")),
                        ("from", ("name", "agency"))):
        block = payload.get(part)
        if not isinstance(block, dict):
            raise ValueError(part)
        for name in names:
            _text(block.get(name), f"{part}.{name}")
    for part in ("sections", "keys"):
        items = payload.get(part)
        if not isinstance(items, list) or len(items) > MAX_KEYS:
            raise ValueError(part)
        for index, item in enumerate(items):
            _text(item, f"{part}[{index}]")
    for part in ("answers", "translations", "comments"):
        block = payload.get(part, {})
        if not isinstance(block, dict) or len(block) > MAX_KEYS:
            raise ValueError(part)
        for key, value in block.items():
            _text(key, part)
            if part == "translations":
                _long_text(block, key, f"{part}.{key}", MAX_FILE)
            elif part == "comments":
                if not isinstance(value, dict) or value.get("audience") not in AUDIENCES:
                    raise ValueError(f"{part}.{key}")
                _long_text(value, "text", f"{part}.{key}", MAX_COMMENT)
