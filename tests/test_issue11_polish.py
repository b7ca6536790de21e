"""Issue 11 leftovers: counts on the projector, character limits that read naturally,
template fixed times shifted to where the template goes, Groepen moving the projector."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tests.test_projector_rounds import drawn_texts
from workshop.demo import ensure_demo
from workshop.projector.content import load_projector_content
from workshop.projector.layout import ProgrammeLayout
from workshop.projector.state import Mode, ProjectorState


# -- 3. the projector's counts ----------------------------------------------------------------
@pytest.mark.parametrize(("before", "after"), [(1, 1), (2, 3)])
def test_programme_counts_say_singular_or_plural(library, qapp, monkeypatch, before, after):
    import ui.projector.render as render
    from ui.projector.scene import Scene

    sid = ensure_demo(library)
    content = load_projector_content(library, sid)
    count = len(content.agenda)
    assert count > before + after
    real = render.programme_layout

    def windowed(width, height, n, current):
        full = real(width, height, n, current)
        return ProgrammeLayout(full.title, full.rows[: n - before - after], before, full.row_px)

    monkeypatch.setattr(render, "programme_layout", windowed)
    content = replace(content, current_item_id=content.agenda[before].id)
    scene = Scene(
        ProjectorState(mode=Mode.PROGRAMME),
        content,
        None,
        None,
        datetime(2021, 4, 9, 15, 20, tzinfo=UTC),
    )
    texts = drawn_texts(monkeypatch, scene)
    if before == 1:
        assert "↑ 1 eerder onderdeel" in texts and "↓ nog 1 onderdeel" in texts
    else:
        assert "↑ 2 eerdere onderdelen" in texts and "↓ nog 3 onderdelen" in texts


# -- 4. limits read as numbers people write ----------------------------------------------------
def test_character_limits_read_naturally():
    from workshop.capture.commands.notes import check_note_value
    from workshop.errors import CommandError
    from workshop.i18n import set_language
    from workshop.sessions.commands import EditSession

    set_language("nl")
    with pytest.raises(CommandError) as short:
        EditSession(1, place="x" * 501)
    assert str(short.value) == "Deze tekst is te lang (hoogstens 500 tekens)"
    with pytest.raises(CommandError) as long:
        check_note_value("text", "x" * 20_001)
    assert "20.000 tekens" in str(long.value)
    set_language("en")
    with pytest.raises(CommandError) as english_text:
        check_note_value("text", "x" * 20_001)
    assert "(at most 20,000 characters)" in str(english_text.value)


# -- 6. Groepen: choosing an item moves the projector ---------------------------------------------
def test_choosing_an_item_on_groepen_moves_the_projector(library, session_window, arun):
    from sqlalchemy import select

    from tests.projector_fixtures import three_rounds
    from tests.test_projector_rounds import until
    from workshop.model import AgendaItem, BreakoutGroup, BreakoutRound

    sid, item_id, rounds = three_rounds(library)
    with library.unit_of_work() as db:  # a second item with groups of its own
        other = db.scalars(
            select(AgendaItem).where(AgendaItem.session_id == sid, AgendaItem.id != item_id)
        ).first()
        rnd = BreakoutRound(session_id=sid, agenda_item_id=other.id, number=1)
        db.add(rnd)
        db.flush()
        db.add(BreakoutGroup(round_id=rnd.id, position=0, name="Ander 1", report_position=0))
        other_id, other_round = other.id, rnd.id
    window = session_window(sid)
    projector = window.ctx.session_services.projector
    arun(projector.wait_idle())
    groups = window.show_page("groups")
    until(arun, lambda: groups.state is not None)

    def choose(item: int, rounds_expected: int) -> None:
        index = groups.item_combo.findData(item)
        groups.item_combo.setCurrentIndex(index)
        groups.item_combo.activated.emit(index)
        until(
            arun,
            lambda: (
                groups.state is not None
                and groups.state.item_id == item
                and len(groups.state.rounds) == rounds_expected
            ),
        )

    choose(item_id, 3)
    groups.round_tabs.setCurrentIndex(2)
    assert projector.current_round().id == rounds[2]
    choose(other_id, 1)  # another item: the room sees its round, as a tab click would do
    until(arun, lambda: projector.current_round().id == other_round)
    choose(item_id, 3)  # back: the round the page opens on (Ronde 1)
    until(arun, lambda: projector.current_round().id == rounds[0])
    assert groups.round_tabs.currentIndex() == 0
    # a reload that is no choice (something changed) leaves the projector alone
    groups.round_tabs.setCurrentIndex(1)
    groups.reload()
    arun(projector.wait_idle())
    until(arun, lambda: groups.state is not None)
    assert projector.current_round().id == rounds[1]


# -- 5. a template's fixed times follow where it is inserted ---------------------------------------
def _afternoon(history, items=(("Opening", 60),)):
    from datetime import time

    from workshop.agenda.commands import AddItem
    from workshop.sessions.commands import CreateSession

    create = CreateSession(title="Middag", start_time=time(13, 0), end_time=time(18, 0))
    history.push(create)
    for title, minutes in items:
        history.push(AddItem(create.session_id, title=title, planned_minutes=minutes))
    return create.session_id


TEMPLATE = [
    {"title": "Inloop", "planned_minutes": 20},
    {"title": "Pauze", "planned_minutes": 15, "fixed_start": "10:30"},
]


def test_a_template_added_at_the_end_shifts_from_where_it_starts(lib, history):
    from datetime import time

    from workshop.agenda.commands import ApplyTemplate
    from workshop.agenda.queries import load_agenda
    from workshop.agenda.templates import item_from_json

    sid = _afternoon(history)  # 13:00 Opening (60 min): what follows starts at 14:00
    command = ApplyTemplate(
        sid, [item_from_json(i) for i in TEMPLATE], "Ochtend", times=(time(10, 0), time(12, 0))
    )
    history.push(command)
    rows = load_agenda(lib, sid).rows
    assert [r.title for r in rows] == ["Opening", "Inloop", "Pauze"]
    assert rows[2].fixed_start == time(14, 30), "30 min after where the template starts"
    assert "14:30" in command.time_notes[0] and "14:00" in command.time_notes[0]
    history.undo()
    history.redo()  # redone from the template's own times, not shifted twice
    assert load_agenda(lib, sid).rows[2].fixed_start == time(14, 30)


def test_a_method_inserted_below_the_selection_shifts_from_there(lib, history):
    from datetime import time

    from workshop.agenda.commands import ApplyTemplate
    from workshop.agenda.queries import load_agenda
    from workshop.agenda.templates import item_from_json

    sid = _afternoon(history, (("Opening", 30), ("Pitches", 45), ("Afsluiting", 15)))
    # below "Pitches": the method starts where 14:15 is planned
    command = ApplyTemplate(
        sid, [item_from_json(i) for i in TEMPLATE], "Methode", index=2, template_start=time(10, 0)
    )
    history.push(command)
    rows = load_agenda(lib, sid).rows
    assert [r.title for r in rows] == ["Opening", "Pitches", "Inloop", "Pauze", "Afsluiting"]
    assert rows[3].fixed_start == time(14, 45)


def test_a_saved_template_keeps_its_session_start(lib, history):
    from datetime import time

    from workshop.agenda.commands import ApplyTemplate, SaveTemplate
    from workshop.agenda.queries import load_agenda
    from workshop.agenda.templates import saved_templates
    from workshop.sessions.commands import CreateSession

    source = _afternoon(history, (("Opening", 30), ("Pauze", 15)))
    rows = [r.values() for r in load_agenda(lib, source).rows]
    rows[1]["fixed_start"] = time(13, 45)
    history.push(SaveTemplate("Mijn middag", rows, times=(time(13, 0), time(18, 0))))
    (saved,) = saved_templates(lib)
    assert (saved.start_time, saved.end_time) == (time(13, 0), time(18, 0))
    morning = CreateSession(title="Ochtend", start_time=time(9, 0), end_time=time(12, 0))
    history.push(morning)
    history.push(
        ApplyTemplate(
            morning.session_id,
            saved.item_values(),
            saved.name,
            replace=True,
            times=(saved.start_time, saved.end_time),
        )
    )
    fixed = [r.fixed_start for r in load_agenda(lib, morning.session_id).rows]
    assert fixed == [None, time(9, 45)], "13:45 in a 13:00 agenda is 09:45 at 09:00"


def test_the_agenda_page_saves_the_session_start_with_a_template(
    arun, command_service, session_window, library
):
    from datetime import time

    from tests.test_projector_rounds import until
    from workshop.agenda.templates import saved_templates

    sid = ensure_demo(library)  # 15:00–17:00
    page = session_window(sid).show_page("agenda")
    until(arun, lambda: page.view is not None and page.model.rows)
    page.save_as_template("Demo als sjabloon")
    arun(command_service.wait_idle())
    (saved,) = saved_templates(library)
    assert (saved.start_time, saved.end_time) == (time(15, 0), time(17, 0))


# -- 7. seen walking the demo at 1024×768 -------------------------------------------------------
def test_demo_pages_at_1024_show_their_beginnings(arun, session_window, library):
    """The calendar button is a drawn icon (the 📅 emoji is a box in many fonts), a long
    line on Gegevens shows its beginning, the door's search hint is not cut off."""
    from conftest import until
    from PySide6.QtWidgets import QLineEdit

    sid = ensure_demo(library)
    window = session_window(sid)
    window.resize(1024, 768)
    details = window.show_page("details")
    arun(until(details.isEnabled, what="details loaded"))
    button = details.date_edit.button
    assert not button.icon().isNull() and button.text() == ""
    welcome = details.findChild(QLineEdit, "field-welcome_line")
    assert welcome.text().startswith("Welkom!") and welcome.cursorPosition() == 0

    people = window.show_page("participants")
    arun(until(lambda: "30" in people.counts.text(), what="people listed"))
    search = people.search
    needed = search.fontMetrics().horizontalAdvance(search.placeholderText())
    assert needed < search.width() - 20, "the search hint is cut off"
    assert people.counts.isVisible() and "30" in people.counts.text()


def test_the_calendar_speaks_the_apps_language(qtbot):
    from ui.widgets.typed_fields import DateField

    field = DateField()
    qtbot.addWidget(field)
    locale = field.calendar.locale()
    assert locale.monthName(4) == "april" and locale.dayName(1).startswith("maandag")
