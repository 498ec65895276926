"""Writing a package is all or nothing: failures leave no file and give a clear message."""
from __future__ import annotations

import errno
import os
import zipfile

import pytest

from cami_desktop.core.errors import CamiError
from cami_desktop.core.export import package as package_module
from cami_desktop.core.export.package import ExportError, export_package
from cami_desktop.core.reports import create_report


def report_id(world) -> int:
    return world["packages"]["concerted-action", "en"][0]


def test_read_only_folder_is_a_clear_error_and_leaves_nothing(world, tmp_path, monkeypatch):
    out = tmp_path / "ro"
    out.mkdir()
    if os.geteuid() == 0:  # root ignores permissions: make the folder refuse new files instead
        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")
        monkeypatch.setattr("tempfile.mkstemp", refuse)
    else:
        out.chmod(0o555)
    try:
        with pytest.raises(CamiError) as error:
            export_package(world["store"], world["library"], report_id(world), out, world["signer"])
        assert "Cannot write" in error.value.translated("en") and "Permission denied" in error.value.translated("en")
    finally:
        out.chmod(0o755)
    assert list(out.iterdir()) == []


def test_a_full_disk_leaves_no_partial_file(world, tmp_path, monkeypatch):
    real = zipfile.ZipFile.writestr

    def full(self, name, *args, **kwargs):
        if str(getattr(name, "filename", name)).endswith(".pdf"):  # the package's own members only
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, name, *args, **kwargs)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(CamiError) as error:
        export_package(world["store"], world["library"], report_id(world), tmp_path, world["signer"])
    assert "No space left" in error.value.translated("en")
    assert list(tmp_path.iterdir()) == []


def test_cancel_leaves_no_file(world, tmp_path):
    class Cancelled(Exception):
        pass

    def progress(fraction, text=""):
        if fraction > 0.95:
            raise Cancelled()
    with pytest.raises(Cancelled):
        export_package(world["store"], world["library"], report_id(world), tmp_path, world["signer"],
                       progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_a_report_that_is_not_final_needs_draft(world, tmp_path):
    record = create_report(world["store"], world["library"], form_id="saiga-mou", country="UZ", period="2025")
    with pytest.raises(ExportError):
        export_package(world["store"], world["library"], record.id, tmp_path, world["signer"])
    result = export_package(world["store"], world["library"], record.id, tmp_path, world["signer"], draft=True)
    assert result.path.name.endswith("_DRAFT.zip") and result.manifest["report"]["draft"] is True


def test_package_size_warning_threshold():
    assert package_module.MAIL_LIMIT == 10 * 1024 * 1024


def test_an_earlier_package_is_never_overwritten(world, tmp_path):
    first = export_package(world["store"], world["library"], report_id(world), tmp_path, world["signer"])
    second = export_package(world["store"], world["library"], report_id(world), tmp_path, world["signer"])
    assert first.path != second.path and first.path.is_file() and second.path.is_file()
    assert second.path.name.endswith(" (2).zip")
