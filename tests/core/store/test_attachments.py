"""Attachments (BLOBs in the database, so backups hold them) and settings."""
from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

import pytest

from cami_desktop.core import errors
from cami_desktop.core.store import ReportRecord, Store

from .conftest import APP_VERSION


def test_attachment_round_trip(store: Store, report: ReportRecord, tmp_path: Path) -> None:
    content = os.urandom(300_000)
    path = tmp_path / "Фото снежного барса.jpg"
    path.write_bytes(content)
    info = store.add_attachment(report.id, path)
    assert info == {
        "id": info["id"], "name": path.name, "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    assert uuid.UUID(info["id"]).version == 4
    assert store.attachment_data(info["id"]) == content
    full = store.attachment_info(info["id"])
    assert {k: full[k] for k in info} == info and full["report_id"] == report.id
    assert [a["id"] for a in store.attachments(report.id)] == [info["id"]]

    store.remove_attachment(info["id"])
    assert store.attachments(report.id) == []
    for call in (store.attachment_data, store.attachment_info, store.remove_attachment):
        with pytest.raises(errors.StoreError, match="no attached file"):
            call(info["id"])


def test_too_big_a_file_is_refused_by_name_and_limit(
    store: Store, report: ReportRecord, tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"x" * (3 * 1024 * 1024 + 1))
    with pytest.raises(errors.StoreError) as refused:
        store.add_attachment(report.id, path, max_bytes=3 * 1024 * 1024)
    assert refused.value.params["name"] == "scan.pdf"
    assert "scan.pdf" in str(refused.value) and "at most 3 MB" in str(refused.value)
    assert store.attachments(report.id) == []
    # Exactly at the limit is fine.
    path.write_bytes(b"x" * 1024)
    assert store.add_attachment(report.id, path, max_bytes=1024)["size"] == 1024


def test_default_limit_is_25_mb(store: Store, report: ReportRecord, tmp_path: Path) -> None:
    path = tmp_path / "video.mp4"
    with path.open("wb") as handle:  # sparse: no need to write 25 MB of data
        handle.truncate(25 * 1024 * 1024 + 1)
    with pytest.raises(errors.StoreError, match="at most 25 MB"):
        store.add_attachment(report.id, path)


def test_unreadable_file(store: Store, report: ReportRecord, tmp_path: Path) -> None:
    with pytest.raises(errors.StoreError, match="could not be read") as refused:
        store.add_attachment(report.id, tmp_path / "missing.docx")
    assert "missing.docx" in str(refused.value)
    with pytest.raises(errors.StoreError, match="could not be read"):
        store.add_attachment(report.id, tmp_path)  # a folder


def test_attachments_of_a_final_report_are_locked(
    store: Store, report: ReportRecord, tmp_path: Path
) -> None:
    path = tmp_path / "map.png"
    path.write_bytes(b"png")
    info = store.add_attachment(report.id, path)
    store.finalize_report(report.id, {"name": "N"})
    with pytest.raises(errors.ReportLocked):
        store.add_attachment(report.id, path)
    with pytest.raises(errors.ReportLocked):
        store.remove_attachment(info["id"])
    assert store.attachment_data(info["id"]) == b"png"


def test_purging_a_report_removes_its_attachments(
    store: Store, report: ReportRecord, tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"a")
    info = store.add_attachment(report.id, path)
    store.delete_report(report.id)
    assert store.attachment_data(info["id"]) == b"a"  # the trash keeps everything
    store.purge_report(report.id)
    with pytest.raises(errors.StoreError):
        store.attachment_data(info["id"])


def test_settings(data_dir: Path) -> None:
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        assert store.get_setting("profile") is None
        assert store.get_setting("profile", {}) == {}
        profile = {"name": "Батор", "country": "MN", "email": "b@example.mn"}
        store.set_setting("profile", profile)
        store.set_setting("secretariat_email", "cami@cms.int")
        store.set_setting("ui", {"splitter": [200, 600], "maximized": False})
        store.set_setting("ui", {"splitter": [250, 550], "maximized": True})
    with Store.open(data_dir, app_version=APP_VERSION, backups=False) as store:
        assert store.get_setting("profile") == profile
        assert store.get_setting("secretariat_email") == "cami@cms.int"
        assert store.get_setting("ui") == {"splitter": [250, 550], "maximized": True}
        store.set_setting("ui", None)
        assert store.get_setting("ui", "default") == "default"
        with pytest.raises((TypeError, ValueError)):
            store.set_setting("bad", {1, 2})
