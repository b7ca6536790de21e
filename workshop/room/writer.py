"""One writer thread that stores the phones' submissions in batches.

Submissions that arrive while a batch is being stored wait and go together in the next one
(one unit of work, one commit, one change on the bus), so 150 phones cost a handful of
commits a second instead of one each. Every batch goes through the command runner with
origin "room"; the event loop only awaits the result and never touches the database.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from workshop.commands.base import Command
from workshop.commands.runner import CommandRunner
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.room.commands import AddAnswers, AddTableNotes, Answer, Outcome, TableNote
from workshop.store.library import Library

T = TypeVar("T")


class RoomWriter:
    """Stores table notes and answers for one session, batched, off the event loop."""

    def __init__(self, library: Library, session_id: int) -> None:
        self.library = library
        self.session_id = session_id
        self.runner = CommandRunner(library, origin="room")
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="room-writer")
        self._notes: list[tuple[TableNote, asyncio.Future]] = []
        self._answers: list[tuple[Answer, asyncio.Future]] = []
        self._busy = False
        self.batches = 0  # how many batches were stored (the bench reports it)

    async def note(self, note: TableNote) -> Outcome:
        fut = asyncio.get_running_loop().create_future()
        self._notes.append((note, fut))
        self._kick()
        return await fut

    async def answer(self, answer: Answer) -> Outcome:
        fut = asyncio.get_running_loop().create_future()
        self._answers.append((answer, fut))
        self._kick()
        return await fut

    async def run(self, command: Command) -> Any:
        """One command on its own (edits, deletes, the facilitator's question buttons)."""
        return await self.call(self.runner.do, command)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def _kick(self) -> None:
        if not self._busy:
            self._busy = True
            asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        try:
            while self._notes or self._answers:
                notes, self._notes = self._notes, []
                answers, self._answers = self._answers, []
                try:
                    by_note, by_answer = await self.call(
                        self._store, [n for n, _f in notes], [a for a, _f in answers]
                    )
                except Exception as err:  # the whole batch failed: each phone hears it
                    message = (
                        str(err)
                        if isinstance(err, CommandError)
                        else _("Not stored, please try again")
                    )
                    by_note, by_answer = {}, {}
                    for _x, fut in notes + answers:
                        if not fut.done():
                            fut.set_result(Outcome(error=message))
                lost = Outcome(error=_("Not stored, please try again"))
                for note, fut in notes:
                    if not fut.done():
                        fut.set_result(by_note.get(note.client_id, lost))
                for answer, fut in answers:
                    if not fut.done():
                        fut.set_result(by_answer.get(answer.client_id, lost))
        finally:
            self._busy = False

    def _store(
        self, notes: list[TableNote], answers: list[Answer]
    ) -> tuple[dict[str, Outcome], dict[str, Outcome]]:
        by_note: dict[str, Outcome] = {}
        by_answer: dict[str, Outcome] = {}
        if notes:
            add = AddTableNotes(self.session_id, notes)
            self.runner.do(add)
            by_note = add.outcomes
        if answers:
            store = AddAnswers(self.session_id, answers)
            self.runner.do(store)
            by_answer = store.outcomes
        self.batches += 1
        return by_note, by_answer

    def close(self) -> None:
        self.executor.shutdown(wait=True)
