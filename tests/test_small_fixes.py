"""The smaller defects of issue 11, one test each."""

from __future__ import annotations

from datetime import time

import pytest

from workshop.agenda.commands import AddItem
from workshop.agenda.queries import load_agenda
from workshop.model import BreakoutRound
from workshop.sessions.commands import CreateSession
from workshop.sessions.queries import goals_label


def _session(history, **fields) -> int:
    create = CreateSession(title="Klein", **fields)
    history.push(create)
    return create.session_id


def test_groups_page_opens_on_the_first_item_with_groups(lib, history):
    from ui.groups.page import load_state

    sid = _session(history)
    history.push(AddItem(sid, title="Subgroepen zonder indeling", kind="subgroepen"))
    history.push(AddItem(sid, title="Tafelgesprek", kind="gesprek"))
    talk = next(r for r in load_agenda(lib, sid).rows if r.title == "Tafelgesprek")
    assert load_state(lib, sid, None).item_id != talk.id  # no groups yet: first candidate
    with lib.unit_of_work() as db:
        db.add(BreakoutRound(session_id=sid, agenda_item_id=talk.id, number=1))
    assert load_state(lib, sid, None).item_id == talk.id


@pytest.mark.parametrize(
    ("start", "label"),
    [
        (time(9, 30), "Doel van de ochtend"),
        (time(13, 0), "Doel van de middag"),
        (time(19, 30), "Doel van de avond"),
        (None, "Doel van de middag"),
    ],
)
def test_goals_label_says_the_daypart_in_dutch(start, label):
    assert goals_label(start) == label


def test_counts_use_singular_and_plural():
    from workshop.i18n import N_, plural, translator

    assert plural(1, N_("{n} note"), N_("{n} notes")).format(n=1) == "1 notitie"
    assert plural(6, N_("{n} note"), N_("{n} notes")).format(n=6) == "6 notities"
    assert plural(0, N_("{n} photo"), N_("{n} photos")).format(n=0) == "0 foto's"
    english = translator("en")
    assert plural(1, N_("{n} photo"), N_("{n} photos"), english).format(n=1) == "1 photo"


