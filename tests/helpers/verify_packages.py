"""Small signed packages built directly (no PDF or workbook), for the verification and trust tests."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Callable

from cami_desktop.core.export.manifest import CERTIFICATE, MANIFEST, SIGNATURE, build_manifest
from cami_desktop.core.signing import create_identity, unlock

PASSPHRASE = "signer-pass-42"


def make_identity(folder: Path, name: str, country: str = "KZ"):
    """An unlocked signing identity kept in ``folder``."""
    create_identity(folder, name=name, country=country, passphrase=PASSPHRASE)
    return unlock(folder, PASSPHRASE)


def package_files(identity, country: str = "KZ", files: dict[str, bytes] | None = None,
                  edit: Callable[[dict], None] | None = None) -> dict[str, bytes]:
    """The members of a signed package; ``edit(manifest_dict)`` may change the manifest before signing."""
    files = dict(files if files is not None else {
        "saiga-mou_KZ_2024_r1.json": b'{"answers": {}}\n',
        "attachments/1-map.txt": b"range map\n",
    })
    meta = {"form": {"id": "saiga-mou", "version": "1", "title": "Saiga"},
            "report": {"id": 1, "uid": "u", "country": country, "period": "2024", "language": "en",
                       "status": "final", "revision": 1, "draft": False},
            "signer": {"name": identity.name, "fingerprint": identity.fingerprint}}
    manifest = build_manifest(files, meta)
    if edit is not None:
        document = json.loads(manifest)
        edit(document)
        manifest = json.dumps(document, ensure_ascii=False).encode("utf-8")
    files.update({MANIFEST: manifest, SIGNATURE: identity.sign(manifest), CERTIFICATE: identity.certificate_pem()})
    return files


def write_package(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def make_package(path: Path, identity, country: str = "KZ", **kwargs) -> Path:
    """Write a signed package claiming ``country`` to ``path``."""
    return write_package(path, package_files(identity, country, **kwargs))
