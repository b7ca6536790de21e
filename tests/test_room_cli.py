"""`workshop serve`: the phones' server without the window prints the links that work."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.capture_support import make_world
from tests.room_support import fetch, seat_people


def test_serve_prints_the_join_and_rapporteur_links_and_they_work(tmp_path):
    world = make_world(tmp_path)
    seat_people(world)
    url = world.library.url
    world.library.close()
    env = dict(os.environ, WORKSHOP_LANG="en", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "workshop",
            "--db",
            url,
            "serve",
            str(world.session_id),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any("Ctrl+C" in x for x in lines):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
        join = next(x for x in lines if x.startswith("Phones join at:")).split(": ", 1)[1]
        rapporteurs = [x.split(": ", 1)[1] for x in lines if x.startswith("Rapporteur of")]
        assert join.startswith("http://127.0.0.1:") and len(rapporteurs) == 3
        assert fetch(join)[0] == 200
        assert fetch(rapporteurs[0])[0] == 200
        api = rapporteurs[0].replace("/r/", "/api/state?g=").replace("?t=", "&t=")
        status, text = fetch(api)
        assert status == 200 and "Groep 1" in text
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_says_so_for_an_unknown_session(tmp_path):
    world = make_world(tmp_path)
    url = world.library.url
    world.library.close()
    done = subprocess.run(
        [sys.executable, "-m", "workshop", "--db", url, "serve", "999", "--port", "0"],
        capture_output=True,
        text=True,
        env=dict(os.environ, WORKSHOP_LANG="en"),
        timeout=60,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr and done.stderr.strip()
