"""Removing a person erases them: rows, mentions, typed speakers, and the bytes in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from workshop.cli import main
from workshop.commands import CommandRunner
from workshop.model import BreakoutGroup, BreakoutRound, Note, Participant, WorkSession
from workshop.people.commands import RemoveParticipants
from workshop.store.library import Library

NAME = "Chantal Qwertyjansen"
EMAIL = "chantal.qwerty@voorbeeld-unieke.test"


def file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    for extra in ("-wal", "-journal"):
        side = path.with_name(path.name + extra)
        if side.exists():
            data += side.read_bytes()
    return data


def make(lib: Library, title: str = "Wijkavond", other: str = "Kees Bakker") -> tuple[int, int]:
    with lib.unit_of_work() as db:
        s = WorkSession(title=title, summary=f"Met dank aan {NAME}.")
        db.add(s)
        db.flush()
        person = Participant(session_id=s.id, name=NAME, email=EMAIL, organisation="Buurt")
        kees = Participant(session_id=s.id, name=other, may_be_named=True)
        db.add_all([person, kees])
        db.flush()
        rnd = BreakoutRound(session_id=s.id, number=1)
        db.add(rnd)
        db.flush()
        db.add(BreakoutGroup(round_id=rnd.id, position=0, name="Tafel van Chantal"))
        db.add_all([
            Note(session_id=s.id, kind="citaat", text="Dit moet anders", speaker="Chantal", speaker_may_be_named=True, position=0),
            Note(session_id=s.id, kind="inzicht", text=f"@Chantal belt; mail {EMAIL}", position=1),
            Note(session_id=s.id, kind="actie", text="Bellen", action_who="@chantal", position=2),
            Note(session_id=s.id, kind="inzicht", text=f"{other} en mw. Qwertyjansen", position=3),
            Note(session_id=s.id, kind="citaat", text="Ja", speaker=other, position=4),
        ])  # fmt: skip
        return s.id, person.id


def notes(lib: Library, sid: int) -> list[Note]:
    with lib.read() as db:
        return list(db.scalars(select(Note).where(Note.session_id == sid).order_by(Note.position)))


@pytest.mark.sqlite_only(reason="a SQLite PRAGMA")
def test_secure_delete_is_on(lib):
    with lib.engine.connect() as conn:
        assert conn.execute(text("PRAGMA secure_delete")).scalar() == 1


def test_removing_a_person_erases_every_mention_and_undo_restores(lib):
    sid, pid = make(lib)
    runner = CommandRunner(lib)
    command = RemoveParticipants([pid])
    runner.do(command)
    quote, mention, action, both, kees = notes(lib, sid)
    assert quote.speaker == "" and not quote.speaker_may_be_named
    assert mention.text == "Een deelnemer belt; mail een deelnemer"
    assert action.action_who == ""
    assert both.text == "Kees Bakker en een deelnemer"
    assert kees.speaker == "Kees Bakker"
    with lib.read() as db:
        assert db.scalar(select(WorkSession.summary).where(WorkSession.id == sid)) == (
            "Met dank aan een deelnemer."
        )
        assert db.scalar(select(BreakoutGroup.name)) == "Tafel van een deelnemer"
    runner.undo(command)
    quote, mention, action, both, kees = notes(lib, sid)
    assert quote.speaker == "Chantal" and quote.speaker_may_be_named
    assert mention.text == f"@Chantal belt; mail {EMAIL}"
    assert action.action_who == "@chantal"
    assert both.text == "Kees Bakker en mw. Qwertyjansen"
    with lib.read() as db:
        assert db.scalar(select(BreakoutGroup.name)) == "Tafel van Chantal"
        assert db.get(Participant, pid).email == EMAIL


def test_removed_name_and_e_mail_bytes_are_gone_from_the_file(tmp_path):
    path = tmp_path / "lib.sqlite"
    lib = Library.open(f"sqlite:///{path}")
    try:
        sid, pid = make(lib)
        with lib.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        assert EMAIL.encode() in file_bytes(path)
        CommandRunner(lib).do(RemoveParticipants([pid]))
        with lib.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        data = file_bytes(path)
        assert EMAIL.encode() not in data
        assert b"Qwertyjansen" not in data
    finally:
        lib.close()


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_forget_across_sessions(tmp_path, capsys):
    path = tmp_path / "lib.sqlite"
    db = f"sqlite:///{path}"
    lib = Library.open(db)
    try:
        first, _ = make(lib, "Eerste avond")
        second, _ = make(lib, "Tweede avond", other="Chantal de Boer")
        with lib.unit_of_work() as s:  # a session where she is only mentioned
            third = WorkSession(title="Derde", follow_up=f"Vraag {NAME} om raad")
            s.add(third)
    finally:
        lib.close()
    code, out, _ = run(capsys, "forget", "--db", db, "--email", EMAIL.upper(), "--dry-run")
    assert code == 0
    assert "Eerste avond" in out and "Tweede avond" in out
    assert "Derde" in out  # found by the name of the person the address belongs to
    assert EMAIL in out and "niet ongedaan" in out and "Er is niets gewist" in out
    assert EMAIL.encode() in file_bytes(path)

    code, out, _ = run(capsys, "forget", "--db", db, "--email", EMAIL)
    assert code == 0
    assert "2 deelnemers" in out and "kan niet ongedaan" in out
    data = file_bytes(path)
    assert EMAIL.encode() not in data and b"Qwertyjansen" not in data
    lib = Library.open(db)
    try:
        with lib.read() as s:
            assert s.scalars(select(Participant.name).order_by(Participant.name)).all() == [
                "Chantal de Boer",
                "Kees Bakker",
            ]
            assert s.scalar(select(WorkSession.follow_up).where(WorkSession.title == "Derde")) == (
                "Vraag een deelnemer om raad"
            )
        # the other Chantal keeps her full name where it is typed in full
        assert notes(lib, second)[3].text == "Chantal de Boer en een deelnemer"
    finally:
        lib.close()
    code, out, _ = run(capsys, "forget", "--db", db, "--name", NAME)
    assert code == 0 and "niets gewist" in out


def test_forget_refuses_bad_input(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    code, _, err = run(capsys, "forget", "--db", db, "--email", "  ")
    assert code == 1 and "--email" in err
    code, _, err = run(capsys, "forget", "--db", db, "--email", "geen-adres")
    assert code == 1 and "geen e-mailadres" in err
    with pytest.raises(SystemExit):
        main(["forget", "--db", db])
    with pytest.raises(SystemExit):
        main(["forget", "--db", db, "--email", "a@b.nl", "--name", "X"])


def test_secure_delete_overrides_a_build_default_of_off(tmp_path):
    """Some SQLite builds start with secure_delete off; the library turns it on itself."""
    from sqlalchemy import event

    from workshop.store.engine import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")

    def build_default_off(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA secure_delete=OFF")

    event.listen(engine, "connect", build_default_off, insert=True)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA secure_delete")).scalar() == 1
    finally:
        engine.dispose()


def test_participants_listing_when_asked_for_anonymous(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    lib = Library.open(db)
    try:
        sid, _ = make(lib)
    finally:
        lib.close()
    code, out, _ = run(capsys, "participants", str(sid), "--db", db, "--anonymous")
    assert code == 0
    assert NAME not in out and "Kees" not in out and EMAIL not in out
    assert out.splitlines() == [
        "een deelnemer\t\t\tniet aangemeld",
        "een deelnemer\toverig\t\tniet aangemeld",
    ]
