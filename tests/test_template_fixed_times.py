"""A template's fixed times follow the session it is applied to, and the user is told (issue 11)."""

from __future__ import annotations

from datetime import time

from workshop.agenda.commands import ApplyTemplate
from workshop.agenda.queries import load_agenda
from workshop.agenda.templates import builtin_templates, fit_fixed_times
from workshop.sessions.commands import CreateSession


def _transitiegesprek():
    return next(t for t in builtin_templates("nl") if t.key == "builtin:transitiegesprek")


def _session(history, start, end):
    create = CreateSession(title="Ochtend", start_time=start, end_time=end)
    history.push(create)
    return create.session_id


def test_a_morning_session_moves_the_afternoon_templates_fixed_time(lib, history):
    sid = _session(history, time(9, 30), time(12, 30))
    template = _transitiegesprek()
    command = ApplyTemplate(
        sid,
        template.item_values(),
        template.name,
        replace=True,
        times=(template.start_time, template.end_time),
    )
    history.push(command)
    view = load_agenda(lib, sid)
    fixed = [r.fixed_start for r in view.rows if r.fixed_start is not None]
    assert fixed == [time(11, 20)], "16:50 in a 15:00 template is 11:20 at 09:30"
    assert view.plan.gap_minutes < 1, "no hours of waiting before a fixed time"
    assert len(command.time_notes) == 1
    assert "11:20" in command.time_notes[0] and "16:50" in command.time_notes[0]
    history.undo()
    assert load_agenda(lib, sid).rows == ()


def test_same_start_keeps_the_times_and_says_nothing(lib, history):
    sid = _session(history, time(15, 0), time(17, 0))
    template = _transitiegesprek()
    command = ApplyTemplate(
        sid,
        template.item_values(),
        template.name,
        replace=True,
        times=(template.start_time, template.end_time),
    )
    history.push(command)
    assert [r.fixed_start for r in load_agenda(lib, sid).rows if r.fixed_start] == [time(16, 50)]
    assert command.time_notes == []


def test_fixed_times_outside_the_session_are_dropped_with_a_note():
    values = [
        {"title": "Borrel", "fixed_start": time(17, 0)},
        {"title": "Pauze", "fixed_start": time(14, 30)},
        {"title": "Open", "fixed_start": None},
    ]
    # a template without its own start: nothing to shift by; 17:00 is after the end
    fitted = fit_fixed_times(values, None, time(13, 0), time(16, 0))
    assert [v["fixed_start"] for v in fitted.values] == [None, time(14, 30), None]
    assert len(fitted.notes) == 1 and "Borrel" in fitted.notes[0]
    # shifted past midnight or before the start: dropped too
    late = fit_fixed_times(
        [{"title": "Laat", "fixed_start": time(23, 0)}], time(9, 0), time(20, 0), None
    )
    assert late.values[0]["fixed_start"] is None and late.notes
    assert values[0]["fixed_start"] == time(17, 0), "the template's own values stay as they are"


def test_the_agenda_page_says_so(qtbot, arun, command_service, session_window):
    import asyncio

    from PySide6.QtWidgets import QMessageBox

    create = CreateSession(title="Ochtend", start_time=time(9, 30), end_time=time(12, 30))
    arun(command_service.push_and_wait(create))
    window = session_window(create.session_id)
    page = window.show_page("agenda")
    page.apply_template(_transitiegesprek())

    async def shown():
        for _step in range(200):
            if page.findChild(QMessageBox, "agenda-times-adjusted") is not None:
                return
            await asyncio.sleep(0.05)

    arun(shown())
    box = page.findChild(QMessageBox, "agenda-times-adjusted")
    assert box is not None and "11:20" in box.informativeText()
