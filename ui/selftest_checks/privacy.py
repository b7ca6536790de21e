"""Privacy: the anonymous verslag of the demo names no participant in any form."""

from __future__ import annotations

import asyncio
import re

from workshop.demo import ensure_demo
from workshop.reports import ReportOptions, build_pdf, load_report_data


def _text(path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _found(form: str, text: str) -> bool:
    return bool(form) and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None


async def check_redaction(ctx) -> None:
    sid = await ctx.db.call(ensure_demo)
    options = ReportOptions(anonymous=True)
    data = await ctx.db.call(load_report_data, sid, options)
    path = ctx.tmp / "verslag-anoniem-privacy.pdf"
    await asyncio.to_thread(build_pdf, data, options, path)
    text = await asyncio.to_thread(_text, path)
    forms = {f for p in data.participants for f in (p.name, p.name.split()[0], p.email) if f}
    leaked = sorted(f for f in forms if _found(f, text))
    assert not leaked, f"the anonymous verslag names or mails participants: {leaked}"
    mentions = re.findall(r"(?<![\w.])@\w+", text)
    assert not mentions, f"the anonymous verslag keeps @mentions: {mentions}"
