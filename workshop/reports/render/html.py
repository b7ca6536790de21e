"""A `Document` as one self-contained, semantic HTML file: the accessible verslag.

Headings in order, lists, tables with header cells (`<th scope>`), quotes as `<blockquote>`
with `<figcaption>`, photos inline as data URIs with their caption as alt text, the language
of the content on `<html lang>`, everything inside landmarks, CSS in one `<style>`.
"""

from __future__ import annotations

import base64
from html import escape

from workshop.reports.document import (
    Bullets,
    Document,
    Figure,
    Heading,
    Inline,
    NewPage,
    Para,
    Quote,
    Table,
)

CSS = """
:root { --ink: #1d2a33; --accent: #1f6f78; --warm: #a35a12; --muted: #4f5a61; --rule: #c9d3d8; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif;
  color: var(--ink); line-height: 1.55; font-size: 1.05rem; background: #fff; }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2.5rem; border-bottom: 3px solid var(--accent); padding-bottom: 1.5rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); font-size: .85rem;
  margin: 0; }
h1 { color: var(--accent); font-size: 2rem; line-height: 1.2; margin: .3rem 0 .6rem; }
.subtitle { color: var(--muted); font-size: 1.25rem; margin: 0 0 1rem; }
.meta { margin: 0; padding: 0; list-style: none; }
h2 { color: var(--accent); font-size: 1.5rem; margin: 2.2rem 0 .6rem; }
h3 { color: var(--accent); font-size: 1.2rem; margin: 1.6rem 0 .4rem; }
h4 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
h5 { font-size: 1rem; color: var(--accent); margin: 1rem 0 .2rem; }
p { margin: 0 0 .7rem; }
.small { font-size: .92rem; color: var(--muted); }
.label { font-weight: bold; color: var(--muted); }
.muted { color: var(--muted); }
figure.quote { margin: 1.2rem 0 1.4rem; padding: .7rem 1rem; background: #fbf3ea;
  border-left: 4px solid var(--warm); }
figure.quote blockquote { margin: 0; font-style: italic; font-size: 1.15rem; }
figure.quote figcaption { margin-top: .3rem; font-size: .92rem; color: var(--muted); }
figure.photo { margin: 1.2rem 0; text-align: center; }
figure.photo img { max-width: 100%; height: auto; }
figure.photo figcaption { font-style: italic; font-size: .92rem; color: var(--muted); }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; width: 100%; font-size: .95rem; }
caption { text-align: left; font-size: .92rem; color: var(--muted); padding-bottom: .3rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid var(--rule); }
thead th { background: #e1ecee; border-bottom: 2px solid var(--accent); }
nav ol { padding-left: 1.2rem; margin: .2rem 0; }
nav ol ol { list-style: none; padding-left: 1rem; font-size: .95rem; }
footer { margin-top: 3rem; padding-bottom: 2rem; }
"""


def _inline(content: Inline) -> str:
    out = []
    for run in content:
        text = escape(run.text, quote=False).replace("\n", "<br>")
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.label:
            text = f'<span class="label">{text}</span>'
        elif run.muted:
            text = f'<span class="muted">{text}</span>'
        out.append(text)
    return "".join(out)


def _text(text: str) -> str:
    return escape(text, quote=False).replace("\n", "<br>")


