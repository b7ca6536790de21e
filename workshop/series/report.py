"""The series verslag (PDF): meetings, attendance over time, encounters, actions, themes.

Every name, every action's who/what, every meeting title and summary goes through the one
redaction path (`workshop.privacy.redaction`): people of the register who did not consent
(or everyone, in anonymous mode) become role words. Text is escaped for ReportLab.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from sqlalchemy import select

from workshop.atomic import write_bytes_atomic
from workshop.i18n import _
from workshop.i18n import format_short_date as format_date
from workshop.model import (
    BreakoutGroup,
    BreakoutRound,
    Note,
    Series,
    SeriesCoHost,
    SeriesPerson,
    WorkSession,
)
from workshop.privacy.redaction import Redactor, Who, role_words
from workshop.series.actions import STATUS_WORDS, ActionStatus, status_word
from workshop.series.encounters import series_encounters
from workshop.series.queries import ActionInfo, MeetingInfo, list_actions, list_meetings
from workshop.store.library import Library


@dataclass(frozen=True)
class SeriesReport:
    name: str
    theme: str
    facilitators: str
    meetings: list[MeetingInfo]
    summaries: dict[int, str]  # session id -> summary
    encounters: dict[int, tuple[int, int]]  # session id -> (new pairs, repeats so far)
    actions: list[ActionInfo]
    themes: list[tuple[str, int]]  # theme, number of meetings it came up in (2 or more)
    cohosts: tuple[tuple[str, bytes | None], ...] = ()  # the series' co-hosts (name, logo)


def recurring_themes(db, ids: list[int]) -> list[tuple[str, int]]:
    """Themes (of tables and of notes) that came up in two or more of these meetings, with
    in how many; the most frequent first. Case and spacing do not make another theme."""
    seen: dict[str, set[int]] = {}
    label: dict[str, str] = {}
    rows = list(
        db.execute(
            select(BreakoutRound.session_id, BreakoutGroup.theme)
            .join(BreakoutGroup, BreakoutGroup.round_id == BreakoutRound.id)
            .where(BreakoutRound.session_id.in_(ids), BreakoutGroup.theme != "")
        ).all()
    )
    rows += db.execute(
        select(Note.session_id, Note.theme).where(Note.session_id.in_(ids), Note.theme != "")
    ).all()
    for sid, theme in rows:
        key = " ".join(theme.split()).casefold()
        seen.setdefault(key, set()).add(sid)
        label.setdefault(key, " ".join(theme.split()))
    return sorted(
        ((label[k], len(v)) for k, v in seen.items() if len(v) > 1),
        key=lambda t: (-t[1], t[0].casefold()),
    )


def gather(library: Library, series_id: int, today: date | None = None) -> SeriesReport:
    meetings = list_meetings(library, series_id)
    ids = [m.session_id for m in meetings]
    with library.read() as db:
        series = db.get(Series, series_id)
        assert series is not None
        summaries = dict(
            db.execute(
                select(WorkSession.id, WorkSession.summary).where(WorkSession.id.in_(ids))
            ).all()
        )
        themes = recurring_themes(db, ids)
        name, theme, facilitators = series.name, series.theme, series.facilitators
        cohosts = tuple(
            (h.name, h.logo)
            for h in db.scalars(
                select(SeriesCoHost)
                .where(SeriesCoHost.series_id == series_id)
                .order_by(SeriesCoHost.position, SeriesCoHost.id)
            )
        )
    encounters = {e.session_id: (e.new, e.repeated) for e in series_encounters(library, series_id)}
    actions = list_actions(library, series_id=series_id, today=today)
    return SeriesReport(
        name, theme, facilitators, meetings, summaries, encounters, actions, themes, cohosts
    )


def series_redactor(library: Library, series_id: int, anonymous: bool, lang: str) -> Redactor:
    """Everyone in the register; withheld unless they consented (everyone when anonymous)."""
    with library.read() as db:
        people = [
            Who(p.name, p.email, p.organisation, withheld=anonymous or not p.may_be_named)
            for p in db.scalars(select(SeriesPerson).where(SeriesPerson.series_id == series_id))
        ]
    return Redactor(people, role_words(people, lang), anonymous=anonymous)


def _p(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def build_pdf(report: SeriesReport, redactor: Redactor, today: date | None = None) -> bytes:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    r = redactor.redact
    styles = getSampleStyleSheet()
    body, h1, h2 = styles["BodyText"], styles["Title"], styles["Heading2"]
    story: list = [Paragraph(_p(r(report.name)), h1)]
    if report.theme:
        story.append(Paragraph(_p(r(report.theme)), styles["Heading3"]))
    if report.facilitators:
        story.append(
            Paragraph(_p(_("Facilitators: {names}").format(names=r(report.facilitators))), body)
        )
    if report.cohosts:
        names = ", ".join(n for n, _logo in report.cohosts)
        story.append(Paragraph(_p(_("in collaboration with {names}").format(names=names)), body))
        story.extend(_logo_row(report.cohosts))
    story.append(Paragraph(_("Meetings"), h2))
    head = ParagraphStyle("series-head", parent=body, fontName="Helvetica-Bold")
    # headers are paragraphs so a long Dutch header wraps inside its column
    grid: list[list[str | Paragraph]] = [
        [
            Paragraph(_p(text), head)
            for text in (
                _("No."),
                _("Date"),
                _("Meeting"),
                _("Present"),
                _("New"),
                _("New encounters"),
            )
        ]
    ]
    for m in report.meetings:
        new, _repeats = report.encounters.get(m.session_id, (0, 0))
        grid.append(
            [
                str(m.position),
                format_date(m.date) if m.date else "",
                Paragraph(_p(r(m.title)), body),
                str(m.present),
                str(m.new_people),
                str(new),
            ]
        )
    table = Table(grid, colWidths=[1 * cm, 2.6 * cm, 5.2 * cm, 2.4 * cm, 1.6 * cm, 3.2 * cm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    if report.meetings:
        story.append(Paragraph(_("Attendance over time"), h2))
        drawing = Drawing(16 * cm, 5 * cm)
        chart = VerticalBarChart()
        chart.x, chart.y = 30, 20
        # types-reportlab says int; ReportLab takes sizes in points as floats
        chart.width, chart.height = 14 * cm, 3.8 * cm  # type: ignore[assignment]
        chart.data = [[m.present for m in report.meetings], [m.new_people for m in report.meetings]]
        chart.categoryAxis.categoryNames = [str(m.position) for m in report.meetings]
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueStep = max(1, max(m.registered for m in report.meetings) // 5)
        chart.bars[0].fillColor = colors.HexColor("#2f6f8f")
        chart.bars[1].fillColor = colors.HexColor("#e0a030")
        drawing.add(chart)
        story.append(drawing)
        story.append(
            Paragraph(_("Blue: present; orange: new in the series (by meeting number)."), body)
        )
    story.append(Paragraph(_("Actions"), h2))
    counts = Counter(a.status for a in report.actions)
    story.append(
        Paragraph(
            ", ".join(f"{_(STATUS_WORDS[s])}: {counts.get(s.value, 0)}" for s in ActionStatus),
            body,
        )
    )
    if report.actions:
        grid = [[_("Status"), _("What"), _("Who"), _("When"), _("From")]]
        for a in report.actions:
            status = status_word(a.status) + (" " + _("(overdue)") if a.overdue else "")
            grid.append(
                [
                    Paragraph(_p(status), body),
                    Paragraph(_p(r(a.what)), body),
                    Paragraph(_p(r(a.who)), body),
                    format_date(a.due) if a.due else "",
                    Paragraph(_p(r(a.origin)), body),
                ]
            )
        table = Table(grid, colWidths=[2.4 * cm, 5.6 * cm, 2.8 * cm, 2.4 * cm, 2.8 * cm])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    if report.themes:
        story.append(Paragraph(_("Recurring themes"), h2))
        for theme, n in report.themes:
            line = _("{theme} (in {n} meetings)").format(theme=r(theme), n=n)
            story.append(Paragraph(_p(line), body))
    story.append(Paragraph(_("Per meeting"), h2))
    for m in report.meetings:
        story.append(Paragraph(_p(f"{m.position}. {r(m.title)}"), styles["Heading3"]))
        summary = report.summaries.get(m.session_id, "").strip()
        story.append(Paragraph(_p(r(summary)) if summary else _("(no summary yet)"), body))
        story.append(Spacer(1, 4))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=report.name).build(story)
    return out.getvalue()


def _logo_row(hosts: tuple[tuple[str, bytes | None], ...]) -> list:
    """The co-hosts' logos side by side, 1.5 cm high (a logo that cannot be read is left out)."""
    from reportlab.lib.units import cm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image, Table

    cells = []
    for _name, logo in hosts:
        if not logo:
            continue
        try:
            width, height = ImageReader(io.BytesIO(logo)).getSize()
        except Exception:  # noqa: BLE001 - a broken logo must not stop the verslag
            continue
        cells.append(Image(io.BytesIO(logo), 1.5 * cm * width / max(1, height), 1.5 * cm))
    return [Table([cells], hAlign="LEFT")] if cells else []


def write_series_pdf(
    library: Library,
    series_id: int,
    target: str | Path,
    anonymous: bool = False,
    lang: str = "nl",
    today: date | None = None,
) -> Path:
    """Gather, redact, lay out and write the series verslag (nothing half-written)."""
    report = gather(library, series_id, today)
    redactor = series_redactor(library, series_id, anonymous, lang)
    return write_bytes_atomic(target, build_pdf(report, redactor, today))
