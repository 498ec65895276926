"""``export --comments-in-pdf`` puts the notes for the Secretariat in the package's PDF."""
from __future__ import annotations

import zipfile

import pypdfium2 as pdfium

from cami_desktop.cli import main
from cami_desktop.core import cycle
from cami_desktop.core.forms.library import default_library
from cami_desktop.core.reports.session import create_report
from cami_desktop.core.store import Store


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_comments_in_pdf_flag(tmp_path, monkeypatch):
    monkeypatch.delenv("CAMI_PASSPHRASE", raising=False)
    secret = tmp_path / "pass.txt"
    secret.write_text("secret-pass-1\n")
    data = tmp_path / "data"

    def run(*args):
        return main(["--data-dir", str(data), "--language", "en", *args])
    assert run("identity", "create", "--name", "Aigul", "--country", "KZ", "--passphrase-file", str(secret)) == 0
    library = default_library()
    with Store.open(data, app_version="test") as store:
        record = create_report(store, library, form_id="saiga-mou", country="KZ", period="2024", language="en")
        cycle.set_comment(store, library, record.id, "estimate_method", "No survey this year")
    texts = {}
    for flag in ([], ["--comments-in-pdf"]):
        out = tmp_path / ("with" if flag else "without")
        out.mkdir()
        assert run("export", str(record.id), "--out", str(out), "--draft", "--passphrase-file", str(secret),
                   *flag) == 0
        package = next(out.glob("*.zip"))
        with zipfile.ZipFile(package) as z:
            texts[bool(flag)] = pdf_text(next(z.read(n) for n in z.namelist() if n.endswith(".pdf")))
    assert "No survey this year" in texts[True]
    assert "No survey this year" not in texts[False]
