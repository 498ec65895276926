"""Writing a package is all or nothing: failures leave no file and give a clear message."""
from __future__ import annotations

import errno
import os
import sys

import pytest

from cami_desktop.core.errors import CamiError
from cami_desktop.core.export import package as package_module
from cami_desktop.core.export.package import ExportError, export_package
from cami_desktop.core.reports.session import create_report


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
        assert "Cannot write" in error.value.translated("en") and "access was refused" in error.value.translated("en")
    finally:
        out.chmod(0o755)
    assert list(out.iterdir()) == []


def test_a_full_disk_leaves_no_partial_file(world, tmp_path, monkeypatch):
    from cami_desktop.core.signing import atomic

    real = atomic.os.fdopen

    class Full:
        """The package's file: a few bytes get written, then the disk is full."""

        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            self.handle.write(data[:100])
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real(fd, mode, *args, **kwargs)
        return Full(handle) if sys._getframe(1).f_globals["__name__"] == atomic.__name__ else handle
    monkeypatch.setattr(atomic.os, "fdopen", fdopen)  # only the package's own file fills the disk
    with pytest.raises(CamiError) as error:
        export_package(world["store"], world["library"], report_id(world), tmp_path, world["signer"])
    assert "the disk is full" in error.value.translated("en")
    assert "диск заполнен" in error.value.translated("ru")
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
