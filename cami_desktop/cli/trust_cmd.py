"""``trust add|list|replace|revoke``: the signers the Secretariat registered, per reporter.

A reporter is a country (``trust add KZ …``) or an organization that files a Concerted Action
report (``trust add --organization "Saiga Conservation Alliance" …``). Registering is done once
per focal point: from the certificate file they sent, or from the SHA-256 fingerprint they read
out over the telephone (then with the name typed).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..core.i18n import ntr, tr
from .output import shown

DATE_HELP = "YYYY-MM-DD"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("{text} is not a date (YYYY-MM-DD)", text=text)) from None


def _signer_options(parser) -> None:
    parser.add_argument("country", metavar="COUNTRY", nargs="?", default="", help="ISO code, e.g. KZ")
    parser.add_argument("--organization", metavar="NAME", default="",
                        help="instead of a country: the organization that files the report, as it names itself")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--cert", type=Path, metavar="FILE", help="the signer's certificate (PEM or DER)")
    source.add_argument("--fingerprint", metavar="HEX", help="the SHA-256 fingerprint read out by the signer")
    parser.add_argument("--name", help="the signer's name (needed with --fingerprint)")
    parser.add_argument("--valid-from", type=_date, metavar=DATE_HELP)
    parser.add_argument("--valid-until", type=_date, metavar=DATE_HELP)


def register(commands) -> None:
    trust = commands.add_parser("trust",
                                help="the signers registered for each country or organization (Secretariat)")
    sub = trust.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="register a signer for a country or an organization")
    _signer_options(add)
    add.add_argument("--additional", action="store_true",
                     help="register a second signer for a reporter that already has one in force")
    add.set_defaults(handler=trust_add)
    replace = sub.add_parser("replace", help="register a new signer for a country or an organization; "
                                             "the current one ends now")
    _signer_options(replace)
    replace.set_defaults(handler=trust_replace)
    sub.add_parser("list", help="every registration, with its state").set_defaults(handler=trust_list)
    revoke = sub.add_parser("revoke", help="revoke a registration (from now on its packages are not valid)")
    revoke.add_argument("key", metavar="ID|FINGERPRINT")
    revoke.add_argument("--since", type=_date, metavar=DATE_HELP,
                        help="revoked from this day (UTC; default: now): packages signed since are not valid")
    revoke.set_defaults(handler=trust_revoke)


def _register(args, ctx, replace: bool) -> int:
    from ..core.errors import CamiError
    from ..core.i18n import N_
    from ..core.trust import assess as trust
    if bool(args.country) == bool(args.organization):
        raise CamiError(N_("Give either a country (an ISO code such as KZ) or --organization NAME."))
    organization = bool(args.organization)
    reporter = args.organization or args.country
    options = {"valid_from": args.valid_from, "valid_until": args.valid_until, "replace": replace,
               "organization": organization}
    if not replace:
        options["additional"] = args.additional
    if args.cert is not None:
        signer = trust.register_certificate(ctx.store, reporter, args.cert, **options)
    else:
        signer = trust.register_fingerprint(ctx.store, reporter, args.fingerprint, args.name or "", **options)
    if trust.is_country(signer.country):
        print(tr("Registered {name} for {country} (number {id}).", name=shown(signer.name),
                 country=trust.country_name(signer.country), id=signer.id))
    else:
        print(tr("Registered {name} for the organization {organization} (number {id}).", name=shown(signer.name),
                 organization=shown(signer.country), id=signer.id))
    label = tr("Fingerprint (SHA-256)")
    print(f"{label}: {signer.fingerprint}")
    print_changes(ctx.store)
    return 0


def print_changes(store) -> None:
    """Judge what was received again and list every submission whose verdict changed."""
    from ..core.secretariat.inbox import refresh_registrations
    from .secretariat_cmd import submission_line
    changes = refresh_registrations(store)
    if not changes:
        print(tr("No received submission changed verdict."))
        return
    print(ntr("{n} received submission changed verdict:", "{n} received submissions changed verdict:",
              len(changes)))
    for change in changes:
        print(submission_line(store.get_submission(change.record.id)))
        print("       " + tr("(was: {verdict})", verdict=_label(change.before)))


def trust_add(args, ctx) -> int:
    return _register(args, ctx, replace=False)


def trust_replace(args, ctx) -> int:
    return _register(args, ctx, replace=True)


def trust_list(args, ctx) -> int:
    from ..core.trust import assess as trust
    skipped = trust.migrate_legacy_folder(ctx.store)
    signers = ctx.store.list_trusted_signers()
    if not signers:
        print(tr("No signers are registered."))
    for signer in signers:
        state = tr(trust.STATE_LABELS[signer.state()])
        dates = tr("registered {date}, valid {validity}", date=signer.registered_at.date().isoformat(),
                   validity=trust.validity_text(signer))
        print(f"{signer.id:>3}  {shown(signer.country)}  {shown(signer.name)}  [{state}]  {dates}")
        print(f"     {signer.fingerprint}")
    for name in skipped:
        print(tr("{name} in the old trusted/ folder names no country: register it with "
                 "\"trust add COUNTRY --cert FILE\".", name=shown(name)), file=sys.stderr)
    return 0


def _label(verdict: str) -> str:
    from ..core.trust.assess import verdict_label
    return tr(verdict_label(verdict))


def trust_revoke(args, ctx) -> int:
    from ..core.trust import assess as trust
    signer = trust.resolve_signer(ctx.store, args.key)
    since = (None if args.since is None else
             dt.datetime.combine(args.since, dt.time(), tzinfo=dt.timezone.utc))
    signer = ctx.store.revoke_trusted_signer(signer.id, at=since)
    if trust.is_country(signer.country):
        print(tr("Revoked: {name} for {country} (number {id}), from {date}.", name=shown(signer.name),
                 country=trust.country_name(signer.country), id=signer.id,
                 date=signer.revoked_at.date().isoformat()))
    else:
        print(tr("Revoked: {name} for the organization {organization} (number {id}), from {date}.",
                 name=shown(signer.name), organization=shown(signer.country), id=signer.id,
                 date=signer.revoked_at.date().isoformat()))
    print_changes(ctx.store)
    return 0
