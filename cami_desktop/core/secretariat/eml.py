"""Packages attached to an e-mail saved as ``.eml``: read with the standard library, bounded.

A focal point's mail program saves the message the Secretariat received; the package is its
``.zip`` attachment. Only the attachments' bytes are taken, never their names as paths: the
caller writes them under names of its own, so a hostile ``filename="../../x"`` writes nothing
anywhere.
"""
from __future__ import annotations

import email
import email.policy
import io
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_

MAX_EML_BYTES = 40 * 1024 * 1024      # a mail server rarely passes more than 25-35 MB
MAX_ATTACHMENTS = 20                  # zip attachments taken from one message
MAX_PARTS = 200                       # MIME parts looked at, against deeply nested messages


@dataclass(frozen=True)
class Attachment:
    """A ``.zip`` attachment: the name the sender gave it (for display only) and its bytes."""

    name: str
    data: bytes


@dataclass
class MailContent:
    """The zip attachments of one message, and why anything was left out."""

    subject: str = ""
    sender: str = ""
    attachments: list[Attachment] | None = None
    problems: list[tuple[str, dict]] | None = None


class MailRefused(Exception):
    """The file cannot be read as a message; ``message`` and ``params`` say why (a msgid)."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def _display_name(raw: str | None, index: int) -> str:
    # Names are shown, never used as paths; keep them short and free of control characters.
    text = "".join(ch for ch in (raw or "") if ch.isprintable()).strip()
    return (text or f"attachment-{index}.zip")[-120:]


def _too_large() -> MailRefused:
    return MailRefused(N_("The message is larger than {limit} MB."), limit=MAX_EML_BYTES // (1024 * 1024))


class _Bounded(io.RawIOBase):
    """A file read at most ``limit`` bytes far: a file that grows after its size was checked is refused."""

    def __init__(self, handle, limit: int) -> None:
        super().__init__()
        self.handle, self.left = handle, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        view = memoryview(buffer)
        count = self.handle.readinto(view[:min(len(view), self.left + 1)])
        self.left -= count
        if self.left < 0:
            raise _too_large()
        return count


def read_eml(path: Path) -> MailContent:
    """The zip attachments of the message at ``path``; :class:`MailRefused` if it is not one."""
    size = Path(path).stat().st_size
    if size > MAX_EML_BYTES:
        raise _too_large()
    try:
        # parsed from the file as it is read: from bytes in memory, a 40 MB message took 330 MB
        with open(path, "rb") as handle:
            message = email.message_from_binary_file(io.BufferedReader(_Bounded(handle, MAX_EML_BYTES)),
                                                     policy=email.policy.default)
    except MailRefused:
        raise
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - the email package may raise many kinds on junk
        raise MailRefused(N_("The file is not a readable e-mail message: {reason}"), reason=str(exc)) from None
    result = MailContent(attachments=[], problems=[])
    try:
        result.subject = str(message.get("Subject", "") or "")[:300]
        result.sender = str(message.get("From", "") or "")[:300]
    except Exception:  # noqa: BLE001 - a malformed header must not stop the attachments
        pass
    parts = 0
    for part in message.walk():
        parts += 1
        if parts > MAX_PARTS:
            result.problems.append((N_("The message has more than {limit} parts; the rest was not read."),
                                    {"limit": MAX_PARTS}))
            break
        if part.is_multipart():
            continue
        filename = part.get_filename()
        kind = part.get_content_type()
        is_zip = (filename or "").lower().endswith(".zip") or kind in ("application/zip",
                                                                        "application/x-zip-compressed")
        if not filename and not is_zip:
            continue  # the text of the message
        name = _display_name(filename, len(result.attachments) + 1)
        if not is_zip:
            result.problems.append((N_("The attachment {name} is not a package (.zip) and was ignored."),
                                    {"name": name}))
            continue
        if len(result.attachments) >= MAX_ATTACHMENTS:
            result.problems.append((N_("The message has more than {limit} packages attached; the rest "
                                       "was not read."), {"limit": MAX_ATTACHMENTS}))
            break
        try:
            payload = part.get_payload(decode=True)
        except Exception:  # noqa: BLE001
            payload = None
        if not payload:
            result.problems.append((N_("The attachment {name} is empty or cannot be decoded."), {"name": name}))
            continue
        result.attachments.append(Attachment(name, payload))
    if not result.attachments and not result.problems:
        result.problems.append((N_("The message has no package (.zip) attached."), {}))
    return result
