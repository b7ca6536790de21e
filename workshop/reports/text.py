"""User text into Paragraph markup: escaped, newlines kept, names withheld, glyphs checked.

Names are withheld by the one redaction path, `workshop.privacy.redaction.Redactor`.

Everything a user typed goes through `TextPrep.markup` before it reaches a Paragraph, so
`a<b`, `<b>not bold</b>`, `AT&T` and `&amp;` print exactly as typed. Characters the
embedded font cannot show are replaced by a visible mark and reported (never a silent box).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from workshop.privacy.redaction import Redactor
from workshop.reports.fonts import REPLACEMENT, with_fallback

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """Escape for ReportLab's paragraph markup (no other processing)."""
    return text.translate(_ESCAPES)


class TextPrep:
    """Prepares user text for one document; remembers characters the font lacked."""

    def __init__(
        self,
        covered: frozenset[int],
        withheld_names: Iterable[str] = (),
        withheld_label: str = "",
        redactor: Redactor | None = None,
    ) -> None:
        self.covered = covered
        self.missing: Counter[str] = Counter()
        self.redactor = redactor or Redactor.from_names(withheld_names, withheld_label)

    def plain(self, text: str | None, redact: bool = True) -> str:
        """User text cleaned (controls removed, names withheld, glyphs checked), not escaped."""
        if not text:
            return ""
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        if not text.isascii() or _CONTROL.search(text):
            text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
        if redact:
            text = self.redactor.redact(text)
        if not text.isascii():
            lacking = {c for c in set(text) if ord(c) not in self.covered and c != "\n"}
            if lacking:
                for c in lacking:
                    self.missing[c] += text.count(c)
                text = "".join(REPLACEMENT if c in lacking else c for c in text)
        return text

    def withholds(self, text: str | None) -> bool:
        """Whether `text` names, mentions or mails someone who is withheld."""
        if not text:
            return False
        return self.redactor.changes(text)

    def markup(self, text: str | None) -> str:
        """Paragraph markup showing `text` exactly as typed, line breaks kept."""
        return with_fallback(escape(self.plain(text).strip("\n")).replace("\n", "<br/>"))

    def inline(self, text: str | None, redact: bool = True) -> str:
        """Like `markup` but on one line (titles, table cells with short values)."""
        return with_fallback(escape(" ".join(self.plain(text, redact).split())))

    def missing_report(self) -> list[str]:
        """One line per character the font could not show: 'U+4E2D 中 (3x)'."""
        return [f"U+{ord(c):04X} {c} ({n}x)" for c, n in sorted(self.missing.items())]
