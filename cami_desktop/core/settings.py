"""The settings a person may change, by name, each checked before it is stored.

The window's Settings dialog and ``cami-desktop settings`` share the store keys: ``profile`` (a
mapping: name, position, institution, email, phone, country; it pre-fills new reports and the
declaration), ``secretariat_email`` (where exported packages are addressed) and ``language``
(of the interface). Here each one has a dotted name, e.g. ``profile.name``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .errors import CamiError
from .i18n import LANGUAGE_NAMES, LANGUAGES, N_
from .reports.values import EMAIL_RE, PHONE_RE

PROFILE = "profile"
MAX_TEXT = 200  # a name, position or institution; longer is a pasting accident


@dataclass(frozen=True)
class Setting:
    """One setting: where the store keeps it, what it means, how a value is checked."""

    name: str
    description: str  # msgid, translated where shown
    check: Callable[[str, Any], str]  # (value, reference) -> normalized value, or CamiError

    @property
    def store_key(self) -> str:
        return PROFILE if self.name.startswith(PROFILE + ".") else self.name

    @property
    def field(self) -> str | None:
        """The key inside the profile mapping, for ``profile.*`` settings."""
        return self.name.split(".", 1)[1] if self.store_key == PROFILE else None


def _text(value: str, reference: Any = None) -> str:
    value = " ".join(value.split())  # one line: it is printed in a declaration and a certificate
    if not value:
        raise CamiError(N_("The value is empty; to clear a setting use `settings unset`."))
    if len(value) > MAX_TEXT:
        raise CamiError(N_("The value is longer than {limit} characters."), limit=MAX_TEXT)
    return value


def _email(value: str, reference: Any = None) -> str:
    value = value.strip()
    if not EMAIL_RE.match(value) or len(value) > MAX_TEXT:
        raise CamiError(N_("{value} does not look like an e-mail address (name@example.org)."),
                        value=_shown(value))
    return value


def _phone(value: str, reference: Any = None) -> str:
    value = value.strip()
    if not PHONE_RE.match(value) or len(value) > 40:
        raise CamiError(N_("{value} does not look like a telephone number (+7 727 123 45 67)."),
                        value=_shown(value))
    return value


def _language(value: str, reference: Any = None) -> str:
    value = value.strip().lower()
    if value not in LANGUAGES:
        raise CamiError(N_("The language must be one of {choices}."),
                        choices=", ".join(f"{code} ({LANGUAGE_NAMES[code]})" for code in LANGUAGES))
    return value


def _country(value: str, reference: Any = None) -> str:
    value = value.strip().upper()
    # Any country: consumer states file the Saiga MoU report too (issue 11).
    known = None
    if reference is not None:
        known = {item.key for name in ("range_states", "countries") if name in reference.lists
                 for item in reference.lists[name].items}
    if known is not None and value not in known:
        raise CamiError(N_("{country} is not an ISO country code (use one such as KZ)."),
                        country=_shown(value))
    return value


def _shown(value: str) -> str:
    """The value as an error message quotes it: short, so that the message stays one line."""
    return repr(value if len(value) <= 60 else value[:57] + "...")


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("secretariat_email", N_("the Secretariat's e-mail address (exported packages are addressed to it)"),
            _email),
    Setting("language", N_("language of the window: en or ru (commands follow --language, else the system's)"), _language),
    Setting("profile.name", N_("your name (pre-fills the declaration and new reports)"), _text),
    Setting("profile.position", N_("your position"), _text),
    Setting("profile.institution", N_("your institution"), _text),
    Setting("profile.email", N_("your e-mail address (the sender of exported packages)"), _email),
    Setting("profile.phone", N_("your telephone number"), _phone),
    Setting("profile.country", N_("your country, an ISO code such as KZ"), _country),
)}


def setting(name: str) -> Setting:
    """The setting called ``name``; an unknown name is a clear error listing the known ones."""
    found = SETTINGS.get(name)
    if found is None:
        raise CamiError(N_("There is no setting {name}. Known settings: {known}."),
                        name=_shown(name), known=", ".join(SETTINGS))
    return found


def get(store, name: str) -> str | None:
    """The stored value of a setting, or None when it is not set."""
    item = setting(name)
    value = store.get_setting(item.store_key)
    if item.field is not None:
        value = value.get(item.field) if isinstance(value, dict) else None
    return value if isinstance(value, str) and value else None


def put(store, name: str, value: str, reference: Any = None) -> str:
    """Check and store a setting; return the value as stored."""
    item = setting(name)
    value = item.check(value, reference)
    _write(store, item, value)
    return value


def unset(store, name: str) -> None:
    """Remove a setting (back to its default: empty)."""
    _write(store, setting(name), None)


def _write(store, item: Setting, value: str | None) -> None:
    if item.field is None:
        store.set_setting(item.store_key, value)
        return
    profile = dict(store.get_setting(PROFILE) or {})
    if value is None:
        profile.pop(item.field, None)
    else:
        profile[item.field] = value
    store.set_setting(PROFILE, profile or None)


def secretariat_address(store) -> str:
    """The Secretariat's address for a draft e-mail; a clear error when it is missing or wrong."""
    address = store.get_setting("secretariat_email")
    if not isinstance(address, str) or not address.strip():
        raise CamiError(N_("No Secretariat e-mail address is set: set it with `cami-desktop settings set "
                           "secretariat_email ADDRESS` or in the window's settings."))
    try:
        return _email(address)
    except CamiError:
        raise CamiError(N_("The Secretariat e-mail address {value} does not look like an e-mail address; "
                           "correct it with `cami-desktop settings set secretariat_email ADDRESS`."),
                        value=_shown(address)) from None
