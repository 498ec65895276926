"""Secretariat mode, driven in the real app: import a folder, see refusals, register a signer,
open the matrix, export the compiled report and read it back, switch the language."""
from __future__ import annotations

import copy
import json
import zipfile
from email.message import EmailMessage

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.sample import sample_answers
from cami_desktop.core.secretariat.views import STATUS_COLOURS
from cami_desktop.core.trust.assess import register_certificate
from cami_desktop.ui.secretariat import inbox_rows
from cami_desktop.ui.secretariat.overview_view import FIGURES_TAB, MATRIX_TAB
from tests.helpers.packages import assemble_package
from tests.helpers.verify_packages import make_identity

POW, WP, SAIGA, PERIOD = "cami-pow-2014-2020", "cami-wp-2026-2032", "saiga-mou", "2021-2024"


def answers_for(form, country: str, seed: int, lang: str = "en") -> dict:
    answers = sample_answers(form, seed=seed, lang=lang)
    answers["range_state"] = country
    return answers


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """A folder as an officer receives it: KZ (two revisions, registered), MN (signer registered
    nowhere), a Saiga MoU report in an e-mail, a changed package and a file that is no ZIP."""
    root = tmp_path_factory.mktemp("secretariat-ui")
    library = default_library()
    kz, mn = make_identity(root / "kz", "Aigul Nurlanova", "KZ"), make_identity(root / "mn", "Bat Erdene", "MN")
    inbox = root / "inbox"
    inbox.mkdir()
    pow_form, saiga = library.get(POW), library.get(SAIGA)
    first = answers_for(pow_form, "KZ", 1)
    r1 = assemble_package(kz, inbox, pow_form, country="KZ", period=PERIOD, lang="en", answers=first)
    second = copy.deepcopy(first)
    for key in [k for k in second if k.startswith("status[")][:5]:
        second[key] = "completed"
    uid = json.loads(zipfile.ZipFile(r1).read("manifest.json"))["report"]["uid"]
    r2 = assemble_package(kz, inbox, pow_form, country="KZ", period=PERIOD, lang="en", answers=second,
                          revision=2, uid=uid)
    assemble_package(mn, inbox, pow_form, country="MN", period=PERIOD, lang="ru",
                     answers=answers_for(pow_form, "MN", 2, "ru"))
    wp = library.get(WP)
    assemble_package(kz, inbox, wp, country="KZ", period="2026-2028", lang="en", answers=answers_for(wp, "KZ", 4))
    mail_folder = root / "mail"
    mail_folder.mkdir()
    saiga_package = assemble_package(kz, mail_folder, saiga, country="KZ", period=PERIOD, lang="en",
                                     answers=answers_for(saiga, "KZ", 3))
    message = EmailMessage()
    message["Subject"] = "CAMI national report"
    message.set_content("Please find the package attached.")
    message.add_attachment(saiga_package.read_bytes(), maintype="application", subtype="zip",
                           filename=saiga_package.name)
    (inbox / "from-kz.eml").write_bytes(message.as_bytes())
    with zipfile.ZipFile(r2) as source, zipfile.ZipFile(inbox / "changed.zip", "w") as changed:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".json") and info.filename != "manifest.json":
                data = data.replace(b'"completed"', b'"not_started"', 1)
            changed.writestr(info, data)
    (inbox / "not-a-package.zip").write_bytes(b"\x00hostile" * 100)
    return {"folder": inbox, "kz": kz, "mn": mn, "second": second}


@pytest.fixture
def desk(app, packages, qtbot):
    """The window in Secretariat mode, knowing Kazakhstan's signer."""
    register_certificate(app.store, "KZ", packages["kz"].certificate_pem())
    app.window.secretariat_action.trigger()
    return app.window.secretariat


