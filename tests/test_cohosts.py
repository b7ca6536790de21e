"""Co-host organisations with their logos: stored, undoable, on the verslag cover, in the
draaiboek, on the projector's welcome picture and in the JSON export (issue 11, seed 004)."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC, datetime

from conftest import until
from PIL import Image
from report_helpers import make_rich_session, pdf_text, squash

from workshop.commands import CommandRunner
from workshop.reports import ReportOptions, build_pdf, load_report_data
from workshop.sessions.cohosts import CoHostInfo, SetCoHosts, list_cohosts
from workshop.sessions.exchange import ImportSession, export_session, parse_export
from workshop.sessions.logo import prepare_logo


def _logo(colour=(200, 30, 30)) -> bytes:
    img = Image.new("RGB", (300, 120), colour)
    out = io.BytesIO()
    img.save(out, "PNG")
    return prepare_logo(out.getvalue())


def _with_cohosts(lib) -> int:
    sid = make_rich_session(lib)
    hosts = [CoHostInfo("Provincie Gelderland", _logo()), CoHostInfo("Alliander")]
    CommandRunner(lib).do(SetCoHosts(sid, hosts))
    return sid


def test_set_and_undo(lib, history):
    sid = make_rich_session(lib)
    history.push(SetCoHosts(sid, [CoHostInfo("Provincie Gelderland", _logo())]))
    history.push(SetCoHosts(sid, [*list_cohosts(lib, sid), CoHostInfo("Alliander")]))
    assert [h.name for h in list_cohosts(lib, sid)] == ["Provincie Gelderland", "Alliander"]
    assert list_cohosts(lib, sid)[0].logo is not None
    history.undo()
    assert [h.name for h in list_cohosts(lib, sid)] == ["Provincie Gelderland"]
    history.undo()
    assert list_cohosts(lib, sid) == []


def test_a_co_host_needs_a_name():
    import pytest

    from workshop.commands import CommandError

    with pytest.raises(CommandError):
        SetCoHosts(1, [CoHostInfo("  ")])


def test_cover_and_draaiboek_name_the_co_hosts(lib, tmp_path):
    sid = _with_cohosts(lib)
    for kind in ("verslag", "draaiboek"):
        options = ReportOptions(kind=kind)
        path = tmp_path / f"{kind}.pdf"
        result = build_pdf(load_report_data(lib, sid, options), options, path)
        assert not [w for w in result.warnings if "logo" in w.casefold()]
        text = squash(pdf_text(str(path)))
        assert "in samenwerking met Provincie Gelderland en Alliander" in text, kind


def test_export_and_import_keep_the_co_hosts(lib):
    sid = _with_cohosts(lib)
    doc = export_session(lib, sid)
    assert [row["name"] for row in doc["cohosts"]] == ["Provincie Gelderland", "Alliander"]
    command = ImportSession(parse_export(json.dumps(doc)))
    CommandRunner(lib).do(command)
    copied = list_cohosts(lib, command.session_id)
    assert [h.name for h in copied] == ["Provincie Gelderland", "Alliander"]
    assert copied[0].logo == list_cohosts(lib, sid)[0].logo


def test_welcome_picture_shows_the_co_hosts(lib, qapp, tmp_path):
    from ui.projector.render import render_image
    from ui.projector.scene import Scene
    from workshop.projector.content import load_projector_content
    from workshop.projector.state import Mode, ProjectorState

    sid = _with_cohosts(lib)
    content = load_projector_content(lib, sid)
    assert [name for name, _logo in content.cohosts] == ["Provincie Gelderland", "Alliander"]
    when = datetime(2021, 4, 9, 15, 0, tzinfo=UTC)
    state = ProjectorState(mode=Mode.WELCOME)
    with_hosts = render_image(Scene(state, content, None, None, when), 1280, 720)
    without = render_image(Scene(state, replace(content, cohosts=()), None, None, when), 1280, 720)
    with_hosts.save(str(tmp_path / "welcome-cohosts.png"))
    assert with_hosts != without
    red = with_hosts.pixelColor(1280 // 2, 0)  # not part of the logo row
    logo_pixels = sum(
        1
        for x in range(0, 1280, 4)
        for y in range(0, 720, 4)
        if with_hosts.pixelColor(x, y).name() == "#c81e1e"
    )
    assert logo_pixels > 50 and red.name() != "#c81e1e", "the red logo is drawn"


def test_gegevens_page_adds_and_removes_co_hosts(qtbot, arun, lib, command_service, session_window):
    from PySide6.QtCore import Qt

    sid = make_rich_session(lib)
    window = session_window(sid)
    page = window.show_page("details")

    arun(until(page.isEnabled))
    qtbot.keyClicks(page.cohosts.name, "Netbeheer Oost")
    qtbot.keyClick(page.cohosts.name, Qt.Key.Key_Return)
    arun(command_service.wait_idle())
    arun(until(lambda: page.cohosts.list.count() == 1))
    assert [h.name for h in list_cohosts(lib, sid)] == ["Netbeheer Oost"]
    assert page.cohosts.logo_button.isEnabled()
    page.cohosts.set_logo(0, _logo((20, 40, 200)))
    arun(until(page.cohosts.clear_logo_button.isEnabled, what="the logo shown"))
    assert list_cohosts(lib, sid)[0].logo is not None
    page.cohosts.remove_current()
    arun(command_service.wait_idle())
    arun(until(lambda: page.cohosts.list.count() == 0))
    assert list_cohosts(lib, sid) == []
    command_service.undo()
    arun(command_service.wait_idle())
    arun(until(lambda: page.cohosts.list.count() == 1))
    assert list_cohosts(lib, sid)[0].logo is not None
