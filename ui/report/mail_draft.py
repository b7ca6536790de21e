"""Sending the verslag: an e-mail draft (.eml) next to the report, with the report attached
and the participants who agreed in BCC. The app itself sends nothing."""

from __future__ import annotations

from pathlib import Path

from ui.kit.ops import off_thread
from ui.services.db import DbService
from workshop.i18n import _
from workshop.reports.mail import MailContext, mail_context, make_draft


async def write_draft(db: DbService, session_id: int, report: Path, lang: str) -> MailContext:
    """Read who may receive it (DB worker), write `report`'s .eml beside it (worker thread).
    Raises OSError or LookupError when it cannot."""
    context = await db.call(mail_context, session_id, lang)
    await off_thread(_write, context, report, draft_path(report), lang)
    return context


def draft_path(report: Path) -> Path:
    return report.with_suffix(".eml")


def _write(context: MailContext, report: Path, draft: Path, lang: str) -> None:
    """The .eml written through a temporary file (never half-written)."""
    data = make_draft(context, report, lang)
    tmp = draft.with_name(f".{draft.name}.part")
    tmp.write_bytes(data)
    tmp.replace(draft)


def draft_lines(context: MailContext, draft: Path, opened: bool) -> list[str]:
    """What the page says about a written draft (plain text, one line each)."""
    n = len(context.recipients)
    lines = [
        _("E-mail draft: {path} — 1 participant in BCC").format(path=draft)
        if n == 1
        else _("E-mail draft: {path} — {n} participants in BCC").format(path=draft, n=n)
    ]
    if context.skipped:
        lines.append(
            _("{n} participants with an e-mail address did not agree and are left out.").format(
                n=context.skipped
            )
        )
    if not opened:
        lines.append(
            _("No mail program could be started; the draft is in {folder}.").format(
                folder=draft.parent
            )
        )
    return lines
