"""The Secretariat's inbox: import packages, folders of packages and saved e-mails into the store.

Each package is assessed (:func:`cami_desktop.core.trust.assess.assess_package`: signature, every file,
and the signer against the registered signers of the country it claims), then its answers are
read and checked against the form. The outcome of each file is one :class:`InboxItem`:

* ``imported``: stored as a submission (verdict ``registered``, or ``unregistered``: intact but
  from a signer registered for nobody; it is kept *awaiting registration*, counted nowhere,
  and judged again when the officer registers that signer, see :func:`refresh_registrations`);
* ``duplicate``: the same bytes (SHA-256) were imported before, or refused before and still
  are; nothing changes (a package refused before is judged again, and imported if it now passes);
* ``refused``: not valid; only its hash, origin, reasons and time are recorded;
* ``skipped``: an e-mail without a package, or a file that cannot be read at all.

Nothing is written outside the store: e-mail attachments go to a private temporary folder under
names of our own. A broken or hostile file yields a reason, never an exception.
"""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sqlalchemy.exc import IntegrityError

from ..errors import plain_error
from ..i18n import N_
from ..store.records import utcnow
from ..store.submissions import INVALID, REGISTERED, UNREGISTERED, RefusalRecord, SubmissionRecord  # noqa: F401
from ..values import path_name, plain, shown_name
from . import eml
from .package_read import PackageRefused, read_submission
from .reasons import reason, render_all

IMPORTED, DUPLICATE, REFUSED, SKIPPED = "imported", "duplicate", "refused", "skipped"
MAX_FOLDER_FILES = 10_000   # files looked at in one folder tree
Progress = Callable[[float, str], None]


@dataclass
class InboxItem:
    """What happened to one file (or one attachment of an e-mail)."""

    source: str
    outcome: str
    sha256: str = ""
    submission: SubmissionRecord | None = None
    reasons: list[dict] = field(default_factory=list)

    def render_reasons(self, lang: str | None = None) -> list[str]:
        return render_all(self.reasons, lang)


@dataclass
class ImportResult:
    """Every item of one import, in the order met."""

    items: list[InboxItem] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for item in self.items if item.outcome == outcome)


def _noop(fraction: float, text: str = "") -> None:
    pass


def import_paths(store, library, paths: Iterable[Path], *, progress: Progress | None = None,
                 now: datetime | None = None) -> ImportResult:
    """Import packages (``.zip``), saved e-mails (``.eml``) and folders holding them.

    Each file is judged on its own: whatever goes wrong with one (even an error while storing
    it, or memory running short on it) makes it refused or skipped with a reason, and the next
    file is imported as usual.
    """
    progress = progress or _noop
    files = list(_expand(paths))
    result = ImportResult()
    for index, entry in enumerate(files):
        if isinstance(entry, InboxItem):  # skipped while the folders were listed
            result.items.append(entry)
            continue
        progress(index / max(1, len(files)), shown_name(entry.name))
        result.items += _import_one(store, library, entry, now)
    progress(1.0, "")
    return result


def _import_one(store, library, path: Path, now: datetime | None) -> list[InboxItem]:
    try:
        if path.suffix.lower() == ".eml":
            return import_eml(store, library, path, now=now)
        return [import_package(store, library, path, now=now)]
    except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - never stop the inbox
        return [_failed(store, shown_name(path.name), path_name(Path(path).absolute()), "", exc, now)]


def _failed(store, source: str, origin: str, digest: str, exc: BaseException,
            now: datetime | None) -> InboxItem:
    """A file whose judging or storing failed unexpectedly: refused, with what happened.

    A full disk is the machine's failure, not the file's: it stops the import, and the caller
    says so in one sentence (the files not yet read can be imported again once there is room).
    """
    if plain_error(exc) is not None:
        raise exc
    why = [_cause(exc)]
    if digest:
        try:
            store.add_refusal(digest, origin, _storable(why), now or utcnow())
        except Exception:  # noqa: BLE001 - the refusal is still reported, only not kept
            pass
    return InboxItem(source, REFUSED, digest, reasons=why)


def _cause(exc: BaseException) -> dict:
    """The reason for a failure nobody foresaw, in a sentence of its own where it is a known kind."""
    if isinstance(exc, MemoryError):
        return reason(N_("The package cannot be read: it needs more memory than is available."))
    if isinstance(exc, RecursionError):
        return reason(N_("The package cannot be read: it is nested too deeply."))
    return reason(N_("The package cannot be read: {reason}"), reason=shown_name(f"{type(exc).__name__}: {exc}"))


