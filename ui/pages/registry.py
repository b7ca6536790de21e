"""The list of pages in the session window (what a page receives: `ui/kit/context.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from ui.kit.context import PageContext, SessionServices
from workshop.i18n import _

__all__ = ["PAGES", "PageContext", "PageSpec", "SessionServices"]  # the context: ui/kit/context.py


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
    from ui.groups.page import GroupsPage

    return GroupsPage(ctx)


def _report(ctx: PageContext) -> QWidget:
    from ui.report.report_page import ReportPage

    return ReportPage(ctx)


def _phones(ctx: PageContext) -> QWidget:
    from ui.room.panel import RoomPage

    return RoomPage(ctx)


def _series(ctx: PageContext) -> QWidget:
    from ui.series.page import SeriesPage

    return SeriesPage(ctx)


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
    PageSpec("phones", lambda: _("Phones"), _phones),
    PageSpec("report", lambda: _("Report"), _report),
    PageSpec("series", lambda: _("Series"), _series),
]
