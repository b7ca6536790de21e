"""The projector's Qt-free core: state machine, content, layout, themes, screen choice."""

from __future__ import annotations

from datetime import time

import pytest

from tests.projector_fixtures import demo_with_round
from workshop.errors import CommandError
from workshop.model import WorkSession
from workshop.projector.content import load_projector_content
from workshop.projector.layout import (
    PAGE_SECONDS,
    agenda_item_layout,
    breakout_layout,
    fit_from_end,
    min_legible_px,
    page_at,
    programme_layout,
    reporting_layout,
)
from workshop.projector.screens import (
    ScreenInfo,
    choose_projector_screen,
    load_prefs,
    remember_screen,
    remember_theme,
)
from workshop.projector.state import (
    MAX_MESSAGE,
    Mode,
    ProjectorStateMachine,
    mode_for_item_kind,
)
from workshop.projector.theme import AAA, NON_TEXT, THEMES, contrast_ratio
from workshop.projector.timers import format_seconds, static_reading


# -- state machine ----------------------------------------------------------------------
def test_modes_and_listeners():
    machine = ProjectorStateMachine()
    seen = []
    machine.subscribe(lambda s: seen.append(s.mode))
    assert machine.state.mode == Mode.WELCOME
    machine.show(Mode.PROGRAMME)
    machine.show(Mode.PROGRAMME)  # no change, no notification
    machine.show(Mode.BREAKOUT)
    assert seen == [Mode.PROGRAMME, Mode.BREAKOUT]


def test_freeze_keeps_the_picture_but_not_the_overlays():
    machine = ProjectorStateMachine()
    machine.show(Mode.AGENDA_ITEM)
    machine.toggle_freeze()
    machine.show(Mode.BREAKOUT)  # the facilitator prepares the next picture
    assert machine.state.mode == Mode.BREAKOUT
    assert machine.visible.mode == Mode.AGENDA_ITEM and machine.visible.frozen
    machine.set_message("Nog 2 minuten — rond af")
    machine.set_blackout(True)
    assert machine.visible.message == "Nog 2 minuten — rond af"
    assert machine.visible.blackout
    machine.toggle_freeze()
    assert machine.visible.mode == Mode.BREAKOUT and not machine.visible.frozen


def test_message_is_cleaned_and_capped():
    machine = ProjectorStateMachine()
    machine.set_message("  Terug   in de\nzaal ")
    assert machine.state.message == "Terug in de zaal"
    machine.set_message("x" * 10_000)
    assert len(machine.state.message) == MAX_MESSAGE
    assert machine.state.message.endswith("…")
    machine.clear_message()
    assert machine.state.message == ""


def test_blackout_toggles():
    machine = ProjectorStateMachine()
    assert machine.toggle_blackout().blackout
    assert not machine.toggle_blackout().blackout


def test_follows_the_running_item_but_not_on_first_sight():
    machine = ProjectorStateMachine()
    machine.item_changed(1, "introductie")  # opening the projector: welcome stays
    assert machine.state.mode == Mode.WELCOME
    machine.item_changed(1, "introductie")
    assert machine.state.mode == Mode.WELCOME
    machine.item_changed(2, "subgroepen")
    assert machine.state.mode == Mode.BREAKOUT
    machine.item_changed(3, "terugkoppeling")
    assert machine.state.mode == Mode.REPORTING
    machine.set_follow_agenda(False)
    machine.item_changed(4, "presentatie")
    assert machine.state.mode == Mode.REPORTING
    assert mode_for_item_kind("pauze") == Mode.AGENDA_ITEM