def _storable(reasons: list[dict]) -> list[dict]:
    """Reasons whose parameters are plain text: a hostile name must not break the store."""
    return [plain(r) for r in reasons]


def _skip(path: Path, message: str) -> InboxItem:
    name = shown_name(path.name)
    return InboxItem(name, SKIPPED, reasons=[reason(message, path=name)])


def _expand(paths: Iterable[Path]) -> Iterator[Path | InboxItem]:
    """The files named, and the ``.zip``/``.eml`` files under the folders named.

    A path named explicitly may be a link (the officer chose it). Under a folder, only regular
    files are taken: a link (to a file or a folder, inside or outside), a pipe, a device or a
    socket is skipped with a reason, whatever its name, and is never opened.
    """
    for path in map(Path, paths):
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            yield path
            continue
        seen = 0
        for root, dirs, names in os.walk(path, followlinks=False):
            dirs.sort()
            for name in sorted(names + [d for d in dirs if os.path.islink(os.path.join(root, d))]):
                candidate = Path(root) / name
                if candidate.suffix.lower() not in (".zip", ".eml"):
                    continue
                seen += 1
                if seen > MAX_FOLDER_FILES:
                    yield _skip(path, N_("{path} holds too many files; the rest was not read."))
                    return
                try:
                    mode = os.lstat(candidate).st_mode
                except OSError as exc:
                    yield InboxItem(shown_name(name), SKIPPED, reasons=[reason(
                        N_("Cannot read {path}: {reason}"), path=shown_name(name), reason=exc.strerror or exc)])
                    continue
                if stat.S_ISLNK(mode):
                    yield _skip(candidate, N_("{path} is a link; links in a folder are not followed."))
                elif not stat.S_ISREG(mode):
                    yield _skip(candidate, N_("{path} is not a file."))
                else:
                    yield candidate


def import_eml(store, library, path: Path, *, now: datetime | None = None) -> list[InboxItem]:
    """Import every package attached to a saved e-mail; its bytes never leave a private folder."""
    label = shown_name(Path(path).name)
    try:
        if not _regular(Path(path)):  # a pipe named .eml would block the read
            return [_skip(Path(path), N_("{path} is not a file."))]
        mail = eml.read_eml(Path(path))
    except eml.MailRefused as exc:
        return [InboxItem(label, SKIPPED, reasons=[reason(exc.message, **exc.params)])]
    except OSError as exc:
        return [InboxItem(label, SKIPPED, reasons=[reason(N_("Cannot read {path}: {reason}"),
                                                          path=label, reason=exc.strerror or exc)])]
    items = [InboxItem(label, SKIPPED, reasons=[reason(message, **params)]) for message, params in mail.problems]
    with tempfile.TemporaryDirectory(prefix="cami-inbox-") as folder:
        for index, attachment in enumerate(mail.attachments, 1):
            target = Path(folder) / f"attachment-{index}.zip"
            try:
                target.write_bytes(attachment.data)
            except OSError as exc:  # e.g. a full temporary disk: this attachment is not read
                items.append(InboxItem(f"{label} › {attachment.name}", SKIPPED, reasons=[reason(
                    N_("Cannot read {path}: {reason}"), path=attachment.name, reason=exc.strerror or exc)]))
                continue
            items.append(import_package(store, library, target, now=now,
                                        source=f"{label} › {attachment.name}",
                                        origin=f"{path_name(Path(path).absolute())} › {attachment.name}"))
    return items


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_package(store, library, path: Path, *, now: datetime | None = None,
                   source: str | None = None, origin: str | None = None) -> InboxItem:
    """Assess one package and store it as a submission, or record why it was refused.

    ``source`` names the file for people (default: its name); ``origin`` is what the store
    keeps (default: its absolute path), so a refusal can be traced back to the file.
    """
    path = Path(path)
    source = shown_name(source or path.name)
    origin = origin or path_name(path.absolute())
    try:
        if not _regular(path):
            # a device or a pipe (/dev/zero) would be hashed for ever; a pipe would block the open
            return InboxItem(source, SKIPPED, reasons=[reason(N_("{path} is not a file."), path=source)])
        digest = _sha256(path)
    except OSError as exc:
        return InboxItem(source, SKIPPED, reasons=[reason(N_("Cannot read {path}: {reason}"),
                                                          path=source, reason=exc.strerror or exc)])
    try:
        return _judge(store, library, path, source, origin, digest, now)
    except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - e.g. a value SQLite refuses
        return _failed(store, source, origin, digest, exc, now)


def _regular(path: Path) -> bool:
    """Whether ``path`` (followed if a link the officer named) is a regular file; raises OSError."""
    return stat.S_ISREG(os.stat(path).st_mode)


