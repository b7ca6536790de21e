"""The list of pages in the session window (what a page receives: `ui/kit/context.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui.kit.context import PageContext, SessionServices
from workshop.i18n import _

__all__ = ["PAGES", "PageContext", "PageSpec", "SessionServices"]  # the context: ui/kit/context.py


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    factory: Callable[[PageContext], QWidget]
    module: str  # the module the factory imports (imported ahead: `warm_page_modules`)


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
    PageSpec("details", lambda: _("Details"), _details, "ui.pages.details_page"),
    PageSpec("agenda", lambda: _("Agenda"), _agenda, "ui.agenda.page"),
    PageSpec("live", lambda: _("Live"), _live, "ui.live.page"),
    PageSpec(
        "participants", lambda: _("Participants"), _participants, "ui.pages.participants_page"
    ),
    PageSpec("groups", lambda: _("Groups"), _groups, "ui.groups.page"),
    PageSpec("capture", lambda: _("Feedback"), _capture, "ui.capture.page"),
    PageSpec("phones", lambda: _("Phones"), _phones, "ui.room.panel"),
    PageSpec("report", lambda: _("Report"), _report, "ui.report.report_page"),
    PageSpec("series", lambda: _("Series"), _series, "ui.series.page"),
]


_warming: list[QObject] = []


def _widget_types() -> None:
    """The first time PySide returns a widget Qt made (a scroll area's viewport), it loads
    every widget class of QtWidgets to find its type, with their enum types: ~70 of them,
    15-20 ms once per process (it was paid by the first table page opened)."""
    from PySide6.QtWidgets import QScrollArea

    area = QScrollArea()
    area.viewport()
    area.deleteLater()


def warm_page_modules() -> None:
    """Import every page's modules ahead, in small steps (once per process)."""
    if not _warming:
        from ui.kit.warm_imports import WarmImports

        _warming.append(WarmImports([spec.module for spec in PAGES], first=[_widget_types]))
        _warming[0].start()
