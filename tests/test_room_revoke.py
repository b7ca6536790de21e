"""A phone sent away: its WebSocket closes (4003), its requests are refused, others stay."""

from __future__ import annotations

import asyncio

import aiohttp

from tests.room_support import running_room


def test_a_revoked_phone_is_disconnected_and_refused_and_the_others_stay(tmp_path):
    with running_room(tmp_path) as room:
        server = room.server

        def ws_url(device: str) -> str:
            return (
                server.base_url.replace("http", "ws", 1) + "/ws?" + room.participant_query(device)
            )

        async def scenario() -> tuple[int | None, bool, list[str]]:
            timeout = aiohttp.ClientTimeout(total=10)
            async with aiohttp.ClientSession(timeout=timeout) as http:
                bad = await http.ws_connect(ws_url("bad"))
                good = await http.ws_connect(ws_url("good"))
                await bad.receive(timeout=5)  # the state, at once
                await good.receive(timeout=5)
                listed = sorted(p.device for p in server.phones.snapshot() if p.connected)
                room.thread.call(server.revoke("bad")).result(5)
                while not bad.closed:
                    message = await bad.receive(timeout=5)
                    if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        break
                await good.send_json({"op": "ping"})
                pong = await good.receive_json(timeout=5)
                code = bad.close_code
                await good.close()
                return code, pong.get("op") == "pong", listed

        # on a loop of its own, never made the thread's current one: asyncio.run would
        # leave the main thread without the Qt tests' event loop
        loop = asyncio.new_event_loop()
        try:
            code, still_fine, listed = loop.run_until_complete(scenario())
        finally:
            loop.close()
        assert listed == ["bad", "good"]
        assert code == 4003 and still_fine
        assert room.get(f"/api/state?{room.participant_query('bad')}")[0] == 403
        assert room.get(f"/api/state?{room.participant_query('good')}")[0] == 200
        assert [p.device for p in server.phones.snapshot()] == ["good"]
