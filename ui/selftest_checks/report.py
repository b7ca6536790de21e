"""Report: the Verslag page writes the verslag and the draaiboek of the demo session."""

from __future__ import annotations

import asyncio

from workshop.demo import ensure_demo
from workshop.reports import ReportOptions, load_report_data


def _text(path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


async def check_report_documents(ctx) -> None:
    sid = await ctx.db.call(ensure_demo)
    data = await ctx.db.call(load_report_data, sid, ReportOptions())
    quoted = {n.speaker_id for n in data.notes if n.kind == "citaat" and n.speaker_may_be_named}
    withheld = [
        p.name for p in data.participants if not p.may_be_named and p.id not in quoted and p.name
    ]
    everyone = [p.name for p in data.participants if p.name]

    window = ctx.open_session(sid)
    await ctx.wait_painted(window)
    page = window.show_page("report")
    for _ in range(100):
        if page.isEnabled():
            break
        await asyncio.sleep(0.05)
    assert page.isEnabled(), "the Verslag page did not load"
    page.open_url = lambda url: True  # no viewer windows during the selftest

    verslag = ctx.tmp / "verslag.pdf"
    result = await page.export_to(verslag, open_when_done=False)
    assert result is not None, f"no verslag: {page.status.text()}"
    text = _text(verslag)
    assert data.session.title in text, "the title is missing from the verslag"
    assert f"pagina {result.pages} van {result.pages}" in text, "page numbers missing"
    for item in data.agenda:
        assert " ".join(item.title.split()) in text, f"programme item missing: {item.title}"
    leaked = [name for name in withheld if name in text]
    assert not leaked, f"names of people who did not agree are in the verslag: {leaked}"

    page.anonymous.setChecked(True)
    anonymous = ctx.tmp / "verslag-anoniem.pdf"
    assert await page.export_to(anonymous, open_when_done=False) is not None
    text = _text(anonymous)
    leaked = [name for name in everyone if name in text]
    assert not leaked, f"the anonymous verslag names participants: {leaked}"

    page.anonymous.setChecked(False)
    page.kind_draaiboek.setChecked(True)
    draaiboek = ctx.tmp / "draaiboek.pdf"
    result = await page.export_to(draaiboek, open_when_done=False)
    assert result is not None, f"no draaiboek: {page.status.text()}"
    text = _text(draaiboek)
    assert "DRAAIBOEK" in text, "the draaiboek is not marked as such"
    for item in data.agenda:
        assert " ".join(item.title.split()) in text, f"run sheet item missing: {item.title}"
    window.close()
