"""Writers at the same time (issue 12): parallel imports agree; one person per e-mail."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from conftest import REPO

from workshop.commands import CommandRunner
from workshop.errors import CommandError
from workshop.people.commands import (
    AddParticipant,
    EditParticipant,
    ImportAction,
    ImportParticipants,
)
from workshop.sessions.commands import CreateSession
from workshop.store.library import Library

PEOPLE = 3000


def _session(lib: Library) -> int:
    from datetime import date, time

    command = CreateSession(title="Parallel", date=date(2026, 12, 4), start_time=time(15))
    CommandRunner(lib).do(command)
    return command.session_id


def test_three_parallel_imports_give_one_copy_of_everyone(tmp_path):
    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    lib = Library.open(url)
    sid = _session(lib)
    lib.close()
    people = tmp_path / "aanmeldingen.csv"
    lines = ["Naam;Organisatie;E-mail"]
    lines += [f"Persoon {i};Org {i % 7};persoon{i}@example.nl" for i in range(PEOPLE)]
    people.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = dict(os.environ, WORKSHOP_LANG="nl", WORKSHOP_DATA_DIR=str(tmp_path / "data"))
    args = [sys.executable, "-m", "workshop", "--db", url, "participants", str(sid)]
    procs = [
        subprocess.Popen(
            [*args, "--import", str(people)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=240)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    con = sqlite3.connect(tmp_path / "lib.sqlite")
    count, distinct = con.execute(
        "SELECT COUNT(*), COUNT(DISTINCT LOWER(email)) FROM participants WHERE session_id = ?",
        (sid,),
    ).fetchone()
    con.close()
    assert count == distinct == PEOPLE


def test_the_database_refuses_a_second_person_with_the_same_email(lib):
    from sqlalchemy.exc import IntegrityError

    from workshop.model import Participant

    sid = _session(lib)
    with pytest.raises(IntegrityError), lib.unit_of_work() as db:
        db.add(Participant(session_id=sid, name="A", email="a@example.nl"))
        db.add(Participant(session_id=sid, name="B", email="A@Example.nl"))
    with lib.unit_of_work() as db:  # no address: as many as you like
        db.add(Participant(session_id=sid, name="C", email=""))
        db.add(Participant(session_id=sid, name="D", email=""))


def test_commands_say_who_has_the_address(lib):
    runner = CommandRunner(lib)
    sid = _session(lib)
    runner.do(AddParticipant(sid, name="Anouk", email="anouk@example.nl"))
    with pytest.raises(CommandError, match="Anouk .*ANOUK@example.nl"):
        runner.do(AddParticipant(sid, name="Bram", email="ANOUK@example.nl"))
    bram = AddParticipant(sid, name="Bram", email="bram@example.nl")
    runner.do(bram)
    with pytest.raises(CommandError, match="Anouk"):
        runner.do(EditParticipant(bram.participant_id, email="anouk@example.nl"))


def test_import_upserts_on_email_and_undoes(lib):
    from workshop.commands import History
    from workshop.people.queries import list_people

    history = History(CommandRunner(lib))
    sid = _session(lib)
    history.push(AddParticipant(sid, name="Anouk", email="anouk@example.nl"))
    rows = [
        ImportAction({"name": "Anouk de Vries", "email": "Anouk@Example.nl", "role": "bewoner"}),
        ImportAction({"name": "Bram", "email": "bram@example.nl"}),
        ImportAction({"name": "Bram B.", "email": "BRAM@example.nl", "organisation": "Buurt"}),
    ]
    history.push(ImportParticipants(sid, rows))
    found = list_people(lib, sid)
    assert len(found) == 2
    people = {p.email.lower(): p for p in found}
    assert people["anouk@example.nl"].role == "bewoner"
    assert people["bram@example.nl"].organisation == "Buurt"
    history.undo()
    people = list_people(lib, sid)
    assert [(p.name, p.role) for p in people] == [("Anouk", "")]


def test_migration_merges_existing_duplicates(tmp_path):
    """A library from before the index, with a person imported three times."""
    from alembic import command

    from workshop.store.engine import make_engine
    from workshop.store.migrate import alembic_config

    path = tmp_path / "oud.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0001_initial")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO sessions (id, title, subtitle, place, online_link, organiser, facilitators,"
        " goals, background, welcome_line, report_language, summary, follow_up, is_demo,"
        " created_at, updated_at, run_state) VALUES (1, 'S', '', '', '', '', '', '', '', '',"
        " 'nl', '', '', 0, '2026-01-01', '2026-01-01', '{}')"
    )
    cols = "session_id, name, organisation, role, email, involvement, initiative, "
    cols += "theme_preference, second_theme, presence, may_be_named, walk_in, created_at"
    for pid, name, org, email in [
        (1, "Anouk", "", "anouk@example.nl"),
        (2, "Anouk", "Gemeente", " ANOUK@example.nl"),
        (3, "Anouk", "", "Anouk@example.nl"),
        (4, "Bram", "", ""),
        (5, "Chantal", "", ""),
    ]:
        con.execute(
            f"INSERT INTO participants (id, {cols}) VALUES (?, 1, ?, ?, '', ?, '', '', '', '',"
            " 'unknown', 0, 0, '2026-01-01')",
            (pid, name, org, email),
        )
    con.execute(
        "INSERT INTO notes (session_id, kind, text, speaker, speaker_id, speaker_may_be_named,"
        " action_who, action_due_text, theme, starred, votes, position, created_at, updated_at)"
        " VALUES (1, 'citaat', 'x', '', 3, 0, '', '', '', 0, 0, 0, '2026-01-01', '2026-01-01')"
    )
    con.commit()
    con.close()
    Library.open(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    rows = con.execute("SELECT id, organisation FROM participants ORDER BY id").fetchall()
    speaker = con.execute("SELECT speaker_id FROM notes").fetchone()
    con.close()
    assert rows == [(1, "Gemeente"), (4, ""), (5, "")]
    assert speaker == (1,)


def test_three_parallel_agenda_imports_keep_the_positions_apart(tmp_path):
    """The reads of a command run under the write lock (BEGIN IMMEDIATE): before, each
    process numbered its items from the same stale agenda (450 items, 150 positions)."""
    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    lib = Library.open(url)
    sid = _session(lib)
    lib.close()
    agenda = tmp_path / "agenda.csv"
    rows = "\n".join(f"Onderdeel {i};5" for i in range(150))
    agenda.write_text("Onderdeel;Minuten\n" + rows + "\n", encoding="utf-8")
    env = dict(os.environ, WORKSHOP_LANG="nl", WORKSHOP_DATA_DIR=str(tmp_path / "data"))
    args = [sys.executable, "-m", "workshop", "--db", url, "agenda", str(sid), "--import"]
    procs = [
        subprocess.Popen(
            [*args, str(agenda)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=240)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    con = sqlite3.connect(tmp_path / "lib.sqlite")
    count, positions = con.execute(
        "SELECT COUNT(*), COUNT(DISTINCT position) FROM agenda_items WHERE session_id = ?", (sid,)
    ).fetchone()
    con.close()
    assert count == positions == 450
