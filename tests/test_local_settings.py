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
