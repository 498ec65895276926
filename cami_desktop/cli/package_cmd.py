"""``identity create|import|show|export-cert`` and ``export ID --out DIR`` (``verify`` is verify_cmd.py).

A passphrase comes from ``--passphrase-file``, else the ``CAMI_PASSPHRASE`` environment variable,
else it is asked for (without echo).
"""
from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..core.errors import CamiError, os_reason
from ..core.export.package import MAIL_LIMIT, export_package
from ..core.i18n import N_, tr
from ..core.settings import secretariat_address
from ..core.signing import create_identity, export_certificate, import_pkcs12, require_identity, unlock
from .output import shown

ENV_PASSPHRASE = "CAMI_PASSPHRASE"


def register(commands) -> None:
    identity = commands.add_parser("identity", help="create, import, show or export the signing identity")
    sub = identity.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    create = sub.add_parser("create", help="make a key pair and a self-signed certificate")
    for name in ("name", "position", "institution", "country", "email"):
        create.add_argument(f"--{name}", required=name == "name", default="")
    create.add_argument("--key-type", choices=("ec", "rsa"), default="ec", help="ECDSA P-256 (default) or RSA 3072")
    create.add_argument("--replace", action="store_true", help="replace an existing identity")
    _passphrase_option(create)
    create.set_defaults(handler=identity_create)
    imp = sub.add_parser("import", help="import a PKCS#12 (.p12 / .pfx) certificate with its key")
    imp.add_argument("file", type=Path, metavar="FILE.p12")
    imp.add_argument("--p12-passphrase-file", type=Path, metavar="FILE",
                     help="password of the .p12 file (default: the same as the passphrase)")
    imp.add_argument("--replace", action="store_true", help="replace an existing identity")
    _passphrase_option(imp)
    imp.set_defaults(handler=identity_import)
    sub.add_parser("show", help="show the signer and the certificate's fingerprint").set_defaults(handler=identity_show)
    cert = sub.add_parser("export-cert", help="write the certificate (PEM) to send to the Secretariat")
    cert.add_argument("--out", type=Path, required=True, metavar="FILE")
    cert.set_defaults(handler=identity_export_cert)

    export = commands.add_parser("export", help="make the signed submission package of a report")
    export.add_argument("report_id", type=int, metavar="ID")
    export.add_argument("--out", type=Path, required=True, metavar="DIR")
    export.add_argument("--short", action="store_true", help="PDF with the answered questions only")
    export.add_argument("--draft", action="store_true", help="allow a report that is not final (marked DRAFT)")
    export.add_argument("--email", action="store_true", help="also write a draft e-mail (.eml) to the Secretariat")
    export.add_argument("--comments-in-pdf", action="store_true",
                        help="show the notes for the Secretariat under their questions in the PDF")
    _passphrase_option(export)
    export.set_defaults(handler=export_report)


def _passphrase_option(parser) -> None:
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help=f"read the passphrase from the first line of FILE (or set ${ENV_PASSPHRASE})")


_MAX_SECRET = 1000


