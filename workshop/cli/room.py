"""`workshop serve`: the phones' server without the window (a second machine, tests)."""

from __future__ import annotations

import argparse
import sys

from workshop.cli.common import CliError, open_library
from workshop.i18n import _


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "serve",
        parents=[common],
        help=_("let phones in the room join a session (rapporteurs, participants, a remote)"),
    )
    p.add_argument("session", metavar="SESSION", help=_("session id or exact title"))
    p.add_argument(
        "--host",
        default="0.0.0.0",
        help=_("address to listen on (default: every network of this machine)"),
    )
    p.add_argument("--port", type=int, default=8765, help=_("port to listen on (default 8765)"))
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    import asyncio  # not at import time: the first frame must not pay for it

    from workshop.room.network import lan_address
    from workshop.room.server import RoomServer
    from workshop.sessions.queries import find_session

    if not 0 <= args.port <= 65535:
        raise CliError(_("--port must be a number from 0 to 65535"))
    library = open_library(args)
    session_id = find_session(library, args.session)
    public = args.host if args.host not in ("0.0.0.0", "") else (lan_address() or "127.0.0.1")
    server = RoomServer(library, session_id, host=args.host, port=args.port, public_host=public)

    async def run() -> None:
        try:
            await server.start()
        except OSError as err:
            raise CliError(
                _("Cannot listen on {host}:{port}: {error}").format(
                    host=args.host, port=args.port, error=err.strerror or err
                )
            ) from err
        _print_links(server)
        try:
            await asyncio.Event().wait()
        finally:
            await server.stop()

    try:
        asyncio.run(run())
    finally:
        library.close()
    return 0


def _print_links(server) -> None:
    from workshop.room.view import RoomView

    view: RoomView = server.view
    access = server.access
    lines = [
        _("Phones join at: {url}").format(url=server.join_url),
        _("Or type the code {code} at {url}").format(code=access.code, url=server.base_url + "/"),
        _("Remote: {url} (PIN {pin})").format(url=server.remote_url, pin=access.pin),
    ]
    for card in view.groups.values():
        lines.append(
            _("Rapporteur of {group}: {url}").format(
                group=card["label"], url=server.rapporteur_url(card["id"])
            )
        )
    lines.append(_("Press Ctrl+C to stop; stopping ends every phone's access."))
    print("\n".join(lines), flush=True)
    sys.stdout.flush()
