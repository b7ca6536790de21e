"""The list of pages in the session window, and what a page receives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from workshop.i18n import _

if TYPE_CHECKING:  # the session window's shell is painted before these are imported
    from ui.services.commands import CommandService
    from ui.services.db import DbService
    from workshop.clock import Clock


@dataclass
class SessionServices:
    """Per-session services built by `ui.app.build_session_services`.

    Parts add a field each (e.g. `live`, `projector`, `capture`); `extra` holds nothing the
    foundation needs and exists so a part can land before its field is declared here.
    """

    extra: dict[str, Any] = field(default_factory=dict)
    capture: Any = None  # ui.capture.service.CaptureService: who has the floor, speaking time
    live: Any = None  # ui.live.service.LiveService: this session's running timer
    projector: Any = None  # ui.projector.controller.ProjectorController

    def close(self) -> None:
        """The session window closed: stop every service that has a `close`."""
        for value in [*vars(self).values(), *self.extra.values()]:
            close = getattr(value, "close", None)
            if callable(close):
                close()


@dataclass
class PageContext:
    session_id: int
    db: DbService
    commands: CommandService
    clock: Clock
    session_services: SessionServices


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    factory: Callable[[PageContext], QWidget]


def _details(ctx: PageContext) -> QWidget:
    from ui.pages.details_page import DetailsPage

    return DetailsPage(ctx)


def _capture(ctx: PageContext) -> QWidget:
    from ui.capture.page import CapturePage

    return CapturePage(ctx)


def _agenda(ctx: PageContext) -> QWidget:
    from ui.agenda.page import AgendaPage

    return AgendaPage(ctx)


def _live(ctx: PageContext) -> QWidget:
    from ui.live.page import LivePage

    return LivePage(ctx)


def _participants(ctx: PageContext) -> QWidget:
    from ui.pages.participants_page import ParticipantsPage

    return ParticipantsPage(ctx)


def _groups(ctx: PageContext) -> QWidget:
    from ui.pages.groups_page import GroupsPage

    return GroupsPage(ctx)


def _report(ctx: PageContext) -> QWidget:
    from ui.report.report_page import ReportPage

    return ReportPage(ctx)


def _placeholder(key: str) -> Callable[[PageContext], QWidget]:
    def make(ctx: PageContext) -> QWidget:
        from ui.pages.pending_page import PendingPage

        return PendingPage(key)

    return make


PAGES: list[PageSpec] = [
    PageSpec("details", lambda: _("Details"), _details),
    PageSpec("agenda", lambda: _("Agenda"), _agenda),
    PageSpec("live", lambda: _("Live"), _live),
    PageSpec("participants", lambda: _("Participants"), _participants),
    PageSpec("groups", lambda: _("Groups"), _groups),
    PageSpec("capture", lambda: _("Feedback"), _capture),
    PageSpec("report", lambda: _("Report"), _report),
]
