"""Python's own words for why a file could not be read, said in the reader's language.

A refusal keeps the cause the standard library gave (``File is not a zip file``, ``[Errno 2]
No such file or directory: 'x.zip'``, ``Expecting value: line 1 column 1 (char 0)``…) as a
parameter of its reason. Those words are English whatever the interface language, and some
are jargon; the common ones are recognised here and replaced by a translated sentence when the
reason is shown. A cause not recognised is shown as it came, which is still better than
nothing. Matching is done when showing, not when storing, so refusals recorded before a cause
was added to the table read well too.
"""
from __future__ import annotations

import re

from ..i18n import N_, tr

#: (pattern of the cause as Python words it, msgid said instead), the first match wins.
CAUSES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern, re.IGNORECASE), msgid) for pattern, msgid in (
    (r"^file is not a zip file", N_("it is not a ZIP archive, or it is damaged or incomplete")),
    (r"truncated file header|bad magic number|unexpected end of data|end-of-central-directory"
     r"|negative seek|corrupt extra field",
     N_("the ZIP archive is damaged or incomplete")),
    (r"^bad crc-32", N_("a file inside the ZIP archive is damaged")),
    (r"error -\d+ while decompressing|invalid (block type|distance|stored block|code lengths)",
     N_("a file inside the ZIP archive is damaged")),
    (r"compression (type|method)|that compression method is not supported",
     N_("the ZIP archive uses a compression method this application does not read")),
    (r"encrypted|password required", N_("the ZIP archive is protected by a password")),
    (r"span multiple disks", N_("the ZIP archive is split into several parts")),
    (r"(\[errno 2\]\s*|^)no such file or directory", N_("the file does not exist (it was moved or deleted)")),
    (r"(\[errno 13\]\s*|^)permission denied", N_("this user is not allowed to read it")),
    (r"(\[errno 21\]\s*|^)is a directory", N_("it is a folder, not a file")),
    (r"(\[errno 28\]\s*|^)no space left on device", N_("the disk is full")),
    (r"(\[errno 5\]\s*|^)input/output error", N_("the disk or device could not be read")),
    (r"(\[errno 36\]\s*|^)file name too long", N_("its name is too long for this system")),
    (r"codec can't decode", N_("the text is not in UTF-8 encoding")),
    (r"maximum recursion depth", N_("its content is nested too deeply")),
    (r"^(expecting|extra data|invalid control character|unterminated string|invalid .escape)",
     N_("the text is not valid JSON")),
))


def explain(cause: str, lang: str | None = None) -> str:
    """``cause`` (Python's words) as a sentence fragment in ``lang``; unchanged if not recognised."""
    text = str(cause or "").strip()
    # "OSError: [Errno 2] …" as the inbox records an unexpected error: the type adds nothing.
    bare = re.sub(r"^[A-Za-z_.]*(Error|Exception|BadZipFile)\s*:\s*", "", text)
    for pattern, msgid in CAUSES:
        if pattern.search(bare):
            return tr(msgid, lang)
    return text
