"""Standard output that may go to a pipe whose reader stops early (``cami-desktop … | head``)."""
from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import PurePath

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


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf")


def shown_json(value: object, **options) -> str:
    """``value`` as JSON (``ensure_ascii=False``) whose strings hold no raw control characters.

    ``json.dumps`` escapes the C0 controls but leaves DEL, the C1 controls (``\\x9b`` starts an
    escape sequence on many terminals) and direction overrides as they are: they are written as
    ``\\uXXXX``, which is still the same JSON. Outside strings the output has only printable
    characters, spaces and the line breaks of ``indent``.
    """
    text = json.dumps(value, ensure_ascii=False, **options)
    return "".join("\\u%04x" % ord(char) if char not in "\n" and _hidden(char) and ord(char) >= 0x7f
                   else char for char in text)


def _quoted(value: object) -> object:
    from ..core.errors import CamiError

    if isinstance(value, CamiError):
        return escaped_error(value)
    if isinstance(value, (str, PurePath)):
        return shown(value)
    return value


def escaped_error(exc):
    """A copy of ``exc`` whose quoted values (a refused answer, a key, a file name) are :func:`shown`."""
    # not copy.copy: it calls __init__ again, whose signature an error class may change
    clone = type(exc).__new__(type(exc), *exc.args)
    clone.__dict__.update(exc.__dict__)
    clone.params = {key: _quoted(value) for key, value in exc.params.items()}
    if isinstance(getattr(exc, "problems", None), list):  # AnswerErrors: one line per refused answer
        clone.problems = [_quoted(problem) for problem in exc.problems]
    return clone


def error_text(exc) -> str:
    """The translated message of ``exc`` for stderr, with no raw control characters in any line."""
    return "\n".join(shown(line) for line in escaped_error(exc).translated().split("\n"))
