"""Agenda planning: the page on the demo session, an inline edit with undo, a reorder,
a template, and an import of a messy Dutch Excel CSV through the preview dialog."""

from __future__ import annotations

import asyncio

from workshop.agenda.queries import load_agenda
from workshop.demo import ensure_demo

MESSY_CSV = (
    "Onderdeel;Minuten;Soort;Wie;Vaste starttijd\r\n"
    "Kennismaken;10;welkom;Facilitator;\r\n"
    ";tien;;;\r\n"
    "Koffie;15;pauze;;16.00\r\n"
)


async def _settle(ctx, page) -> None:
    while True:
        await ctx.commands.wait_idle()
        await page.wait_idle()
        await asyncio.sleep(0.03)
        if not page.ops.busy and not ctx.commands.busy:
            return


async def check_agenda_planning(ctx) -> None:
    sid = await ctx.db.call(ensure_demo)
    window = ctx.open_session(sid)
    await ctx.wait_painted(window)
    page = window.show_page("agenda")
    await _settle(ctx, page)
    model = page.model
    assert len(model.rows) == 7, f"demo agenda shows {len(model.rows)} items, expected 7"
    starts = [model.data(model.index(r, 0)) for r in range(3)]
    assert starts == ["15:00", "15:10", "15:25"], f"planned starts {starts}"
    assert page.fit_label.text() == "", f"the demo should fit: {page.fit_label.text()}"

    # inline edit: 15 -> 27 minutes overruns the fixed 16:50 reflection by 12 minutes
    assert model.setData(model.index(1, 3), 27), "minutes cell refused a number"
    await _settle(ctx, page)
    stored = await ctx.db.call(load_agenda, sid)
    assert stored.rows[1].planned_minutes == 27, "minutes edit not stored"
    assert "12 min" in page.fit_label.text(), f"fit problem not shown: {page.fit_label.text()!r}"
    ctx.commands.undo()
    await _settle(ctx, page)
    assert (await ctx.db.call(load_agenda, sid)).rows[1].planned_minutes == 15, "undo failed"
    assert page.fit_label.text() == "", "fit problem still shown after undo"

    # keyboard reorder, then undo
    before = [r.id for r in model.rows]
    page.select_ids([before[3]])
    page.move_selected(-1)
    await _settle(ctx, page)
    after = [r.id for r in (await ctx.db.call(load_agenda, sid)).rows]
    assert after[2] == before[3], "move up not stored"
    ctx.commands.undo()
    await _settle(ctx, page)
    assert [r.id for r in (await ctx.db.call(load_agenda, sid)).rows] == before, "undo of move"

    # a method template goes below the selection
    method = next((t for t in page.templates if t.method and "1-2-4" in t.name), None)
    assert method is not None, "the 1-2-4-All template is missing"
    page.select_ids([before[0]])
    page.apply_template(method)
    await _settle(ctx, page)
    rows = (await ctx.db.call(load_agenda, sid)).rows
    assert [s["minutes"] for s in rows[1].steps][:3] == [1, 2, 4], "1-2-4-All steps"
    ctx.commands.undo()
    await _settle(ctx, page)

    # import a Windows-1252, semicolon-separated file through the preview
    path = ctx.tmp / "agenda-import.csv"
    path.write_bytes(MESSY_CSV.encode("cp1252"))
    page.import_file(path)
    await _settle(ctx, page)
    dialog = page.import_dialog
    assert dialog.isVisible(), "import preview not shown"
    assert dialog.table.rowCount() == 3, "a row was dropped from the preview"
    assert dialog.chosen_rows() == [0, 2], "the row with errors should start unticked"
    dialog.accept()
    await _settle(ctx, page)
    titles = [r.title for r in (await ctx.db.call(load_agenda, sid)).rows]
    assert titles[-2:] == ["Kennismaken", "Koffie"], f"import result {titles[-2:]}"
    ctx.commands.undo()
    await _settle(ctx, page)

    export = ctx.tmp / "agenda-export.csv"
    page.export_to(export)
    await _settle(ctx, page)
    assert export.read_bytes().startswith(b"\xef\xbb\xbf"), "export is not UTF-8 with BOM"
    window.close()
