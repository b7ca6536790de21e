"""Two writers on one library: what is kept when both change the same note at once.

    python bench/bench_concurrency.py URL [COUNT]

URL is an empty library (a new SQLite file, or a PostgreSQL database, e.g. from
`bash scripts/with_pg.sh sh -c 'python bench/bench_concurrency.py "$WORKSHOP_TEST_DB"'`).
Two processes each make COUNT changes (default 300) to one note:

* votes-set: read the count and store count + 1 (how the app voted before); the baseline
* votes:     AddVotes(+1), the delta the app sends now
* notes:     a new note beside it (positions taken at the same moment)
* items:     a new agenda item at the end (at most 200 each: an agenda holds 500)
* edit-undo: set the text, undo it (undo refuses when the other wrote since)

Prints, per mode, what was kept of 2 x COUNT, duplicate positions, conflicts reported, and
the seconds it took (the baseline for speed is votes-set in the same run).
The code measured is whatever `workshop` the PYTHONPATH points at, so the same script
measures an older checkout too (modes it lacks are skipped).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from concurrency_child import make_note, run_writers  # noqa: E402
from sqlalchemy import select  # noqa: E402

from workshop.model import AgendaItem, Note  # noqa: E402
from workshop.store.library import Library  # noqa: E402


def measure(url: str, count: int) -> None:
    library = Library.open(url)
    try:
        import workshop.capture.commands.notes as notes

        modes = ["votes-set", "votes", "notes", "items", "edit-undo"]
        if not hasattr(notes, "AddVotes"):
            modes.remove("votes")
        for mode in modes:
            note_id = make_note(library)
            started = time.perf_counter()
            n = min(count, 200) if mode == "items" else count  # an agenda holds 500 items
            results = run_writers(url, mode, note_id, n)
            seconds = time.perf_counter() - started
            with library.read() as db:
                note = db.get(Note, note_id)
                owner = AgendaItem if mode == "items" else Note
                positions = list(
                    db.scalars(select(owner.position).where(owner.session_id == note.session_id))
                )
                votes = note.votes
            duplicates = sum(n - 1 for n in Counter(positions).values() if n > 1)
            conflicts = sum(r.get("conflicts", 0) for r in results)
            kept = {
                "votes-set": f"votes {votes} of {2 * count}",
                "votes": f"votes {votes} of {2 * count}",
                "notes": f"notes {len(positions) - 1} of {2 * n}",
                "items": f"items {len(positions) - 1} of {2 * n}",
                "edit-undo": f"steps {sum(r['ok'] for r in results)} applied",
            }[mode]
            print(
                f"{library.engine.dialect.name:10} {mode:9}  {kept:22} "
                f"duplicate positions {duplicates:3}  conflicts reported {conflicts:3}  "
                f"{seconds:5.1f} s"
            )
    finally:
        library.close()


if __name__ == "__main__":
    measure(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300)
