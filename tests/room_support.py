"""Shared set-up for the phones-in-the-room tests: a session with groups and a running server."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.capture_support import World, make_world
from workshop.model import Membership, Participant
from workshop.room.server import RoomServer
from workshop.room.thread import RoomThread

NAMES = (
    "Anouk de Vries",
    "Bram Bakker",
    "Chantal Janssen",
    "Daan Visser",
    "Eline Smit",
    "Fatima El Amrani",
)


@dataclass
class Room:
    world: World
    server: RoomServer
    thread: RoomThread

    def url(self, path: str) -> str:
        return self.server.base_url + path

    def get(self, path: str) -> tuple[int, str]:
        return fetch(self.url(path))

    def post(self, path: str, data: object, raw: bytes | None = None) -> tuple[int, dict]:
        body = raw if raw is not None else json.dumps(data).encode()
        status, text = fetch(self.url(path), body)
        try:
            return status, json.loads(text)
        except ValueError:
            return status, {"raw": text}

    def rapporteur_query(self, group_id: int, device: str = "phone-r") -> str:
        token = self.server.access.group_token(group_id)
        return f"t={token}&g={group_id}&d={device}"

    def participant_query(self, device: str = "phone-p") -> str:
        return f"t={self.server.access.token}&d={device}"


def fetch(url: str, body: bytes | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def seat_people(world: World) -> None:
    """Two members at each of the world's groups."""
    with world.library.unit_of_work() as db:
        from workshop.model import BreakoutGroup

        for n, gid in enumerate(world.group_ids):
            group = db.get(BreakoutGroup, gid)
            for seat in range(2):
                person = Participant(session_id=world.session_id, name=NAMES[(2 * n + seat) % 6])
                db.add(person)
                db.flush()
                db.add(
                    Membership(
                        round_id=group.round_id, group_id=gid, participant_id=person.id, seat=seat
                    )
                )
            group.theme = f"Wat houdt tafel {n + 1} tegen?"


@contextmanager
def running_room(tmp_path: Path, world: World | None = None) -> Iterator[Room]:
    world = world or make_world(tmp_path)
    seat_people(world)
    server = RoomServer(world.library, world.session_id, host="127.0.0.1", port=0)
    thread = RoomThread(server)
    thread.start()
    try:
        yield Room(world, server, thread)
    finally:
        thread.stop()