def test_no_count_is_written_plural_only_in_the_ui():
    """`_("{n} notes")` and the like always say "1 notities" for one; use plural()."""
    import re

    from conftest import REPO

    pattern = re.compile(
        r'(?<![N])_\(\s*"\{n\} (notes|people|photos|groups|rows read|votes|items imported)"'
    )
    offenders = [
        f"{path.relative_to(REPO)}"
        for folder in ("ui", "workshop")
        for path in (REPO / folder).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_agenda_templates_needs_no_session(tmp_path, capsys):
    from workshop.cli import main

    db = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    assert main(["agenda", "--templates", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Transitiegesprek" in out
    assert main(["agenda", "--db", db]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--templates" in err


def test_cli_help_speaks_dutch(capsys):
    from workshop.cli import main

    with pytest.raises(SystemExit):
        main(["agenda", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik: ") and "opties:" in out
    assert "deze hulptekst tonen en stoppen" in out
    assert "usage:" not in out and "show this help message" not in out
    with pytest.raises(SystemExit):
        main(["agenda", "--bogus"])
    assert "onbekende argumenten: --bogus" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "agenda", "--help"])
    assert capsys.readouterr().out.startswith("usage: ")


def test_qt_file_dialog_speaks_dutch(qapp):
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

    from ui import qt_translations

    saved = QLocale()
    try:
        assert qt_translations.install("nl")
        dialog = QFileDialog(None, "Kies")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)]
        english = {"&Look in:", "File &name:", "Files of &type:", "&Open", "Cancel"}
        assert texts and not english & set(texts), texts
        assert "Bestands&type:" in texts
        # untranslated strings still fall through unchanged
        assert QCoreApplication.translate("Nergens", "niet vertaald") == "niet vertaald"
        dialog.deleteLater()
    finally:
        qt_translations.install("en")
        QLocale.setDefault(saved)


def test_table_cards_without_a_pdf_viewer_say_where_they_went(
    qtbot, arun, library, command_service, session_window, tmp_path, monkeypatch
):
    import asyncio

    from PySide6.QtWidgets import QMessageBox, QPushButton

    from ui import system_open
    from workshop.demo import ensure_demo

    sid = ensure_demo(library)
    window = session_window(sid)
    page = window.show_page("groups")

    async def until(predicate):
        for _step in range(200):
            if predicate():
                return
            await asyncio.sleep(0.05)

    arun(until(lambda: page.state is not None and page.cards))
    page.print_dir = tmp_path
    page.open_file = lambda path: False  # no PDF viewer on this machine
    page.print_cards()
    arun(until(lambda: page.findChild(QMessageBox, "cards-saved") is not None))
    box = page.findChild(QMessageBox, "cards-saved")
    assert box is not None and str(page.last_pdf) == box.informativeText()
    assert page.last_pdf.read_bytes().startswith(b"%PDF")
    assert str(page.last_pdf) in page.status.text()
    opened = []
    monkeypatch.setattr(system_open, "open_path", opened.append)
    box.findChild(QPushButton, "cards-open-folder").click()
    assert opened == [tmp_path]


def test_draaiboek_groups_table_never_breaks_a_word(tmp_path):
    from report_helpers import pdf_text

    from workshop.reports import ReportOptions, build_pdf
    from workshop.reports.data import GroupInfo, Person, ReportData, RoundInfo, SessionInfo

    people = tuple(
        Person(i, f"Persoon{i} Achternaamlang", "Buurtcoöperatiehuis", "", "aanwezig", True)
        for i in range(1, 13)
    )
    groups = (
        GroupInfo(1, 0, "Leerwerkplaats", "Vergaderzaal", "Energietransitie", 1, None, None, None, (1, 2, 3, 4, 5, 6)),
        GroupInfo(2, 1, "Wijkuitvoeringsplannen", "Tafel 2", "Zorg", 7, None, None, None, (7, 8, 9, 10, 11, 12)),
    )  # fmt: skip
    data = ReportData(SessionInfo(1, "Draaiboek"), (), people, (RoundInfo(1, 1, "", None, groups),))
    options = ReportOptions(kind="draaiboek")
    path = tmp_path / "draaiboek.pdf"
    build_pdf(data, options, path)
    text = pdf_text(str(path))
    table = text[text.index("Ronde 1") : text.index("Volgorde")]  # the groups table only
    words = set(table.split())
    for word in (
        "Leerwerkplaats",
        "Wijkuitvoeringsplannen",
        "Energietransitie",
        "Vergaderzaal",
        "(Buurtcoöperatiehuis)",
    ):
        assert word in words, f"{word} broken across lines"


def test_photo_caption_is_ready_and_typing_never_reopens_the_dialog(qtbot):
    from PySide6.QtCore import Qt
    from report_helpers import photo_bytes

    from ui.capture.photos_panel import PhotosPanel
    from workshop.capture.queries import PhotoView

    def photo(pid: int) -> PhotoView:
        return PhotoView(pid, None, None, "", f"foto{pid}.jpg", 40, 30, 0, photo_bytes(40, 30))

    panel = PhotosPanel()
    qtbot.addWidget(panel)
    panel.show()
    asked = []
    panel.add_requested.connect(lambda: asked.append(True))
    panel.show_photos([photo(1), photo(2)])
    assert panel.caption.isEnabled() and panel.current_id() == 1
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and not panel.add.hasFocus()
    panel.show_photos([photo(1), photo(2), photo(3)])  # the dialog added one
    assert panel.current_id() == 3, "the photo just added is chosen, ready for its caption"
    qtbot.keyClicks(panel.caption, "Canvas van tafel 3")
    qtbot.keyClick(panel.caption, Qt.Key.Key_Space)
    assert len(asked) == 1, "typing a caption does not press Add photo… again"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("15", time(15, 0)), ("9.30", time(9, 30)), ("930", time(9, 30)), ("15u45", time(15, 45)),
     ("15:00", time(15, 0)), ("25:00", None), ("kwart over drie", None), ("", None)],
)  # fmt: skip
def test_time_fields_read_what_people_type(typed, expected):
    from ui.widgets.typed_fields import parse_time

    assert parse_time(typed) == expected


def test_new_session_dialog_is_typed_not_clicked(qtbot, qapp):
    from datetime import date

    from ui.start_window import NewSessionDialog
    from ui.widgets.typed_fields import parse_date

    assert parse_date("9-4-2026") == date(2026, 4, 9)
    assert parse_date("31-2-2026") is None
    assert parse_date("9/4", today=date(2027, 1, 1)) == date(2027, 4, 9)
    dialog = NewSessionDialog()
    qtbot.addWidget(dialog)
    dialog.title.setText("Ochtend")
    dialog.date.line.clear()
    qtbot.keyClicks(dialog.date.line, "9-4-2026")
    dialog.start.clear()
    qtbot.keyClicks(dialog.start, "930")
    dialog.end.clear()
    qtbot.keyClicks(dialog.end, "12.30")
    dialog.start.editingFinished.emit()  # leaving the field
    values = dialog.values()
    assert values["date"] == date(2026, 4, 9)
    assert (values["start_time"], values["end_time"]) == (time(9, 30), time(12, 30))
    assert dialog.start.text() == "09:30"
    # the calendar button offers a calendar that fills the field
    assert dialog.date.button.menu() is not None
    dialog.date._picked(dialog.date.calendar.selectedDate().addDays(1))
    assert dialog.date.date().isValid()
    # nonsense gives one clear line, not a session
    dialog.date.line.setText("morgen")
    dialog._check()
    assert "9-4-2026" in dialog.error.text() and dialog.result() == 0