def _read_secret(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            # the first line is all that is used: a huge file (or /dev/zero) is not read whole
            first = handle.readline(_MAX_SECRET + 1).rstrip(b"\r\n").decode("utf-8")
    except OSError as exc:
        raise CamiError(N_("Cannot read {path}: {reason}"), path=str(path), reason=os_reason(exc)) from None
    except UnicodeDecodeError:
        first = "\0"
    if len(first) > _MAX_SECRET or any(ord(char) < 32 for char in first):
        raise CamiError(N_("The first line of {path} is not a passphrase: it must be text of at most "
                           "{limit} characters."), path=str(path), limit=_MAX_SECRET)
    return first


def passphrase(args, confirm: bool = False) -> str:
    if getattr(args, "passphrase_file", None):
        return _read_secret(args.passphrase_file)
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    try:
        first = getpass.getpass(tr("Passphrase of the signing key: "))
        if confirm and getpass.getpass(tr("Repeat the passphrase: ")) != first:
            raise CamiError(N_("The two passphrases differ."))
    except EOFError:
        # run from a script or with input closed: nobody can type it (was "Unexpected error")
        raise CamiError(N_("No passphrase was given: use --passphrase-file FILE or set ${name}."),
                        name=ENV_PASSPHRASE) from None
    return first


def _print_identity(identity) -> None:
    for label, value in ((N_("Name"), identity.name), (N_("Position"), identity.profile.get("position")),
                         (N_("Institution"), identity.profile.get("institution")),
                         (N_("Country"), identity.profile.get("country")),
                         (N_("E-mail"), identity.profile.get("email")),
                         (N_("Valid until"), identity.certificate.not_valid_after_utc.date().isoformat()),
                         (N_("Fingerprint (SHA-256)"), identity.fingerprint)):
        print(f"{tr(label)}: {shown(value or '')}")  # a certificate imported from a .p12 names anything


def identity_create(args, ctx) -> int:
    from ..core.signing.identity import check_details
    check_details(args.name, args.position, args.institution, args.country, args.email)  # before the passphrase
    identity = create_identity(ctx.data_dir, name=args.name, position=args.position, institution=args.institution,
                               country=args.country, email=args.email, passphrase=passphrase(args, confirm=True),
                               key_type=args.key_type, replace=args.replace)
    _print_identity(identity)
    return 0


def identity_import(args, ctx) -> int:
    secret = passphrase(args)
    p12 = _read_secret(args.p12_passphrase_file) if args.p12_passphrase_file else secret
    _print_identity(import_pkcs12(ctx.data_dir, args.file, p12_password=p12, passphrase=secret, replace=args.replace))
    return 0


def identity_show(args, ctx) -> int:
    _print_identity(require_identity(ctx.data_dir))
    return 0


def identity_export_cert(args, ctx) -> int:
    identity = require_identity(ctx.data_dir)
    path = export_certificate(ctx.data_dir, args.out)
    print(tr("Certificate written to {path}. Send it to the Secretariat once, and tell them its "
             "fingerprint through another channel (telephone, official letter):", path=str(path)))
    print(identity.fingerprint)
    return 0


def export_report(args, ctx) -> int:
    # Checked before anything is written: a package without the e-mail it was asked for would
    # leave a half-done export behind, and a second run would make 'name (2).zip'.
    to = secretariat_address(ctx.store) if args.email else ""
    require_identity(ctx.data_dir)
    signer = unlock(ctx.data_dir, passphrase(args))
    result = export_package(ctx.store, ctx.library, args.report_id, args.out, signer,
                            short=args.short, draft=args.draft, comments_in_pdf=args.comments_in_pdf)
    eml = _draft_email(ctx, args, result, to) if args.email else None
    print(result.path)
    if result.too_big_for_mail:
        print(tr("Warning: the package is {size} MB; many mail servers refuse messages above {limit} MB.",
                 size=round(result.size / 1e6, 1), limit=MAIL_LIMIT // (1024 * 1024)), file=sys.stderr)
    if eml is not None:
        print(eml)
    return 0


def _draft_email(ctx, args, result, to: str) -> Path:
    """Write the e-mail beside the package; if that fails (a full disk), take the package back too,
    so that the export is done whole or not at all and a second run makes no 'name (2).zip'."""
    from ..core.export.mail import write_draft_email
    record = ctx.store.get_report(args.report_id)
    form = ctx.library.get(record.form_id, record.form_version)
    try:
        return write_draft_email(
            result.path, result.manifest, to=to,
            sender=(ctx.store.get_setting("profile") or {}).get("email", ""), lang=record.language,
            form_title=form.short_title.get(record.language), package_sha256=result.sha256,
            country_name=form.reference.lists["range_states"].label(record.country, record.language))
    except BaseException:
        result.path.unlink(missing_ok=True)
        raise
