"""Participants and groups: import a small list, form two rounds, check the invariants."""

from __future__ import annotations

import asyncio
from itertools import combinations

from ui.kit.ops import off_thread
from workshop.demo.builders import add_item
from workshop.grouping.queries import item_rounds, measure
from workshop.grouping.session_plan import PlanOptions, build_request, run_planner, store_command
from workshop.people.commands import SetPresence
from workshop.people.importer import RowAction, preview_for_session
from workshop.people.queries import list_people
from workshop.sessions.commands import CreateSession

LIST = (
    "Voornaam;Tussenvoegsel;Achternaam;Organisatie;Rol;E-mail;Themavoorkeur\r\n"
    + "".join(
        f"Noëlle;{'van ' if i % 3 == 0 else ''};Nummer {i};Coöperatie {i % 4};"
        f"rol {i % 3};p{i}@voorbeeld.nl;Thema {i % 2}\r\n"
        for i in range(1, 17)
    )
    + ";;;Zonder naam;;;\r\n"
)


async def check_import_and_two_rounds(ctx) -> None:
    command = CreateSession(title="Selftest groepen")
    await ctx.commands.push_and_wait(command)
    sid = command.session_id
    path = ctx.tmp / "aanmeldingen.csv"
    path.write_bytes(LIST.encode("cp1252"))
    preview = await ctx.db.call(preview_for_session, sid, path)
    assert preview.delimiter == ";" and preview.encoding == "cp1252", preview.encoding
    assert len(preview.rows) == 17, f"{len(preview.rows)} rows previewed, expected 17"
    assert preview.rows[-1].action == RowAction.SKIP, "a row without a name must be skipped"
    await ctx.commands.push_and_wait(preview.command(sid))
    people = await ctx.db.call(list_people, sid)
    assert len(people) == 16, f"{len(people)} people imported, expected 16"
    again = await ctx.db.call(preview_for_session, sid, path)
    assert again.command(sid) is None, "re-importing the same list must change nothing"
    await ctx.commands.push_and_wait(SetPresence([p.id for p in people], "aanwezig"))

    item_id = await ctx.db.call(add_item, sid)
    options = PlanOptions(rounds=2, group_size=4, mix_on=("organisation",), seed=1)
    context = await ctx.db.call(build_request, sid, item_id, options)
    result = await off_thread(run_planner, context.request)
    await ctx.commands.push_and_wait(store_command(context, result))
    rounds = await ctx.db.call(item_rounds, sid, item_id)
    assert len(rounds) == 2, f"{len(rounds)} rounds stored, expected 2"
    everyone = {p.id for p in people}
    met: set[frozenset] = set()
    repeats = 0
    for rnd in rounds:
        seats = [pid for g in rnd.groups for pid in g.member_ids]
        assert sorted(seats) == sorted(everyone), f"round {rnd.number}: not everyone once"
        sizes = [len(g.members) for g in rnd.groups]
        assert max(sizes) - min(sizes) <= 1, f"round {rnd.number}: sizes {sizes}"
        for group in rnd.groups:
            for pair in combinations(group.member_ids, 2):
                repeats += frozenset(pair) in met
                met.add(frozenset(pair))
    assert repeats == 0, f"{repeats} pairs meet twice; 16 in groups of 4 for 2 rounds need none"
    clashes = measure(rounds).organisation_clashes
    assert clashes == 0, f"{clashes} pairs of colleagues share a table; four of each org need none"

    window = ctx.open_session(sid)
    await ctx.wait_painted(window)
    page = window.show_page("groups")
    for _attempt in range(50):
        if len(page.cards) == 4:
            break
        await asyncio.sleep(0.05)
    assert len(page.cards) == 4, f"the Groepen page shows {len(page.cards)} cards, expected 4"
    window.close()
