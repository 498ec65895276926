"""``forms list``, ``forms check [FILE...]`` and ``forms show ID [--json]``."""
from __future__ import annotations

import json
from pathlib import Path

from ..core.forms.export import form_to_dict
from ..core.forms.library import FormLibrary
from ..core.forms.loader import load_form
from ..core.forms.reference import load_reference
from ..core.i18n import current_language, ntr, tr
from ..core.paths import forms_dir
from .output import shown


def register(commands) -> None:
    forms = commands.add_parser("forms", help="list, check and show reporting formats")
    sub = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="list the reporting formats").set_defaults(handler=list_forms)
    check = sub.add_parser("check", help="check form files (default: all shipped forms)")
    check.add_argument("files", nargs="*", type=Path, metavar="FILE")
    check.set_defaults(handler=check_forms)
    show = sub.add_parser("show", help="show a reporting format")
    show.add_argument("form_id", metavar="ID")
    show.add_argument("--json", action="store_true", help="the normalized definition as JSON")
    show.set_defaults(handler=show_form)


def list_forms(args, ctx) -> int:
    lang = current_language()
    for form in ctx.library:
        questions = sum(1 for _ in form.answerable())
        count = ntr("{n} question", "{n} questions", questions)  # outside the f-string: extracted
        print(f"{form.id:<22} {form.version:<8} {form.title.get(lang)} ({count})")
    return 0


def check_forms(args, ctx) -> int:
    if args.files:
        # The files are checked against the shipped reference data alone: loading every shipped
        # form as well would cost more than checking the file.
        reference, _ = load_reference(forms_dir() / "reference")
        problems = [problem for path in args.files for problem in load_form(path, reference)[1]]
        count = len(args.files)
    else:
        library = FormLibrary.load()
        problems = library.problems
        count = len(library.forms)
    for problem in problems:
        print(shown(problem))  # a form file from elsewhere may hold anything
    if problems:
        print(ntr("{n} problem found.", "{n} problems found.", len(problems)))
        return 1
    print(ntr("{n} form is correct.", "{n} forms are correct.", count))
    return 0


def show_form(args, ctx) -> int:
    form = ctx.library.get(args.form_id)
    if args.json:
        print(json.dumps(form_to_dict(form), ensure_ascii=False, indent=2))
        return 0
    lang = current_language()
    print(f"{form.title.get(lang)}  [{form.id} {form.version}]")
    print(form.basis.get(lang))
    for section in form.walk():
        print(f"{'  ' * section.depth}{section.number} {section.title.get(lang)}")
        for q in section.questions:
            if q.answerable:
                mark = " *" if q.required else ""
                print(f"{'  ' * (section.depth + 1)}{q.number} {q.label.get(lang)} [{q.key}: {q.type}]{mark}")
    print(tr("* required"))
    return 0
