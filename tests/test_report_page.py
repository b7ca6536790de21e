"""The Verslag page driven as a user would: options, background export, progress, opening."""

from __future__ import annotations

import asyncio
import time

from conftest import until
from PySide6.QtCore import QUrl
from report_helpers import NAMED, SECRET, make_rich_session, pdf_text, photo_bytes, squash

from workshop.sessions.logo import get_logo


def _page(arun, session_window, sid):
    window = session_window(sid)
    page = window.show_page("report")
    arun(until(page.isEnabled, what="the session's overview was read"))
    arun(page.wait_idle())
    return window, page


def test_report_page_writes_both_documents(qtbot, arun, library, session_window, tmp_path):
    sid = make_rich_session(library)
    window, page = _page(arun, session_window, sid)
    opened: list[QUrl] = []
    page.open_url = lambda url: opened.append(url) or True
    assert "4 deelnemers" in page.summary.text()

    progress: list[int] = []
    page.progress.valueChanged.connect(progress.append)
    result = arun(page.export_to(tmp_path / "verslag.pdf"))
    assert result is not None and result.pages >= 3
    text = squash(pdf_text(tmp_path / "verslag.pdf"))
    assert NAMED in text and SECRET not in text
    assert progress  # the bar was shown and fed while laying out
    assert opened and opened[-1].toLocalFile() == str(tmp_path / "verslag.pdf")
    assert "pagina's" in page.status.text()
    assert page.open_button.isVisible()
    assert page.preview.isVisible() and not page.preview.pixmap().isNull()  # page 1 preview

    page.kind_draaiboek.setChecked(True)
    assert not page.section_boxes["actions"].isEnabled()
    page.anonymous.setChecked(True)
    arun(page.export_to(tmp_path / "draaiboek.pdf", open_when_done=False))
    text = squash(pdf_text(tmp_path / "draaiboek.pdf"))
    assert "DRAAIBOEK" in text and SECRET not in text and NAMED not in text
    window.grab().save(str(tmp_path.parent / "report-page.png"))


def test_window_stays_responsive_while_laying_out(qtbot, arun, library, session_window, tmp_path):
    from workshop.model import Note

    sid = make_rich_session(library)
    with library.unit_of_work() as db:
        db.add_all(
            Note(session_id=sid, kind="inzicht", text=f"Punt {i} " + "tekst " * 40)
            for i in range(1500)
        )
    _window, page = _page(arun, session_window, sid)
    page.open_url = lambda url: True
    ticks: list[float] = []
    progress: list[int] = []
    page.progress.valueChanged.connect(progress.append)

    async def run() -> None:
        task = asyncio.ensure_future(page.export_to(tmp_path / "groot.pdf"))
        while not task.done():
            ticks.append(time.perf_counter())
            await asyncio.sleep(0.02)
        await task

    arun(run(), timeout=120)
    # The event loop kept turning while the PDF was laid out (how long each turn took is a
    # figure for bench/, not an assertion here: it depends on the machine's load).
    assert len(ticks) > 10
    assert max(progress) > 150  # the bar followed the layout passes


def test_errors_are_shown_and_no_viewer_is_handled(qtbot, arun, library, session_window, tmp_path):
    sid = make_rich_session(library)
    _window, page = _page(arun, session_window, sid)
    page.open_url = lambda url: False  # no PDF viewer on this machine
    result = arun(page.export_to(tmp_path / "missing-folder" / "x.pdf"))
    assert result is None
    assert "Er is geen PDF gemaakt" in page.status.text()
    assert page.make_button.isEnabled() and not page.busy
    result = arun(page.export_to(tmp_path / "ok.pdf"))
    assert result is not None
    assert "Er kon geen PDF-viewer worden gestart" in page.status.text()


def test_logo_is_stored_as_an_undoable_command(
    qtbot, arun, library, command_service, session_window, tmp_path
):
    sid = make_rich_session(library)
    _window, page = _page(arun, session_window, sid)
    logo = tmp_path / "logo.jpg"
    logo.write_bytes(photo_bytes(300, 120))
    assert arun(page.set_logo_from(logo))
    arun(command_service.wait_idle())
    assert get_logo(library, sid)
    arun(until(page.remove_logo.isEnabled, what="the page read the new logo"))
    command_service.undo()
    arun(command_service.wait_idle())
    assert get_logo(library, sid) is None
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"no image")
    assert not arun(page.set_logo_from(bad))
    assert "geen afbeelding" in page.status.text()


def test_json_export_from_the_page(qtbot, arun, library, session_window, tmp_path):
    import json

    sid = make_rich_session(library)
    _window, page = _page(arun, session_window, sid)
    assert arun(page.export_json_to(tmp_path / "s.json"))
    doc = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert doc["session"]["title"] == "Wijkgesprek Oosterweide"
    assert not arun(page.export_json_to(tmp_path / "nope" / "s.json"))
    assert "kon niet worden geschreven" in page.status.text()


def test_make_pdf_button_asks_where_and_writes(qtbot, arun, library, session_window, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    sid = make_rich_session(library)
    _window, page = _page(arun, session_window, sid)
    page.open_url = lambda url: True
    page.make_button.click()
    dialog = page.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith("Wijkgesprek Oosterweide - verslag.pdf")
    target = tmp_path / "gekozen.pdf"
    dialog.fileSelected.emit(str(target))  # what the dialog sends when the user saves
    dialog.close()
    arun(page.wait_idle())  # the export runs as one of the page's background ops
    assert target.exists() and "Klaar" in page.status.text()


def test_choices_are_remembered_per_session(qtbot, arun, library, session_window, tmp_path):
    sid = make_rich_session(library)
    window, page = _page(arun, session_window, sid)
    page.kind_draaiboek.setChecked(True)
    page.anonymous.setChecked(True)
    page.language.setCurrentIndex(page.language.findData("en"))
    page.section_boxes["contents"].setChecked(False)
    arun(page.wait_idle())  # the choices are stored
    window.close()
    _window, again = _page(arun, session_window, sid)
    options = again.options()
    assert options.kind == "draaiboek" and options.anonymous and options.lang == "en"
    assert "contents" not in options.sections and "programme" in options.sections
    other = make_rich_session(library, title="Andere sessie")
    _window, fresh = _page(arun, session_window, other)
    assert fresh.options().kind == "verslag" and not fresh.options().anonymous


def test_version_and_author_go_on_the_cover_and_are_remembered(
    qtbot, arun, library, session_window, tmp_path
):
    sid = make_rich_session(library)
    window, page = _page(arun, session_window, sid)
    page.version.setText("  2.1 ")
    page.version.editingFinished.emit()
    page.author.setText("Team Participatie")
    page.author.editingFinished.emit()
    arun(page.export_to(tmp_path / "verslag.pdf", open_when_done=False))
    first = squash(pdf_text(tmp_path / "verslag.pdf")).split("Inhoud")[0]
    assert "Geschreven door Team Participatie" in first and "Versie 2.1," in first
    arun(page.wait_idle())  # the choices are stored
    window.close()
    _window, again = _page(arun, session_window, sid)
    assert again.version.text() == "2.1" and again.author.text() == "Team Participatie"
