"""``report new|list|fill|dump|validate|finalize|reopen|delete|restore|history``."""
from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import CamiError, StoreCorrupt
from ..core.i18n import N_, current_language, ntr, tr
from ..core.reports import answers_file
from ..core.reports.declaration import declaration_defaults, identity_details
from ..core.reports.review import STATE_LABELS
from ..core.reports.session import ReportSession, create_report
from ..core.store.records import STATUS_LABELS
from .output import shown, shown_json


def register(commands) -> None:
    report = commands.add_parser("report", help="create, fill, check and finalize reports")
    sub = report.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    new = sub.add_parser("new", help="create a report and print its id")
    new.add_argument("--form", required=True, metavar="ID")
    reporter = new.add_mutually_exclusive_group(required=True)
    reporter.add_argument("--country", metavar="CC", help="ISO code of the reporting country, e.g. KZ")
    reporter.add_argument("--organization", metavar="NAME",
                          help="the reporting organization, instead of a country (Concerted Action reports)")
    new.add_argument("--period", required=True, metavar="P", help="a year (2025) or years (2022-2025)")
    new.add_argument("--language", dest="report_language", choices=("en", "ru"), default="en",
                     help="language of the report's answers")
    new.set_defaults(handler=new_report)
    listing = sub.add_parser("list", help="list reports")
    listing.add_argument("--deleted", action="store_true", help="list the deleted reports instead")
    listing.set_defaults(handler=list_reports)
    fill = sub.add_parser("fill", help="store answers from a JSON file (docs/answers.md)")
    fill.add_argument("report_id", type=int, metavar="ID")
    fill.add_argument("answers", type=Path, metavar="ANSWERS.json")
    fill.set_defaults(handler=fill_report)
    for name, handler, text in (
        ("dump", dump_report, "print the answers as JSON"),
        ("validate", validate_report, "check the report; exit 1 when there are errors"),
        ("reopen", reopen_report, "reopen a final report as a new revision"),
        ("delete", delete_report, "move a report to the deleted reports"),
        ("restore", restore_report, "bring a deleted report back"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("report_id", type=int, metavar="ID")
        cmd.set_defaults(handler=handler)
    final = sub.add_parser("finalize", help="make a report final (only without errors)")
    final.add_argument("report_id", type=int, metavar="ID")
    final.add_argument("--name", help="who declares the report verified (default: the profile's name)")
    final.add_argument("--position", default=None)
    final.add_argument("--institution", default=None)
    final.set_defaults(handler=finalize_report)
    history = sub.add_parser("history", help="show the history of a report's answers")
    history.add_argument("report_id", type=int, metavar="ID")
    history.add_argument("key", nargs="?", help="only this question")
    history.set_defaults(handler=show_history)
    from . import cycle_cmd  # the reporting cycle's actions (issue 11)
    cycle_cmd.register_report(sub, new)


def _session(ctx, report_id: int) -> ReportSession:
    return ReportSession.open(ctx.store, ctx.library, report_id)


def new_report(args, ctx) -> int:
    if getattr(args, "from_id", None) is not None:
        from . import cycle_cmd
        return cycle_cmd.new_from(args, ctx)
    record = create_report(ctx.store, ctx.library, form_id=args.form, country=args.country or "",
                           organization=args.organization or "", period=args.period,
                           language=args.report_language or "en")
    existing = [r for r in ctx.store.find_reports(form_id=args.form, country=record.country, period=record.period)
                if r.id != record.id]
    if existing:
        print(tr("Note: a report for this form, country and period already exists (id {ids}).",
                 ids=", ".join(str(r.id) for r in existing)), file=sys.stderr)
    print(record.id)
    return 0


def list_reports(args, ctx) -> int:
    lang = current_language()
    records = ctx.store.list_reports(deleted=args.deleted)
    if not records:
        print(tr("No reports."))
    for r in records:
        try:
            title = ctx.library.get(r.form_id, r.form_version).short_title.get(lang)
            state = f"{_session(ctx, r.id).review().overall.percent}%" if not args.deleted else ""
        except StoreCorrupt:
            raise  # damage is the one error a listing must not hide
        except CamiError:
            title, state = r.form_id, ""
        print(shown(f"{r.id:>4}  {r.country}  {r.period:<10} {r.language}  {tr(STATUS_LABELS[r.status]):<10} "
                    f"{state:>4}  r{r.revision}  {title}"))  # an organization's name, a form id from a file
    return 0


def fill_report(args, ctx) -> int:
    data = answers_file.read(args.answers)
    changed = answers_file.fill(_session(ctx, args.report_id), data)
    print(ntr("{n} answer stored.", "{n} answers stored.", changed))
    return 0


def dump_report(args, ctx) -> int:
    document = answers_file.dump(_session(ctx, args.report_id))
    # Who supplied each answer a colleague gave: as stored, with the sentence the history shows.
    from ..core.cycle.suppliers import supplier_text
    suppliers = ctx.store.suppliers(args.report_id)
    if suppliers:
        document["suppliers"] = {key: {**who, "text": supplier_text(who)}
                                 for key, who in sorted(suppliers.items())}
    print(shown_json(document, indent=2))
    return 0


def validate_report(args, ctx) -> int:
    session = _session(ctx, args.report_id)
    result = session.review()
    lang = current_language()
    for message in result.messages:
        q = session.form.questions.get(message.key)
        number = q.number if q and q.number else message.key
        level = tr("error") if message.level == "error" else tr("warning")
        print(shown(f"{level}: {number} [{message.key}]: {message.render(lang)}"))
    overall = result.overall
    print(tr("{state}: {answered} of {total} questions answered ({percent}%).",
             state=tr(STATE_LABELS[overall.state]), answered=overall.answered, total=overall.total,
             percent=overall.percent))
    print(ntr("{n} error", "{n} errors", len(result.errors)) + ", "
          + ntr("{n} warning", "{n} warnings", len(result.warnings)))
    return 1 if result.errors else 0


def finalize_report(args, ctx) -> int:
    session = _session(ctx, args.report_id)
    # as the window's Finalize dialog: the options, else the profile, else the signing identity
    given = {"name": args.name, "position": args.position, "institution": args.institution}
    defaults = declaration_defaults(ctx.store.get_setting("profile") or {}, identity_details(ctx.data_dir))
    declared = {key: (value or "").strip() or defaults[key] for key, value in given.items()}
    name = declared["name"]
    if not name:
        raise CamiError(N_("Say who declares the report verified: --name NAME, or fill in the profile."))
    errors = session.review().errors
    if errors:
        for message in errors:
            print(shown(f"{message.key}: {message.render()}"))
    record = session.finalize(name=name, position=declared["position"], institution=declared["institution"])
    print(tr("Report {id} is final (revision {revision}).", id=record.id, revision=record.revision))
    return 0


def reopen_report(args, ctx) -> int:
    record = _session(ctx, args.report_id).reopen()
    print(tr("Report {id} is reopened as revision {revision}.", id=record.id, revision=record.revision))
    return 0


def delete_report(args, ctx) -> int:
    ctx.store.delete_report(args.report_id)
    print(tr("Report {id} moved to the deleted reports; `report restore {id}` brings it back.",
             id=args.report_id))
    return 0


def restore_report(args, ctx) -> int:
    ctx.store.restore_report(args.report_id)
    print(tr("Report {id} restored.", id=args.report_id))
    return 0


def show_history(args, ctx) -> int:
    from ..core.cycle.suppliers import history_with_suppliers, supplier_text
    for entry, supplier in history_with_suppliers(ctx.store, args.report_id, args.key):
        old, new = shown_json(entry.old), shown_json(entry.new)  # answers may come from a colleague's file
        who = f"  [{shown(supplier_text(supplier))}]" if supplier else ""
        print(f"{entry.at.isoformat(timespec='seconds')}  {shown(entry.key)}  {old} → {new}{who}")
    return 0
