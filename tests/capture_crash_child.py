"""Child process for the kill -9 tests: store through the app's own path, report, then hang.

Usage: python capture_crash_child.py DB_URL SESSION_ID ITEM_ID GROUP_ID MODE TEXT
MODE "note" stores the line like Enter does; "draft" saves it like the debounced draft.
"""

from __future__ import annotations

import sys
import time

from workshop.capture.commands.notes import AddNote, NoteContent
from workshop.capture.drafts import draft_key, save_draft
from workshop.capture.parser import parse_line
from workshop.commands import CommandRunner
from workshop.store.library import Library


def main() -> None:
    url, session_id, item_id, group_id, mode, text = sys.argv[1:7]
    library = Library.open(url)
    group = None if group_id == "-" else int(group_id)
    if mode == "note":
        parsed = parse_line(text)
        command = AddNote(int(session_id), int(item_id), group, NoteContent.from_parsed(parsed))
        CommandRunner(library).do(command)
        print(f"stored {command.note_id}", flush=True)
    else:
        save_draft(library, draft_key(int(session_id), int(item_id), group), text)
        print("stored draft", flush=True)
    while True:  # the parent kills us with SIGKILL; nothing gets a chance to clean up
        time.sleep(1)


if __name__ == "__main__":
    main()