def _judge(store, library, path: Path, source: str, origin: str, digest: str,
           now: datetime | None) -> InboxItem:
    known = store.known_package(digest)
    if isinstance(known, SubmissionRecord):
        return _duplicate(source, digest, known)
    # A package refused before is judged again: the officer may have corrected a registration
    # (e.g. a certificate registered for the wrong country) or installed a newer form since.
    received = now or utcnow()
    try:
        values, answers, translations = read_submission(path, store, library)
    except PackageRefused as exc:
        return _refused(store, source, origin, digest, received, exc.reasons, known)
    except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - never stop the inbox
        if plain_error(exc) is not None:
            raise  # a full disk stops the import (see _failed)
        return _refused(store, source, origin, digest, received, [_cause(exc)], known)
    values.update(sha256=digest, source=origin, received_at=received)
    try:
        record = store.add_submission(values, answers, translations,
                                      replaces_refusal=known.id if known is not None else None)
    except IntegrityError:
        # The same bytes arrived meanwhile through another import (e.g. a second window task).
        return _duplicate(source, digest, store.known_package(digest))
    reasons = list(record.reasons)
    if known is not None:
        reasons.insert(0, reason(N_("This package was refused on {date}; it is accepted now."),
                                 date=known.received_at.date().isoformat()))
    return InboxItem(source, IMPORTED, digest, record, reasons)


def _refused(store, source: str, origin: str, digest: str, received: datetime, reasons: list[dict],
             known: RefusalRecord | None) -> InboxItem:
    """Record a refusal, unless these bytes were refused before: then nothing changes."""
    if known is not None:
        why = reason(N_("The same package was refused on {date} (from {source}); it is still refused and "
                        "nothing changed."), date=known.received_at.date().isoformat(), source=known.source)
        return InboxItem(source, DUPLICATE, digest, None, [why, *reasons])
    reasons = _storable(reasons)
    store.add_refusal(digest, origin, reasons, received)
    return InboxItem(source, REFUSED, digest, reasons=reasons)


def _duplicate(source: str, digest: str, known: SubmissionRecord | RefusalRecord | None) -> InboxItem:
    if isinstance(known, SubmissionRecord):
        why = reason(N_("The same package was imported on {date} (from {source}); nothing changed."),
                     date=known.received_at.date().isoformat(), source=known.source)
        return InboxItem(source, DUPLICATE, digest, known, [why])
    if known is None:  # cannot happen after an IntegrityError on the hash; say something true anyway
        return InboxItem(source, DUPLICATE, digest, None, [])
    why = reason(N_("The same package was refused on {date} (from {source}); nothing changed."),
                 date=known.received_at.date().isoformat(), source=known.source)
    return InboxItem(source, DUPLICATE, digest, None, [why, *known.reasons])


@dataclass(frozen=True)
class VerdictChange:
    """A stored submission judged again whose verdict changed."""

    record: SubmissionRecord   # as it was before
    verdict: str               # the new verdict
    reasons: list[dict]

    @property
    def before(self) -> str:
        return self.record.verdict


def refresh_registrations(store) -> list[VerdictChange]:
    """Judge every stored submission again by the registrations as they are now.

    The rule is :func:`cami_desktop.core.trust.assess.judge_signer`'s, as for ``verify``: the signer is
    judged as of when the package was signed (its manifest's time, never later than when it was
    received). Which submission is current follows in the same transaction. Refused packages
    stay refused (nothing of them was kept to judge again). An organization's package is judged
    like a country's, against the signers registered for that organization. Returns the
    submissions whose verdict changed, for the officer to see.
    """
    from ..trust.assess import judge_signer, signing_time  # the one rule (issue 15)
    changes: list[VerdictChange] = []
    updates: dict[int, tuple[str, list[dict]]] = {}
    cache: dict[str, list] = {}
    for record in store.list_submissions():
        fingerprint = record.signer_fingerprint
        if fingerprint not in cache:
            cache[fingerprint] = store.trusted_signers_with_fingerprint(fingerprint)
        verdict, _, problems = judge_signer(record.country, fingerprint, cache[fingerprint],
                                            signing_time(record.created, record.received_at),
                                            name=record.signer_name)
        reasons = [reason(p.message, **dict(p.params)) for p in problems]
        if verdict.value != record.verdict or reasons != record.reasons:
            updates[record.id] = (verdict.value, reasons)
        if verdict.value != record.verdict:
            changes.append(VerdictChange(record, verdict.value, reasons))
    store.set_submission_verdicts(updates)
    return changes
