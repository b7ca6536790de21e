"""One of two writers on one library (tests/test_team_library.py, bench/bench_concurrency.py).

    python tests/concurrency_child.py URL MODE NOTE_ID COUNT TAG

Waits for a line on stdin (so both writers start together), makes COUNT changes through the
command runner (as the app does) and prints one JSON line: {"ok": n, "conflicts": n}.

Modes:
  votes      AddVotes(note, +1): the delta the app sends for a dot-vote
  votes-set  read the count, EditNote(votes=count + 1): how the app voted before (loses votes)
  notes      AddNote beside the note (same item and group): positions taken at the same time
  items      AddItem at the end of the note's agenda (a snapshot command): the same for items
  edit-undo  EditNote(text=TAG i), then undo it: undo must refuse when the other wrote since
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from workshop.capture.commands.notes import AddNote, EditNote, NoteContent
from workshop.commands import CommandError, CommandRunner
from workshop.model import AgendaItem, Note, WorkSession
from workshop.store.library import Library

CHILD = Path(__file__).resolve()


def make_note(library: Library) -> int:
    """A session with one item and one note on it: the row both writers change."""
    with library.unit_of_work() as db:
        session = WorkSession(title="Samen", date=date(2026, 4, 9))
        session.items = [AgendaItem(position=0, title="Oogst", kind="gesprek")]
        db.add(session)
        db.flush()
        note = Note(session_id=session.id, agenda_item_id=session.items[0].id, text="Begin")
        db.add(note)
        db.flush()
        return note.id


def run_writers(url: str, mode: str, note_id: int, count: int, writers: int = 2) -> list[dict]:
    """Start `writers` processes together on `url`; what each reported."""
    # the same `workshop` as the caller: its PYTHONPATH (a bench may point at an older tree)
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH") or str(CHILD.parents[1]))
    procs = [
        subprocess.Popen(
            [sys.executable, str(CHILD), url, mode, str(note_id), str(count), f"w{n}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(writers)
    ]
    for proc in procs:  # both are loaded and waiting: start them together
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        if proc.returncode != 0:
            raise AssertionError(f"writer failed ({proc.returncode}): {err[-2000:]}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def main(url: str, mode: str, note_id: int, count: int, tag: str) -> None:
    library = Library.open(url)
    runner = CommandRunner(library)
    with library.read() as db:
        note = db.get(Note, note_id)
        assert note is not None
        session_id, item_id, group_id = note.session_id, note.agenda_item_id, note.group_id
    sys.stdin.readline()  # the go signal
    ok = conflicts = 0
    for i in range(count):
        try:
            if mode == "votes":
                from workshop.capture.commands.notes import AddVotes

                runner.do(AddVotes(note_id, 1))
            elif mode == "votes-set":
                with library.read() as db:
                    votes = db.get(Note, note_id).votes
                runner.do(EditNote(note_id, votes=min(999, votes + 1)))
            elif mode == "notes":
                content = NoteContent(text=f"{tag} {i}")
                runner.do(AddNote(session_id, item_id, group_id, content))
            elif mode == "items":
                from workshop.agenda.commands import AddItem

                runner.do(AddItem(session_id, title=f"{tag} {i}"))
            elif mode == "edit-undo":
                command = EditNote(note_id, text=f"{tag} {i}")
                runner.do(command)
                runner.undo(command)
            else:
                raise SystemExit(f"unknown mode {mode}")
            ok += 1
        except CommandError as err:  # ConflictError: reported, nothing overwritten
            if "gewijzigd door een ander" not in str(err) and "someone else" not in str(err):
                raise
            conflicts += 1
    library.close()
    print(json.dumps({"ok": ok, "conflicts": conflicts}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
