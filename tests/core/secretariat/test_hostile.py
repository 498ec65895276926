"""Broken and hostile packages and e-mails: listed with a reason, nothing written outside the store."""
from __future__ import annotations

import zipfile
from email.message import EmailMessage

import pytest

from cami_desktop.core.secretariat import eml, inbox, package_read
from cami_desktop.core.secretariat.inbox import import_paths, refresh_registrations
from cami_desktop.core.store import Store
from cami_desktop.core.trust.assess import register_certificate
from tests.helpers.packages import assemble_package

from .conftest import SAIGA, UNREGISTERED, answers_for


@pytest.fixture
def fresh(world, tmp_path):
    """An empty inbox that knows Kazakhstan's signer; ``package()`` makes a valid KZ package."""
    store = Store.open(tmp_path / "inbox", app_version="test", backups=False)
    signer = world["signers"]["KZ"][1]
    register_certificate(store, "KZ", signer.certificate_pem())
    form = world["library"].get(SAIGA)
    folder = tmp_path / "in"
    folder.mkdir()

    def package(answers=None, **kwargs):
        return assemble_package(signer, folder, form, country="KZ", period=kwargs.pop("period", "2021-2024"),
                                lang="en", answers=answers or answers_for(form, "KZ", 1), **kwargs)
    yield {"store": store, "library": world["library"], "package": package, "tmp": tmp_path}
    store.close()


def one(fresh, path):
    items = import_paths(fresh["store"], fresh["library"], [path]).items
    assert len(items) == 1
    return items[0]


def mail(target, attachments, text="See attached."):
    message = EmailMessage()
    message["Subject"] = "report"
    message.set_content(text)
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="zip", filename=name)
    target.write_bytes(message.as_bytes())
    return target


def test_importing_the_same_package_twice_changes_nothing(fresh):
    path = fresh["package"]()
    assert one(fresh, path).outcome == inbox.IMPORTED
    before = fresh["store"].list_submissions()
    again = one(fresh, path)
    assert again.outcome == inbox.DUPLICATE and again.submission.id == before[0].id
    assert fresh["store"].list_submissions() == before


def test_a_refused_package_keeps_only_its_hash_and_reasons(fresh):
    path = fresh["package"]()
    data = bytearray(path.read_bytes())
    data[200] ^= 0xFF
    path.write_bytes(bytes(data))
    item = one(fresh, path)
    assert item.outcome == inbox.REFUSED and item.reasons
    assert fresh["store"].list_submissions() == []
    [refusal] = fresh["store"].list_refusals()
    assert refusal.sha256 == item.sha256 and refusal.reasons == item.reasons
    assert refusal.source == str(path.absolute())  # traceable to the file
    assert one(fresh, path).outcome == inbox.DUPLICATE and len(fresh["store"].list_refusals()) == 1


def test_signed_answers_that_do_not_fit_the_form_are_refused(fresh):
    item = one(fresh, fresh["package"]({"range_state": "KZ", "no_such_question": 1, "population_estimate": "many"}))
    assert item.outcome == inbox.REFUSED
    texts = " ".join(item.render_reasons("en"))
    assert "has no question no_such_question" in texts and "population_estimate" in texts


def test_the_range_state_must_be_the_package_country(fresh, world):
    answers = answers_for(world["library"].get(SAIGA), "KZ", 1)
    answers["range_state"] = "UZ"
    item = one(fresh, fresh["package"](answers))
    assert item.outcome == inbox.REFUSED
    assert "names UZ as its Range State, but the package is from Kazakhstan (KZ)" in item.render_reasons("en")[0]


def test_a_zip_that_would_unpack_too_large_is_refused_before_inflating(fresh, monkeypatch):
    monkeypatch.setattr(package_read, "MAX_UNCOMPRESSED", 1000)
    item = one(fresh, fresh["package"]())
    assert item.outcome == inbox.REFUSED and "would unpack to more than" in item.render_reasons("en")[0]


def test_member_names_that_climb_out_write_nothing(fresh):
    path = fresh["tmp"] / "in" / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../escaped.txt", b"x")
        archive.writestr("/abs.txt", b"x")
    item = one(fresh, path)
    assert item.outcome == inbox.REFUSED
    assert not list(fresh["tmp"].parent.rglob("escaped.txt")) and not list(fresh["tmp"].rglob("abs.txt"))


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04" + b"\0" * 50])
def test_junk_is_refused_with_a_reason(fresh, content):
    path = fresh["tmp"] / "in" / "junk.zip"
    path.write_bytes(content)
    item = one(fresh, path)
    assert item.outcome == inbox.REFUSED and item.render_reasons("ru")[0]