def _figure(fig: Figure, css_class: str = "photo") -> str:
    data = base64.b64encode(fig.data).decode("ascii")
    width = round(fig.width_pt * 96 / 72)
    height = round(fig.height_pt * 96 / 72)
    img = (
        f'<img src="data:{fig.mime};base64,{data}" alt="{escape(fig.alt)}" '
        f'width="{width}" height="{height}">'
    )
    if css_class != "photo":
        return img
    caption = f"<figcaption>{_text(fig.caption)}</figcaption>" if fig.caption else ""
    return f'<figure class="photo">{img}{caption}</figure>'


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{_text(h)}</th>' for h in table.header)
    rows = []
    for row in table.rows:
        cells = [
            f'<th scope="row">{_text(c)}</th>' if i == 0 else f"<td>{_text(c)}</td>"
            for i, c in enumerate(row)
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = f"<caption>{_text(table.caption)}</caption>" if table.caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _toc_list(toc: list[tuple[int, str, str]]) -> str:
    """Chapters as an ordered list, their sections nested inside each chapter's item."""
    out = ["<ol>"]
    open_sub = False
    for i, (level, anchor, text) in enumerate(toc):
        link = f'<a href="#{anchor}">{_text(text)}</a>'
        if level == 1:
            if open_sub:
                out.append("</ol></li>")
                open_sub = False
            elif i:
                out.append("</li>")
            out.append(f"<li>{link}")
        else:
            if not open_sub:
                if i == 0:
                    out.append("<li>")
                out.append("<ol>")
                open_sub = True
            out.append(f"<li>{link}</li>")
    out.append("</ol></li>" if open_sub else "</li>")
    out.append("</ol>")
    return "".join(out)


def _slug(n: int) -> str:
    return f"h{n}"


def render_html(doc: Document) -> str:
    """The whole document as one HTML5 string (UTF-8, no external resources)."""
    c = doc.cover
    head_parts = []
    if c.logo is not None:
        head_parts.append(_figure(c.logo, css_class="logo"))
    head_parts.append(f'<p class="kicker">{_text(c.kicker)}</p>')
    head_parts.append(f"<h1>{_text(c.title)}</h1>")
    if c.subtitle:
        head_parts.append(f'<p class="subtitle">{_text(c.subtitle)}</p>')
    if c.meta:
        head_parts.append(
            '<ul class="meta">' + "".join(f"<li>{_text(m)}</li>" for m in c.meta) + "</ul>"
        )
    for logo in c.cohost_logos:
        head_parts.append(_figure(logo, css_class="logo"))

    body: list[str] = []
    toc: list[tuple[int, str, str]] = []
    open_sections: list[int] = []  # heading levels of the <section>s still open
    n = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            while open_sections and open_sections[-1] >= block.level:
                open_sections.pop()
                body.append("</section>")
            n += 1
            anchor = _slug(n)
            level = min(block.level + 1, 6)  # the title is the only <h1>
            body.append("<section>")
            open_sections.append(block.level)
            body.append(f'<h{level} id="{anchor}">{_text(block.text)}</h{level}>')
            if block.in_toc and block.level <= 2:
                toc.append((block.level, anchor, block.text))
        elif isinstance(block, Para):
            cls = ' class="small"' if block.small else ""
            body.append(f"<p{cls}>{_inline(block.content)}</p>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{_inline(i)}</li>" for i in block.items)
            body.append(f"<ul>{items}</ul>")
        elif isinstance(block, Table):
            body.append(_table(block))
        elif isinstance(block, Quote):
            cite = (
                f"<figcaption>— {_text(block.attribution)}</figcaption>"
                if block.attribution
                else ""
            )
            body.append(
                f'<figure class="quote"><blockquote><p>“{_text(block.text)}”</p></blockquote>'
                f"{cite}</figure>"
            )
        elif isinstance(block, Figure):
            body.append(_figure(block))
        elif isinstance(block, NewPage):
            continue
    body += ["</section>"] * len(open_sections)

    nav = ""
    if doc.with_contents and toc:
        nav = (
            f'<nav aria-labelledby="toc-title"><h2 id="toc-title">{_text(doc.contents_title)}</h2>'
            f"{_toc_list(toc)}</nav>"
        )

    meta = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(doc.title)}</title>",
    ]
    if doc.author:
        meta.append(f'<meta name="author" content="{escape(doc.author)}">')
    if doc.subject:
        meta.append(f'<meta name="description" content="{escape(doc.subject)}">')
    if doc.keywords:
        meta.append(f'<meta name="keywords" content="{escape(", ".join(doc.keywords))}">')
    meta.append('<meta name="generator" content="Workshop">')
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(doc.lang)}">\n<head>\n'
        + "\n".join(meta)
        + f"\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "<header>"
        + "".join(head_parts)
        + "</header>\n<main>\n"
        + nav
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
