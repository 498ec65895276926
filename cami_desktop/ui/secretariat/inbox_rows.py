"""The rows of the inbox list: received submissions and refused packages, as text in one language.

Kept apart from the widget so that the wording (and the filter) can be read and tested alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...core.forms.reporters import is_country
from ...core.i18n import N_, current_language, tr
from ...core.secretariat.inbox import UNREGISTERED
from ...core.secretariat.reasons import render_all
from ...core.secretariat.views import submission_state
from ...core.store.submissions import RefusalRecord, SubmissionRecord
from ...core.trust.assess import country_name, verdict_label
from ..language import format_datetime

ALL, IMPORTED, UNREGISTERED_ONLY, SET_ASIDE, REFUSED = "all", "imported", "unregistered", "set aside", "refused"
#: The filter of the list: value → label msgid, in the order offered.
FILTERS = {ALL: N_("All packages"), IMPORTED: N_("Imported"), UNREGISTERED_ONLY: N_("Awaiting registration"),
           SET_ASIDE: N_("Set aside"), REFUSED: N_("Refused packages")}
COLUMNS = (N_("Received"), N_("Country"), N_("Form"), N_("Period"), N_("Revision"), N_("Signer"),
           N_("Verdict"), N_("File"), N_("Reason"))
#: Row colours (the verdict column) by kind of row.
VERDICT_COLOURS = {"registered": "#2E7D32", UNREGISTERED: "#B26A00", "invalid": "#C62828", "refused": "#C62828",
                   "set aside": "#616161"}


@dataclass(frozen=True)
class InboxRow:
    """One line of the list: a submission (current revision) or a refused package."""

    record: SubmissionRecord | RefusalRecord

    @property
    def refused(self) -> bool:
        return isinstance(self.record, RefusalRecord)

    @property
    def kind(self) -> str:
        if self.refused:
            return "refused"
        return "set aside" if self.record.set_aside else self.record.verdict

    def cells(self, library) -> list[str]:
        """The row's texts, in the order of :data:`COLUMNS` (the reason: the first one, if any)."""
        record = self.record
        received = format_datetime(record.received_at)
        first = (self.reasons() or [""])[0]
        if self.refused:
            # the reason also where a submission names its report: the view spans it over those columns
            return [received, first, "", "", "", "", tr("Refused"), file_name(record.source), first]
        return [received, reporter_label(record.country), form_title(library, record.form_id),
                record.period, str(record.revision), record.signer_name,
                verdict_text(record), file_name(record.source), first]

    def reasons(self) -> list[str]:
        return render_all(self.record.reasons)


def verdict_text(record: SubmissionRecord) -> str:
    """The verdict's label (the one table ``verify`` uses), and where the submission stands when the
    label does not say it already: superseded, or set aside (an unregistered signer's package is
    awaiting registration, a package not valid counts nowhere: the label says both)."""
    label = tr(verdict_label(record.verdict))
    if record.current or (not record.set_aside and not record.counts):
        return label
    if record.set_aside:  # the reason is in the details below: the column stays narrow
        aside = tr(N_("set aside"))
        return f"{label} ({aside})"
    return f"{label} ({submission_state(record)})"


def reporter_label(reporter: str) -> str:
    """``Kazakhstan (KZ)`` for a country; an organization's name as it is (it has no code)."""
    if not is_country(reporter):
        return reporter
    return f"{country_name(reporter)} ({reporter})"


def file_name(source: str) -> str:
    """What people see of an origin: the file's name, or the e-mail's name and the attachment's."""
    if " › " in source:
        mail, attachment = source.rsplit(" › ", 1)
        return f"{Path(mail).name} › {attachment}"
    return Path(source).name


def form_title(library, form_id: str) -> str:
    """The form's short title in the interface language (its id if this installation lacks it)."""
    form = library.forms.get(form_id)
    return form.short_title.get(current_language()) if form is not None else form_id


def inbox_rows(store, which: str = ALL) -> list[InboxRow]:
    """The submissions and refused packages the filter keeps, newest arrival first.

    A submission is listed when it is current, or when it counts for nobody (awaiting
    registration, not valid, set aside): only a superseded revision is left to the history.
    """
    rows: list[InboxRow] = []
    if which in (ALL, IMPORTED, UNREGISTERED_ONLY, SET_ASIDE):
        for record in store.list_submissions():
            if not (record.current or not record.counts):
                continue
            if which == UNREGISTERED_ONLY and record.verdict != UNREGISTERED:
                continue
            if which == SET_ASIDE and not record.set_aside:
                continue
            rows.append(InboxRow(record))
    if which in (ALL, REFUSED):
        rows += [InboxRow(record) for record in store.list_refusals()]
    rows.sort(key=lambda row: row.record.received_at, reverse=True)
    return rows


def history(store, record: SubmissionRecord) -> list[SubmissionRecord]:
    """Every submission of the same form, country and period, the highest revision first."""
    every = store.list_submissions(form_id=record.form_id, period=record.period, country=record.country)
    return sorted(every, key=lambda r: (r.revision, r.id), reverse=True)


def history_line(record: SubmissionRecord) -> str:
    """One revision in the history: revision, when, who, and whether it is the current one."""
    state = submission_state(record)
    if record.draft:
        return tr("Revision {revision} (draft package), received {date}, signed by {signer}: {state}",
                  revision=record.revision, date=format_datetime(record.received_at),
                  signer=record.signer_name, state=state)
    return tr("Revision {revision}, received {date}, signed by {signer}: {state}",
              revision=record.revision, date=format_datetime(record.received_at),
              signer=record.signer_name, state=state)