def test_an_unexpected_error_refuses_the_package_and_the_inbox_goes_on(fresh, monkeypatch):
    good = fresh["package"]()
    other = fresh["package"](period="2017-2020")
    calls = []

    def explode(path, store, library):
        calls.append(path)
        if len(calls) == 1:
            raise RecursionError("deeply nested")
        return real(path, store, library)
    real = inbox.read_submission
    monkeypatch.setattr(inbox, "read_submission", explode)
    items = import_paths(fresh["store"], fresh["library"], [good, other]).items
    assert [i.outcome for i in items] == [inbox.REFUSED, inbox.IMPORTED]
    assert items[0].render_reasons("en")[0] == "The package cannot be read: it is nested too deeply."


def test_eml_attachment_names_are_never_paths(fresh):
    target = mail(fresh["tmp"] / "m.eml", [("../../stolen.zip", fresh["package"]().read_bytes())])
    [item] = import_paths(fresh["store"], fresh["library"], [target]).items
    assert item.outcome == inbox.IMPORTED and item.source == "m.eml › ../../stolen.zip"
    assert not list(fresh["tmp"].parent.rglob("stolen.zip"))


def test_eml_bounds_and_reasons(fresh, monkeypatch):
    data = fresh["package"]().read_bytes()
    none = mail(fresh["tmp"] / "none.eml", [])
    [item] = import_paths(fresh["store"], fresh["library"], [none]).items
    assert item.outcome == inbox.SKIPPED and "no package (.zip) attached" in item.render_reasons("en")[0]
    monkeypatch.setattr(eml, "MAX_ATTACHMENTS", 1)
    two = mail(fresh["tmp"] / "two.eml", [("a.zip", data), ("b.zip", data)])
    outcomes = sorted(i.outcome for i in import_paths(fresh["store"], fresh["library"], [two]).items)
    assert outcomes == [inbox.IMPORTED, inbox.SKIPPED]
    monkeypatch.setattr(eml, "MAX_EML_BYTES", 100)
    [item] = import_paths(fresh["store"], fresh["library"], [two]).items
    assert item.outcome == inbox.SKIPPED and "larger than" in item.render_reasons("en")[0]


def test_folders_skip_symlinks_and_other_files(fresh, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "notes.txt").write_text("hello")
    (folder / "link.zip").symlink_to(fresh["package"]())
    [item] = import_paths(fresh["store"], fresh["library"], [folder]).items
    assert item.outcome == inbox.SKIPPED and item.source == "link.zip"
    assert item.render_reasons("en") == ["link.zip is a link; links in a folder are not followed."]
    assert fresh["store"].list_submissions() == []


def test_registering_a_signer_later_updates_its_submissions(world, tmp_path):
    store = Store.open(tmp_path / "again", app_version="test", backups=False)
    try:
        folder = world["root"] / "packages"
        mn = [p for p in folder.glob(f"*_{UNREGISTERED}_*.zip")]
        items = import_paths(store, world["library"], mn).items
        assert {i.submission.verdict for i in items} == {"unregistered"}
        assert refresh_registrations(store) == []
        register_certificate(store, UNREGISTERED, world["signers"][UNREGISTERED][1].certificate_pem())
        assert len(refresh_registrations(store)) == len(mn)
        assert {(r.verdict, tuple(r.reasons)) for r in store.list_submissions()} == {("registered", ())}
    finally:
        store.close()


def test_the_same_bytes_arriving_twice_at_once_store_one_submission(fresh, monkeypatch):
    path = fresh["package"]()
    assert one(fresh, path).outcome == inbox.IMPORTED
    real = fresh["store"].known_package
    seen = []

    def not_yet(digest):  # the second import checked before the first one wrote
        seen.append(digest)
        return None if len(seen) == 1 else real(digest)
    monkeypatch.setattr(fresh["store"], "known_package", not_yet)
    item = one(fresh, path)
    assert item.outcome == inbox.DUPLICATE and len(fresh["store"].list_submissions()) == 1
