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
    from workshop.commands.base import CommandError
    from workshop.commands.notes import check_note_value
    from workshop.commands.sessions import EditSession
    from workshop.i18n import set_language

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
