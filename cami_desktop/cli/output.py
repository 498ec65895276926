"""Standard output that may go to a pipe whose reader stops early (``cami-desktop … | head``)."""
from __future__ import annotations

import os
import sys
import unicodedata

# What a shell reports for a program ended by SIGPIPE (128 + 13), as `yes | head` shows; a
# script can tell "the reader stopped" from a real error (1, 2) or an unexpected one (3).
EXIT_BROKEN_PIPE = 141


def flush() -> None:
    """Flush stdout now, so that a closed pipe shows up here and not at interpreter exit."""
    sys.stdout.flush()


def closed_pipe() -> int:
    """Stop quietly after the reader of stdout has gone; return the exit code.

    This follows the Python documentation's recipe (signal module, "Note on SIGPIPE"): point
    stdout at devnull so that the final flush at exit writes nowhere instead of raising again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (captured in tests)
        pass
    return EXIT_BROKEN_PIPE


def shown(text: object) -> str:
    """``text`` from a stranger's file (a signer's name, a file name in a package) made safe to print.

    Control and format characters are written as escapes (``\\x1b``, ``\\r``, ``\\u202e``): raw,
    an escape sequence or a carriage return in a certificate's name or a ZIP member's name could
    erase "NOT VALID" on the Secretariat's terminal and print "VALID" in its place, and a
    right-to-left override could reverse what is read.
    """
    return "".join(
        char if unicodedata.category(char) not in ("Cc", "Cf") else
        ("\\x%02x" % ord(char) if ord(char) < 0x100 else "\\u%04x" % ord(char))
        for char in str(text))
