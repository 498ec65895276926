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
    """Parse and shape-check a manifest; raise ValueError when it is not one."""
    document = json.loads(data.decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("not a CAMI package manifest")
    files = document.get("files")
    if not isinstance(files, list) or not all(
            isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("size"), int)
            and isinstance(f.get("sha256"), str) for f in files):
        raise ValueError("the manifest's file list is malformed")
    return document
