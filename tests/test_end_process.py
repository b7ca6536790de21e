"""`workshop` and `workshop demo` end without the interpreter's teardown, yet like a normal
exit: busy worker threads finish, exit handlers run, the exit code is kept."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO


def _run(code: str, tmp_path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


CODE = """
import atexit, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from ui.app import end_process
out = Path({out!r})
pool = ThreadPoolExecutor(1)
def slow_write():
    time.sleep(0.3)
    (out / "worker").write_text("done")
pool.submit(slow_write)
atexit.register(lambda: (out / "atexit").write_text("ran"))
print("printed before the end", end="")
end_process(3)
(out / "after").write_text("end_process returned")
"""


def test_the_end_waits_for_workers_and_runs_exit_handlers(tmp_path):
    result = _run(CODE.format(out=str(tmp_path)), tmp_path)
    assert result.returncode == 3, result.stderr
    assert result.stdout == "printed before the end"
    assert (tmp_path / "worker").read_text() == "done"
    assert (tmp_path / "atexit").read_text() == "ran"
    assert not (tmp_path / "after").exists()


def test_full_exit_on_request(tmp_path):
    result = _run(CODE.format(out=str(tmp_path)), tmp_path, WORKSHOP_FULL_EXIT="1")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "after").exists() and (tmp_path / "worker").exists()


def test_demo_ends_with_its_library_closed(tmp_path):
    """The demo's library is complete after the quick end (no WAL left behind, readable)."""
    import sqlite3

    db = tmp_path / "demo.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "demo", "--exit-after-show", "--db", f"sqlite:///{db}"],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "demo.sqlite-wal").exists()
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT count(*) FROM sessions WHERE is_demo").fetchone() == (1,)
    finally:
        con.close()
