"""The Verify package and Trusted signers dialogs, driven in the real app against a fresh data folder."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from cami_desktop.core.i18n import tr
from cami_desktop.core.trust import assess as trust
from cami_desktop.core.trust.assess import Verdict
from cami_desktop.ui import trust_dialog as trust_dialog_module
from cami_desktop.ui.language import language
from cami_desktop.ui.signer_form import SignerForm
from cami_desktop.ui.trust_dialog import TrustDialog
from cami_desktop.ui.verify_dialog import VerifyDialog
from tests.helpers.verify_packages import make_identity, make_package, package_files, write_package


@pytest.fixture(scope="module")
def signers(tmp_path_factory):
    root = tmp_path_factory.mktemp("signers")
    return {c: make_identity(root / c, f"Signer {c}", c) for c in ("KZ", "MN")}


@pytest.fixture
def answer(monkeypatch):
    """Answer QMessageBox.question with ``answer.reply``; remember what was asked."""
    class Answer:
        reply = QMessageBox.Yes
        asked: list[str] = []
    Answer.asked = []

    def question(parent, title, text, *args, **kwargs):
        Answer.asked.append(text)
        return Answer.reply
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return Answer


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    return shown


def check(qtbot, app, path) -> VerifyDialog:
    dialog = VerifyDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.check.click()
    qtbot.waitUntil(lambda: dialog.assessment is not None, timeout=10000)
    return dialog


def test_an_unregistered_signer_can_be_registered_after_comparing_the_fingerprint(qtbot, app, signers, tmp_path,
                                                                                  answer):
    kz = signers["KZ"]
    dialog = check(qtbot, app, make_package(tmp_path / "p.zip", kz, "KZ"))
    assert dialog.assessment.verdict is Verdict.UNREGISTERED
    assert "not registered" in dialog.headline.text() and kz.fingerprint in dialog.details.toPlainText()
    assert dialog.register.isVisibleTo(dialog) and dialog.register.text() == "Register this signer for Kazakhstan…"
    answer.reply = QMessageBox.No
    dialog.register.click()
    assert kz.fingerprint in answer.asked[0] and app.store.list_trusted_signers() == []
    answer.reply = QMessageBox.Yes
    dialog.register.click()
    (signer,) = app.store.list_trusted_signers()
    assert (signer.country, signer.fingerprint, signer.name) == ("KZ", kz.fingerprint, "Signer KZ")
    assert dialog.assessment.verdict is Verdict.REGISTERED and not dialog.register.isVisibleTo(dialog)
    assert "registered for Kazakhstan" in dialog.headline.text()


def test_not_valid_shows_every_reason_and_no_register_button(qtbot, app, signers, tmp_path):
    trust.register_fingerprint(app.store, "MN", signers["MN"].fingerprint, "Signer MN")
    files = package_files(signers["MN"], "KZ")
    files["attachments/1-map.txt"] = b"changed"
    dialog = check(qtbot, app, write_package(tmp_path / "p.zip", files))
    details = dialog.details.toPlainText()
    assert dialog.assessment.verdict is Verdict.INVALID and "NOT VALID" in dialog.headline.text()
    assert "1-map.txt was changed" in details and "registered for Mongolia (MN)" in details
    assert not dialog.register.isVisibleTo(dialog)


def test_a_hostile_file_ends_in_a_verdict(qtbot, app, tmp_path):
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"PK\x03\x04 not really")
    dialog = check(qtbot, app, bogus)
    assert dialog.assessment.verdict is Verdict.INVALID and "not a readable package" in dialog.details.toPlainText()


def test_the_verify_dialog_follows_the_language(qtbot, app, signers, tmp_path):
    dialog = check(qtbot, app, make_package(tmp_path / "p.zip", signers["KZ"], "KZ"))
    language().set_language("ru")
    assert dialog.windowTitle() == tr("Verify package", "ru") != "Verify package"
    assert dialog.register.text() == tr("Register this signer for {country}…", "ru", country="Казахстан")


def fill(form: SignerForm, **values) -> None:
    if "country" in values:
        form.country.setEditText(values["country"])
    if "organization" in values:
        form.for_organization.setChecked(True)
        form.organization.setText(values["organization"])
    if "file" in values:
        form.file.setText(str(values["file"]))
    if "fingerprint" in values:
        form.mode.setCurrentIndex(form.mode.findData(SignerForm.FINGERPRINT))
        form.fingerprint.setText(values["fingerprint"])
        form.name.setText(values.get("name", ""))
    if "until" in values:
        form.has_until.setChecked(True)
        form.valid_until.setDate(values["until"])


@pytest.fixture
def forms(monkeypatch):
    """Each SignerForm.exec() takes the next entry: a dict of values to fill and accept, or None to cancel."""
    queue: list[dict | None] = []

    def exec_(form):
        values = queue.pop(0)
        if values is None:
            return QDialog.Rejected
        fill(form, **values)
        return QDialog.Accepted
    monkeypatch.setattr(SignerForm, "exec", exec_)
    return queue


def cells(dialog: TrustDialog, row: int) -> list[str]:
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def test_trusted_signers_add_replace_revoke(qtbot, app, signers, tmp_path, forms, answer, warnings):
    import datetime as dt
    dialog = TrustDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    pem = tmp_path / "kz.pem"
    pem.write_bytes(signers["KZ"].certificate_pem())
    forms.append({"country": "Kazakhstan (KZ)", "file": pem, "until": dt.date(2030, 12, 31)})
    assert dialog.add_signer(SignerForm.CERTIFICATE)
    assert cells(dialog, 0) == ["Signer KZ", "Kazakhstan (KZ)", dt.date.today().isoformat(), "… – 2030-12-31",
                                "active", signers["KZ"].fingerprint]
    # a wrong fingerprint: one clear message, the form comes back, cancelled
    forms += [{"country": "mn", "fingerprint": "12:34", "name": "Bat"}, None]
    assert not dialog.add_signer(SignerForm.FINGERPRINT)
    assert len(warnings) == 1 and "not a SHA-256 fingerprint" in warnings[0]
    forms.append({"country": "FR", "fingerprint": signers["MN"].fingerprint.lower(), "name": "Jean"})
    assert dialog.add_signer(SignerForm.FINGERPRINT)
    assert ("FR", "Jean") in {(s.country, s.name) for s in app.store.list_trusted_signers()}
    # replace Kazakhstan's signer by Mongolia's certificate
    dialog.select_id(next(s.id for s in dialog.signers if s.country == "KZ"))
    pem_mn = tmp_path / "mn.pem"
    pem_mn.write_bytes(signers["MN"].certificate_pem())
    forms.append({"file": pem_mn})
    assert dialog.replace_signer()
    kz = {s.name: s.state() for s in app.store.list_trusted_signers("KZ")}
    assert kz == {"Signer KZ": "replaced", "Signer MN": "active"}
    # revoke asks first
    dialog.select_id(next(s.id for s in dialog.signers if s.country == "FR"))
    answer.reply = QMessageBox.No
    assert not dialog.revoke_signer() and app.store.list_trusted_signers("FR")[0].revoked_at is None
    answer.reply = QMessageBox.Yes
    assert dialog.revoke_signer() and app.store.list_trusted_signers("FR")[0].state() == "revoked"
    assert signers["MN"].fingerprint in answer.asked[-1]
    assert cells(dialog, dialog.table.currentRow())[4] == "revoked" and not dialog.revoke.isEnabled()


def test_the_menu_opens_trusted_signers(qtbot, app, monkeypatch):
    opened = []
    monkeypatch.setattr(trust_dialog_module, "open_trust_dialog", lambda parent, ctx: opened.append(ctx))
    assert app.window.trust_action.text() == "&Trusted signers…"
    app.window.trust_action.trigger()
    assert opened == [app.ctx]


def test_the_signer_form_follows_the_language(qtbot, app):
    form = SignerForm(SignerForm.CERTIFICATE, parent=app.window)
    qtbot.addWidget(form)
    assert form.country.itemText(form.country.findData("KZ")) == "Kazakhstan (KZ)"
    language().set_language("ru")
    assert form.country.itemText(form.country.findData("KZ")) == "Казахстан (KZ)"
    assert form.country_label.text() == tr("Country", "ru") != "Country"
    form.country.setCurrentIndex(form.country.findData("KZ"))
    assert form.country_code() == "KZ"
    form.country.setEditText("France (fr)")
    assert form.country_code() == "FR"


def test_an_organizations_signer_is_registered_from_the_verify_dialog_like_a_countrys(qtbot, app, signers,
                                                                                     tmp_path, answer):
    """Issue 15: judged as `verify` and the inbox judge it; registered for the organization after the same check."""
    organization = "Saiga Conservation Alliance"
    kz = signers["KZ"]
    dialog = check(qtbot, app, make_package(tmp_path / "p.zip", kz, organization))
    assert dialog.assessment.verdict is Verdict.UNREGISTERED
    details = dialog.details.toPlainText()
    assert f"organization {organization}" in details and kz.fingerprint in details
    assert dialog.register.isVisibleTo(dialog) and dialog.register.text() == f"Register this signer for the organization {organization}…"
    dialog.register.click()
    assert f"Ask the organization {organization}" in answer.asked[0] and kz.fingerprint in answer.asked[0]
    (signer,) = app.store.list_trusted_signers()
    assert (signer.country, signer.fingerprint) == (organization, kz.fingerprint)
    assert dialog.assessment.verdict is Verdict.REGISTERED and not dialog.register.isVisibleTo(dialog)
    assert f"registered for the organization {organization}" in dialog.headline.text()
    # registered for the organization, the same signer does not speak for Kazakhstan
    other = check(qtbot, app, make_package(tmp_path / "kz.zip", kz, "KZ"))
    assert other.assessment.verdict is Verdict.INVALID and not other.register.isVisibleTo(other)
    assert f"registered for {organization}" in other.details.toPlainText()


def test_a_cause_from_python_is_said_in_russian(qtbot, app, tmp_path):
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"not a zip at all")
    language().set_language("ru")
    try:
        dialog = check(qtbot, app, bogus)
        assert "File is not a zip file" not in dialog.details.toPlainText()
    finally:
        language().set_language("en")


def test_a_crafted_signer_name_cannot_make_the_question_rich_text(qtbot, monkeypatch):
    from PySide6.QtGui import Qt as GuiQt

    from cami_desktop.ui.trust_dialog import confirm_registration, no_markup

    crafted = '<span style="color:white">Ministry</span><b>'
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.No
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    assert not confirm_registration(None, "KZ", "AB:CD", crafted)
    shown = asked[0]
    assert "<" not in shown and ">" not in shown and no_markup(crafted) in shown
    assert not GuiQt.mightBeRichText(f"Revoke {no_markup(crafted)} for Kazakhstan (KZ)?")
    assert GuiQt.mightBeRichText(f"Revoke {crafted} for Kazakhstan (KZ)?")  # what it guards against


def test_a_second_signer_for_a_country_is_registered_only_after_a_confirmation_naming_the_current_one(
        qtbot, app, signers, tmp_path, forms, answer, warnings):
    """Issue 15: a second active signer is never added silently; what it changes in the inbox is shown."""
    from cami_desktop.core.forms.library import default_library
    from cami_desktop.core.reports.sample import sample_answers
    from cami_desktop.core.secretariat.inbox import import_paths
    from tests.helpers.packages import assemble_package
    library = default_library()
    form = library.get("saiga-mou")
    answers = sample_answers(form, seed=2, lang="en")
    answers["range_state"] = "KZ"
    package = assemble_package(signers["MN"], tmp_path, form, country="KZ", period="2021-2024", lang="en",
                               answers=answers)
    trust.register_fingerprint(app.store, "KZ", signers["KZ"].fingerprint, "Signer KZ")
    [item] = import_paths(app.store, library, [package]).items
    assert item.submission.verdict == "unregistered" and not item.submission.current
    dialog = TrustDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    assert not dialog.changes.isVisibleTo(dialog)
    pem = tmp_path / "second.pem"
    pem.write_bytes(signers["MN"].certificate_pem())
    # asked, naming Kazakhstan's current signer; "No" leaves the form to change or cancel
    answer.reply = QMessageBox.No
    forms += [{"country": "Kazakhstan (KZ)", "file": pem}, None]
    assert not dialog.add_signer(SignerForm.CERTIFICATE)
    assert "Kazakhstan already has a registered signer: Signer KZ" in answer.asked[-1]
    assert signers["KZ"].fingerprint in answer.asked[-1] and warnings == []
    assert [s.name for s in app.store.list_trusted_signers("KZ")] == ["Signer KZ"]
    # "Yes": registered as a second signer, and the package it signed is judged again and shown
    answer.reply = QMessageBox.Yes
    forms.append({"country": "Kazakhstan (KZ)", "file": pem})
    assert dialog.add_signer(SignerForm.CERTIFICATE)
    assert {s.name: s.state() for s in app.store.list_trusted_signers("KZ")} == {
        "Signer KZ": "active", "Signer MN": "active"}
    assert dialog.changes.isVisibleTo(dialog)
    text = dialog.changes.toPlainText()
    assert text.startswith("1 received submission changed verdict:")
    assert "saiga-mou KZ 2021-2024, revision 1, signed by Signer MN: Unregistered signer → Registered signer" in text
    assert app.store.list_submissions()[0].current
    # revoking it from the dialog says what that changed too
    dialog.select_id(next(s.id for s in dialog.signers if s.name == "Signer MN"))
    assert dialog.revoke_signer()  # from now: the package, signed on 2026-05-04, stays registered
    assert dialog.changes.toPlainText() == "No received submission changed verdict."


def test_an_organizations_signer_is_listed_by_name_replaced_and_revoked_in_trusted_signers(
        qtbot, app, signers, tmp_path, forms, answer, warnings, monkeypatch):
    """Issue 15: the organization's name as the reports store it, never "name (name)"; Replace keeps it."""
    import datetime as dt
    organization = "Saiga Conservation Alliance"
    first = trust.register_fingerprint(app.store, organization, signers["KZ"].fingerprint, "Director",
                                       organization=True)
    dialog = TrustDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    assert cells(dialog, 0)[:2] == ["Director", organization]
    dialog.select_id(first.id)
    pem = tmp_path / "mn.pem"
    pem.write_bytes(signers["MN"].certificate_pem())
    seen = []
    forms.append({"file": pem})

    def fill_and_look(form, filled=fill, **values):
        seen.append((form.windowTitle(), form.organization_label.text(), form.organization.text(), form.intro.text(),
                     form.for_organization.isChecked(), form.organization.isVisibleTo(form),
                     form.country.isVisibleTo(form)))
        filled(form, **values)
    monkeypatch.setitem(globals(), "fill", fill_and_look)  # what the Replace form shows, then filled
    assert dialog.replace_signer(), warnings
    [(title, label, shown, intro, *rows)] = seen
    assert title == f"Replace the signer for the organization {organization}"
    assert (label, shown) == ("Organization", organization) and "Director stops being the signer" in intro
    assert rows == [True, True, False]  # the organization's row in place of the country's
    states = {s.name: s.state() for s in app.store.list_trusted_signers(organization)}
    assert states == {"Director": "replaced", "Signer MN": "active"}
    assert {cells(dialog, row)[1] for row in range(dialog.table.rowCount())} == {organization}
    dialog.select_id(next(s.id for s in dialog.signers if s.name == "Signer MN"))
    assert dialog.revoke_signer()
    assert f"Revoke Signer MN for the organization {organization}?" in answer.asked[-1]
    assert app.store.list_trusted_signers(organization)[0].state(dt.datetime.now(dt.timezone.utc)) == "revoked"


