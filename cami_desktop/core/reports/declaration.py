"""Who declares a report verified: the defaults of the declaration made when finalizing.

The window's Finalize dialog and ``report finalize`` start from the same values: each of name,
position and institution from the saved profile (Settings, ``cami-desktop settings``), else from
the signing identity (its details, else its certificate's subject).
"""
from __future__ import annotations

from ..errors import CamiError

DECLARATION_FIELDS = ("name", "position", "institution")


def identity_details(data_dir) -> dict:
    """Name, position and institution of the signing identity in ``data_dir`` (empty if none)."""
    from ..signing import load_identity  # signing pulls in cryptography: only when needed
    try:
        identity = load_identity(data_dir)
    except (OSError, ValueError, CamiError):
        return {}  # an unreadable identity must not stand in the way of finalizing
    if identity is None:
        return {}
    from cryptography.x509.oid import NameOID
    subject = identity.certificate.subject
    found = {}
    for key, oid in (("name", NameOID.COMMON_NAME), ("position", NameOID.TITLE),
                     ("institution", NameOID.ORGANIZATION_NAME)):
        values = subject.get_attributes_for_oid(oid)
        found[key] = str(identity.profile.get(key) or (values[0].value if values else "")).strip()
    return found


def declaration_defaults(profile: dict, identity: dict) -> dict:
    """What the declaration's fields start with: the profile's value, else the identity's."""
    return {key: (str(profile.get(key) or "").strip() or identity.get(key, ""))
            for key in DECLARATION_FIELDS}
