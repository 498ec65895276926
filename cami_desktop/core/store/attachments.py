"""Files attached to reports, kept as BLOBs inside the database.

Keeping them in the database (not beside it) means a backup, a restore or a move of the data
folder always carries the files with the answers that refer to them. An answer refers to a file
by the attachment id returned here.
"""
from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from sqlalchemy import delete, insert, select

from .. import errors
from ..i18n import N_
from .base import StoreBase
from .records import utcnow
from .schema import attachments

DEFAULT_MAX_BYTES = 25 * 1024 * 1024

_INFO_COLUMNS = (
    attachments.c.id,
    attachments.c.report_id,
    attachments.c.name,
    attachments.c.size,
    attachments.c.sha256,
    attachments.c.added_at,
)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _too_big(path: Path, size: int, max_bytes: int) -> errors.StoreError:
    return errors.StoreError(
        N_("The file {name} is {size} MB; attachments can be at most {limit} MB."),
        name=path.name,
        size=_megabytes(size),
        limit=_megabytes(max_bytes),
    )


def read_file(path: Path, max_bytes: int) -> bytes:
    """Read a file to attach, refusing it early (by its size on disk) if it is too big."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(path, size, max_bytes)
        with path.open("rb") as handle:
            # Read one byte past the limit: the file may have grown since stat().
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise errors.StoreError(
            N_("The file {path} could not be read: {reason}"),
            path=str(path),
            reason=errors.os_reason(exc),
        ) from exc
    if len(data) > max_bytes:
        raise _too_big(path, len(data), max_bytes)
    return data


class AttachmentsMixin(StoreBase):
    """Attachment methods of :class:`~.store.Store`."""

    def add_attachment(
        self, report_id: int, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> dict:
        """Copy a file into the report; return ``{"id", "name", "size", "sha256"}``."""
        data = read_file(Path(path), max_bytes)
        info = {
            "id": str(uuid.uuid4()),
            "name": Path(path).name,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        with self._write() as connection:
            self._editable_row(connection, report_id)
            connection.execute(
                insert(attachments).values(
                    report_id=report_id, added_at=utcnow(), data=data, **info
                )
            )
        return info

    def attachments(self, report_id: int) -> list[dict]:
        """Information on a report's attachments (as :meth:`attachment_info`), oldest first."""
        query = (
            select(*_INFO_COLUMNS)
            .where(attachments.c.report_id == report_id)
            .order_by(attachments.c.added_at, attachments.c.id)
        )
        with self._read() as connection:
            self._report_row(connection, report_id)
            return [dict(row._mapping) for row in connection.execute(query)]

    def attachment_info(self, attachment_id: str) -> dict:
        """``{"id", "report_id", "name", "size", "sha256", "added_at"}`` of an attachment."""
        with self._read() as connection:
            row = connection.execute(
                select(*_INFO_COLUMNS).where(attachments.c.id == attachment_id)
            ).first()
        if row is None:
            raise self._no_attachment(attachment_id)
        return dict(row._mapping)

    def attachment_data(self, attachment_id: str) -> bytes:
        """The content of an attachment."""
        with self._read() as connection:
            data = connection.execute(
                select(attachments.c.data).where(attachments.c.id == attachment_id)
            ).scalar()
        if data is None:
            raise self._no_attachment(attachment_id)
        return bytes(data)

    def remove_attachment(self, attachment_id: str) -> None:
        """Remove an attachment; refused (:class:`errors.ReportLocked`) on a final report."""
        with self._write() as connection:
            report_id = connection.execute(
                select(attachments.c.report_id).where(attachments.c.id == attachment_id)
            ).scalar()
            if report_id is None:
                raise self._no_attachment(attachment_id)
            self._editable_row(connection, report_id)
            connection.execute(delete(attachments).where(attachments.c.id == attachment_id))

    @staticmethod
    def _no_attachment(attachment_id: str) -> errors.StoreError:
        return errors.StoreError(
            N_("There is no attached file with the id {id}."), id=attachment_id
        )
