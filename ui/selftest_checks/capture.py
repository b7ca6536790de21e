"""Capture: notes of every kind for two groups through the real page, undo and redo, and
bad input (a 10,000-character note, emoji, markup, right-to-left text, a non-image photo)."""

from __future__ import annotations

import asyncio
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from workshop.capture.commands.notes import MergeNotes
from workshop.capture.queries import notes_for, reporting_queue
from workshop.demo.builders import add_item
from workshop.model import Note, NoteKind
from workshop.sessions.commands import CreateSession

LINES = (
    "Lokaal eigenaarschap maakt het verschil",
    '"We passen niet in een hokje" - Esther',
    "?Wie betaalt de preventie",
    "!Verslag rondsturen @Marieke voor 1 juni",
    ">Budget per wijk in plaats van per afdeling",
    "+Woningcorporatie",
)
AWKWARD = ("x" * 10_000, "Klimaat 🌍🔥 👩🏽‍🌾", "<b>vet</b> & <i>schuin", "שלום עולם مرحبا بالعالم")


async def _settle(ctx, page) -> None:
    await ctx.commands.wait_idle()
    await asyncio.sleep(0.05)
    await page.settled()


async def _type(ctx, page, text: str) -> None:
    page.input.line.setFocus()
    if text.isascii() and len(text) < 200:
        QTest.keyClicks(page.input.line, text)
    else:  # long text and non-ASCII (QTest types ASCII only) arrive as a paste would
        page.input.line.insert(text)
    QTest.keyClick(page.input.line, Qt.Key.Key_Return)
    await asyncio.sleep(0)


async def check_capture(ctx) -> None:
    create = CreateSession(title="Selftest terugkoppeling", date=date(2021, 4, 9))
    await ctx.commands.push_and_wait(create)
    sid = create.session_id
    item_id = await ctx.db.call(
        add_item,
        sid,
        "Plenaire terugkoppeling",
        "terugkoppeling",
        planned_minutes=10,
        speaking_minutes=3,
    )
    window = ctx.open_session(sid)
    await ctx.wait_painted(window)
    page = window.show_page("capture")
    await asyncio.sleep(0.1)
    await _settle(ctx, page)
    assert page.item_id == item_id, "the capture page did not open on the terugkoppeling"

    # two tables typed in by hand (no breakout groups exist in this session): queue entries
    for name in ("Tafel 1", "Tafel 2"):
        page.queue_panel.adder.setText(name)
        QTest.keyClick(page.queue_panel.adder, Qt.Key.Key_Return)
        await _settle(ctx, page)
    queue = await ctx.db.call(reporting_queue, item_id)
    groups = [e.entry_id for e in queue.entries]
    assert len(groups) == 2, f"expected two groups in the queue, found {len(groups)}"

    for entry_id in groups:
        QTest.keyClick(page.input.line, Qt.Key.Key_F8)
        await _settle(ctx, page)
        assert page.entry_id == entry_id, "F8 did not move to the next group"
        assert page.service.reading() is not None, "F8 did not start the speaking time"
        for line in LINES:
            await _type(ctx, page, line)
        await _settle(ctx, page)
        notes = await ctx.db.call(notes_for, item_id, None, entry_id)
        kinds = [n.kind for n in notes]
        assert kinds == [k.value for k in NoteKind], f"kinds stored for entry {entry_id}: {kinds}"
        action = notes[3]
        assert (action.action_who, action.action_due) == ("Marieke", date(2021, 6, 1)), action

    # undo the last two notes, redo them
    last = groups[-1]
    for _ in range(2):
        ctx.commands.undo()
        await _settle(ctx, page)
    remaining = await ctx.db.call(notes_for, item_id, None, last)
    assert len(remaining) == 4, f"undo left {len(remaining)} notes instead of 4"
    for _ in range(2):
        ctx.commands.redo()
        await _settle(ctx, page)
    again = await ctx.db.call(notes_for, item_id, None, last)
    assert [n.text for n in again][-2:] == [
        "Budget per wijk in plaats van per afdeling",
        "Woningcorporatie",
    ]

    # a merge is undone exactly
    first_two = [n.id for n in again[:2]]
    await ctx.commands.push_and_wait(MergeNotes(first_two))
    ctx.commands.undo()
    await _settle(ctx, page)
    merged_back = await ctx.db.call(notes_for, item_id, None, last)
    assert [n.text for n in merged_back] == [n.text for n in again]

    # bad input is stored verbatim as plenary notes of the item
    page.queue_panel.select_group(None)
    await _settle(ctx, page)
    for text in AWKWARD:
        await _type(ctx, page, text)
    await _settle(ctx, page)
    plenary = [n.text for n in await ctx.db.call(notes_for, item_id, None)]
    assert plenary == list(AWKWARD), "awkward text was not stored verbatim"

    # a file that is not a photo: a clear message, nothing stored
    fake = ctx.tmp / "flipover.jpg"
    fake.write_text("Dit is een tekstbestand, geen foto.")
    await page.add_photo_files([str(fake)])
    await _settle(ctx, page)
    message = page.photos.status.text()
    assert "flipover.jpg" in message, f"no clear message for a non-image file: {message!r}"

    def count_photos(library) -> int:
        from sqlalchemy import func, select

        from workshop.model import Attachment

        with library.read() as db:
            return db.scalar(select(func.count(Attachment.id)).where(Attachment.session_id == sid))

    assert await ctx.db.call(count_photos) == 0, "a non-image was stored as a photo"

    def count_notes(library) -> int:
        from sqlalchemy import func, select

        with library.read() as db:
            return db.scalar(select(func.count(Note.id)).where(Note.session_id == sid))

    assert await ctx.db.call(count_notes) == 2 * len(LINES) + len(AWKWARD)
    window.close()
