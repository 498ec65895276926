"""The reporting cycle on the command line (issue 11).

``report new … --from ID``, ``report confirm|unconfirmed|comment|changes|undo|redo`` and
``share export|open|return|diff|accept|reject``. The core does the work (``core.cycle``); this
module only parses, picks the defaults (the profile for names) and prints.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import CamiError
from ..core.i18n import N_, ntr, tr
from .output import shown, shown_json


def register(commands) -> None:
    """Add ``share``; the ``report`` actions come through :func:`register_report`."""
    share = commands.add_parser("share", help="share sections with a colleague and take their answers back")
    sub = share.add_subparsers(dest="share_command", metavar="ACTION", required=True)
    export = sub.add_parser("export", help="write sections of a report to a file for a colleague")
    export.add_argument("report_id", type=int, metavar="ID")
    export.add_argument("--section", action="append", required=True, metavar="KEY",
                        help="a section's key (repeat for more); its subsections come along")
    _file_options(export)
    export.set_defaults(handler=share_export)
    opened = sub.add_parser("open", help="open a colleague's shared sections as a local report")
    opened.add_argument("file", type=Path, metavar="FILE")
    opened.set_defaults(handler=share_open)
    back = sub.add_parser("return", help="write the answers of a shared-sections copy back to a file")
    back.add_argument("report_id", type=int, metavar="ID")
    _file_options(back)
    back.set_defaults(handler=share_return)
    diff = sub.add_parser("diff", help="compare a colleague's return with the report, question by question")
    diff.add_argument("report_id", type=int, metavar="ID")
    diff.add_argument("file", type=Path, metavar="FILE")
    diff.set_defaults(handler=share_diff)
    for name, handler, text, every in (
            ("accept", share_accept, "take the colleague's answers and notes",
             "every difference not decided yet that only the colleague made (a conflict, or an "
             "answer rejected earlier, is taken only when named)"),
            ("reject", share_reject, "leave the colleague's answers and notes out",
             "every difference not decided yet (not those where ours is newer)")):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("report_id", type=int, metavar="ID")
        cmd.add_argument("file", type=Path, metavar="FILE")
        cmd.add_argument("keys", nargs="*", metavar="KEY")
        cmd.add_argument("--all", action="store_true", help=every)
        cmd.set_defaults(handler=handler)


def register_report(sub, new) -> None:
    """Add ``--from`` to ``report new`` and the cycle's actions to ``report``."""
    new.add_argument("--from", dest="from_id", type=int, metavar="ID",
                     help="start from an earlier report of the same form and country (its answers "
                          "are carried over, each to be confirmed; the report language is the "
                          "earlier report's unless --language is given)")
    # Without --language, a report started from a Russian report is in Russian too.
    new.set_defaults(report_language=None)
    confirm = sub.add_parser("confirm", help="confirm carried-over answers as they are")
    confirm.add_argument("report_id", type=int, metavar="ID")
    confirm.add_argument("keys", nargs="*", metavar="KEY")
    confirm.add_argument("--all", action="store_true",
                         help="all carried-over answers shown (not those of questions hidden by other answers)")
    confirm.set_defaults(handler=report_confirm)
    waiting = sub.add_parser("unconfirmed", help="list the carried-over answers still to confirm")
    waiting.add_argument("report_id", type=int, metavar="ID")
    waiting.set_defaults(handler=report_unconfirmed)
    comment = sub.add_parser("comment", help="add, change or remove a note on a question")
    comment.add_argument("report_id", type=int, metavar="ID")
    comment.add_argument("key", metavar="KEY")
    comment.add_argument("text", nargs="?", metavar="TEXT")
    comment.add_argument("--for", dest="audience", choices=("secretariat", "colleagues"),
                         default="secretariat", help="who the note is for (default: the Secretariat)")
    comment.add_argument("--clear", action="store_true", help="remove the note")
    comment.set_defaults(handler=report_comment)
    changed = sub.add_parser("changes", help="what changed since the last revision made final")
    changed.add_argument("report_id", type=int, metavar="ID")
    changed.add_argument("--json", action="store_true", help="as JSON")
    changed.set_defaults(handler=report_changes)
    for name, text in (("undo", "undo the last change of the answers"),
                       ("redo", "redo the change undone last")):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("report_id", type=int, metavar="ID")
        cmd.set_defaults(handler=report_undo if name == "undo" else report_redo)


def _file_options(parser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write (.json)")
    parser.add_argument("--email", metavar="ADDRESS", help="also write a draft e-mail (.eml) to ADDRESS")
    parser.add_argument("--name", help="your name (default: the profile's)")
    parser.add_argument("--agency", help="your agency (default: the profile's institution)")
    parser.add_argument("--sign", action="store_true", help="sign the file with your identity")
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help="read the passphrase from the first line of FILE (or set $CAMI_PASSPHRASE)")


def _json(value) -> str:
    return "—" if value is None else shown_json(value)  # answers from a colleague's file: escaped


def _person(args, ctx) -> dict:
    profile = ctx.store.get_setting("profile") or {}
    return {"name": (args.name or profile.get("name") or "").strip(),
            "agency": (args.agency or profile.get("institution") or "").strip()}


