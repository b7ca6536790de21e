"""The words of the Verslag page: formats, sections, the overview line, a file name."""

from __future__ import annotations

import re

from workshop.i18n import N_, _
from workshop.reports.loader import ReportOverview

FORMAT_LABELS = {
    "pdf": (N_("PDF (to print)"), N_("PDF files (*.pdf)")),
    "html": (N_("HTML (accessible, to publish)"), N_("HTML files (*.html)")),
    "docx": (N_("Word (DOCX, to edit)"), N_("Word files (*.docx)")),
}

SECTION_LABELS = {
    "cover": N_("Cover page"),
    "contents": N_("Table of contents"),
    "summary": N_("Summary"),
    "background": N_("Background and goals"),
    "programme": N_("Programme with times"),
    "participants": N_("Participants"),
    "results": N_("Notes per part and group"),
    "photos": N_("Photos"),
    "actions": N_("Action table"),
    "questions": N_("Open questions"),
    "follow_up": N_("Follow-up"),
}
#: Sections the draaiboek uses (the others only apply to the verslag).
RUN_SHEET_SECTIONS = {"programme", "participants", "contents"}


def _count(n: int, one: str, many: str) -> str:
    """'1 foto' / '3 foto's': the singular for one (never "1 foto's")."""
    return _(one) if n == 1 else _(many).format(n=n)


def summary_line(overview: ReportOverview) -> str:
    """'7 programmaonderdelen · 30 deelnemers (25 mogen genoemd worden) · … · 1 foto'."""
    people = _count(overview.participants, N_("1 participant"), N_("{n} participants"))
    return " · ".join(
        [
            _count(overview.items, N_("1 programme part"), N_("{n} programme parts")),
            f"{people} " + _("({n} may be named)").format(n=overview.named),
            _count(overview.groups, N_("1 group"), N_("{n} groups")),
            _count(overview.notes, N_("1 note"), N_("{n} notes")),
            _count(overview.photos, N_("1 photo"), N_("{n} photos")),
        ]
    )


def safe_filename(title: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")
    return " ".join(cleaned.split())[:80] or "bijeenkomst"
