"""A format-neutral report document: what the verslag says, not how a format draws it.

The verslag builder makes one `Document` from the report data; the renderers in
`workshop.reports.render` turn it into PDF (ReportLab), HTML and DOCX. All text in here is
plain text, already cleaned and redacted when the report data was prepared (names withheld
through `workshop.reports.text`): renderers only escape it for their format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with light marks. `label` is a small muted kind label."""

    text: str
    bold: bool = False
    italic: bool = False
    muted: bool = False
    label: bool = False


Inline = tuple[Run, ...]


def runs(*parts: str | Run) -> Inline:
    """Plain strings and runs as one inline sequence (empty strings dropped)."""
    return tuple(p if isinstance(p, Run) else Run(p) for p in parts if p)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 = chapter, 2 = section, 3 = subsection, 4 = minor
    in_toc: bool = True


@dataclass(frozen=True)
class Para:
    content: Inline
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths (paged formats)
    caption: str = ""  # a short description of the table (HTML caption)


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class Figure:
    data: bytes  # JPEG or PNG, already sized for print
    mime: str
    width_pt: float
    height_pt: float
    caption: str = ""
    alt: str = ""


@dataclass(frozen=True)
class NewPage:
    """Paged formats start a new page here (before a chapter such as the bijlage)."""


Block = Heading | Para | Bullets | Table | Quote | Figure | NewPage


@dataclass(frozen=True)
class Cover:
    kicker: str  # "VERSLAG"
    title: str
    subtitle: str = ""
    meta: tuple[str, ...] = ()  # date and time, place, organiser...
    logo: Figure | None = None
    cohost_logos: tuple[Figure, ...] = ()  # co-host organisations' logos, in their order


@dataclass(frozen=True)
class Document:
    """One report: metadata, an optional cover, a table of contents flag, blocks in order."""

    title: str
    lang: str  # language of the content ("nl", "en"), not of the app
    cover: Cover
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    with_cover_page: bool = True
    with_contents: bool = True
    contents_title: str = "Inhoud"
    blocks: list[Block] = field(default_factory=list)
    paged_note: str = ""  # the last line of the PDF only (where the accessible version is)

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]
