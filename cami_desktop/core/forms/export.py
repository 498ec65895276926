"""The normalized definition of a form as plain JSON-able data (``forms show ID --json``)."""
from __future__ import annotations

from typing import Any

from .model import Field, Form, Question, Section


def form_to_dict(form: Form) -> dict[str, Any]:
    return {
        "id": form.id,
        "version": form.version,
        "title": form.title.as_dict(),
        "short_title": form.short_title.as_dict(),
        "basis": form.basis.as_dict(),
        "sections": [_section(form, s) for s in form.sections],
        "questions": [_question(form, q) for q in form.questions.values()],
    }


def _section(form: Form, section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {"key": section.key, "number": section.number, "title": section.title.as_dict(),
                            "questions": [q.key for q in section.questions]}
    if section.sections:
        data["sections"] = [_section(form, s) for s in section.sections]
    return data


def _field(form: Form, fld: Field) -> dict[str, Any]:
    data: dict[str, Any] = {"key": fld.key, "type": fld.type, "required": fld.required,
                            "label": fld.label.as_dict()}
    if fld.help:
        data["help"] = fld.help.as_dict()
    options = form.reference.choices(fld)
    if options:
        data["options"] = [{"value": o.value, "label": o.label.as_dict()} for o in options]
    multiple = fld.type == "multi_choice" or (fld.type in ("pick", "link", "attachment") and fld.multiple)
    if fld.type in ("multi_choice", "pick", "link", "attachment"):
        data["multiple"] = multiple
    for name in ("min", "max", "decimals", "max_length", "format", "list", "scale"):
        value = getattr(fld, name)
        if value is not None:
            data[name] = value
    if fld.unit:
        data["unit"] = fld.unit.as_dict()
    return data


def _question(form: Form, q: Question) -> dict[str, Any]:
    data = _field(form, q)
    data.update({"number": q.number, "section": q.section})
    if q.type == "table":
        data["columns"] = [_field(form, c) for c in q.columns]
        for name in ("min_rows", "max_rows"):
            if getattr(q, name) is not None:
                data[name] = getattr(q, name)
    if q.text:
        data["text"] = q.text.as_dict()
    if q.visible_if:
        data["conditional"] = True
    if q.other_of:
        data["other_of"] = q.other_of
    return data
