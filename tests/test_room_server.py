"""The room server over real HTTP on loopback: rapporteur notes, idempotent retries, access."""

from __future__ import annotations

import time

from sqlalchemy import select

from tests.room_support import running_room
from workshop.model import Note


def _table_notes(library):
    with library.read() as db:
        return db.scalars(select(Note).where(Note.source == "table").order_by(Note.id)).all()


def test_a_rapporteur_note_is_stored_once_under_its_group_and_the_feedback_item(tmp_path):
    with running_room(tmp_path) as room:
        gid = room.world.group_ids[0]
        q = room.rapporteur_query(gid)
        status, reply = room.post(
            f"/api/send?{q}", {"op": "note", "cid": "abc123", "text": "!Plan maken @Bram"}
        )
        assert status == 200 and reply["op"] == "ack", reply
        again = room.post(
            f"/api/send?{q}", {"op": "note", "cid": "abc123", "text": "!Plan maken @Bram"}
        )[1]
        assert again["op"] == "ack" and again["again"] and again["id"] == reply["id"]
        notes = _table_notes(room.world.library)
        assert len(notes) == 1
        note = notes[0]
        assert (note.group_id, note.agenda_item_id, note.kind) == (
            gid,
            room.world.feedback_id,
            "actie",
        )
        assert note.action_who == "Bram" and note.client_id == "abc123"


def test_the_rapporteur_sees_the_group_and_edits_and_deletes_only_own_notes(tmp_path):
    with running_room(tmp_path) as room:
        g1, g2 = room.world.group_ids[:2]
        q1, q2 = room.rapporteur_query(g1), room.rapporteur_query(g2, "other")
        note_id = room.post(f"/api/send?{q1}", {"op": "note", "cid": "n1", "text": "Eerste punt"})[
            1
        ]["id"]
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            status, text = room.get(f"/api/state?{q1}")
            if "Eerste punt" in text:
                break
            time.sleep(0.05)
        assert status == 200 and "Eerste punt" in text and "Wat houdt tafel 1 tegen?" in text
        assert "Anouk de Vries" in text
        refused = room.post(f"/api/send?{q2}", {"op": "edit", "id": note_id, "text": "gekaapt"})[1]
        assert refused["op"] == "error"
        assert (
            room.post(f"/api/send?{q1}", {"op": "edit", "id": note_id, "text": "?Waarom"})[1]["op"]
            == "done"
        )
        assert [(n.kind, n.text) for n in _table_notes(room.world.library)] == [("vraag", "Waarom")]
        assert room.post(f"/api/send?{q1}", {"op": "delete", "id": note_id})[1]["op"] == "done"
        assert _table_notes(room.world.library) == []


def test_no_token_a_wrong_token_or_another_groups_token_is_refused(tmp_path):
    with running_room(tmp_path) as room:
        g1, g2 = room.world.group_ids[:2]
        good = room.server.access.group_token(g1)
        for query in ("", "t=wrong", f"t={good}&g={g2}", f"t={good}&g=99999", f"t={good}&g=x"):
            assert room.get(f"/api/state?{query}")[0] in (403, 429)
            status, _reply = room.post(
                f"/api/send?{query}&d=x", {"op": "note", "cid": "zz", "text": "inbraak"}
            )
            assert status in (403, 429)
            assert room.get(f"/r/{g2}?{query}")[0] in (403, 404, 429)
        # the participants' token is not a rapporteur's
        status, reply = room.post(
            f"/api/send?{room.participant_query()}", {"op": "note", "cid": "zz", "text": "inbraak"}
        )
        assert reply["op"] == "error"
        assert _table_notes(room.world.library) == []


def test_oversized_and_malformed_messages_are_refused_with_nothing_stored(tmp_path):
    with running_room(tmp_path) as room:
        q = room.rapporteur_query(room.world.group_ids[0])
        status, _r = room.post(f"/api/send?{q}", None, raw=b"x" * 100_000)
        assert status == 413
        assert room.post(f"/api/send?{q}", None, raw=b"{not json")[0] == 400
        assert room.post(f"/api/send?{q}", None, raw=b"\xff\xfe")[0] == 400
        for bad in (
            [],
            {"op": 3},
            {"op": "note"},
            {"op": "note", "cid": "a b", "text": "x"},
            {"op": "note", "cid": "ok", "text": "y" * 3000},
            {"op": "note", "cid": "ok2", "text": "   "},
            {"op": "edit", "id": "1", "text": "x"},
            {"op": "nonsense"},
        ):
            status, reply = room.post(f"/api/send?{q}&d=m{id(bad)}", bad)
            assert status == 400 and reply.get("error") or reply["op"] == "error", (bad, reply)
        assert _table_notes(room.world.library) == []


def test_a_burst_of_a_thousand_requests_from_one_phone_is_limited(tmp_path):
    with running_room(tmp_path) as room:
        q = room.rapporteur_query(room.world.group_ids[0], "flood")
        statuses = []
        for n in range(1000):
            statuses.append(
                room.post(f"/api/send?{q}", {"op": "note", "cid": f"f{n}", "text": f"punt {n}"})[0]
            )
        stored = len(_table_notes(room.world.library))
        assert statuses.count(200) == stored
        assert stored <= 30, stored  # the burst (10) and what the rate (2/s) refilled
        assert statuses.count(429) == 1000 - stored
        # a wrong token hammering: every request refused, nothing stored
        for n in range(200):
            assert room.post(f"/api/send?t=guess{n}&d=x", {"op": "note", "cid": "g", "text": "x"})[
                0
            ] in (403, 429)
        assert len(_table_notes(room.world.library)) == stored


def test_renewing_the_token_ends_access(tmp_path):
    from workshop.commands import CommandRunner
    from workshop.room.commands import RenewRoomAccess

    with running_room(tmp_path) as room:
        old = room.participant_query()
        assert room.get(f"/api/state?{old}")[0] == 200
        CommandRunner(room.world.library).do(RenewRoomAccess(room.world.session_id))
        deadline = time.monotonic() + 5
        while room.get(f"/api/state?{old}")[0] == 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert room.get(f"/api/state?{old}")[0] == 403
        assert room.get(f"/api/state?{room.participant_query()}")[0] == 200


def test_the_short_code_leads_to_the_join_link(tmp_path):
    with running_room(tmp_path) as room:
        status, reply = room.post("/api/code", {"code": room.server.access.code})
        assert status == 200 and reply["url"] == f"/p?t={room.server.access.token}"
        assert (
            room.post(
                "/api/code", {"code": "000000" if room.server.access.code != "000000" else "1"}
            )[0]
            == 403
        )
