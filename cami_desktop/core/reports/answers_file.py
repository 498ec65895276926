"""The answers JSON document (docs/answers.md): what ``report dump`` writes and ``fill`` reads."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import AnswerError, CamiError, StoreError, os_reason
from ..i18n import N_
from ..values import MAX_TEXT, JsonTooLarge, loads_bounded
from .session import AnswerErrors, ReportSession
from .values import clean_text, shown

FORMAT = "cami-answers/1"
MAX_KEY = 200  # no question key is longer; a longer one is quoted shortened, as unknown
#: the answers of the largest form, with long texts, are well under 1 MB
MAX_BYTES = 16 * 1024 * 1024


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
        # At most MAX_BYTES are read: a huge file, or /dev/zero, is refused in little memory
        # instead of filling it (a 1 GB file took 2 GB before JSON parsing even began).
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise CamiError(N_("{path} is not a valid answers file: it is larger than {limit} MB."),
                            path=str(path), limit=MAX_BYTES // (1024 * 1024))
        data = loads_bounded(raw)
    except OSError as exc:
        raise CamiError(N_("Cannot read {path}: {reason}"), path=str(path), reason=os_reason(exc)) from None
    except JsonTooLarge as exc:
        raise CamiError(N_("{path} is not a valid answers file: {problem}"), path=str(path),
                        problem=CamiError(exc.message, limit=exc.limit)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CamiError(N_("{path} is not a valid answers file: {reason}"), path=str(path), reason=str(exc)) from None
    except ValueError:  # an integer of more than 4,300 digits (Python refuses to convert it)
        raise CamiError(N_("{path} is not a valid answers file: it holds a number too long to read."),
                        path=str(path)) from None
    except RecursionError:
        raise CamiError(N_("{path} is not a valid answers file: it is nested too deeply."), path=str(path)) from None
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
                        other=shown(form.get("id")), form=session.form.id)
    translations = data.get("translations") or {}
    problems = [AnswerError(N_("{key}: {problem}"), key=shown(key), problem=AnswerError(N_("no such question")))
                for key in list(data["answers"]) + list(translations) if len(key) > MAX_KEY]
    # Checked here, before anything is stored: the store refuses a translation that is not a text
    # only after the answers are written, which would leave the fill half done.
    problems += [AnswerError(N_("{key}: {problem}"), key=shown(key), problem=AnswerError(N_("a text is expected")))
                 for key, text in translations.items() if text is not None and not isinstance(text, str)]
    translations = dict(translations)
    for key, text in translations.items():
        if isinstance(text, str):  # line breaks made "\n"; another control character is refused
            try:
                translations[key] = clean_text(text, shown(key))
            except AnswerError as exc:
                problems.append(exc)
            else:
                if len(translations[key]) > MAX_TEXT:
                    problems.append(AnswerError(N_("{key}: {problem}"), key=shown(key), problem=AnswerError(
                        N_("the text is longer than {limit} characters"), limit=MAX_TEXT)))
    problems += _missing_attachments(session, data["answers"])
    if problems:
        raise AnswerErrors(problems)
    return session.fill(data["answers"], translations)


def _missing_attachments(session: ReportSession, answers: dict[str, Any]) -> list[AnswerError]:
    """Attachment records that name no stored file: stored, they would break the export later."""
    problems = []
    for key, value in answers.items():
        q = session.form.question(key)
        if q is None or q.type != "attachment" or not isinstance(value, list):
            continue
        for item in value:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue  # a wrong shape is reported by the answer check
            try:
                stored = session.store.attachment_info(item["id"])
            except StoreError:
                stored = None
            if stored is None or stored["sha256"] != item.get("sha256"):
                problems.append(AnswerError(N_("{key}: {problem}"), key=key, problem=AnswerError(
                    N_("there is no stored attached file {name} with the id {id}"),
                    name=shown(item.get("name")), id=shown(item["id"]))))
    return problems
