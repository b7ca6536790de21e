"""`workshop selftest` runs as a user would run it: a subprocess, offscreen, exit 0."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO, TWO_SCREENS


def test_selftest_passes():
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={TWO_SCREENS}")
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "selftest"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert "2 screen(s)" in lines[0]
    assert lines[-1].endswith(" passed, 0 failed"), lines[-1]
    assert "FAIL" not in result.stdout


def test_demo_exit_after_show(tmp_path):
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", WORKSHOP_DB=f"sqlite:///{tmp_path / 'd.sqlite'}"
    )
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "demo", "--exit-after-show"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "d.sqlite").exists()
