"""``inbox import PATH…``, ``inbox list`` and ``overview --form ID --period P [--out FILE]``.

The Secretariat's side: received packages (files, folders of them, saved e-mails) go into the
store's inbox; the overview of a form and period is printed, or compiled into a workbook
(``.xlsx``) or a PDF (``.pdf``) in English or, with ``--language ru``, Russian.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import CamiError
from ..core.i18n import LANGUAGES, N_, tr
from .output import shown


def register(commands) -> None:
    inbox = commands.add_parser("inbox", help="the Secretariat's inbox of received packages")
    sub = inbox.add_subparsers(dest="inbox_command", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="import packages (.zip), saved e-mails (.eml) or folders of them")
    imp.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    imp.set_defaults(handler=inbox_import)
    listing = sub.add_parser("list", help="received submissions (newest first), or the refused packages")
    listing.add_argument("--form", metavar="ID")
    listing.add_argument("--period", metavar="P")
    listing.add_argument("--refused", action="store_true", help="list the refused packages instead")
    listing.set_defaults(handler=inbox_list)
    aside = sub.add_parser("set-aside", help="set a submission aside, with a reason: it stays in the history "
                           "and is counted nowhere")
    aside.add_argument("submission", type=int, metavar="ID")
    aside.add_argument("--reason", required=True, metavar="TEXT", help="why (kept and shown by inbox list)")
    aside.set_defaults(handler=inbox_set_aside)
    restore = sub.add_parser("restore", help="take back a submission that was set aside")
    restore.add_argument("submission", type=int, metavar="ID")
    restore.set_defaults(handler=inbox_restore)

    overview = commands.add_parser("overview", help="the overview of a form and period across the Range States")
    overview.add_argument("--form", required=True, metavar="ID")
    overview.add_argument("--period", required=True, metavar="P")
    overview.add_argument("--out", type=Path, metavar="FILE.xlsx|FILE.pdf",
                          help="write the compiled workbook or PDF (default: print the Range States)")
    overview.add_argument("--language", dest="export_language", choices=LANGUAGES, default="en",
                          help="language of the compiled workbook or PDF (default: en)")
    overview.add_argument("--objective", metavar="KEY", help="Programme of Work: only the activities of one "
                          "objective (e.g. 1) or part (cross_cutting, ptcr_section)")
    overview.add_argument("--priority", metavar="LABEL", help="Programme of Work: only activities of this "
                          "priority (its English label, e.g. High)")
    overview.add_argument("--species", metavar="KEY", help="Programme of Work: only activities where a "
                          "country named this species (e.g. saiga)")
    overview.set_defaults(handler=overview_cmd)


def inbox_import(args, ctx) -> int:
    from ..core.secretariat.inbox import DUPLICATE, IMPORTED, REFUSED, import_paths
    marks = {IMPORTED: "✓", DUPLICATE: "=", REFUSED: "✗"}
    result = import_paths(ctx.store, ctx.library, args.paths)
    for item in result.items:
        line = f"{marks.get(item.outcome, '!')} {item.source}"
        if item.outcome == IMPORTED:
            sub = item.submission
            from ..core.secretariat.views import submission_state
            verdict = _verdict(sub.verdict) + ("" if sub.current else f" ({submission_state(sub)})")
            line += "  " + tr(N_("imported: {form} {country} {period}, revision {revision}, {verdict}"),
                              form=sub.form_id, country=sub.country, period=sub.period,
                              revision=sub.revision, verdict=verdict)
        elif item.outcome == DUPLICATE:
            line += "  " + tr(N_("already received"))
        elif item.outcome == REFUSED:
            line += "  " + tr(N_("refused"))
        print(shown(line))  # the source and the package's facts come from a stranger's file
        # An accepted duplicate needs one line; a package still refused shows why, again.
        accepted = item.outcome == DUPLICATE and item.submission is not None
        for text in item.render_reasons()[: 1 if accepted else None]:
            print(f"    {shown(text)}")
    print(tr(N_("{imported} imported, {duplicates} already received, {refused} refused, {other} not read."),
             imported=result.count(IMPORTED), duplicates=result.count(DUPLICATE),
             refused=result.count(REFUSED), other=len(result.items) - result.count(IMPORTED)
             - result.count(DUPLICATE) - result.count(REFUSED)))
    accepted = all(item.outcome == IMPORTED or (item.outcome == DUPLICATE and item.submission is not None)
                   for item in result.items)
    return 0 if accepted else 1


def _verdict(verdict: str, lang: str | None = None) -> str:
    from ..core.trust.assess import verdict_label  # the one table, as verify says it
    return tr(verdict_label(verdict), lang)


def submission_line(record) -> str:
    """One submission as ``inbox list`` prints it (the fingerprint of one awaiting registration)."""
    from ..core.secretariat.views import submission_state
    line = (f"{record.id:>5}  {record.form_id:<20} {record.country}  {record.period:<10} "
            f"r{record.revision}  {record.completeness:>3} %  {record.received_at:%Y-%m-%d}  "
            f"{_verdict(record.verdict)}  {submission_state(record)}  {record.signer_name}")
    if record.verdict != "registered":
        line += f"  {record.signer_fingerprint}"
    return shown(line)  # names, reasons and facts come from a stranger's file


def inbox_set_aside(args, ctx) -> int:
    _rejudge(ctx.store)
    record = ctx.store.set_submission_aside(args.submission, args.reason)
    print(tr(N_("Set aside: submission {id} ({form} {country} {period}, revision {revision}). It stays in "
                "the history and is counted nowhere; \"inbox restore {id}\" takes it back."),
             id=record.id, form=record.form_id, country=shown(record.country), period=record.period,
             revision=record.revision))
    _print_current(ctx.store, record)
    return 0


def inbox_restore(args, ctx) -> int:
    _rejudge(ctx.store)
    before = ctx.store.get_submission(args.submission)
    if not before.set_aside:
        raise CamiError(N_("Submission {id} is not set aside."), id=before.id)
    record = ctx.store.set_submission_aside(args.submission, None)
    print(tr(N_("Restored: submission {id} ({form} {country} {period}, revision {revision})."),
             id=record.id, form=record.form_id, country=shown(record.country), period=record.period,
             revision=record.revision))
    _print_current(ctx.store, record)
    return 0


def _print_current(store, record) -> None:
    """Which submission is now current for that report (or that there is none)."""
    current = store.list_submissions(form_id=record.form_id, period=record.period, country=record.country,
                                     current_only=True)
    if current:
        print(tr(N_("Current now: submission {id}, revision {revision}, signed by {name}."),
                 id=current[0].id, revision=current[0].revision, name=shown(current[0].signer_name)))
    else:
        print(tr(N_("No submission of {country} counts now for this form and period."), country=shown(record.country)))


def _rejudge(store) -> None:
    """Registrations may have changed since the last look (``trust add|replace|revoke``): judge again."""
    from ..core.secretariat.inbox import refresh_registrations
    refresh_registrations(store)


def inbox_list(args, ctx) -> int:
    _rejudge(ctx.store)
    if args.refused:
        from ..core.secretariat.reasons import render_all
        for refusal in ctx.store.list_refusals():
            print(f"{refusal.received_at:%Y-%m-%d %H:%M}  {shown(refusal.source)}  {refusal.sha256[:12]}")
            for text in render_all(refusal.reasons):
                print(f"    {shown(text)}")
        return 0
    records = ctx.store.list_submissions(form_id=args.form, period=args.period)
    for record in records:
        print(submission_line(record))
    if not records:
        print(tr(N_("No submissions received yet.")), file=sys.stderr)
    return 0


def _state_line(row, lang: str, completeness_label) -> str:
    """One reporter of the printed overview: code, name, and its current submission if any."""
    sub = row.submission
    # An organization's stored name is its code: print it once.
    head = row.country if len(row.country) == 2 else ""
    name = shown(row.name.get(lang))  # an organization's name comes from its package
    if sub is None:
        return f"{head:<2}  {name:<28} —"
    return (f"{head:<2}  {name:<28} r{sub.revision}  {completeness_label(row, lang)}  "
            f"{shown(sub.signer_name)}  {_verdict(sub.verdict, lang)}  {sub.received_at:%Y-%m-%d}")


def overview_cmd(args, ctx) -> int:
    from ..core.secretariat.overview import build_overview
    lang = args.export_language
    ctx.library.get(args.form)  # an unknown form is a clear error before anything else
    out = args.out
    if out is not None and out.suffix.lower() not in (".xlsx", ".pdf"):
        raise CamiError(N_("The output file must end in .xlsx or .pdf: {path}"), path=str(out))
    if out is not None and not out.absolute().parent.is_dir():
        raise CamiError(N_("The folder {path} does not exist."), path=str(out.absolute().parent))
    _rejudge(ctx.store)
    overview = build_overview(ctx.store, ctx.library, args.form, args.period, lang=lang)
    if overview.activities is not None and (args.objective or args.priority or args.species):
        overview.activities = overview.activities.filtered(objective=args.objective, priority=args.priority,
                                                           species=args.species)
    if out is None:
        from ..core.secretariat.views import OTHER_REPORTERS, completeness_label
        for row in overview.states:
            print(_state_line(row, lang, completeness_label))
        if overview.others:
            print(tr(OTHER_REPORTERS, lang) + ":")
            for row in overview.others:
                print(_state_line(row, lang, completeness_label))
        return 0
    if out.suffix.lower() == ".xlsx":
        from ..core.secretariat.compiled_workbook import write_compiled_workbook
        write_compiled_workbook(overview, out, lang)
    else:
        from ..core.secretariat.compiled_pdf import write_compiled_pdf
        write_compiled_pdf(overview, out, lang)
    print(out)
    return 0