def test_an_organizations_signer_is_added_in_trusted_signers(qtbot, app, signers, tmp_path, forms, answer, warnings):
    """Add: "An organization (not a country)" takes the organization's name, as the reports write it."""
    dialog = TrustDialog(app.ctx, app.window)
    qtbot.addWidget(dialog)
    pem = tmp_path / "kz.pem"
    pem.write_bytes(signers["KZ"].certificate_pem())
    # a name no report can carry: one clear message, the form comes back, then corrected
    forms += [{"organization": "Saiga\u202eecnaillA", "file": pem},
              {"organization": "  Saiga   Conservation Alliance ", "file": pem}]
    assert dialog.add_signer(SignerForm.CERTIFICATE)
    assert len(warnings) == 1 and "3 to 80 characters" in warnings[0]
    [signer] = app.store.list_trusted_signers()
    assert (signer.country, signer.fingerprint) == ("Saiga Conservation Alliance", signers["KZ"].fingerprint)
    assert cells(dialog, 0)[1] == "Saiga Conservation Alliance"
    form = SignerForm(SignerForm.CERTIFICATE, parent=dialog)
    qtbot.addWidget(form)
    assert not form.for_organization.isChecked() and not form.organization.isVisibleTo(form)
    assert form.country.isVisibleTo(form) and form.for_organization.text() == "An organization (not a country)"


def test_an_organizations_name_on_the_register_button_keeps_its_ampersand(qtbot):
    from cami_desktop.ui.trust_dialog import register_text
    assert register_text("Saiga & Co") == "Register this signer for the organization Saiga && Co…"
    assert register_text("KZ") == "Register this signer for Kazakhstan…"
