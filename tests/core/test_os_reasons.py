"""The operating system's reasons inside messages are said in the reader's language."""
from __future__ import annotations

import errno
import re

import pytest

from cami_desktop.core.errors import CamiError, _OS_REASONS, os_reason


@pytest.mark.parametrize("code", sorted(code for code in _OS_REASONS if code >= 0))
def test_common_causes_read_in_russian(code):
    message = CamiError("Cannot write {path}: {reason}", path="D:/Reports/KZ.zip",
                        reason=os_reason(OSError(code, "English words from the system")))
    russian = message.translated("ru")
    assert russian.startswith("Не удалось записать D:/Reports/KZ.zip: ")
    assert not re.search(r"[A-Za-z]", russian.split(": ", 1)[1])  # no English left in the reason
    assert "English words" not in message.translated("en")


def test_a_sharing_violation_on_windows_is_named_as_such():
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32
    assert os_reason(exc).translated("en") == "it is in use by another program"


def test_uncommon_causes_and_other_errors_come_as_they_are():
    assert os_reason(OSError(errno.EINVAL, "Invalid argument")) == "Invalid argument"
    assert os_reason(ValueError("not a number")) == "not a number"
