"""The most awkward answers a form still accepts: at the bounds of core/values.py, full of text
that outputs trip over (line breaks of every kind, tabs, formulas, markup, right-to-left and
astral characters), for the tests that write the compiled workbook and PDF from them."""
from __future__ import annotations

import json
import random
from typing import Any

from cami_desktop.core.reports.sample import sample_value
from cami_desktop.core.values import MAX_NUMBER

AWKWARD = [
    "=HYPERLINK(\"http://x\",\"y\")", "+1+2", "@SUM(A1)", "-3", "<b>bold</b> <para>&amp;",
    "line\r\nbreak\rold mac\x0bvertical tab\x0cform feed\u2028line sep\u2029para sep\x85next",
    "tab\there", "עברית العربية", "emoji 🦌🐐 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u200b\u200e\ufeffzero widths", "'quoted", "   ",
]


def awkward_text(rng: random.Random, limit: int | None) -> str:
    text = " ".join(rng.choice(AWKWARD) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.2:
        text += " long" * 400
    return text[: limit or None] if text[: limit or None].strip() else "x"


def extreme_value(form, fld, rng: random.Random, rows: int = 3) -> Any:
    """A value at the bounds for ``fld`` (a question or a column)."""
    kind = fld.type
    if kind in ("text", "long_text") and not fld.format:
        return awkward_text(rng, fld.max_length)
    if kind in ("integer", "decimal"):
        low = fld.min if fld.min is not None else -MAX_NUMBER
        high = fld.max if fld.max is not None else MAX_NUMBER
        number = rng.choice([low, high, (low + high) // 2 if kind == "integer" else (low + high) / 2])
        return int(number) if kind == "integer" else float(number)
    if kind == "link":
        url = "https://example.org/" + "a" * rng.randint(1, 1500) + "?q=<x>&y='\"'"
        return [url, url + "2"] if fld.multiple else url
    if kind == "table":
        return [{c.key: extreme_value(form, c, rng) for c in fld.columns} for _ in range(rows)]
    return sample_value(form, fld, rng)


def extreme_answers(form, seed: int, country: str, rows: int = 3) -> dict:
    rng = random.Random(seed)
    answers = {}
    for q in form.answerable():
        if q.type == "attachment" or q.key == "range_state":
            continue
        if q.prefill == "report.country":
            continue
        answers[q.key] = extreme_value(form, q, rng, rows)
    answers["range_state"] = country
    return answers


def with_answers_bytes(path, data: bytes, signer):
    """Put ``data`` as the answers JSON of the package at ``path`` and sign it again (any bytes:
    JSON with escaped surrogates, control characters, numbers of any size)."""
    import io
    import zipfile

    from cami_desktop.core.export.manifest import CERTIFICATE, MANIFEST, SIGNATURE, build_manifest
    with zipfile.ZipFile(path) as archive:
        files = {n: archive.read(n) for n in archive.namelist() if n not in (MANIFEST, SIGNATURE, CERTIFICATE)}
        manifest = json.loads(archive.read(MANIFEST))
    name = next(n for n in files if n.endswith(".json"))
    files[name] = data
    meta = {k: v for k, v in manifest.items() if k not in ("format", "files")}
    body = build_manifest(files, meta)
    files.update({MANIFEST: body, SIGNATURE: signer.sign(body), CERTIFICATE: signer.certificate_pem()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in files.items():
            archive.writestr(member, content)
    path.write_bytes(buffer.getvalue())
    return path
