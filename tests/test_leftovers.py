"""No leftovers (issue 12): a full disk or SIGTERM leaves no `.part` file behind."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO

from workshop.cli import main
from workshop.demo import ensure_demo
from workshop.model import Note
from workshop.store.library import Library


def _demo_library(tmp_path, notes: int = 0) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    lib = Library.open(url)
    sid = ensure_demo(lib)
    if notes:
        with lib.unit_of_work() as db:
            for i in range(notes):
                db.add(Note(session_id=sid, text=f"Opmerking {i}: " + "woorden " * 60))
    lib.close()
    return url, sid


def test_json_export_to_a_full_disk_leaves_nothing(tmp_path, capsys, monkeypatch):
    url, sid = _demo_library(tmp_path)
    out = tmp_path / "uit"
    out.mkdir()

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["--db", url, "export", str(sid), "-o", str(out / "x.json")]) == 1
    assert "Schijf vol" in capsys.readouterr().err
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM")
def test_report_stopped_by_sigterm_leaves_no_part_file(tmp_path):
    url, sid = _demo_library(tmp_path, notes=1500)
    out = tmp_path / "pdf"
    out.mkdir()
    env = dict(os.environ, WORKSHOP_LANG="nl", WORKSHOP_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "workshop",
            "--db",
            url,
            "report",
            str(sid),
            "-o",
            str(out / "v.pdf"),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob("*.part")):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM")
def test_app_ends_cleanly_on_sigterm(tmp_path):
    """The app's SIGTERM handler ends it like closing the window (exit code 0)."""
    db = tmp_path / "lib.sqlite"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        WORKSHOP_LANG="nl",
        WORKSHOP_DATA_DIR=str(tmp_path / "data"),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop", "--db", f"sqlite:///{db}", "app"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not db.exists():  # made by _main, after the handler was installed
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(1)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
