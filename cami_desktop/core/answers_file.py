"""The answers JSON document (docs/answers.md): what ``report dump`` writes and ``fill`` reads."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import CamiError
from .i18n import N_
from .reports import ReportSession

FORMAT = "cami-answers/1"


def dump(session: ReportSession) -> dict[str, Any]:
    """The report's answers and translations with the form and report they belong to."""
    record = session.record
    return {
        "format": FORMAT,
        "form": {"id": session.form.id, "version": session.form.version},
        "report": {
            "id": record.id, "uid": record.uid, "country": record.country, "period": record.period,
            "language": record.language, "status": record.status, "revision": record.revision,
        },
        "answers": dict(sorted(session.answers.items())),
        "translations": dict(sorted(session.translations.items())),
    }


def read(path: Path) -> dict[str, Any]:
    """Read an answers document; a broken file is a clear error."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CamiError(N_("Cannot read {path}: {reason}"), path=str(path), reason=exc.strerror or str(exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CamiError(N_("{path} is not a valid answers file: {reason}"), path=str(path), reason=str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise CamiError(N_("{path} is not a valid answers file: it needs an \"answers\" object."), path=str(path))
    if not isinstance(data.get("translations", {}), dict):
        raise CamiError(N_("{path} is not a valid answers file: \"translations\" must be an object."), path=str(path))
    return data


def fill(session: ReportSession, data: dict[str, Any]) -> int:
    """Store the document's answers in the report, all or none; return how many changed."""
    form = data.get("form")
    if isinstance(form, dict) and form.get("id") not in (None, session.form.id):
        raise CamiError(N_("These answers belong to the form {other}, not {form}."),
                        other=form.get("id"), form=session.form.id)
    return session.fill(data["answers"], data.get("translations") or {})