# -- content ----------------------------------------------------------------------------
def test_load_content_from_the_demo(lib):
    sid = demo_with_round(lib)
    content = load_projector_content(lib, sid)
    assert content.title.startswith("Lokale gemeenschappen")
    assert len(content.agenda) == 7
    assert content.agenda[0].planned_start == time(15, 0)
    assert content.agenda[1].planned_start == time(15, 10)
    assert content.agenda[-1].planned_start == time(16, 50)  # the fixed start
    assert content.current_item().id == content.agenda[0].id  # before the start
    breakout_item = next(i for i in content.agenda if i.kind == "subgroepen")
    rnd = content.round(None, breakout_item.id)
    assert rnd is not None and len(rnd.groups) == 10
    group = rnd.groups[0]
    assert group.title == "Groep 1"
    assert group.table_line == "Tafel “Energiegemeenschappen”"
    assert group.label == "Groep 1 · Tafel “Energiegemeenschappen”"
    assert group.members[0].host and not any(m.host for m in group.members[1:])
    assert sum(m.rapporteur for m in group.members) == 1
    # reporting order follows report_position (set in reverse)
    assert [g.number for g in rnd.reporting_order()][:3] == [10, 9, 8]
    # the terugkoppeling item reports on the round of the subgroepen before it
    feedback = next(i for i in content.agenda if i.kind == "terugkoppeling")
    assert content.round(None, feedback.id).id == rnd.id
    assert content.next_item(feedback.id).kind == "presentatie"
    assert content.next_item(content.agenda[-1].id) is None
    assert content.notes_for_group(group.id)[0].text.startswith("Knop 1")


def test_current_item_follows_the_session(lib):
    sid = demo_with_round(lib, groups=2, size=3)
    with lib.unit_of_work() as db:
        session = db.get(WorkSession, sid)
        session.current_item_id = session.items[3].id
    content = load_projector_content(lib, sid)
    assert content.current_item().kind == "subgroepen"


def test_missing_session_is_a_clear_error(lib):
    with pytest.raises(CommandError, match="999"):
        load_projector_content(lib, 999)


def test_group_labels_without_theme_or_name(lib):
    from workshop.projector.content import GroupEntry

    plain = GroupEntry(1, 4, "", "Tafel 4", "", (), None, None)
    assert plain.label == "Group 4 · Tafel 4" or plain.label == "Groep 4 · Tafel 4"
    both = GroupEntry(1, 2, "Groep 2", "Tafel 2", "Energie", (), None, None)
    assert both.label == "Groep 2 · Tafel 2 · “Energie”"


# -- timers -----------------------------------------------------------------------------
def test_static_reading_and_formatting():
    reading = static_reading("Presentatie", 15)
    assert reading.display == "15:00" and not reading.running
    assert reading.fraction_left == 1.0
    assert static_reading("x", None).display == "00:00"
    assert format_seconds(299.2) == "05:00"
    assert format_seconds(-72) == "+01:12"
    assert format_seconds(5400) == "90:00"


# -- layout -----------------------------------------------------------------------------
def _groups(lib, groups, size):
    sid = demo_with_round(lib, groups, size)
    content = load_projector_content(lib, sid)
    return content.rounds[-1].groups


def test_ten_groups_of_six_page_on_an_old_beamer(lib):
    groups = _groups(lib, 10, 6)
    small = breakout_layout(1024, 768, groups)
    assert small.legible(768), "names must stay legible on 1024×768"
    assert small.pages > 1, "10 groups of 6 do not fit legibly on one 1024×768 page"
    assert small.per_page * small.pages >= 10
    # one page less would not be legible: paging is only used when needed
    assert small.pages == 2
    big = breakout_layout(1920, 1080, groups)
    assert big.legible(1080) and big.pages <= small.pages
    four_k = breakout_layout(3840, 2160, groups)  # same picture, twice the pixels
    assert four_k.pages == big.pages
    assert four_k.name_px == pytest.approx(2 * big.name_px, rel=0.05)


def test_short_names_fit_one_full_hd_page(lib):
    from dataclasses import replace

    groups = _groups(lib, 10, 6)
    short = [
        replace(g, members=tuple(replace(m, name=f"Deelnemer {m.id % 100}") for m in g.members))
        for g in groups
    ]
    layout = breakout_layout(1920, 1080, short)
    assert layout.pages == 1 and layout.legible(1080)


def test_cards_stay_inside_the_screen(lib):
    groups = _groups(lib, 7, 4)
    for w, h in ((1024, 768), (1280, 800), (1920, 1080), (3840, 2160)):
        layout = breakout_layout(w, h, groups)
        assert layout.legible(h)
        for card in layout.cards:
            assert card.x >= 0 and card.y >= 0 and card.right <= w and card.bottom <= h
            assert card.y >= layout.header.bottom and card.bottom <= layout.footer.y


