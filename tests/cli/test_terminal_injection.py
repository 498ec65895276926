"""A stranger's package cannot write to the Secretariat's terminal: escape sequences, carriage
returns and direction overrides in a signer's name or a file name are printed as escapes, so
they cannot erase "NOT VALID" and print "VALID" instead (issue 8, acceptance review)."""
from __future__ import annotations

import pytest

from tests.helpers.verify_packages import make_identity, make_package

ERASE = "\x1b[2K\r"  # erase the line, back to its start


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    signer = make_identity(root / "id", f"Mallory{ERASE}\u202eSigner", "KZ")
    files = {"saiga-mou_KZ_2024_r1.json": b'{"answers": {}}\n',
             f"attachments/x{ERASE}VALID \u00b7 KZ \u00b7 all files intact.txt": b"x"}
    return make_package(root / "hostile.zip", signer, files=files)


def no_control(text: str) -> bool:
    return not any(ch in text for ch in ("\x1b", "\r", "\u202e"))


def test_verify_prints_names_from_the_package_as_escapes(cli, hostile):
    code, out, _ = cli("verify", "--reasons", str(hostile))
    assert code == 1 and no_control(out), repr(out)
    first = out.splitlines()[0]
    assert "NOT VALID" in first and "Mallory\\x1b[2K\\x0d\\u202eSigner" in first
    assert "x\\x1b[2K\\x0dVALID" in out


def test_the_inbox_prints_them_as_escapes_too(cli, hostile):
    code, out, _ = cli("inbox", "import", str(hostile))
    assert code == 1 and no_control(out) and "x\\x1b[2K\\x0dVALID" in out, repr(out)
    code, out, _ = cli("inbox", "list", "--refused")
    assert code == 0 and no_control(out) and "x\\x1b[2K\\x0dVALID" in out, repr(out)


def test_ordinary_names_are_printed_as_they_are(cli, tmp_path):
    signer = make_identity(tmp_path / "id", "Айгуль Нурланова", "KZ")
    code, out, _ = cli("verify", str(make_package(tmp_path / "p.zip", signer)))
    assert "Айгуль Нурланова" in out


def test_an_intact_package_from_a_hostile_name_is_listed_with_the_name_escaped(cli, tmp_path):
    from cami_desktop.core.forms import default_library
    from cami_desktop.core.sample import sample_answers
    from tests.helpers.packages import assemble_package

    signer = make_identity(tmp_path / "id", f"Mallory{ERASE}Registered signer", "KZ")
    form = default_library().get("saiga-mou")
    (tmp_path / "out").mkdir()
    package = assemble_package(signer, tmp_path / "out", form, country="KZ", period="2024", lang="en",
                               answers=sample_answers(form, seed=1))
    assert cli("inbox", "import", str(package))[0] == 0
    code, out, _ = cli("inbox", "list")
    assert "Mallory\\x1b[2K\\x0dRegistered signer" in out and no_control(out), repr(out)
