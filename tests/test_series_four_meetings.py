"""Four meetings of one CoP in a row, through the command line a facilitator would use:
who is new, who met whom, open actions into each next meeting, the series verslag."""

from __future__ import annotations

import subprocess
from datetime import date

from workshop.agenda.commands import AddItem
from workshop.cli import main
from workshop.commands import CommandRunner
from workshop.model import ItemKind
from workshop.series.commands import AddAction, EditAction
from workshop.series.encounters import series_encounters
from workshop.series.queries import find_series, list_meetings
from workshop.series.review import actions_to_review


def test_four_meetings_of_one_cop(library, db_url, tmp_path, capsys):
    runner = CommandRunner(library)
    series = "CoP Regie in Transitie"
    sessions = []
    for k in range(4):
        argv = ["new", "--db", db_url, "--series", series, "--title", f"Bijeenkomst {k + 1}"]
        assert main([*argv, "--date", f"2026-0{k + 1}-15", "--start", "13:00"]) == 0
        sid = int(capsys.readouterr().out)
        sessions.append(sid)
        # the list: 20 regulars, 5 who change per meeting; everyone present at the door
        rows = [f"Vaste {i},Gemeente {i % 5},vast{i}@cop.nl,ja" for i in range(20)]
        rows += [f"Gast {k}-{i},Partner {i},,ja" for i in range(5)]
        people = tmp_path / f"lijst{k}.csv"
        people.write_text("naam,organisatie,e-mail,aanwezig\n" + "\n".join(rows) + "\n")
        assert main(["participants", str(sid), "--db", db_url, "--import", str(people)]) == 0
        err = capsys.readouterr().err
        known = 0 if k == 0 else 20
        assert f"{known} via e-mail, 0 via naam, {25 - known} nieuw" in err
        runner.do(AddItem(sid, title="Tafelrondes", kind=ItemKind.SUBGROEPEN.value))
        if k:
            runner.do(
                AddItem(sid, index=0, title="Terugblik", kind=ItemKind.TERUGBLIK_ACTIES.value)
            )
            review = actions_to_review(library, sid, today=date(2026, k + 1, 15))
            expected = {1: [1], 2: [1, 2], 3: [1, 3]}[k]
            assert [a.what for a in review] == [f"Actie uit bijeenkomst {n}" for n in expected]
            assert all(a.overdue for a in review)  # each was due before this meeting
            for a in review:
                if a.what == f"Actie uit bijeenkomst {k}" and k % 2 == 0:
                    runner.do(EditAction(a.id, status="gedaan"))
        argv = ["groups", str(sid), "--item", "Tafelrondes", "--size", "5", "--rounds", "3"]
        assert main([*argv, "--db", db_url, "--mix", "organisatie"]) == 0
        assert "nieuwe ontmoetingen" in capsys.readouterr().err
        series_id = find_series(library, series)
        runner.do(
            AddAction(
                series_id, f"Actie uit bijeenkomst {k + 1}", "Gemeente 1", date(2026, k + 2, 1), sid
            )
        )

    series_id = find_series(library, series)
    meetings = list_meetings(library, series_id)
    assert [(m.present, m.new_people) for m in meetings] == [(25, 25), (25, 5), (25, 5), (25, 5)]
    encounters = series_encounters(library, series_id)
    assert encounters[0].new == encounters[0].pairs == 150
    assert encounters[1].new == encounters[1].pairs  # the 20 regulars meet only new people
    assert main(["actions", "--series", series, "--db", db_url, "--open"]) == 0
    open_now = capsys.readouterr().out.splitlines()
    assert len(open_now) == 3  # meeting 2's action was settled at meeting 3
    pdf = tmp_path / "reeks.pdf"
    assert main(["series", series, "--db", db_url, "--pdf", str(pdf), "--anonymous"]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Bijeenkomst 4" in text and "Vaste" not in text
