"""Importing registration lists: map columns, preview every row with its problems, then store.

`preview_import(table, existing, known_themes)` reads a `workshop.tabular.Table` and says, for
every row, what would happen (new person, update of a matched person, unchanged, skipped) and
why; nothing is stored until `ImportPreview.command(session_id)` is pushed. Re-importing an
updated list matches people by e-mail, else by exact name, and updates them instead of adding
them twice. Blank cells never wipe what is already known.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workshop.errors import CommandError
from workshop.i18n import N_, _, format_number
from workshop.model import BreakoutGroup, BreakoutRound, Participant, Presence
from workshop.people.commands import MAX_LENGTH, ImportAction, ImportParticipants, clean_text
from workshop.people.queries import PersonInfo, list_people
from workshop.store.library import Library
from workshop.tabular import NameColumns, Table, find_column, name_columns, read_table

#: Person field -> header aliases (Dutch and English; case, accents and spaces ignored).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "organisation": (
        "organisatie",
        "organisation",
        "organization",
        "organisatie naam",
        "bedrijf",
        "company",
        "instelling",
        "werkgever",
        "employer",
    ),
    "role": ("rol", "role", "functie", "function", "job title", "functietitel"),
    "email": (
        "e-mail",
        "email",
        "e-mailadres",
        "emailadres",
        "e-mail adres",
        "mail",
        "email address",
        "e-mail address",
    ),
    "involvement": ("betrokkenheid", "involvement", "betrokken als", "involved as"),
    "initiative": ("initiatief", "initiative", "project", "initiatief of project"),
    "theme_preference": (
        "themavoorkeur",
        "thema voorkeur",
        "theme",
        "thema",
        "voorkeursthema",
        "theme preference",
        "preferred theme",
        "eerste keuze",
        "1e keuze",
        "eerste thema",
        "1e thema",
        "first choice",
        "thema 1",
        "theme 1",
        "first theme",
    ),
    "second_theme": (
        "tweede thema",
        "2e thema",
        "tweede keuze",
        "2e keuze",
        "second theme",
        "second choice",
        "thema 2",
        "theme 2",
        "themavoorkeur 2",
        "tweede themavoorkeur",
    ),
    "may_be_named": (
        "mag genoemd worden",
        "consent",
        "may be named",
        "toestemming",
        "naam in verslag",
        "naam noemen",
        "genoemd worden",
        "name in report",
        "toestemming naam",
    ),
    "presence": (
        "aanwezig",
        "present",
        "aanwezigheid",
        "presence",
        "attended",
        "checked in",
        "ingecheckt",
    ),
}

#: Column labels for the preview, by field (message ids; translate with `_()` when shown).
FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "organisation": N_("Organisation"),
    "role": N_("Role"),
    "email": N_("E-mail"),
    "involvement": N_("Involvement"),
    "initiative": N_("Initiative"),
    "theme_preference": N_("Theme"),
    "second_theme": N_("Second theme"),
    "may_be_named": N_("May be named"),
    "presence": N_("Present"),
}

YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "akkoord", "ok", "oke", "✓", "v"}
NO = {"nee", "n", "no", "false", "onwaar", "0", "-", "geen"}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


#: progress(stage, done, total): "read" (0, 0), then "check" every PROGRESS_EVERY rows
Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 2000


#: Fields that are one line of text (`clean_text`); involvement keeps its lines.
PLAIN_FIELDS = frozenset(
    {"organisation", "role", "email", "initiative", "theme_preference", "second_theme"}
)


class RowAction(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    SKIP = "skip"


@dataclass(frozen=True)
class ColumnMapping:
    """Which header feeds which field."""

    name: NameColumns
    fields: dict[str, str]  # field -> header
    unused: tuple[str, ...]  # headers no field reads

    def describe(self) -> list[tuple[str, str]]:
        """(field label, header(s)) pairs for the preview."""
        out = []
        n = self.name
        if n.full:
            out.append((_(FIELD_LABELS["name"]), n.full))
        parts = [h for h in (n.first, n.infix, n.last) if h]
        if parts:
            out.append((_(FIELD_LABELS["name"]), " + ".join(parts)))
        for key, header in self.fields.items():
            out.append((_(FIELD_LABELS[key]), header))
        return out


@dataclass(slots=True)  # 100,000 rows: no dict per row
class PreviewRow:
    line: int  # row number in the file (for the user)
    values: dict[str, Any]
    action: RowAction
    problems: list[str] = field(default_factory=list)
    participant_id: int | None = None  # the matched existing person
    changed: tuple[str, ...] = ()  # fields an update changes

    @property
    def name(self) -> str:
        return str(self.values.get("name", ""))


@dataclass
class ImportPreview:
    source: str
    encoding: str
    delimiter: str
    mapping: ColumnMapping
    rows: list[PreviewRow]
    warnings: list[str] = field(default_factory=list)  # about the whole file (encoding)

    def count(self, action: RowAction) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def problem_rows(self) -> int:
        return sum(1 for r in self.rows if r.problems)

    @property
    def action_count(self) -> int:
        """How many people the import adds or changes (without building the actions)."""
        return sum(1 for r in self.rows if r.action in (RowAction.NEW, RowAction.UPDATE))

    @property
    def actions(self) -> list[ImportAction]:
        out = []
        for row in self.rows:
            if row.action == RowAction.NEW:
                out.append(ImportAction(row.values))  # not copied: the store never changes it
            elif row.action == RowAction.UPDATE:
                assert row.participant_id is not None
                values = {k: row.values[k] for k in row.changed}
                out.append(ImportAction(values, row.participant_id))
        return out

    def command(self, session_id: int) -> ImportParticipants | None:
        """The one undoable step that stores this import (None when nothing would change)."""
        actions = self.actions
        if not actions:
            return None
        return ImportParticipants(session_id, actions, self.source, checked=True)

    def summary(self) -> str:
        return _(
            "{new} new, {update} updated, {same} unchanged, {skip} skipped; {problems} rows with remarks"
        ).format(
            new=format_number(self.count(RowAction.NEW)),
            update=format_number(self.count(RowAction.UPDATE)),
            same=format_number(self.count(RowAction.UNCHANGED)),
            skip=format_number(self.count(RowAction.SKIP)),
            problems=format_number(self.problem_rows),
        )


class ImportListError(CommandError):
    """A list that cannot be imported (no name column); the message is for the user."""


def map_columns(headers: Sequence[str]) -> ColumnMapping:
    names = name_columns(headers)
    if names is None:
        raise ImportListError(
            _(
                "No name column found. The list needs a column “naam” or “name” "
                "(or “voornaam” and “achternaam”). Columns in the file: {headers}"
            ).format(headers=", ".join(headers) or "-")
        )
    taken = {h for h in (names.full, names.first, names.infix, names.last) if h}
    fields: dict[str, str] = {}
    for key, aliases in COLUMN_ALIASES.items():
        header = find_column([h for h in headers if h not in taken], aliases)
        if header is not None:
            fields[key] = header
            taken.add(header)
    unused = tuple(h for h in headers if h not in taken)
    return ColumnMapping(names, fields, unused)


def parse_consent(text: str) -> bool | None:
    """'ja'/'yes'/'x' -> True, 'nee'/'no'/'' -> False, anything else -> None (unclear)."""
    word = text.strip().casefold().rstrip(".!")
    if not word or word in NO:
        return False
    if word in YES:
        return True
    return None


def _row_values(row: dict[str, str], mapping: ColumnMapping) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    values: dict[str, Any] = {"name": mapping.name.name_of(row)}
    for key, header in mapping.fields.items():
        raw = row.get(header, "")
        if key in PLAIN_FIELDS:  # the common case, kept short: 100,000 rows × 8 fields
            text = " ".join(raw.split())
            if key == "email":
                text = text.strip("<>").strip()
                if text[:7].lower() == "mailto:":
                    text = text[7:]
            values[key] = text
            continue
        if key == "may_be_named":
            consent = parse_consent(raw)
            if consent is None:
                problems.append(
                    _("“{value}” in {column} is not yes or no; treated as no").format(
                        value=raw, column=header
                    )
                )
                consent = False
            values[key] = consent
            continue
        if key == "presence":
            word = raw.strip()
            if not word:
                continue  # not said: the check-in at the door decides
            present = parse_consent(word)
            if present is None:
                problems.append(
                    _("“{value}” in {column} is not yes or no; ignored").format(
                        value=raw, column=header
                    )
                )
                continue
            values[key] = Presence.PRESENT.value if present else Presence.ABSENT.value
            continue
        values[key] = raw.strip()  # involvement: its own lines kept
    for key, value in values.items():
        limit = MAX_LENGTH.get(key)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            problems.append(
                _("{field} was longer than {n} characters and was shortened").format(
                    field=_(FIELD_LABELS[key]), n=format_number(limit)
                )
            )
            values[key] = value[:limit]
    return values, problems


def _norm_name(name: str) -> str:
    return clean_text(name).casefold()


def _theme_problems(
    values: dict[str, Any], known: dict[str, str], counts: Counter[str]
) -> list[str]:
    """Unknown themes: not among the known ones (or, with none known, a rare near-twin)."""
    problems = []
    for key in ("theme_preference", "second_theme"):
        theme = values.get(key, "")
        if not theme:
            continue
        folded = theme.casefold()
        if known:
            if folded in known:
                values[key] = known[folded]  # the known spelling
                continue
            close = difflib.get_close_matches(folded, list(known), n=1, cutoff=0.75)
            hint = _(" (did you mean “{theme}”?)").format(theme=known[close[0]]) if close else ""
            problems.append(_("Unknown theme “{theme}”").format(theme=theme) + hint)
            continue
        # No themes known yet: a theme written once that nearly equals a common one is a typo.
        if counts[folded] == 1:
            common = [t for t, n in counts.items() if n > 1 and t != folded]
            close = difflib.get_close_matches(folded, common, n=1, cutoff=0.8)
            if close:
                problems.append(
                    _("Unknown theme “{theme}” (did you mean “{other}”?)").format(
                        theme=theme, other=close[0]
                    )
                )
    return problems


def preview_import(
    table: Table,
    existing: Sequence[PersonInfo] = (),
    known_themes: Sequence[str] = (),
    source: str = "",
    progress: Progress | None = None,
) -> ImportPreview:
    """What importing `table` into a session with `existing` people would do, row by row;
    `progress("check", done, total)` every `PROGRESS_EVERY` rows. Takes the table's rows
    (`table.rows` is empty afterwards): a list of 100,000 is not held twice."""
    mapping = map_columns(table.headers)
    by_email = {p.email.casefold(): p for p in existing if p.email}
    by_name: dict[str, list[PersonInfo]] = {}
    for person in existing:
        by_name.setdefault(_norm_name(person.name), []).append(person)
    known = {t.casefold(): t for t in known_themes if t.strip()}
    numbers = list(getattr(table, "line_numbers", []) or [])
    rows = table.rows  # released as they are parsed (a long list: memory)
    parsed = []
    for index, cells in enumerate(rows):
        parsed.append(_row_values(cells, mapping))
        rows[index] = None  # type: ignore[call-overload]
    rows.clear()
    theme_counts: Counter[str] = Counter(
        v.get(k, "").casefold() for v, _p in parsed for k in ("theme_preference", "second_theme")
    )
    theme_counts.pop("", None)

    seen_email: dict[str, int] = {}
    seen_name: dict[str, int] = {}
    claimed: dict[int, int] = {}  # existing participant id -> line that updates it
    out: list[PreviewRow] = []
    for index, (values, problems) in enumerate(parsed):
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress("check", index, len(parsed))
        line = numbers[index] if index < len(numbers) else index + 2
        row = PreviewRow(line, values, RowAction.NEW, list(problems))
        out.append(row)
        name = values["name"]
        email = values.get("email", "")
        if email and not EMAIL.match(email):
            row.problems.append(
                _("“{email}” does not look like an e-mail address").format(email=email)
            )
        if not name:
            row.action = RowAction.SKIP
            row.problems.insert(0, _("No name; this row is not imported"))
            continue
        key_email = email.casefold()
        if key_email and key_email in seen_email:
            row.action = RowAction.SKIP
            row.problems.insert(
                0,
                _("Same e-mail as row {line}; this row is not imported").format(
                    line=seen_email[key_email]
                ),
            )
            continue
        if not key_email and _norm_name(name) in seen_name:
            row.action = RowAction.SKIP
            row.problems.insert(
                0,
                _("Same name as row {line} and no e-mail; this row is not imported").format(
                    line=seen_name[_norm_name(name)]
                ),
            )
            continue
        if key_email:
            seen_email[key_email] = line
        seen_name.setdefault(_norm_name(name), line)
        row.problems += _theme_problems(values, known, theme_counts)

        match = by_email.get(key_email) if key_email else None
        if match is None:
            candidates = [
                p
                for p in by_name.get(_norm_name(name), [])
                if not (key_email and p.email and p.email.casefold() != key_email)
            ]
            if len(candidates) > 1:
                row.problems.append(
                    _("{n} people in the session are called {name}; added as a new person").format(
                        n=len(candidates), name=name
                    )
                )
            elif candidates:
                match = candidates[0]
        if match is not None and match.id in claimed:
            row.action = RowAction.SKIP
            row.problems.insert(
                0,
                _("Row {line} already updates {name}; this row is not imported").format(
                    line=claimed[match.id], name=match.name
                ),
            )
            continue
        if match is not None:
            claimed[match.id] = line
            row.participant_id = match.id
            # Blank cells keep what is known; only filled-in, different values change.
            row.changed = tuple(
                k
                for k, v in values.items()
                if (v != "" or k == "may_be_named") and getattr(match, k) != v
            )
            row.action = RowAction.UPDATE if row.changed else RowAction.UNCHANGED
    if progress is not None:
        progress("check", len(parsed), len(parsed))
    return ImportPreview(
        source=source,
        encoding=table.encoding,
        delimiter=table.delimiter,
        mapping=mapping,
        rows=out,
        warnings=list(table.warnings),
    )


def preview_file(
    path: str | Path,
    existing: Sequence[PersonInfo] = (),
    known_themes: Sequence[str] = (),
    progress: Progress | None = None,
) -> ImportPreview:
    """Read and preview a CSV/XLSX file (raises TableError / ImportListError with a message)."""
    path = Path(path)
    if progress is not None:
        progress("read", 0, 0)
    table = read_table(path)
    return preview_import(table, existing, known_themes, source=path.name, progress=progress)


def session_themes(library: Library, session_id: int) -> list[str]:
    """Themes a session already knows: its tables' themes, else its people's preferences."""
    with library.read() as db:
        tables = db.scalars(
            select(BreakoutGroup.theme)
            .join(BreakoutRound, BreakoutGroup.round_id == BreakoutRound.id)
            .where(BreakoutRound.session_id == session_id, BreakoutGroup.theme != "")
        ).all()
        if tables:
            return sorted(set(tables))
        prefs = db.scalars(
            select(Participant.theme_preference).where(
                Participant.session_id == session_id, Participant.theme_preference != ""
            )
        ).all()
    return sorted(set(prefs))


def import_command(
    library: Library, preview: ImportPreview, session_id: int
) -> ImportParticipants | None:
    """`preview.command(session_id)`, built on the DB worker (100,000 actions take a while)."""
    return preview.command(session_id)


def preview_for_session(
    library: Library, session_id: int, path: str | Path, progress: Progress | None = None
) -> ImportPreview:
    """Preview importing `path` into a session (its people and themes read from the library)."""
    people, themes = list_people(library, session_id), session_themes(library, session_id)
    return preview_file(path, people, themes, progress)
