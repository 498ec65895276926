"""The package manifest: every file with its SHA-256 and size, and what the package is.

The manifest is UTF-8 JSON; the signature (``manifest.sig``) covers its exact bytes, so the
verifier never re-serializes it. See docs/package-format.md.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

FORMAT = "cami-package/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CERTIFICATE = "signer.pem"
CONTROL_FILES = (MANIFEST, SIGNATURE, CERTIFICATE)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_manifest(files: dict[str, bytes], meta: dict[str, Any]) -> bytes:
    """The manifest's bytes for ``files`` (path inside the package → content) and ``meta``."""
    entries = []
    for path, data in files.items():
        digest = sha256(data)
        # "sha256sum" repeats the line `sha256sum -c` reads, so the files check without other tools
        entries.append({"path": path, "size": len(data), "sha256": digest, "sha256sum": f"{digest}  {path}"})
    document = {"format": FORMAT, **meta, "files": entries}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse_manifest(data: bytes) -> dict[str, Any]:
    """Parse and shape-check a manifest; raise ValueError (saying what is wrong) when it is not one.

    Everything the verifier and the Secretariat's inbox read from it is checked here, so that a
    manifest of the wrong shape is a plain "not valid", never an error deeper down.
    """
    from ..values import loads_bounded  # depth and size bounded before anything is built
    document = loads_bounded(data)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("not a CAMI package manifest")
    files = document.get("files")
    if not isinstance(files, list) or not all(_file_entry(f) for f in files):
        raise ValueError("the manifest's file list is malformed")
    for key, fields in _OBJECTS.items():
        value = document.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise ValueError(f'"{key}" is not an object')
        for name, kinds in fields.items():
            if name in value and not _is(value[name], kinds):
                raise ValueError(f'"{key}.{name}" has the wrong type')
    if "created" in document and not isinstance(document["created"], str):
        raise ValueError('"created" is not text')
    return document


#: the objects of the manifest and the types of the fields read from them
_OBJECTS: dict[str, dict[str, tuple[type, ...]]] = {
    "signer": {"name": (str,), "fingerprint": (str,)},
    "report": {"id": (int,), "uid": (str,), "country": (str,), "period": (str,), "language": (str,),
               "status": (str,), "revision": (int,), "draft": (bool,)},
    "form": {"id": (str,), "version": (str,), "title": (str,)},
    "application": {"name": (str,), "version": (str,)},
}
_HEX64 = frozenset("0123456789abcdef")


def _is(value: object, kinds: tuple[type, ...]) -> bool:
    # bool is an int in Python, not in JSON: a revision of `true` is not a number
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


def _file_entry(entry: object) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("path"), str) and entry["path"] != ""
            and _is(entry.get("size"), (int,)) and entry["size"] >= 0
            and isinstance(entry.get("sha256"), str) and len(entry["sha256"]) == 64
            and set(entry["sha256"]) <= _HEX64
            and ("sha256sum" not in entry or isinstance(entry["sha256sum"], str)))
