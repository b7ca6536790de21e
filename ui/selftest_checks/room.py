"""Phones: the Telefoons page turns the server on (this machine only), the phone pages and
their script are served, a rapporteur's note arrives from the table, a QR code is made."""

from __future__ import annotations

import asyncio
import json
import urllib.request

from ui.kit.ops import off_thread
from workshop.demo import ensure_demo
from workshop.room.qr import qr_matrix


def _fetch(url: str, body: dict | None = None) -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:  # 127.0.0.1 only
        return response.status, response.read().decode()


async def check_room(ctx) -> None:
    sid = await ctx.db.call(ensure_demo)
    window = ctx.open_session(sid)
    await ctx.wait_painted(window)
    window.show_page("phones")
    service = window.ctx.session_services.room
    service.host, service.port = "127.0.0.1", 0  # nothing reaches the network
    await service.start()
    assert service.running, f"the phones' server did not start: {service.error}"
    try:  # the phone's side of each request on the kit's worker threads
        status, page = await off_thread(_fetch, service.join_url)
        assert status == 200 and "room.js" in page, "the participant page is not served"
        status, script = await off_thread(_fetch, service.address + "/static/room.js")
        assert status == 200 and "WebSocket" in script, "the phones' script is not served"
        gid = next(iter(service.server.view.groups))
        token = service.server.access.group_token(gid)
        url = f"{service.address}/api/send?t={token}&g={gid}&d=selftest"
        note = {"op": "note", "cid": "selftest-1", "text": "Zelftest van tafel"}
        status, reply = await off_thread(_fetch, url, note)
        assert json.loads(reply).get("op") == "ack", f"the note was not stored: {reply}"
        for _ in range(100):
            if any(n.text == "Zelftest van tafel" for n in service.data.table_notes):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the table's note did not reach the Telefoons page")
        assert len(qr_matrix(service.join_url)) >= 21, "no QR code"
    finally:
        await service.stop()
    assert not service.running
