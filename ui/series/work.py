"""What the Reeks page has done off the UI thread: reading the matches of this meeting's
list with the register, and writing the series verslag (read on the DB worker, laid out
and written on the kit's worker threads)."""

from __future__ import annotations

from pathlib import Path

from ui.kit.context import PageContext
from ui.kit.ops import off_thread
from workshop.i18n import current_language


async def write_series_report(
    ctx: PageContext, series_id: int, path: Path, anonymous: bool
) -> Path:
    """The series verslag as a PDF at `path` (anonymous: nobody named); where it went."""
    from workshop.atomic import write_bytes_atomic
    from workshop.series.report import build_pdf, gather, series_redactor

    today = ctx.clock.now().date()
    lang = current_language()

    def read(library):
        return gather(library, series_id, today), series_redactor(
            library, series_id, anonymous, lang
        )

    report, redactor = await ctx.db.call(read)  # the DB worker reads
    pdf = await off_thread(build_pdf, report, redactor, today)  # laid out off the UI
    return await off_thread(write_bytes_atomic, path, pdf)


def link_preview(library, session_id: int):
    """(series id, matches, register, people already linked here), read on the DB worker."""
    from sqlalchemy import select

    from workshop.model import SeriesAttendance
    from workshop.series.queries import preview_session_matches, register_people

    series_id, matches = preview_session_matches(library, session_id)
    with library.read() as db:
        register = register_people(db, series_id)
        taken = set(
            db.scalars(
                select(SeriesAttendance.person_id).where(SeriesAttendance.session_id == session_id)
            )
        )
    return series_id, matches, register, taken