def import_folder(qtbot, view, folder) -> None:
    """Drop the folder on the inbox, as from a file manager, and wait for the import."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    view.inbox.dropEvent(event)
    qtbot.waitUntil(lambda: view.inbox.last_result is not None, timeout=30000)


def column(view, name: str) -> list[str]:
    index = inbox_rows.COLUMNS.index(name)
    table = view.inbox.table
    return [table.item(row, index).text() for row in range(table.rowCount())]


def choose_filter(view, which: str) -> None:
    view.inbox.filter.setCurrentIndex(view.inbox.filter.findData(which))


def test_a_dropped_folder_is_verified_imported_and_refusals_listed_with_reasons(qtbot, app, desk, packages):
    assert app.window.stack.currentWidget() is desk
    import_folder(qtbot, desk, packages["folder"])
    outcomes = sorted(item.outcome for item in desk.inbox.last_result.items)
    assert outcomes == ["imported"] * 5 + ["refused"] * 2
    assert "5 imported, 0 already received, 2 refused, 0 not read." == desk.inbox.summary.text()
    # current submissions only: KZ's first revision is in the history, not the list
    assert sorted(column(desk, "Revision")) == ["", "", "1", "1", "1", "2"]
    assert len(app.store.list_submissions()) == 5
    choose_filter(desk, inbox_rows.REFUSED)
    assert sorted(column(desk, "File")) == ["changed.zip", "not-a-package.zip"]
    desk.inbox.table.selectRow(column(desk, "File").index("changed.zip"))
    details = desk.inbox.details.toPlainText()
    assert "Refused package: changed.zip" in details and "✗ " in details and "was changed" in details
    desk.inbox.table.selectRow(column(desk, "File").index("not-a-package.zip"))
    assert "✗ " in desk.inbox.details.toPlainText()
    choose_filter(desk, inbox_rows.UNREGISTERED_ONLY)
    assert column(desk, "Signer") == ["Bat Erdene"] and column(desk, "Verdict") == ["Unregistered signer"]


def test_history_shows_the_superseded_revision(qtbot, app, desk, packages):
    import_folder(qtbot, desk, packages["folder"])
    choose_filter(desk, inbox_rows.IMPORTED)
    forms = column(desk, "Form")
    kz_pow = next(i for i, (c, r) in enumerate(zip(column(desk, "Country"), column(desk, "Revision")))
                  if c.endswith("(KZ)") and r == "2")
    assert forms[kz_pow] == "CAMI POW 2014–2020"
    desk.inbox.table.selectRow(kz_pow)
    text = desk.inbox.details.toPlainText()
    assert "Revision 2" in text and "Revision 1" in text
    assert text.index("Revision 2") < text.index("current") < text.index("Revision 1")
    assert "superseded" in text.split("Revision 1", 1)[1]


def test_an_unregistered_signer_is_registered_after_showing_its_fingerprint(qtbot, app, desk, packages,
                                                                            monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda parent, title, text, *a, **k:
                                                              asked.append(text) or QMessageBox.Yes))
    import_folder(qtbot, desk, packages["folder"])
    choose_filter(desk, inbox_rows.UNREGISTERED_ONLY)
    desk.inbox.table.selectRow(0)
    assert desk.inbox.register.isVisibleTo(desk.inbox)
    assert desk.inbox.register.text() == "Register this signer for Mongolia…"
    assert packages["mn"].fingerprint in desk.inbox.details.toPlainText()
    desk.inbox.register.click()
    assert packages["mn"].fingerprint in asked[0]
    (signer,) = [s for s in app.store.list_trusted_signers() if s.country == "MN"]
    assert signer.fingerprint == packages["mn"].fingerprint
    assert [r.verdict for r in app.store.list_submissions(country="MN")] == ["registered"]
    assert desk.inbox.table.rowCount() == 0  # nothing unregistered is left


def test_the_matrix_is_coloured_by_status_and_filtered(qtbot, app, desk, packages):
    import_folder(qtbot, desk, packages["folder"])
    overview = desk.overview
    overview.choose(POW, PERIOD)
    assert overview.tabs.isTabVisible(MATRIX_TAB) and not overview.tabs.isTabVisible(FIGURES_TAB)
    matrix = overview.overview.activities
    table = overview.matrix
    # Mongolia's signer is registered nowhere: awaiting registration, not in the matrix
    assert table.rowCount() == len(matrix.activities) and table.columnCount() == 2 + 1
    assert [table.horizontalHeaderItem(c).text() for c in (2,)] == ["Kazakhstan"]
    completed = matrix.statuses["completed"].en
    row = next(r for r in range(table.rowCount())
               if packages["second"].get(f"status[{table.item(r, 0).text()}]") == "completed")
    assert table.item(row, 2).text() == completed
    assert table.item(row, 2).background().color().name().upper() == "#" + STATUS_COLOURS["completed"]
    assert completed in overview.legend.text()
    first_objective = next(iter(matrix.objectives))
    overview.objective.setCurrentIndex(overview.objective.findData(first_objective))
    wanted = [a for a in matrix.activities if a.objective == first_objective]
    assert 0 < table.rowCount() == len(wanted) < len(matrix.activities)
    states = overview.states
    codes = [states.item(r, 0).text() for r in range(states.rowCount())]
    assert len(codes) == 14 and states.item(codes.index("KZ"), 3).text() == "2"
    assert states.item(codes.index("BT"), 2).text() == "No"
    overview.choose(SAIGA, PERIOD)
    assert overview.tabs.isTabVisible(FIGURES_TAB) and not overview.tabs.isTabVisible(MATRIX_TAB)
    assert overview.figures.columnCount() == 3 and overview.figures.rowCount() > 5


@pytest.fixture
def documents(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home / "Documents"


def export(qtbot, overview, monkeypatch, button, answer=None):
    suggested = []

    def save(parent, title, path, pattern, *a, **k):
        suggested.append(path)
        return (answer or path), pattern
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    overview.last_export = None
    button.click()
    qtbot.waitUntil(lambda: overview.last_export is not None, timeout=60000)
    return suggested[0], overview.last_export


def test_the_compiled_workbook_is_exported_to_documents_in_english_or_russian(qtbot, app, desk, packages,
                                                                              documents, monkeypatch):
    import_folder(qtbot, desk, packages["folder"])
    overview = desk.overview
    overview.choose(POW, PERIOD)
    suggested, path = export(qtbot, overview, monkeypatch, overview.export_xlsx)
    assert suggested == str(documents / f"{POW}_{PERIOD}_compiled_en.xlsx") and path == documents / path.name
    book = load_workbook(path)
    assert book.sheetnames == ["Range States", "Activities", "Texts by activity"]
    rows = {r[0]: r for r in book["Range States"].iter_rows(min_row=4, max_row=17, values_only=True)}
    assert rows["KZ"][2:4] == ("Yes", 2) and rows["MN"][2] == "No" and rows["BT"][2] == "No"
    assert str(path) in overview.export_status.text()
    # Russian on request; the matrix filter shown in the window applies to the annex too
    first_objective = next(iter(overview.overview.activities.objectives))
    overview.objective.setCurrentIndex(overview.objective.findData(first_objective))
    overview.export_lang.setCurrentIndex(overview.export_lang.findData("ru"))
    target = documents / "annex-ru"
    suggested, path = export(qtbot, overview, monkeypatch, overview.export_xlsx, str(target))
    assert path == documents / "annex-ru.xlsx"
    book = load_workbook(path)
    rows = {r[0]: r for r in book.worksheets[0].iter_rows(min_row=4, max_row=17, values_only=True)}
    assert rows["KZ"][1] == "Казахстан" and rows["KZ"][3] == 2
    assert app.ctx.library.get(POW).title.ru in book.worksheets[0]["A1"].value
    activities = list(book.worksheets[1].iter_rows(min_row=4, values_only=True))
    assert len(activities) == overview.matrix.rowCount() < len(overview.overview.activities.activities)


def test_the_compiled_pdf_is_written(qtbot, app, desk, packages, documents, monkeypatch):
    import_folder(qtbot, desk, packages["folder"])
    desk.overview.choose(SAIGA, PERIOD)
    _, path = export(qtbot, desk.overview, monkeypatch, desk.overview.export_pdf)
    assert path.suffix == ".pdf" and path.read_bytes().startswith(b"%PDF")


def test_secretariat_mode_follows_the_language_and_is_remembered(qtbot, app, desk, packages):
    import_folder(qtbot, desk, packages["folder"])
    desk.overview.choose(POW, PERIOD)
    app.window.set_language("ru")
    assert desk.inbox.table.horizontalHeaderItem(inbox_rows.COLUMNS.index("Signer")).text() == "Подписант"
    assert desk.overview.matrix.horizontalHeaderItem(2).text() == "Казахстан"
    assert not app.window.actions.new.isEnabled()
    assert desk.overview.matrix.accessibleName() == desk.overview.tabs.tabText(MATRIX_TAB) != ""
    assert desk.inbox.table.accessibleName() and desk.inbox.details.accessibleName()
    app.window.set_language("en")
    app.restart()
    assert app.window.secretariat_action.isChecked()
    assert app.window.stack.currentWidget() is app.window.secretariat
    app.window.secretariat_action.trigger()
    assert app.window.stack.currentWidget() is app.window.report_list and app.window.actions.new.isEnabled()
    app.restart()
    assert app.window.secretariat is None and app.window.stack.currentWidget() is app.window.report_list


def test_hostile_files_picked_in_the_dialog_are_refused_or_not_read_with_their_reason(qtbot, app, desk,
                                                                                     tmp_path, monkeypatch):
    empty, mail = tmp_path / "empty.zip", tmp_path / "broken.eml"
    empty.write_bytes(b"")
    mail.write_bytes(b"\xff\xfe" + b"Content-Type: multipart/mixed; boundary=\"x\"\n\n--x\n" * 50)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(empty), str(mail)], "")))
    desk.inbox.import_files.click()
    qtbot.waitUntil(lambda: desk.inbox.last_result is not None, timeout=30000)
    items = {item.source: item for item in desk.inbox.last_result.items}
    assert items["empty.zip"].outcome == "refused" and items["empty.zip"].reasons
    assert all(item.outcome in ("refused", "skipped") for item in items.values())
    text = desk.inbox.details.toPlainText()  # nothing selected: the last import, file by file
    assert text.startswith("Last import:") and "empty.zip: refused" in text and "broken.eml" in text
    choose_filter(desk, inbox_rows.REFUSED)
    assert column(desk, "File") == ["empty.zip"] and column(desk, "Country")[0]  # the reason, in the list
    assert desk.inbox.import_files.isEnabled() and app.store.list_submissions() == []


def test_signers_registered_in_the_trusted_signers_dialog_rejudge_the_inbox(qtbot, app, desk, packages,
                                                                           monkeypatch):
    import_folder(qtbot, desk, packages["folder"])
    from cami_desktop.core.trust.assess import register_fingerprint
    from cami_desktop.ui import trust_dialog

    def officer_registers_mongolia(parent, ctx):  # what the person does in the (modal) dialog
        register_fingerprint(ctx.store, "MN", packages["mn"].fingerprint, "Bat Erdene")
    monkeypatch.setattr(trust_dialog, "open_trust_dialog", officer_registers_mongolia)
    choose_filter(desk, inbox_rows.UNREGISTERED_ONLY)
    assert desk.inbox.table.rowCount() == 1
    app.window.trust_action.trigger()
    assert desk.inbox.table.rowCount() == 0
    assert [r.verdict for r in app.store.list_submissions(country="MN")] == ["registered"]


def test_an_export_that_cannot_be_written_says_why_and_leaves_no_file(qtbot, app, desk, packages, tmp_path,
                                                                     monkeypatch):
    import_folder(qtbot, desk, packages["folder"])
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    target = tmp_path / "no such folder" / "annex.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    desk.overview.choose(POW, PERIOD)
    desk.overview.export_pdf.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    assert shown == [f"Cannot write {target}: the file or folder does not exist"]
    assert not target.parent.exists() and desk.overview.last_export is None
    assert desk.overview.export_pdf.isEnabled() and desk.overview.export_xlsx.isEnabled()


def test_the_work_programme_shows_actions_per_section_and_the_species_trends_chart(qtbot, app, desk, packages):
    import_folder(qtbot, desk, packages["folder"])
    overview = desk.overview
    overview.choose(WP, "2026-2028")
    assert overview.tabs.isTabVisible(MATRIX_TAB)
    matrix = overview.overview.activities
    labels = {t.en for t in matrix.statuses.values()}
    texts = [overview.matrix.item(r, 2).text() for r in range(overview.matrix.rowCount())]
    assert overview.matrix.columnCount() == 3 and any(t.split(":")[0] in labels for t in texts)
    submissions, status, population = overview.charts
    assert not submissions.isHidden() and len(submissions.data.bars) == 14
    wp = default_library().get(WP)
    species = wp.question("species_table").columns[0]
    names = {o.value: o.label.en for o in wp.reference.choices(species)}
    table = answers_for(wp, "KZ", 4)["species_table"]  # what the WP package sent
    expected = {names[row["species"]] for row in table if row.get("species") and row.get("trend")}
    assert not population.isHidden() and {bar.label for bar in population.data.bars} == expected
    assert all(bar.total == 1 for bar in population.data.bars)  # one Range State reported each
    assert not status.isHidden()


def test_after_the_first_import_the_overview_shows_a_form_that_was_received(qtbot, app, desk, packages):
    assert desk.overview.overview is None  # an empty inbox: nothing to show yet
    import_folder(qtbot, desk, packages["folder"])
    shown = desk.overview.overview
    assert shown is not None and shown.submitted and (shown.form.id, shown.period) in app.store.submission_periods()


def test_a_cancelled_import_gives_the_buttons_back(qtbot, app, desk, tmp_path, monkeypatch):
    import threading

    from cami_desktop.core.secretariat import inbox as core_inbox
    from cami_desktop.ui import background
    started, release = threading.Event(), threading.Event()

    def slow_import(store, library, paths, progress=None):
        started.set()
        release.wait(10)
        progress(0.5, "next.zip")  # raises Cancelled: the person pressed Cancel meanwhile
        return core_inbox.ImportResult()
    monkeypatch.setattr(core_inbox, "import_paths", slow_import)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))
    desk.inbox.import_folder.click()
    assert started.wait(10) and not desk.inbox.import_files.isEnabled()
    (operation,) = list(background._RUNNING)
    operation.cancel()
    release.set()
    qtbot.waitUntil(lambda: desk.inbox.import_files.isEnabled() and desk.inbox.import_folder.isEnabled(),
                    timeout=10000)
    assert desk.inbox.last_result is None


def test_other_reporters_are_listed_after_the_range_states_and_an_organizations_signer_is_registered(
        qtbot, app, desk, tmp_path, monkeypatch):
    """A consumer state's Saiga MoU report and an organization's Concerted Action report (issue 9 review).

    Issue 15: the organization's signer is registered from the inbox after the same telephone
    check as a country's; until then its report is counted nowhere.
    """
    library, folder = default_library(), tmp_path / "others"
    folder.mkdir()
    saiga = library.get(SAIGA)
    sg = make_identity(tmp_path / "sg", "Focal point SG", "SG")
    assemble_package(sg, folder, saiga, country="SG", period=PERIOD, lang="en", answers=answers_for(saiga, "SG", 6))
    organization, ca = "Saiga Conservation Alliance", library.get("concerted-action")
    answers = sample_answers(ca, seed=6, lang="en")
    answers.update(reporter_kind="organization", reporter_name=organization)
    director = make_identity(tmp_path / "org", "Director", "")
    assemble_package(director, folder, ca, country=organization, period=PERIOD, lang="en", answers=answers)
    import_folder(qtbot, desk, folder)
    assert sorted(item.outcome for item in desk.inbox.last_result.items) == ["imported", "imported"]
    choose_filter(desk, inbox_rows.ALL)
    countries = column(desk, "Country")
    assert sorted(countries) == [organization, "Singapore (SG)"]
    desk.overview.choose("concerted-action", PERIOD)
    assert desk.overview.states.rowCount() == 14  # awaiting registration: counted nowhere

    desk.inbox.table.selectRow(countries.index(organization))
    details = desk.inbox.details.toPlainText()
    assert "filed by the organization" in details and director.fingerprint in details
    assert desk.inbox.register.isVisibleTo(desk.inbox)
    assert desk.inbox.register.text() == f"Register this signer for the organization {organization}…"
    asked = []

    def answer_no_then_yes(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.No if len(asked) == 1 else QMessageBox.Yes
    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer_no_then_yes))
    assert not desk.inbox.register_signer()  # not confirmed: nothing registered
    assert app.store.list_trusted_signers(organization) == []
    assert f"Ask the organization {organization}" in asked[0] and director.fingerprint in asked[0]
    assert desk.inbox.register_signer()
    [signer] = app.store.list_trusted_signers(organization)
    assert signer.country == organization and signer.fingerprint == director.fingerprint
    assert "1 received submission changed verdict" in desk.inbox.summary.text()
    assert "Registered signer" in desk.inbox.summary.text()

    desk.inbox.table.selectRow(column(desk, "Country").index("Singapore (SG)"))
    assert desk.inbox.register.isVisibleTo(desk.inbox)
    # Singapore's report counts once its signer is registered (after the telephone check).
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    desk.inbox.register.click()

    overview = desk.overview
    overview.choose(SAIGA, PERIOD)
    table = overview.states
    assert table.rowCount() == 16
    assert table.item(14, 0).text() == "Other reporters (not CAMI Range States)" and table.columnSpan(14, 0) == 10
    assert [table.item(15, c).text() for c in (0, 1, 2, 3)] == ["SG", "Singapore", "Yes", "1"]
    overview.tabs.setCurrentIndex(FIGURES_TAB)
    assert overview.figures.horizontalHeaderItem(2).text() == "Singapore"
    # The window writes the key figures as the compiled PDF does, in the interface language.
    built = overview.overview.figures
    for row, figure in enumerate(built.figures):
        assert overview.figures.item(row, 2).text() == built.display(figure, "SG", "en"), figure.key
    overview.choose("concerted-action", PERIOD)
    assert overview.states.rowCount() == 16 and overview.states.item(15, 1).text() == organization
    assert overview.states.item(15, 0).text() == ""  # an organization has a name, no code


def test_a_submission_is_set_aside_with_a_reason_and_restored_from_the_window(qtbot, app, desk, packages,
                                                                            monkeypatch):
    """Issue 15: set aside leaves the overview (the earlier revision becomes current) and stays listed."""
    from PySide6.QtWidgets import QInputDialog
    import_folder(qtbot, desk, packages["folder"])
    changed = []
    desk.inbox.changed.connect(lambda: changed.append(True))
    choose_filter(desk, inbox_rows.ALL)
    kz_pow = next(i for i, (c, r, f) in enumerate(zip(column(desk, "Country"), column(desk, "Revision"),
                                                      column(desk, "Form")))
                  if c.endswith("(KZ)") and r == "2" and f == "CAMI POW 2014–2020")
    desk.inbox.table.selectRow(kz_pow)
    assert desk.inbox.set_aside_button.isVisibleTo(desk.inbox) and not desk.inbox.restore_button.isVisibleTo(desk.inbox)
    replies = [("", False), ("   ", True), ("Sent by mistake", True)]
    asked = []

    def get_text(parent, title, label, *args, **kwargs):
        asked.append(label)
        return replies.pop(0)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a, **k: warned.append(text)))
    desk.inbox.set_aside_button.click()  # cancelled: nothing changes
    desk.inbox.set_aside_button.click()  # no reason: refused with one sentence
    assert "Aigul Nurlanova" in asked[0] and len(warned) == 1 and "Give a reason" in warned[0]
    assert not any(r.set_aside for r in app.store.list_submissions()) and changed == []
    desk.inbox.set_aside_button.click()
    aside = next(r for r in app.store.list_submissions(country="KZ", form_id=POW) if r.revision == 2)
    assert aside.set_aside_reason == "Sent by mistake" and not aside.current and changed == [True]
    # still listed (marked set aside, its reason in the details), selected; Restore is the way back
    row = desk.inbox.selected()
    assert row.record.id == aside.id and "(set aside)" in column(desk, "Verdict")[desk.inbox.table.currentRow()]
    assert "Sent by mistake" in desk.inbox.details.toPlainText()
    assert desk.inbox.restore_button.isVisibleTo(desk.inbox) and "Restore" in desk.inbox.summary.text()
    overview = desk.overview
    overview.choose(POW, PERIOD)
    codes = [overview.states.item(r, 0).text() for r in range(overview.states.rowCount())]
    assert overview.states.item(codes.index("KZ"), 3).text() == "1"  # revision 1 speaks for Kazakhstan now
    choose_filter(desk, inbox_rows.SET_ASIDE)
    assert column(desk, "Revision") == ["2"]
    desk.inbox.table.selectRow(0)
    desk.inbox.restore_button.click()
    assert next(r for r in app.store.list_submissions(country="KZ", form_id=POW) if r.revision == 2).current
    overview.choose(POW, PERIOD)
    assert overview.states.item(codes.index("KZ"), 3).text() == "2"