def _identity(args, ctx):
    if not args.sign:
        return None
    from ..core.signing import unlock
    from .package_cmd import passphrase
    return unlock(ctx.data_dir, passphrase(args))


def _keys(args) -> list[str] | None:
    if args.all and args.keys:
        raise CamiError(N_("Give question keys or --all, not both."))
    if not args.all and not args.keys:
        raise CamiError(N_("Give the question keys, or --all."))
    return None if args.all else list(args.keys)


# report …

def new_from(args, ctx) -> int:
    """``report new … --from ID``."""
    from ..core.cycle import start_from
    result = start_from(ctx.store, ctx.library, args.from_id, period=args.period,
                        language=args.report_language, form_id=args.form,
                        country=args.country, organization=getattr(args, "organization", None))
    print(ntr("{n} answer carried over from report {source}; confirm or change each "
              "(report unconfirmed {id}).", "{n} answers carried over from report {source}; "
              "confirm or change each (report unconfirmed {id}).", len(result.carried),
              source=result.source.id, id=result.record.id), file=sys.stderr)
    held = ctx.store.answers(result.record.id)  # filled in anew (period, country): not left behind
    left = [key for key in result.skipped if key not in held]
    if left:  # named, as the window names them: the earlier report still holds them
        print(ntr("{n} earlier answer was not carried over (the question changed or is gone, or the "
                  "answer no longer passes the checks): {keys}",
                  "{n} earlier answers were not carried over (the questions changed or are gone, or the "
                  "answers no longer pass the checks): {keys}", len(left), keys=", ".join(left)),
              file=sys.stderr)
    print(result.record.id)
    return 0


def report_confirm(args, ctx) -> int:
    from ..core.cycle import confirm, to_confirm
    keys = _keys(args)
    if keys is None:
        # "all" is all that shows: a hidden question's answer is confirmed when it shows again
        keys = to_confirm(ctx.store, ctx.library, args.report_id)
    done = confirm(ctx.store, args.report_id, keys) if keys else []
    print(ntr("{n} answer confirmed.", "{n} answers confirmed.", len(done)))
    return 0


def report_unconfirmed(args, ctx) -> int:
    from ..core.cycle import to_confirm, unconfirmed
    from ..core.reports.session import ReportSession
    session = ReportSession.open(ctx.store, ctx.library, args.report_id)
    keys = to_confirm(ctx.store, ctx.library, args.report_id)
    for key in keys:
        q = session.form.question(key)
        print(f"{(q.number if q and q.number else ''):<8} {shown(key)}  {_json(session.answers.get(key))}")
    print(ntr("{n} carried-over answer to confirm.", "{n} carried-over answers to confirm.", len(keys)))
    hidden = len(unconfirmed(ctx.store, args.report_id)) - len(keys)
    if hidden > 0:
        print(ntr("{n} more carried-over answer belongs to a question hidden by another answer: it is "
                  "not signed, and waits for confirmation if the question shows again.",
                  "{n} more carried-over answers belong to questions hidden by other answers: they are "
                  "not signed, and wait for confirmation if the questions show again.", hidden))
    return 0


def report_comment(args, ctx) -> int:
    from ..core.cycle import set_comment
    if args.clear == bool(args.text):
        raise CamiError(N_("Give the text of the comment, or --clear."))
    changed = set_comment(ctx.store, ctx.library, args.report_id, args.key,
                          None if args.clear else args.text, args.audience)
    if args.clear:
        print(tr("Comment removed.") if changed else tr("There was no comment on {key}.", key=args.key))
    else:
        print(tr("Comment stored.") if changed else tr("The comment was already so."))
    return 0


def report_changes(args, ctx) -> int:
    from ..core.cycle import changes
    found = changes(ctx.store, args.report_id)
    if args.json:
        print(shown_json(found.as_dict(), indent=2))
        return 0
    if found.since is None:
        print(tr("Report {id} has no earlier revision made final.", id=args.report_id))
        return 0
    _print_changes(found.items)
    print(ntr("{n} answer changed since revision {revision}.",
              "{n} answers changed since revision {revision}.",
              len(found.keys), revision=found.since))
    return 0


def _print_step(result, nothing: str) -> int:
    if not result.changes:
        print(tr(nothing))
        return 0
    _print_changes(result.changes)
    return 0


def _print_changes(items) -> None:
    translation = tr("translation")
    for item in items:
        mark = f" ({translation})" if item.kind == "translation" else ""
        print(f"{shown(item.key)}{mark}: {_json(item.old)} → {_json(item.new)}")


def report_undo(args, ctx) -> int:
    from ..core.cycle import undo
    return _print_step(undo(ctx.store, args.report_id), N_("Nothing to undo."))


def report_redo(args, ctx) -> int:
    from ..core.cycle import redo
    return _print_step(redo(ctx.store, args.report_id), N_("Nothing to redo."))


# share …

