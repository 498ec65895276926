"""The focal point's signing identity and detached signatures (Qt-free)."""
from __future__ import annotations

from .identity import (
    Identity, SigningError, UnlockedIdentity, WrongPassphrase, create_identity, export_certificate,
    fingerprint, has_identity, import_pkcs12, load_identity, require_identity, unlock,
)

__all__ = [
    "Identity", "SigningError", "UnlockedIdentity", "WrongPassphrase", "create_identity",
    "export_certificate", "fingerprint", "has_identity", "import_pkcs12", "load_identity",
    "require_identity", "unlock",
]
