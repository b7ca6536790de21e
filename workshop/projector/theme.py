"""Projector colours (light and dark) and the WCAG contrast rule they must meet (7:1, AAA)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from workshop.timing.reading import TimerLevel

AAA = 7.0  # text
NON_TEXT = 3.0  # WCAG 1.4.11: the timer disk against its background


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def parse_hex(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def relative_luminance(colour: str) -> float:
    r, g, b = parse_hex(colour)
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two colours, 1.0 … 21.0."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str  # secondary text (times, leads, done items)
    accent: str  # headings, group titles, host mark
    card: str  # group cards, order list
    card_text: str
    card_accent: str
    card_muted: str  # groups that already reported
    highlight: str  # current programme row / reporting group
    highlight_text: str
    band: str  # message overlay band
    band_text: str
    timer_normal: str
    timer_amber: str
    timer_red: str
    disk_track: str  # the emptied part of the disk
    progress_done: str

    def timer_colour(self, level: TimerLevel | str) -> str:
        return {
            TimerLevel.NORMAL: self.timer_normal,
            TimerLevel.AMBER: self.timer_amber,
            TimerLevel.RED: self.timer_red,
        }[TimerLevel(level)]

    def text_pairs(self) -> list[tuple[str, str, str, str]]:
        """Every (text name, text colour, background name, background colour) drawn."""
        on_background = ("text", "muted", "accent", "timer_normal", "timer_amber", "timer_red")
        on_card = (
            "card_text",
            "card_accent",
            "card_muted",
            "timer_normal",
            "timer_amber",
            "timer_red",
        )
        return (
            [(n, getattr(self, n), "background", self.background) for n in on_background]
            + [(n, getattr(self, n), "card", self.card) for n in on_card]
            + [("highlight_text", self.highlight_text, "highlight", self.highlight)]
            + [("band_text", self.band_text, "band", self.band)]
        )

    def graphic_pairs(self) -> list[tuple[str, str, str, str]]:
        """Non-text graphics that carry meaning: the disk in each level, the progress bar."""
        return [
            (n, getattr(self, n), "background", self.background)
            for n in ("timer_normal", "timer_amber", "timer_red", "progress_done")
        ] + [("progress_done", self.progress_done, "disk_track", self.disk_track)]


DARK = Theme(
    name="dark",
    background="#0e1116",
    text="#f4f5f7",
    muted="#c3c8d0",
    accent="#8fd3ff",
    card="#1b212b",
    card_text="#f4f5f7",
    card_accent="#9edaff",
    card_muted="#c3c8d0",
    highlight="#f4f5f7",
    highlight_text="#0e1116",
    band="#ffd75e",
    band_text="#1a1400",
    timer_normal="#7ee0a7",
    timer_amber="#ffcc4d",
    timer_red="#ff9d94",
    disk_track="#2a313c",
    progress_done="#8fd3ff",
)

LIGHT = Theme(
    name="light",
    background="#ffffff",
    text="#111418",
    muted="#3b4350",
    accent="#0b4a7a",
    card="#eef1f5",
    card_text="#111418",
    card_accent="#0b4477",
    card_muted="#3b4350",
    highlight="#0b3d66",
    highlight_text="#ffffff",
    band="#0b3d66",
    band_text="#ffffff",
    timer_normal="#0a5a2f",
    timer_amber="#6b4200",
    timer_red="#9e1010",
    disk_track="#d9dee5",
    progress_done="#0b4a7a",
)

THEMES = {t.name: t for t in (DARK, LIGHT)}


def theme_for(dark: bool) -> Theme:
    return DARK if dark else LIGHT


def colour_fields() -> list[str]:
    return [f.name for f in fields(Theme) if f.name != "name"]
