"""Per-machine settings live in a local file, not the shared library; old values move over."""

from __future__ import annotations

import json

from workshop import local_settings
from workshop.projector.screens import (
    SCREEN_KEY,
    load_prefs,
    remember_panel,
    remember_screen,
    remember_theme,
)
from workshop.store.settings import get_setting, set_setting


def test_the_projector_screen_theme_and_panel_stay_on_this_machine(library):
    remember_screen(library, "HDMI-1")
    remember_theme(library, False)
    remember_panel(library, False)
    prefs = load_prefs(library)
    assert (prefs.screen_name, prefs.dark, prefs.panel_visible) == ("HDMI-1", False, False)
    assert get_setting(library, SCREEN_KEY) == ""  # nothing of it in the shared library
    stored = json.loads(local_settings.settings_path().read_text(encoding="utf-8"))
    assert stored[SCREEN_KEY] == "HDMI-1"


def test_a_choice_stored_in_the_library_by_an_older_version_is_kept(library):
    set_setting(library, SCREEN_KEY, "DP-2")
    assert load_prefs(library).screen_name == "DP-2"
    set_setting(library, SCREEN_KEY, "ander scherm")  # another laptop on the same library
    assert load_prefs(library).screen_name == "DP-2"  # this machine's copy wins


def test_a_damaged_file_gives_defaults_and_is_replaced(library):
    path = local_settings.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{niet af", encoding="utf-8")
    assert load_prefs(library).dark is True
    remember_theme(library, False)
    assert load_prefs(library).dark is False


def test_drafts_stay_on_the_machine_they_are_typed_on(library, tmp_path, monkeypatch):
    """Two laptops on one library: a half-typed line on one never shows on the other."""
    from workshop.capture.drafts import draft_key, load_draft, save_draft, session_drafts
    from workshop.model import Draft

    key = draft_key(7, 3, None)
    save_draft(library, key, "Halverwege een zin")
    assert load_draft(library, key) == "Halverwege een zin"
    assert session_drafts(library, 7) == {key: "Halverwege een zin"}
    with library.read() as db:
        assert db.get(Draft, key) is None  # nothing of it in the shared library
    monkeypatch.setenv("WORKSHOP_LOCAL_SETTINGS", str(tmp_path / "other-laptop" / "s.json"))
    assert load_draft(library, key) == "" and session_drafts(library, 7) == {}


def test_a_draft_left_in_the_library_by_an_older_version_moves_here_once(library):
    from workshop.capture.drafts import draft_key, load_draft
    from workshop.model import Draft

    key = draft_key(7, 3, None)
    with library.unit_of_work() as db:
        db.add(Draft(key=key, text="Van voor de update"))
    assert load_draft(library, key) == "Van voor de update"
    with library.read() as db:
        assert db.get(Draft, key) is None
    assert load_draft(library, key) == "Van voor de update"


def test_the_language_is_this_machines_choice(library, tmp_path, monkeypatch):
    from workshop import local_settings
    from workshop.quick_look import stored_language
    from workshop.store.settings import get_setting, set_setting

    set_setting(library, "language", "en")  # a library from before: one shared value
    assert local_settings.get("language", "", fallback_library=library) == "en"  # copied once
    local_settings.put("language", "nl")
    assert stored_language(library.url) == "nl"
    assert get_setting(library, "language") == "en"  # the library is not written
    monkeypatch.setenv("WORKSHOP_LOCAL_SETTINGS", str(tmp_path / "other-laptop" / "s.json"))
    assert local_settings.get("language") == ""


def test_the_window_layout_is_kept_on_this_machine(qtbot, session_window, library, arun):
    """Size and docked panels come back as this machine left them; the library holds none."""
    from conftest import idle
    from sqlalchemy import select

    from workshop.demo import ensure_demo
    from workshop.model import Setting

    sid = ensure_demo(library)
    first = session_window(sid)
    first.resize(800, 650)  # the offscreen screen is 800 x 800
    arun(idle())
    first.close()
    assert local_settings.get("window.session.geometry")
    assert local_settings.get("window.session.state")
    second = session_window(sid)
    arun(idle())
    assert (second.width(), second.height()) == (800, 650)
    with library.read() as db:
        keys = db.scalars(select(Setting.key)).all()
    assert not [k for k in keys if k.startswith("window.")]
    second.close()
