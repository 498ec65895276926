"""``trust add|list|replace|revoke``: the signers the Secretariat registered, per country.

Registering is done once per focal point: from the certificate file they sent, or from the
SHA-256 fingerprint they read out over the telephone (then with the name typed).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..core.i18n import tr
from .output import shown

DATE_HELP = "YYYY-MM-DD"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("{text} is not a date (YYYY-MM-DD)", text=text)) from None


def _signer_options(parser) -> None:
    parser.add_argument("country", metavar="COUNTRY", help="ISO code, e.g. KZ")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--cert", type=Path, metavar="FILE", help="the signer's certificate (PEM or DER)")
    source.add_argument("--fingerprint", metavar="HEX", help="the SHA-256 fingerprint read out by the signer")
    parser.add_argument("--name", help="the signer's name (needed with --fingerprint)")
    parser.add_argument("--valid-from", type=_date, metavar=DATE_HELP)
    parser.add_argument("--valid-until", type=_date, metavar=DATE_HELP)


def register(commands) -> None:
    trust = commands.add_parser("trust", help="the signers registered for each country (Secretariat)")
    sub = trust.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="register a signer for a country")
    _signer_options(add)
    add.set_defaults(handler=trust_add)
    replace = sub.add_parser("replace", help="register a new signer for a country; the current one ends now")
    _signer_options(replace)
    replace.set_defaults(handler=trust_replace)
    sub.add_parser("list", help="every registration, with its state").set_defaults(handler=trust_list)
    revoke = sub.add_parser("revoke", help="revoke a registration (from now on its packages are not valid)")
    revoke.add_argument("key", metavar="ID|FINGERPRINT")
    revoke.set_defaults(handler=trust_revoke)


def _register(args, ctx, replace: bool) -> int:
    from ..core import trust
    options = {"valid_from": args.valid_from, "valid_until": args.valid_until, "replace": replace}
    if args.cert is not None:
        signer = trust.register_certificate(ctx.store, args.country, args.cert, **options)
    else:
        signer = trust.register_fingerprint(ctx.store, args.country, args.fingerprint, args.name or "", **options)
    print(tr("Registered {name} for {country} (number {id}).", name=shown(signer.name),
             country=trust.country_name(signer.country), id=signer.id))
    label = tr("Fingerprint (SHA-256)")
    print(f"{label}: {signer.fingerprint}")
    return 0


def trust_add(args, ctx) -> int:
    return _register(args, ctx, replace=False)


def trust_replace(args, ctx) -> int:
    return _register(args, ctx, replace=True)


def trust_list(args, ctx) -> int:
    from ..core import trust
    skipped = trust.migrate_legacy_folder(ctx.store)
    signers = ctx.store.list_trusted_signers()
    if not signers:
        print(tr("No signers are registered."))
    for signer in signers:
        state = tr(trust.STATE_LABELS[signer.state()])
        dates = tr("registered {date}, valid {validity}", date=signer.registered_at.date().isoformat(),
                   validity=trust.validity_text(signer))
        print(f"{signer.id:>3}  {signer.country}  {shown(signer.name)}  [{state}]  {dates}")
        print(f"     {signer.fingerprint}")
    for name in skipped:
        print(tr("{name} in the old trusted/ folder names no country: register it with "
                 "\"trust add COUNTRY --cert FILE\".", name=shown(name)), file=sys.stderr)
    return 0


def trust_revoke(args, ctx) -> int:
    from ..core import trust
    signer = trust.resolve_signer(ctx.store, args.key)
    signer = ctx.store.revoke_trusted_signer(signer.id)
    print(tr("Revoked: {name} for {country} (number {id}), from {date}.", name=shown(signer.name),
             country=trust.country_name(signer.country), id=signer.id,
             date=signer.revoked_at.date().isoformat()))
    return 0