def test_few_groups_get_big_text(lib):
    groups = _groups(lib, 2, 3)
    layout = breakout_layout(1024, 768, groups)
    assert layout.pages == 1 and layout.name_px > 1.5 * min_legible_px(768)


def test_paging_cycles():
    assert page_at(0, 1) == 0 and page_at(500, 1) == 0
    assert page_at(PAGE_SECONDS - 0.1, 2) == 0
    assert page_at(PAGE_SECONDS, 2) == 1
    assert page_at(2 * PAGE_SECONDS, 2) == 0
    assert page_at(-5, 3) == 0


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080), (3840, 2160), (1280, 800)])
def test_timer_digits_are_a_third_of_the_screen(size):
    w, h = size
    layout = agenda_item_layout(w, h)
    assert layout.digit_height >= h / 3
    assert layout.digits.h >= layout.digit_height
    assert layout.progress.bottom <= h and layout.next.h > 0
    assert layout.title.x >= layout.disk.right


def test_programme_keeps_the_current_item_in_view():
    fits = programme_layout(1920, 1080, 7, 3)
    assert len(fits.rows) == 7 and fits.first == 0
    long = programme_layout(1024, 768, 40, 30)
    assert len(long.rows) < 40
    assert long.first <= 30 < long.first + len(long.rows)
    assert long.row_px >= min_legible_px(768)


def test_reporting_layout_with_and_without_notes():
    plain = reporting_layout(1024, 768, False)
    assert plain.notes is None and plain.digit_height >= 768 * 0.2
    with_notes = reporting_layout(1024, 768, True)
    assert with_notes.notes is not None and with_notes.notes.h > 768 * 0.3


def test_fit_from_end_keeps_the_newest():
    assert fit_from_end([10, 10, 10], 25) == 1
    assert fit_from_end([10, 10, 10], 100) == 0
    assert fit_from_end([50], 10) == 0  # the newest always shows (clipped)
    assert fit_from_end([], 10) == 0


# -- themes -----------------------------------------------------------------------------
def test_contrast_ratio_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    with pytest.raises(ValueError):
        contrast_ratio("red", "#ffffff")


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_text_pair_meets_aaa(name):
    theme = THEMES[name]
    for text, fg, background, bg in theme.text_pairs():
        ratio = contrast_ratio(fg, bg)
        assert ratio >= AAA, f"{name}: {text} on {background} is {ratio:.2f}:1"
    for graphic, fg, background, bg in theme.graphic_pairs():
        assert contrast_ratio(fg, bg) >= NON_TEXT, f"{name}: {graphic} on {background}"


# -- screens ----------------------------------------------------------------------------
LAPTOP = ScreenInfo("LAPTOP", 0, 0, 1280, 800)
BEAMER = ScreenInfo("PROJECTOR", 1280, 0, 1920, 1080)
TV = ScreenInfo("TV", 3200, 0, 1280, 720)


def test_screen_choice():
    assert choose_projector_screen([LAPTOP], "LAPTOP") is None
    assert choose_projector_screen([LAPTOP, BEAMER], "LAPTOP") == BEAMER
    assert choose_projector_screen([LAPTOP, BEAMER, TV], "LAPTOP") == BEAMER
    assert choose_projector_screen([LAPTOP, BEAMER, TV], "LAPTOP", "TV") == TV
    assert choose_projector_screen([LAPTOP, BEAMER], "LAPTOP", "GONE") == BEAMER
    # the facilitator moved the session window to the beamer: use the laptop screen
    assert choose_projector_screen([LAPTOP, BEAMER], "PROJECTOR") == LAPTOP


def test_prefs_are_remembered(lib):
    assert load_prefs(lib).screen_name == "" and load_prefs(lib).dark
    remember_screen(lib, "PROJECTOR")
    remember_theme(lib, False)
    prefs = load_prefs(lib)
    assert prefs.screen_name == "PROJECTOR" and not prefs.dark
    remember_screen(lib, "TV")
    assert load_prefs(lib).screen_name == "TV"
