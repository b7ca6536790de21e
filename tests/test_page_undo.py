"""A page's undo button undoes that page's step, or says which step is last (issue 11)."""

from __future__ import annotations

from conftest import until

from workshop.demo import ensure_demo
from workshop.grouping.commands import SetGroupLocked
from workshop.grouping.queries import item_rounds
from workshop.people.commands import EditParticipant
from workshop.people.queries import list_people


def test_groups_undo_never_undoes_another_pages_step(
    qtbot, arun, library, command_service, session_window
):
    sid = ensure_demo(library)
    window = session_window(sid)
    page = window.show_page("groups")
    arun(until(lambda: page.state is not None and page.cards))
    button = page.undo_button
    group_id = page.cards[0].group.id
    arun(command_service.push_and_wait(SetGroupLocked(group_id, True)))
    arun(until(button.isEnabled))
    assert button.toolTip().startswith("Ongedaan maken: ")
    # a step on another page (Deelnemers) now is the last one
    person = list_people(library, sid)[0]
    arun(command_service.push_and_wait(EditParticipant(person.id, role="Fotograaf")))
    arun(until(lambda: not button.isEnabled()))
    edit = command_service.stack.command(command_service.stack.index() - 1).text()
    assert "elders" in button.toolTip() and edit in button.toolTip()
    button.click()  # disabled: nothing happens
    arun(command_service.wait_idle())
    assert next(p for p in list_people(library, sid) if p.id == person.id).role == "Fotograaf"
    # the window's Bewerken menu undoes it; then the page's own step is last again
    window.undo_action.trigger()
    arun(until(button.isEnabled))
    button.click()
    arun(command_service.wait_idle())
    rounds = item_rounds(library, sid, page.item_id)
    assert not any(g.locked for g in rounds[0].groups if g.id == group_id)


def test_page_undo_button_ignores_a_stack_already_gone(qtbot, command_service):
    """At the end of a run the undo stack may go before the page's button: no traceback."""
    import shiboken6

    from ui.widgets.page_undo import PageUndoButton

    button = PageUndoButton(command_service, lambda _command: True)
    qtbot.addWidget(button)
    assert not button.isEnabled()  # nothing to undo yet
    shiboken6.delete(command_service.stack)
    button.refresh()  # as a late indexChanged would call it
    assert not button.isEnabled()
