"""Killing the process right after an edit loses nothing (kill -9, then reopen)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from conftest import REPO

from workshop.sessions.queries import get_details, list_sessions
from workshop.store.library import Library

pytestmark = pytest.mark.sqlite_only(reason="kill -9 of a process writing the SQLite file")

WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import date, time as t
    from workshop.commands import CommandRunner
    from workshop.sessions.commands import CreateSession, EditSession
    from workshop.store.library import Library
    lib = Library.open(sys.argv[1])
    runner = CommandRunner(lib)
    create = CreateSession(title="Kill test", date=date(2021, 4, 9), start_time=t(15))
    runner.do(create)
    for i in range(50):
        runner.do(EditSession(create.session_id, goals=f"versie {i}"))
        print(f"stored {i}", flush=True)
    time.sleep(60)  # the test kills us long before this ends
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_edits_survive_kill_9(tmp_path):
    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, url], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    last = None
    for line in proc.stdout:
        last = line.strip()
        if last == "stored 49":
            break
    os.kill(proc.pid, signal.SIGKILL)  # no chance to flush or close anything
    proc.wait(timeout=10)
    assert last == "stored 49"
    lib = Library.open(url)
    try:
        (session,) = list_sessions(lib)
        assert get_details(lib, session.id).goals == "versie 49"
    finally:
        lib.close()
