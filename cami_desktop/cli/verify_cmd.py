"""``verify PACKAGE [PACKAGE…]``: one line per package and a summary; exit 0 only when all are valid.

Valid means intact and from the signer registered for the country the package claims (see
``trust``). This command imports neither the export stack nor pyHanko, reportlab or openpyxl.
"""
from __future__ import annotations

from pathlib import Path

from ..core.i18n import ntr, tr
from .output import shown


def register(commands) -> None:
    verify = commands.add_parser("verify", help="check packages; exit 0 only if all are valid from registered signers")
    verify.add_argument("packages", type=Path, nargs="+", metavar="PACKAGE")
    verify.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT.pem",
                        help="also accept this signer's certificate, for this check only")
    verify.add_argument("--reasons", action="store_true", help="print every reason, not only the first")
    verify.set_defaults(handler=verify_cmd)


def _extra_certificates(paths: list[Path]) -> list:
    from ..core.trust.assess import load_certificate
    return [load_certificate(path) for path in paths]


def summary(counts: dict) -> str:
    """``3 valid from registered signers, 1 from an unregistered signer, 1 not valid``."""
    from ..core.trust.assess import Verdict
    return ", ".join((
        ntr("{n} valid from a registered signer", "{n} valid from registered signers", counts[Verdict.REGISTERED]),
        ntr("{n} from an unregistered signer", "{n} from unregistered signers", counts[Verdict.UNREGISTERED]),
        ntr("{n} not valid", "{n} not valid", counts[Verdict.INVALID]),
    ))


def verify_cmd(args, ctx) -> int:
    from ..core.secretariat.reasons import render_problem  # Python's causes in the reader's language
    from ..core.trust.assess import Verdict
    from ..core.trust.organizations import assess_submission  # as of when the inbox received it
    extra = _extra_certificates(args.trust)
    store = ctx.store
    counts = dict.fromkeys(Verdict, 0)
    for path in args.packages:
        result = assess_submission(path, store, extra_certificates=extra)
        counts[result.verdict] += 1
        fields = [str(path), tr(result.verdict.label), result.signer_name or "—", result.country or "—"]
        if result.reasons:
            fields.append(render_problem(result.reasons[0]))
        print(" · ".join(shown(field) for field in fields))  # names and reasons come from the package
        if args.reasons:
            for reason in result.reasons[1:]:
                print(f"    ✗ {shown(render_problem(reason))}")
    print(summary(counts))
    return 0 if counts[Verdict.REGISTERED] == len(args.packages) else 1

