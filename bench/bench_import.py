"""Importing a list of 100,000 participants: preview (read and check) and store, time and peak
memory, each in a fresh process.

After: what the app does (`preview_for_session`, then the preview's `ImportParticipants`,
which stores new people as rows in chunks). Before, measured in the same run: the same
preview, then every action checked again and stored as one ORM object each (what the command
did until issue 14). Goals: 5 s and 200 MB. Figures only.

    python bench/bench_import.py [ROWS]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000


def store_as_objects(library, session_id: int, preview) -> None:
    """Before: each action checked again, then one Participant object per new person."""
    from workshop.model import Participant
    from workshop.people.commands import check_fields

    actions = [(check_fields(a.values), a.participant_id) for a in preview.actions]
    with library.unit_of_work() as db:
        for values, participant_id in actions:
            if participant_id is None:
                db.add(Participant(session_id=session_id, **values))
        db.flush()


def one(way: str, path: Path, folder: Path) -> dict:
    """Runs in the child process: import `path` the `way` way; seconds and peak MB."""
    from workshop.commands import CommandRunner
    from workshop.demo.builders import new_session
    from workshop.people.importer import preview_for_session
    from workshop.people.queries import list_people
    from workshop.store.library import Library

    library = Library.open(f"sqlite:///{folder / f'{way}.sqlite'}")
    runner = CommandRunner(library)
    sid = new_session(library, "Congres", do=runner.do)
    start_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start, cpu_start = time.perf_counter(), time.process_time()
    preview = preview_for_session(library, sid, path)
    checked = time.perf_counter() - start
    if way == "before":
        store_as_objects(library, sid, preview)
    else:
        command = preview.command(sid)
        assert command is not None
        runner.do(command)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stored = len(list_people(library, sid))
    return {
        "seconds": seconds,
        "cpu": cpu,
        "preview": checked,
        "peak_mb": peak,
        "start_mb": start_mb,
        "stored": stored,
    }


def main() -> None:
    if "--one" in sys.argv:
        way, path, folder = sys.argv[sys.argv.index("--one") + 1 :][:3]
        print(json.dumps(one(way, Path(path), Path(folder))))
        return
    from workshop.demo.builders import write_people_list

    folder = Path(tempfile.mkdtemp())
    path = folder / "aanmeldingen.csv"
    write_people_list(path, ROWS)
    results = {}
    for way in ("before", "after"):
        out = subprocess.run(
            [sys.executable, __file__, "--one", way, str(path), str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[way] = json.loads(out.stdout.strip().splitlines()[-1])
    before, after = results["before"], results["after"]
    assert before["stored"] == after["stored"] == ROWS, results
    from figures import record

    record(
        "import",
        f"import {ROWS:,} participants: preview and store",
        after["seconds"],
        "s",
        baseline=before["seconds"],
        baseline_name="the same preview, then one ORM object per person (before)",
        goal_value=5,
    )
    record(
        "import",
        f"import {ROWS:,} participants: preview and store, CPU",
        after["cpu"],
        "s",
        baseline=before["cpu"],
        baseline_name="the same preview, then one ORM object per person (before)",
        goal_value=5,
    )
    record(
        "import",
        f"import {ROWS:,} participants: peak memory",
        after["peak_mb"],
        "MB",
        baseline=before["peak_mb"],
        baseline_name="the same preview, then one ORM object per person (before)",
        goal_value=200,
    )
    print(f"import {ROWS:,} participants (fresh process each)   before      after   goal")
    print(
        f"  preview + store                            {before['seconds']:6.1f} s  "
        f"{after['seconds']:6.1f} s   5 s   (ratio {after['seconds'] / before['seconds']:.2f})"
    )
    print(
        f"  the same, CPU time (a busy machine)         {before['cpu']:6.1f} s  "
        f"{after['cpu']:6.1f} s   5 s   (ratio {after['cpu'] / before['cpu']:.2f})"
    )
    print(
        f"  of which the preview (read and check)      {before['preview']:6.1f} s  "
        f"{after['preview']:6.1f} s"
    )
    print(
        f"  peak memory (process)                      {before['peak_mb']:6.0f} MB "
        f"{after['peak_mb']:6.0f} MB  200 MB (after imports: {after['start_mb']:.0f} MB)"
    )


if __name__ == "__main__":
    main()
