"""The panel's "table cards with QR codes": written on a worker thread, then opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui import system_open
from ui.room.service import RoomService
from ui.widgets.alive import alive
from workshop.i18n import _, current_language
from workshop.paths import data_dir


def room_cards_path(session_id: int) -> Path:
    folder = data_dir() / "prints"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"rapporteurkaarten-{session_id}.pdf"


def _write(library, path: Path, session_id: int, cards, join_address: str, code: str, lang: str):
    from workshop.room.cards_pdf import write_room_cards
    from workshop.sessions.queries import get_details

    title = get_details(library, session_id).title
    return write_room_cards(path, title, cards, join_address, code, lang)


async def save_table_cards(page: QWidget, service: RoomService) -> Path | None:
    """Write the rapporteur cards of every group (the server must be on: the links name
    this laptop's address) and open them; the page's status line says where they went."""
    from workshop.room.cards_pdf import RapporteurCard

    server = service.server
    if server is None or server.view is None:
        return None
    cards = [
        RapporteurCard(card["label"], card["title"], card["question"], server.rapporteur_url(gid))
        for gid, card in server.view.groups.items()
    ]
    path = room_cards_path(service.session_id)
    try:
        await service.db.call(
            _write,
            path,
            service.session_id,
            cards,
            server.base_url + "/",
            service.code,
            current_language(),
        )
    except OSError as err:
        if alive(page):
            page.status.setText(_("The PDF could not be written: {error}").format(error=err))
        return None
    if alive(page):
        page.status.setText(_("Rapporteur cards saved as {path}").format(path=path))
        getattr(page, "open_file", system_open.open_path)(path)
    return path