def share_export(args, ctx) -> int:
    from ..core.cycle import export_share
    sender = _person(args, ctx)
    result = export_share(ctx.store, ctx.library, args.report_id, args.section, args.out,
                          sender=sender, identity=_identity(args, ctx), email_to=args.email)
    print(ntr("{n} question shared in {path}.", "{n} questions shared in {path}.", len(result.keys),
              path=str(result.path)))
    if result.email:
        print(tr("Draft e-mail: {path}", path=str(result.email)))
    return 0


def share_open(args, ctx) -> int:
    from ..core.cycle import open_share
    record, signer = open_share(ctx.store, ctx.library, args.file)
    copy = ctx.store.shared_copy(record.id)
    sender = copy["from"]
    who = sender["name"] or "—"
    if sender.get("agency"):  # no empty "(—)" for a sender who gave no agency
        who = f"{who} ({sender['agency']})"
    print(shown(tr("Shared sections {sections} from {who} opened as report {id}; fill it with "
                   "report fill, then write it back with share return.", sections=", ".join(copy["sections"]),
                   who=who, id=record.id)), file=sys.stderr)  # the sender's name comes from the file
    if signer:
        print(shown(tr("Signed by {name}, certificate fingerprint {fingerprint}.", **signer)), file=sys.stderr)
    else:
        print(tr("The file is not signed."), file=sys.stderr)
    print(record.id)
    return 0


def share_return(args, ctx) -> int:
    from ..core.cycle import export_return
    path = export_return(ctx.store, ctx.library, args.report_id, args.out, supplier=_person(args, ctx),
                         identity=_identity(args, ctx), email_to=args.email)
    print(tr("Answers written to {path}; send it back to whoever shared the sections.", path=str(path)))
    return 0


STATE_LABELS = {"same": N_("same"), "theirs": N_("changed by them"),
                "conflict": N_("changed by both"), "ours": N_("changed by us since")}
DECISION_LABELS = {"accepted": N_("accepted"), "rejected": N_("rejected")}


AUDIENCES = {"secretariat": N_("For the Secretariat"), "colleagues": N_("For colleagues")}


def _signed_line(payload: dict, signer: dict | None) -> str:
    """The first line of ``share diff|accept|reject``: who signed the return, or that no one did."""
    sender = payload.get("from") or {}
    who = sender.get("name") or "—"
    if sender.get("agency"):
        who = f"{who} ({sender['agency']})"
    if signer:
        signed = tr("Signed by {name}, certificate fingerprint {fingerprint}.", **signer)
    else:
        signed = tr("The file is not signed.")
    sender_line = tr("From {who}.", who=who)
    return shown(f"{signed} {sender_line}")


def _shown_value(item, value) -> str:
    from .output import shown
    if item.is_note and value is not None:
        return shown(f"({tr(AUDIENCES[value['audience']])}) {_json(value['text'])}")
    return shown(_json(value))


def share_diff(args, ctx) -> int:
    from ..core.cycle.share import open_return
    items, payload, signer = open_return(ctx.store, ctx.library, args.report_id, args.file)
    print(_signed_line(payload, signer))
    # every difference, and every decision taken earlier (an accepted answer is the same now)
    listed = [item for item in items if item.differs or item.decided]
    ours, theirs, translation = tr("ours"), tr("theirs"), tr("translation")
    for item in listed:
        decided = f" [{tr(DECISION_LABELS[item.decided])}]" if item.decided else ""
        print(f"{shown(item.key)}: {tr(STATE_LABELS[item.state])}{decided}")
        print(f"    {ours}: {_shown_value(item, item.ours)}")
        print(f"    {theirs}: {_shown_value(item, item.theirs)}")
        if item.ours_translation != item.theirs_translation:
            print(f"    {translation}: {_shown_value(item, item.ours_translation)} → "
                  f"{_shown_value(item, item.theirs_translation)}")
    differing = [item for item in items if item.differs]
    print(ntr("{n} question differs.", "{n} questions differ.", len(differing)))
    pending = [item for item in differing if item.decided is None]
    if pending:
        print(ntr("{n} difference is not decided yet.", "{n} differences are not decided yet.", len(pending)))
    return 0


def share_accept(args, ctx) -> int:
    from ..core.cycle import accept_return
    from ..core.cycle.share import read_return
    payload, _, signer = read_return(ctx.store, ctx.library, args.report_id, args.file)
    print(_signed_line(payload, signer))
    taken = accept_return(ctx.store, ctx.library, args.report_id, args.file, _keys(args))
    for item in taken:
        print(f"{shown(item.key)}: {_shown_value(item, item.ours)} → {_shown_value(item, item.theirs)}")
    print(ntr("{n} answer taken.", "{n} answers taken.", len(taken)))
    return 0


def share_reject(args, ctx) -> int:
    from ..core.cycle import reject_return
    from ..core.cycle.share import read_return
    payload, _, signer = read_return(ctx.store, ctx.library, args.report_id, args.file)
    print(_signed_line(payload, signer))
    left = reject_return(ctx.store, ctx.library, args.report_id, args.file, _keys(args))
    print(ntr("{n} answer left out.", "{n} answers left out.", len(left)))
    return 0
