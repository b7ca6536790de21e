"""People for the planner from a table (CSV/XLSX), and a plan written back as CSV."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workshop.csv_export import csv_text, write_csv
from workshop.grouping.api import Person, PersonId, PlanResult
from workshop.grouping.layout import PlanError
from workshop.i18n import _
from workshop.tabular import Table, find_column, name_columns

# Column names people use for the same thing, Dutch and English.
ALIASES: dict[str, tuple[str, ...]] = {
    "organisation": ("organisatie", "organisation", "organization", "org", "organisatienaam"),
    "role": ("rol", "role", "functie", "function"),
    "theme": ("themavoorkeur", "theme", "thema", "voorkeur", "eerste keuze", "first choice"),
    "second_theme": (
        "tweede keuze",
        "tweede thema",
        "second theme",
        "second choice",
        "themavoorkeur 2",
    ),
    "involvement": ("betrokkenheid", "involvement"),
    "initiative": ("initiatief", "initiative"),
}


@dataclass(frozen=True)
class PeopleFromFile:
    people: tuple[Person, ...]
    warnings: tuple[str, ...]
    mix_columns: tuple[str, ...]  # the headers actually used


def resolve_column(table: Table, wanted: str) -> str:
    """The header meant by `wanted` (exact, or a known Dutch/English synonym)."""
    column = find_column(table.headers, [wanted])
    if column is None:
        for family in ALIASES.values():
            if find_column([wanted], family):
                column = find_column(table.headers, family)
                if column:
                    break
    if column is None:
        raise PlanError(
            _("Column {column} not found; the file has: {headers}").format(
                column=wanted, headers=", ".join(table.headers)
            )
        )
    return column


def people_from_table(
    table: Table,
    mix: Sequence[str] = (),
    theme: str | None = None,
    second_theme: str | None = None,
) -> PeopleFromFile:
    """One `Person` per row with a name; rows without a name are reported, not dropped silently."""
    names = name_columns(table.headers)
    if names is None:
        raise PlanError(
            _(
                "No name column found (naam/name or voornaam + achternaam); the file has: {headers}"
            ).format(headers=", ".join(table.headers))
        )
    mix_cols = tuple(resolve_column(table, m) for m in mix)
    theme_col = resolve_column(table, theme) if theme else None
    if theme_col and second_theme is None:
        second_col = find_column(table.headers, ALIASES["second_theme"])
    else:
        second_col = resolve_column(table, second_theme) if second_theme else None
    warnings: list[str] = []
    people: list[Person] = []
    numbers = table.line_numbers or list(range(2, len(table.rows) + 2))
    for row, line in zip(table.rows, numbers, strict=True):
        name = names.name_of(row)
        if not name:
            warnings.append(_("Line {line}: no name, row skipped").format(line=line))
            continue
        attributes = {m: row.get(c, "") for m, c in zip(mix, mix_cols, strict=True)}
        people.append(
            Person(
                id=len(people),
                name=name,
                attributes=attributes,
                theme=row.get(theme_col, "") if theme_col else "",
                second_theme=row.get(second_col, "") if second_col else "",
            )
        )
    for name, count in Counter(p.name.casefold() for p in people).items():
        if count > 1:
            shown = next(p.name for p in people if p.name.casefold() == name)
            warnings.append(
                _("{name} appears {count} times; each row is planned as a separate person").format(
                    name=shown, count=count
                )
            )
    return PeopleFromFile(tuple(people), tuple(warnings), mix_cols)


def plan_csv(result: PlanResult, names: dict[PersonId, str]) -> str:
    """The plan as CSV text: `round,group,name`, one row per person per round (1-based)."""
    return csv_text(plan_rows(result, names))


def plan_rows(result: PlanResult, names: dict[PersonId, str]) -> list[list[object]]:
    rows: list[list[object]] = [["round", "group", "name"]]
    for r, rnd in enumerate(result.rounds, start=1):
        for g, group in enumerate(rnd, start=1):
            for pid in group.members:
                rows.append([r, g, names.get(pid, str(pid))])
    return rows


def write_plan_csv(result: PlanResult, names: dict[PersonId, str], path: Path) -> None:
    write_csv(path, plan_rows(result, names))
