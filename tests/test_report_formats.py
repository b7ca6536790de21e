"""The verslag in three formats from one document: PDF, HTML (accessible) and DOCX (to edit).

The HTML is checked with axe-core in headless Chromium and parsed strictly with html5lib; the
DOCX is converted to PDF with LibreOffice and must show the same headings. The browser, axe-core
(npm) and LibreOffice are installed by run.sh for `test`; without them those tests skip.
"""

from __future__ import annotations

import email
import os
import re
import shutil
import subprocess
from email import policy
from pathlib import Path

import docx
import html5lib
import pytest
from pypdf import PdfReader
from report_helpers import NAMED, QUOTE_NAMED, SECRET, make_rich_session, pdf_text, squash

from workshop.cli import main as cli_main
from workshop.demo import ensure_demo
from workshop.reports import ReportOptions, load_report_data
from workshop.reports.build import build_report
from workshop.reports.builders.common import Ctx
from workshop.reports.builders.verslag import build_verslag_document, report_span
from workshop.reports.document import Heading
from workshop.reports.mail import mail_context, make_draft

AXE_CACHE = Path(os.environ.get("WORKSHOP_AXE_CACHE", Path.home() / ".cache" / "workshop-axe"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def build_all(library, tmp_path, sid, **options):
    opts = ReportOptions(**options)
    data = load_report_data(library, sid, opts)
    paths = {}
    for fmt in ("pdf", "html", "docx"):
        path = tmp_path / f"verslag.{fmt}"
        build_report(data, opts, path, fmt)
        paths[fmt] = path
    return data, opts, paths


def html_headings(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    main = text[text.index("<main>") :]
    found = re.findall(r"<h([2-6])([^>]*)>(.*?)</h\1>", main)
    return [_unescape(t) for _level, attrs, t in found if "toc-title" not in attrs]


def _unescape(text: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", text))


def docx_headings(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def docx_all_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    props = document.core_properties
    parts += [props.title or "", props.author or "", props.subject or "", props.keywords or ""]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from workshop.store.library import Library

    folder = tmp_path_factory.mktemp("demo")
    lib = Library.open(f"sqlite:///{folder / 'demo.sqlite'}")
    sid = ensure_demo(lib)
    _data, _opts, paths = build_all(lib, folder, sid)
    yield lib, sid, paths
    lib.close()


def test_one_document_three_formats_with_the_same_headings(demo):
    lib, sid, paths = demo
    opts = ReportOptions()
    document = build_verslag_document(Ctx(load_report_data(lib, sid, opts), opts))
    expected = [h.text for h in document.headings()]
    assert expected[0] == "Inleiding" and "Colofon" in expected
    assert "Bijlage: aanwezigen" in expected
    assert html_headings(paths["html"]) == expected
    assert docx_headings(paths["docx"]) == expected
    outline = [o.title for o in PdfReader(paths["pdf"]).outline if not isinstance(o, list)]
    chapters = [h.text for h in document.headings() if h.level == 1]
    assert outline == chapters


def test_verslag_reads_like_a_report(demo):
    lib, sid, paths = demo
    pages = PdfReader(paths["pdf"]).pages
    page2 = squash(pages[1].extract_text())
    assert "Inleiding" in page2 and "kwamen 28 mensen bijeen" in page2  # content on page 2
    text = squash(pdf_text(paths["pdf"]))
    assert "9 april 2021, 15.00–17.00 uur" in text
    assert "stippen bij de prioritering" in text and "★" not in text
    assert "Per rol" not in text and "Open vragen" not in text  # no padding tables
    assert "en 1 andere" not in text
    assert "Wat er naar voren kwam (vervolg)" in text  # continued chapters are marked
    assert "toegankelijke versie van dit verslag is het HTML-bestand" in text  # colofon
    assert text.index("Colofon") > text.index("Bijlage: aanwezigen") > text.index("Acties")
    # the actions table is sorted by date, with written-out dates and the group's short name
    table = text[text.rindex("Acties") : text.rindex("Vervolg")]
    dates = re.findall(r"(\d{1,2} (?:april|mei|juni) 2021)", table)
    assert dates[:2] == ["16 april 2021", "1 mei 2021"]


def test_report_span_is_written_the_dutch_way():
    from datetime import time

    assert report_span(time(15, 0), time(17, 0), "nl") == "15.00–17.00 uur"
    assert report_span(time(9, 30), None, "nl") == "9.30 uur"
    assert report_span(time(15, 0), time(17, 0), "en") == "15:00–17:00"


def test_pdf_accessibility_basics(demo):
    _lib, _sid, paths = demo
    reader = PdfReader(paths["pdf"])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert root["/PageMode"] == "/UseOutlines"
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.dc_language == ["nl"]
    assert "Lokale gemeenschappen" in xmp.dc_title["x-default"]
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            assert "/FontDescriptor" in font or "/DescendantFonts" in font, font["/BaseFont"]
    assert not any("Helvetica" in f for f in fonts)


def test_dutch_content_is_nl_even_from_the_english_ui(lib, tmp_path):
    from workshop.i18n import current_language, set_language

    sid = make_rich_session(lib)
    before = current_language()
    set_language("en")
    try:
        _data, _opts, paths = build_all(lib, tmp_path, sid, lang="nl")
    finally:
        set_language(before)
    assert PdfReader(paths["pdf"]).trailer["/Root"]["/Lang"] == "nl"
    assert '<html lang="nl">' in paths["html"].read_text(encoding="utf-8")
    assert docx.Document(str(paths["docx"])).core_properties.language == "nl-NL"


def test_html_is_valid_and_self_contained(demo):
    _lib, _sid, paths = demo
    raw = paths["html"].read_text(encoding="utf-8")
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(raw)  # raises on any parse error
    assert not parser.errors
    assert '<html lang="nl">' in raw and "<main>" in raw
    assert 'src="http' not in raw and "<link" not in raw and "<script" not in raw
    images = re.findall(r"<img [^>]*>", raw)
    assert images and all('src="data:image/' in i for i in images)
    assert all(re.search(r'alt="[^"]+"', i) for i in images)
    assert '<th scope="col">' in raw
    assert "<table" in raw and 'role="presentation"' not in raw


def test_docx_structure(demo):
    _lib, _sid, paths = demo
    document = docx.Document(str(paths["docx"]))
    props = document.core_properties
    assert props.title.startswith("Lokale gemeenschappen") and props.language == "nl-NL"
    assert props.author == "De TransitieMotor"
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "Quote"} <= styles
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.xpath("./w:trPr/w:tblHeader"), "header row repeats on every page"
    descriptions = [
        d.get("descr")
        for d in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert descriptions and all(descriptions)


def test_anonymous_formats_name_nobody(lib, tmp_path):
    from sqlalchemy import update

    from workshop.model import Participant

    sid = make_rich_session(lib)
    with lib.unit_of_work() as db:
        db.execute(
            update(Participant)
            .where(Participant.session_id == sid)
            .values(email=Participant.name + "@example.org")
        )
    data, _opts, paths = build_all(lib, tmp_path, sid, anonymous=True)
    texts = {
        "pdf": squash(pdf_text(paths["pdf"])),
        "html": paths["html"].read_text(encoding="utf-8"),
        "docx": docx_all_text(paths["docx"]),
    }
    names = [p.name for p in data.participants]
    for fmt, text in texts.items():
        for name in names:
            assert name not in text, (fmt, name)
            assert name.split()[-1] not in text, (fmt, name)
        assert "@example.org" not in text, fmt
    # named variant: who agreed is named, who did not is not
    (tmp_path / "named").mkdir()
    _data, _opts, named = build_all(lib, tmp_path / "named", sid)
    html = named["html"].read_text(encoding="utf-8")
    assert NAMED in html and SECRET not in html and QUOTE_NAMED not in html
    assert NAMED in docx_all_text(named["docx"]) and SECRET not in docx_all_text(named["docx"])


def test_cli_picks_the_format_from_the_extension(demo, tmp_path, capsys):
    lib, sid, _paths = demo
    url = lib.url
    for name in ("v.html", "v.docx", "v.pdf"):
        assert cli_main(["--db", url, "report", str(sid), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "v.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "v.docx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "v.pdf").read_bytes()[:5] == b"%PDF-"
    assert (
        cli_main(["--db", url, "report", str(sid), "-o", str(tmp_path / "x"), "--format", "html"])
        == 0
    )
    assert (tmp_path / "x").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    capsys.readouterr()
    assert cli_main(["--db", url, "report", str(sid), "-o", str(tmp_path / "v.txt")]) != 0
    err = capsys.readouterr().err
    assert ".pdf, .html of .docx" in err and "Traceback" not in err
    assert not (tmp_path / "v.txt").exists()
    for name in ("d.html", "d.docx"):
        code = cli_main(
            ["--db", url, "report", str(sid), "--kind", "draaiboek", "-o", str(tmp_path / name)]
        )
        assert code == 0, capsys.readouterr().err
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "Volgorde van terugkoppeling" in html and "Spreektijd" in html
    assert "Niet ingedeeld: 2 deelnemers" in html
    assert "Volgorde van terugkoppeling" in docx_headings(tmp_path / "d.docx")


def test_mail_draft_is_unsent_with_bcc_to_who_agreed(lib, tmp_path):
    from sqlalchemy import select

    from workshop.model import Participant

    sid = make_rich_session(lib)
    with lib.unit_of_work() as db:
        for person in db.scalars(select(Participant).where(Participant.session_id == sid)):
            address = person.name.lower().replace(" ", ".") + "@example.org"
            person.email = "" if person.name == "Fatima Smits" else address
    report = tmp_path / "verslag.pdf"
    report.write_bytes(b"%PDF-1.4 test")
    context = mail_context(lib, sid)
    raw = make_draft(context, report)
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert "To" not in msg and msg["Subject"] == "Verslag: Wijkgesprek Oosterweide"
    bcc = str(msg["Bcc"])
    assert bcc == f"{NAMED} <anouk.zonnebloem@example.org>"  # Fatima Smits has no address
    assert context.skipped == 2  # two with an address did not agree
    attachments = list(msg.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["verslag.pdf"]
    assert attachments[0].get_content() == b"%PDF-1.4 test"
    assert "In de bijlage vind je het verslag" in msg.get_body(("plain",)).get_content()


# -- real tools: Chromium + axe-core, LibreOffice -------------------------------------------


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core 4 from the npm registry, installed once into a cache folder."""
    target = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not target.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed (run.sh test installs it)")
        AXE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(AXE_CACHE), "axe-core@4"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("chromium and chromium-driver are not installed (run.sh test installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def run_axe(driver, script: str, path: Path) -> list[dict]:
    driver.get(path.as_uri())
    driver.execute_script(script)
    return driver.execute_async_script(
        "const cb = arguments[arguments.length - 1];"
        "axe.run().then(r => cb(r.violations), e => cb([{id: 'axe-error', help: String(e)}]));"
    )


def test_html_has_no_axe_violations(demo, browser, axe_script, tmp_path):
    _lib, _sid, paths = demo
    violations = run_axe(browser, axe_script, paths["html"])
    assert violations == [], [(v["id"], v.get("help")) for v in violations]
    browser.save_screenshot(str(tmp_path / "verslag-html.png"))
    # the check itself works: a page without alt text or landmarks is reported
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><body><img src="x.png"></body></html>')
    assert {v["id"] for v in run_axe(browser, axe_script, bad)} >= {"image-alt"}


def test_html_of_an_anonymous_english_verslag_has_no_axe_violations(
    lib, browser, axe_script, tmp_path
):
    sid = make_rich_session(lib)
    _data, _opts, paths = build_all(lib, tmp_path, sid, lang="en", anonymous=True)
    assert run_axe(browser, axe_script, paths["html"]) == []


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
def test_docx_opens_in_libreoffice_with_the_same_headings(demo, tmp_path):
    _lib, _sid, paths = demo
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(paths["docx"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / "verslag.pdf"
    assert converted.exists()
    text = squash(pdf_text(converted))
    position = -1
    for heading in docx_headings(paths["docx"]):
        found = text.find(squash(heading), position + 1)
        assert found > position, heading
        position = found
    assert [h for h in html_headings(paths["html"])] == docx_headings(paths["docx"])


def test_heading_levels_never_skip(demo):
    lib, sid, _paths = demo
    opts = ReportOptions()
    document = build_verslag_document(Ctx(load_report_data(lib, sid, opts), opts))
    level = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            assert block.level <= level + 1, block
            level = block.level


# -- the Verslag page: formats and Versturen… ----------------------------------------------


def test_report_page_makes_html_and_docx_and_a_mail_draft(
    qtbot, arun, library, session_window, tmp_path
):
    from conftest import until
    from PySide6.QtCore import QUrl
    from sqlalchemy import select

    from workshop.model import Participant

    sid = make_rich_session(library)
    with library.unit_of_work() as db:
        for person in db.scalars(select(Participant).where(Participant.session_id == sid)):
            person.email = person.name.lower().replace(" ", ".") + "@example.org"
    window = session_window(sid)
    page = window.show_page("report")
    arun(until(page.isEnabled, what="the session's overview was read"))
    arun(page.wait_idle())
    opened: list[QUrl] = []
    page.open_url = lambda url: opened.append(url) or True
    assert "foto's" not in page.summary.text() and "1 foto" in page.summary.text()

    page.file_format.setCurrentIndex(page.file_format.findData("html"))
    assert page.default_path().suffix == ".html"
    result = arun(page.export_to(tmp_path / "verslag.html", open_when_done=False))
    assert result is not None and "kB" in page.status.text()
    assert not page.preview.isVisible()  # no PDF preview for HTML
    assert NAMED in (tmp_path / "verslag.html").read_text(encoding="utf-8")
    assert page.send_button.isVisible()

    draft = arun(page.send_draft())
    assert draft == tmp_path / "verslag.eml" and draft.exists()
    assert opened[-1].toLocalFile() == str(draft)  # handed to the system's mail handler
    msg = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1" and "anouk.zonnebloem@example.org" in str(msg["Bcc"])
    assert "2 deelnemers in de BCC" in page.status.text()  # Anouk and Fatima agreed
    assert "2 deelnemers met een e-mailadres gaven geen toestemming" in page.status.text()
    window.grab().save(str(tmp_path.parent / "report-page-formats.png"))

    result = arun(page.export_to(tmp_path / "verslag.docx", open_when_done=False))
    assert result is not None and docx_headings(tmp_path / "verslag.docx")[0] == "Inleiding"

    page.kind_draaiboek.setChecked(True)
    assert page.file_format.isEnabled() and page.default_path().suffix == ".html"
    assert not page.send_button.isVisible() or page.last_path.suffix == ".docx"


def test_draaiboek_in_html_and_docx(demo, browser, axe_script, tmp_path):
    lib, sid, _paths = demo
    data, _opts, paths = build_all(lib, tmp_path, sid, kind="draaiboek")
    html = paths["html"].read_text(encoding="utf-8")
    assert html_headings(paths["html"]) == docx_headings(paths["docx"])
    assert docx_headings(paths["docx"])[:2] == ["Programma", "Ronde 1"]
    assert "Spreektijd" in html and "3 min" in html
    violations = run_axe(browser, axe_script, paths["html"])
    assert violations == [], [(v["id"], v.get("help")) for v in violations]
    browser.save_screenshot(str(tmp_path.parent / "draaiboek-html.png"))
    # anonymous: no names, and no column left empty by it (host, who reports back)
    (tmp_path / "anon").mkdir()
    data, _opts, anon = build_all(lib, tmp_path / "anon", sid, kind="draaiboek", anonymous=True)
    text = anon["html"].read_text(encoding="utf-8")
    for person in data.participants:
        assert person.name not in text, person.name
        assert person.name not in docx_all_text(anon["docx"]), person.name
    assert "Tafelhost" not in text and "Koppelt terug" not in text
    assert "Spreektijd" in text and "Deelnemers" in text
