"""`workshop groups` from a file, end to end, on a messy Dutch Excel export."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from workshop.cli import main

ORGS = [
    "Gemeente Zwolle",
    "Provincie Overijssel",
    "Enexis",
    "Coöperatie Zonnedorp",
    "Woonstichting de Veste",
    "Waterschap",
]


pytestmark = pytest.mark.usefixtures("english")


def messy_file(path: Path, n: int = 47) -> None:
    """Title line, `;` separators, Windows-1252, voornaam/tussenvoegsel/achternaam, blanks."""
    rng = random.Random(5)
    lines = [
        "Aanmeldingen transitiegesprek Zwolle",
        "",
        "Voornaam;Tussenvoegsel;Achternaam;Organisatie;Themavoorkeur;E-mail",
    ]
    for i in range(n):
        infix = "van der" if i % 7 == 0 else ""
        lines.append(
            f"José{i};{infix};Müller-Ölçek{i};{rng.choice(ORGS)};Energy Hubs;p{i}@example.nl"
        )
    lines.insert(8, ";;;;;")  # an empty Excel row
    lines.insert(12, ";;;Enexis;;zonder.naam@example.nl")  # a row without a name
    path.write_bytes("\r\n".join(lines).encode("cp1252"))


def read_plan(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def test_plan_from_a_messy_semicolon_windows_1252_file(tmp_path: Path, capsys) -> None:
    people = tmp_path / "aanmeldingen.csv"
    messy_file(people)
    out = tmp_path / "plan.csv"
    code = main(
        [
            "groups",
            "--people",
            str(people),
            "--size",
            "6",
            "--rounds",
            "8",
            "--mix",
            "organisatie",
            "--seed",
            "3",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "no name" in err  # the nameless row is reported, not dropped silently
    assert "0 repeated pairs" in err
    rows = read_plan(out)
    assert list(rows[0]) == ["round", "group", "name"]
    assert len(rows) == 47 * 8
    by_round: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_round[row["round"]].append(row["name"])
    assert sorted(by_round) == [str(r) for r in range(1, 9)]
    for names in by_round.values():
        assert len(names) == len(set(names)) == 47
    assert "José0 van der Müller-Ölçek0" in by_round["1"]
    sizes = Counter((row["round"], row["group"]) for row in rows)
    assert set(sizes.values()) == {5, 6}
    # nobody meets anyone twice
    tables: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        tables[(row["round"], row["group"])].append(row["name"])
    pairs = Counter(
        frozenset((a, b)) for names in tables.values() for a in names for b in names if a < b
    )
    assert max(pairs.values()) == 1


def test_plan_to_stdout_with_xlsx_and_groups(tmp_path: Path, capsys) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Naam", "Organisatie", "Thema"])
    for i in range(12):
        ws.append([f"Deelnemer {i}", ORGS[i % 3], ["Warmte", "Zon"][i % 2]])
    path = tmp_path / "lijst.xlsx"
    wb.save(path)
    assert main(["groups", "--people", str(path), "--groups", "2", "--theme", "Thema"]) == 0
    text = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 12
    assert {r["group"] for r in rows} == {"1", "2"}


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["groups"], 2, "--people"),
        (["groups", "--people", "missing.csv"], 1, "not found"),
        (["groups", "--people", "{file}", "--mix", "sector"], 1, "sector"),
        (["groups", "--people", "{file}", "--item", "3"], 2, "SESSION"),
        # a session that does not exist (session planning: workshop.grouping.session_plan)
        (["groups", "--db", "sqlite:///{file}.sqlite", "7", "--item", "2"], 1, "“7”"),
    ],
)
def test_unhappy_paths_give_one_line_errors(
    tmp_path: Path, capsys, args: list[str], code: int, fragment: str
) -> None:
    people = tmp_path / "p.csv"
    messy_file(people, 6)
    args = [a.replace("{file}", str(people)) for a in args]
    assert main(args) == code
    err = capsys.readouterr().err
    assert fragment in err
    assert "Traceback" not in err


def test_file_without_name_column(tmp_path: Path, capsys) -> None:
    path = tmp_path / "x.csv"
    path.write_text("email;org\na@b.nl;X\n", encoding="utf-8")
    assert main(["groups", "--people", str(path)]) == 1
    assert "name" in capsys.readouterr().err
