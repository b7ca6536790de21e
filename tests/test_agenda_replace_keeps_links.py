"""`agenda --replace --import` keeps notes and breakouts under items with the same title."""

from __future__ import annotations

from sqlalchemy import select

from workshop.agenda.commands import ImportRows
from workshop.cli import main
from workshop.commands import CommandRunner, History
from workshop.demo import ensure_demo
from workshop.model import AgendaItem, BreakoutRound, Note


def _links(lib, sid) -> dict[str, int]:
    """agenda title -> number of notes and rounds under it ('' for detached)."""
    with lib.read() as db:
        titles = {
            i.id: i.title
            for i in db.scalars(select(AgendaItem).where(AgendaItem.session_id == sid))
        }
        out: dict[str, int] = {}
        for model in (Note, BreakoutRound):
            for (item_id,) in db.execute(
                select(model.agenda_item_id).where(model.session_id == sid)
            ):
                key = titles.get(item_id, "") if item_id else ""
                out[key] = out.get(key, 0) + 1
    return out


def test_replace_keeps_matching_titles_and_names_the_rest(lib, tmp_path, capsys):
    sid = ensure_demo(lib)
    before = _links(lib, sid)
    linked = {t: n for t, n in before.items() if t}
    assert len(linked) >= 2, before
    keep, drop = sorted(linked)[:1], sorted(linked)[1:]
    rows = [f"  {keep[0].upper()}  ;20"] + ["Iets nieuws;15"]
    path = tmp_path / "agenda.csv"
    path.write_text("Onderdeel;Minuten\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code = main(["--db", lib.url, "agenda", str(sid), "--replace", "--import", str(path)])
    assert code == 0
    out = capsys.readouterr().out
    after = _links(lib, sid)
    assert after[keep[0].upper()] == linked[keep[0]]  # still under the (re-imported) item
    for title in drop:
        assert f"„{title}”" in out  # said which were detached
    assert after.get("", 0) == before.get("", 0) + sum(linked[t] for t in drop)


def test_undo_and_redo_of_a_replace_keep_the_links(lib):
    sid = ensure_demo(lib)
    before = _links(lib, sid)
    history = History(CommandRunner(lib))
    titles = [t for t in before if t]
    command = ImportRows(sid, [{"title": t, "planned_minutes": 5} for t in titles], replace=True)
    history.push(command)
    assert command.detached == []
    assert _links(lib, sid) == before
    history.undo()
    assert _links(lib, sid) == before
    history.redo()
    assert _links(lib, sid) == before
