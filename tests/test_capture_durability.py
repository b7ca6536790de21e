"""Never lose a word: a note (or a draft) survives kill -9 right after it is stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from capture_support import World, make_world, note_texts

from workshop.capture.drafts import draft_key, load_draft, save_draft, session_drafts
from workshop.store.library import Library

pytestmark = pytest.mark.sqlite_only(reason="kill -9 of a process writing the SQLite file")

CHILD = Path(__file__).with_name("capture_crash_child.py")
REPO = Path(__file__).resolve().parents[1]


def _kill_after_first_line(
    child: Path, args: list[str], **env: str
) -> tuple[subprocess.Popen, str]:
    """Run `child` until it prints its first line, then kill -9 it: (process, that line)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", **env)
    proc = subprocess.Popen(
        [sys.executable, str(child), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        line = proc.stdout.readline()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    return proc, line


def closed_world(tmp_path: Path) -> tuple[World, str]:
    """The capture test world, stored and closed (a child process opens it): (world, url)."""
    world = make_world(tmp_path)
    url = world.library.url
    world.library.close()
    return world, url


@contextmanager
def reopened(url: str) -> Iterator[Library]:
    """The library at `url` opened again after the child was killed."""
    library = Library.open(url)
    try:
        yield library
    finally:
        library.close()


def run_and_kill(args: list[str]) -> str:
    proc, line = _kill_after_first_line(CHILD, args)
    assert proc.returncode == -signal.SIGKILL
    assert line.startswith("stored"), proc.stderr.read()
    return line.strip()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_note_survives_kill_9(tmp_path):
    world, url = closed_world(tmp_path)
    text = '"Het is de uitdaging dat iets niet stilvalt na een experiment" — Chantal'
    run_and_kill(
        [url, str(world.session_id), str(world.feedback_id), str(world.group_ids[0]), "note", text]
    )
    with reopened(url) as library:
        assert note_texts(library, group_id=world.group_ids[0]) == [
            "Het is de uitdaging dat iets niet stilvalt na een experiment"
        ]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_draft_survives_kill_9(tmp_path):
    world, url = closed_world(tmp_path)
    text = "!Halverwege een zin over de knoppen 🌱 <b>&"
    run_and_kill([url, str(world.session_id), str(world.feedback_id), "-", "draft", text])
    with reopened(url) as library:
        assert load_draft(library, draft_key(world.session_id, world.feedback_id, None)) == text


def test_drafts_save_replace_and_clear(tmp_path):
    world = make_world(tmp_path)
    lib = world.library
    try:
        key = draft_key(world.session_id, world.feedback_id, world.group_ids[1])
        save_draft(lib, key, "half")
        save_draft(lib, key, "halve zin")
        assert load_draft(lib, key) == "halve zin"
        assert session_drafts(lib, world.session_id) == {key: "halve zin"}
        save_draft(lib, key, "   ")
        assert load_draft(lib, key) == "" and session_drafts(lib, world.session_id) == {}
        assert key != draft_key(world.session_id, world.feedback_id, None)
    finally:
        lib.close()


UI_CHILD = Path(__file__).with_name("capture_ui_crash_child.py")


def _ui_run_and_kill(url: str, session_id: int, mode: str, text: str) -> None:
    proc, line = _kill_after_first_line(
        UI_CHILD, [url, str(session_id), mode, text], WORKSHOP_LANG="nl"
    )
    assert line.strip() == f"stored {mode}", proc.stderr.read()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_note_typed_in_the_page_survives_kill_9(tmp_path):
    world, url = closed_world(tmp_path)
    _ui_run_and_kill(url, world.session_id, "note", "!Verslag rondsturen @Marieke 1-6")
    with reopened(url) as library:
        # the page opens on the terugkoppeling item, whole-item notes
        assert note_texts(library, item_id=world.feedback_id) == ["Verslag rondsturen"]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_half_typed_text_in_the_page_survives_kill_9(tmp_path):
    world, url = closed_world(tmp_path)
    _ui_run_and_kill(url, world.session_id, "draft", "Halverwege een zin over de knoppen")
    with reopened(url) as library:
        key = draft_key(world.session_id, world.feedback_id, None)
        assert load_draft(library, key) == "Halverwege een zin over de knoppen"
        assert note_texts(library) == []
