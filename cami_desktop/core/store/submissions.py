"""The Secretariat's inbox in the store: accepted submissions and refused packages (issue 9).

A submission keeps everything the overview needs (metadata, verification result, answers and
translations), so the packages themselves need not be kept. Submissions of the same form,
country and period form one history. Only a submission that *counts* can be current: judged
``registered`` (intact, from the signer registered for its reporter, a country or an
organization: see :func:`cami_desktop.core.trust.assess.judge_signer`) and not set aside by the
Secretariat. The newest that counts is
*current*; every other one that counts points to it through ``superseded_by``. One that does not
count (awaiting registration, not valid, set aside) points nowhere and is current for nobody: it
stays in the history only. Supersession is recomputed inside the same transaction as each
insert, verdict change or setting aside, so the inbox is never seen half-updated.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.engine import Connection

from .. import errors
from ..i18n import N_
from .base import StoreBase
from .records import dump_json, load_json, signing_time, utcnow
from .schema import refused_packages, submissions

#: Columns read for lists and the overview: everything but the (possibly large) answers.
_META = [c for c in submissions.c if c.name not in ("answers", "translations")]


@dataclass(frozen=True)
class SubmissionRecord:
    """One accepted package: what it is, who signed it, how it verified, when it came."""

    id: int
    sha256: str
    source: str
    received_at: datetime
    report_uid: str
    form_id: str
    form_version: str
    country: str
    period: str
    language: str
    revision: int
    report_status: str
    draft: bool
    created: str | None
    signer_name: str
    signer_fingerprint: str
    verdict: str
    reasons: list[dict]
    completeness: int
    progress_state: str
    superseded_by: int | None
    set_aside_reason: str | None = None
    set_aside_at: datetime | None = None

    @property
    def set_aside(self) -> bool:
        return self.set_aside_reason is not None

    @property
    def counts(self) -> bool:
        """Whether it may speak for its reporter (see the module's docstring)."""
        return counts(self.verdict, self.set_aside_reason)

    @property
    def current(self) -> bool:
        """Whether it is its reporter's current submission: it counts and nothing later replaced it."""
        return self.counts and self.superseded_by is None


@dataclass(frozen=True)
class RefusalRecord:
    """A package that was refused: where it came from, its SHA-256, why, and when."""

    id: int
    sha256: str
    source: str
    received_at: datetime
    reasons: list[dict]


def _submission(row: Row) -> SubmissionRecord:
    values = {c.name: getattr(row, c.name) for c in _META}
    values["draft"] = bool(values["draft"])
    values["reasons"] = load_json(values["reasons"])
    return SubmissionRecord(**values)


def _refusal(row: Row) -> RefusalRecord:
    return RefusalRecord(row.id, row.sha256, row.source, row.received_at, load_json(row.reasons))


REGISTERED, UNREGISTERED, INVALID = "registered", "unregistered", "invalid"


def counts(verdict: str, set_aside_reason: str | None) -> bool:
    """Registered and not set aside, whoever the reporter (a country or an organization)."""
    return set_aside_reason is None and verdict == REGISTERED


def _order_key(row: Row) -> tuple:
    # A final package outranks a draft of the same revision; then the later-made package wins,
    # then the later-received one (ids grow with arrival). When it was made is the trust rule's
    # signing time (its manifest's time, never later than it arrived): compared as text, a time
    # with another offset, a malformed one or one in the future would outrank a later package.
    return (row.revision, not row.draft, signing_time(row.created, row.received_at), row.id)


class SubmissionsMixin(StoreBase):
    """Inbox methods of :class:`~.store.Store`. The verification itself is in core.secretariat."""

    def known_package(self, sha256: str) -> SubmissionRecord | RefusalRecord | None:
        """The submission or refusal already recorded for these bytes, if any."""
        with self._read() as connection:
            row = connection.execute(select(*_META).where(submissions.c.sha256 == sha256)).first()
            if row is not None:
                return _submission(row)
            row = connection.execute(
                select(refused_packages).where(refused_packages.c.sha256 == sha256)).first()
            return None if row is None else _refusal(row)

    def submission_received_at(self, sha256: str) -> datetime | None:
        """When the submission with these bytes was received, or ``None`` if the inbox has none."""
        with self._read() as connection:
            return connection.execute(select(submissions.c.received_at)
                                      .where(submissions.c.sha256 == sha256)).scalar()

    def add_submission(self, values: dict[str, Any], answers: dict, translations: dict, *,
                       replaces_refusal: int | None = None) -> SubmissionRecord:
        """Record an accepted package and update which submission of its report is current.

        ``replaces_refusal``: the id of an earlier refusal of the same bytes, which now passed
        (e.g. once a registration was corrected); it goes in the same transaction.
        """
        row_values = {**values, "answers": dump_json(answers), "translations": dump_json(translations),
                      "reasons": dump_json(values.get("reasons") or []),
                      "draft": int(bool(values.get("draft"))),
                      "received_at": values.get("received_at") or utcnow(), "superseded_by": None}
        with self._write() as connection:
            if replaces_refusal is not None:
                connection.execute(delete(refused_packages).where(refused_packages.c.id == replaces_refusal))
            new_id = connection.execute(insert(submissions).values(**row_values)).inserted_primary_key[0]
            self._settle_history(connection, values["form_id"], values["country"], values["period"])
            row = connection.execute(select(*_META).where(submissions.c.id == new_id)).one()
            return _submission(row)

    @staticmethod
    def _settle_history(connection: Connection, form_id: str, country: str, period: str) -> None:
        rows = connection.execute(
            select(submissions.c.id, submissions.c.revision, submissions.c.draft, submissions.c.created,
                   submissions.c.received_at, submissions.c.verdict, submissions.c.set_aside_reason)
            .where(submissions.c.form_id == form_id, submissions.c.country == country,
                   submissions.c.period == period)).all()
        # Only what counts competes: a stranger's later or higher revision never displaces the
        # registered signer's report (issue 15).
        eligible = [r for r in rows if counts(r.verdict, r.set_aside_reason)]
        newest = max(eligible, key=_order_key).id if eligible else None
        ids = [r.id for r in rows]
        connection.execute(update(submissions).where(submissions.c.id.in_(ids)).values(superseded_by=None))
        others = [r.id for r in eligible if r.id != newest]
        if others:
            connection.execute(update(submissions).where(submissions.c.id.in_(others))
                               .values(superseded_by=newest))

    def add_refusal(self, sha256: str, source: str, reasons: list[dict],
                    received_at: datetime | None = None) -> RefusalRecord:
        """Record that a package was refused (only its hash, origin and reasons are kept)."""
        with self._write() as connection:
            new_id = connection.execute(insert(refused_packages).values(
                sha256=sha256, source=source, reasons=dump_json(reasons),
                received_at=received_at or utcnow())).inserted_primary_key[0]
            row = connection.execute(select(refused_packages).where(refused_packages.c.id == new_id)).one()
            return _refusal(row)

    def list_submissions(self, *, form_id: str | None = None, period: str | None = None,
                         country: str | None = None, current_only: bool = False) -> list[SubmissionRecord]:
        """Submissions (without their answers), newest arrival first, optionally narrowed."""
        query = select(*_META)
        for column, value in ((submissions.c.form_id, form_id), (submissions.c.period, period),
                              (submissions.c.country, country)):
            if value is not None:
                query = query.where(column == value)
        with self._read() as connection:
            rows = connection.execute(query.order_by(submissions.c.id.desc())).all()
        records = [_submission(row) for row in rows]
        return [r for r in records if r.current] if current_only else records

    def get_submission(self, submission_id: int) -> SubmissionRecord:
        """One submission (without its answers); :class:`errors.StoreError` if there is none."""
        with self._read() as connection:
            row = connection.execute(select(*_META).where(submissions.c.id == submission_id)).first()
        if row is None:
            raise errors.StoreError(N_("There is no submission {id} in the inbox."), id=submission_id)
        return _submission(row)

    def list_refusals(self) -> list[RefusalRecord]:
        """Refused packages, newest first."""
        with self._read() as connection:
            rows = connection.execute(select(refused_packages).order_by(refused_packages.c.id.desc()))
            return [_refusal(row) for row in rows]

    def submission_answers(self, submission_id: int) -> tuple[dict, dict]:
        """The answers and translations a submission carried."""
        with self._read() as connection:
            row = connection.execute(select(submissions.c.answers, submissions.c.translations)
                                     .where(submissions.c.id == submission_id)).one()
        return load_json(row.answers), load_json(row.translations)

    def submission_periods(self, form_id: str | None = None) -> list[tuple[str, str]]:
        """The (form, period) pairs that have submissions, for choosing an overview."""
        query = select(submissions.c.form_id, submissions.c.period).distinct()
        if form_id is not None:
            query = query.where(submissions.c.form_id == form_id)
        with self._read() as connection:
            return sorted((r.form_id, r.period) for r in connection.execute(query))

    def set_submission_verdicts(self, changes: dict[int, tuple[str, list[dict]]]) -> None:
        """Change submissions' verdicts and reasons, and which is current, in one transaction.

        Used when the officer registers, replaces or revokes a signer after its packages
        arrived; see :func:`cami_desktop.core.secretariat.inbox.refresh_registrations`.
        """
        if not changes:
            return
        with self._write() as connection:
            groups = set()
            for submission_id, (verdict, reasons) in changes.items():
                connection.execute(update(submissions).where(submissions.c.id == submission_id)
                                   .values(verdict=verdict, reasons=dump_json(reasons)))
                row = connection.execute(select(submissions.c.form_id, submissions.c.country, submissions.c.period)
                                         .where(submissions.c.id == submission_id)).one()
                groups.add(tuple(row))
            for group in sorted(groups):
                self._settle_history(connection, *group)

    def set_submission_aside(self, submission_id: int, reason: str | None, *,
                             at: datetime | None = None) -> SubmissionRecord:
        """Set a submission aside with ``reason`` (``None``: restore it); which is current follows.

        A submission set aside stays in the history; it is never current and counted nowhere.
        One already set aside is not set aside again (:class:`errors.StoreError`): restore it first.
        """
        if reason is not None and not reason.strip():
            raise errors.StoreError(N_("Give a reason for setting the submission aside."))
        with self._write() as connection:
            row = connection.execute(select(*_META).where(submissions.c.id == submission_id)).first()
            if row is None:
                raise errors.StoreError(N_("There is no submission {id} in the inbox."), id=submission_id)
            if reason is not None and row.set_aside_reason is not None:
                # the first decision (its reason and time) is kept, never overwritten unseen
                raise errors.StoreError(N_("Submission {id} is already set aside since {date}: {reason}"),
                                        id=submission_id, date=row.set_aside_at.date().isoformat(),
                                        reason=row.set_aside_reason)
            values = ({"set_aside_reason": None, "set_aside_at": None} if reason is None else
                      {"set_aside_reason": reason.strip(), "set_aside_at": at or utcnow()})
            connection.execute(update(submissions).where(submissions.c.id == submission_id).values(**values))
            self._settle_history(connection, row.form_id, row.country, row.period)
            return _submission(connection.execute(select(*_META).where(submissions.c.id == submission_id)).one())
