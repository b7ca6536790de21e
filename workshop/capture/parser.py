"""Turning one typed line into a note: kind from the leading mark, who/when for actions,
the speaker for quotes.

The parser never refuses text: whatever cannot be read as a mark, a name or a date stays in
the note text, so nothing typed is lost. Only an empty line (or a bare mark) is "nothing".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from workshop.capture.dates import find_due
from workshop.capture.marks import BY_CHAR, BY_KIND, CLOSING_QUOTES, ESCAPE
from workshop.model import NoteKind

#: Longer notes are refused with a message (a pasted document, not a note).
MAX_NOTE_CHARS = 20_000

# "@name" starts at the beginning or after a space (so e-mail addresses stay text).
_AT = re.compile(r"(?:(?<=\s)|^)@(?=\S)")
_ATTRIBUTION = re.compile(r"^\s*(?:[—–-]+|~|:|@)\s*")


@dataclass(frozen=True)
class ParsedNote:
    kind: NoteKind
    text: str
    speaker: str = ""
    action_who: str = ""
    action_due: date | None = None
    action_due_text: str = ""

    @property
    def empty(self) -> bool:
        return not self.text


def clean(text: str) -> str:
    """Normalise what a paste can carry: NFC, no control characters, single-line spaces."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        if ch in "\r\n\t\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return re.sub(r"[ ]{2,}", " ", "".join(out)).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s{2,}", " ", text).strip(" ,;")


def _split_quote(body: str) -> tuple[str, str]:
    """("quote text", "speaker") from what follows an opening quote mark."""
    for i in range(len(body) - 1, 0, -1):
        if body[i] in CLOSING_QUOTES:
            quote, rest = body[:i].strip(), body[i + 1 :].strip()
            if not quote:
                break
            if not rest:
                return quote, ""
            if rest.startswith("(") and rest.endswith(")"):
                return quote, rest[1:-1].strip()
            if _ATTRIBUTION.match(rest):
                return quote, _ATTRIBUTION.sub("", rest, count=1).strip()
            break  # text after an inner quote: not a closing quote with a speaker
    at = list(_AT.finditer(body))
    if at:  # no closing quote: a trailing @name is the speaker
        last = at[-1]
        return body[: last.start()].strip(), body[last.end() :].strip()
    return body.strip(), ""


def _split_action(body: str, ref: date | None) -> tuple[str, str, date | None, str]:
    """(what, who, due, due_text) from an action line."""
    due, due_text = None, ""
    if ref is not None:
        found = find_due(body, ref)
        if found is not None:
            due, due_text = found.when, found.phrase
            body = body[: found.start] + " " + body[found.end :]
    at = _AT.search(body)
    who = ""
    if at:
        what = body[: at.start()]
        who = _AT.sub("", body[at.end() :])
        if not what.strip():  # "@Bram belt de wethouder": the name leads, the rest is what
            first, _sep, rest = who.strip().partition(" ")
            who, what = first, rest
    else:
        what = body
    return _squash(what), _squash(who).replace("_", " "), due, due_text


def parse_line(
    line: str, session_date: date | None = None, kind: NoteKind | str | None = None
) -> ParsedNote:
    """Read one typed line; `kind` (Ctrl+1…6) overrides the mark.

    With an override the text is taken literally, except that the override's own mark is
    dropped when the line starts with it.
    """
    text = clean(line)
    if text.startswith(ESCAPE) and len(text) > 1 and text[1] in BY_CHAR:
        return ParsedNote(NoteKind(kind) if kind else NoteKind.INZICHT, text[1:].strip())
    if kind is not None:
        chosen = NoteKind(kind)
        if text[:1] in BY_KIND[chosen].marks:
            text = text[1:].lstrip()
    elif text[:1] in BY_CHAR:
        chosen = BY_CHAR[text[0]].kind
        text = text[1:].lstrip()
    else:
        chosen = NoteKind.INZICHT
    if chosen == NoteKind.CITAAT:
        quote, speaker = _split_quote(text)
        return ParsedNote(chosen, quote, speaker=speaker)
    if chosen == NoteKind.ACTIE:
        what, who, due, due_text = _split_action(text, session_date)
        if not what:  # only a name and a date: keep what was typed as the text
            what, who, due, due_text = text.strip(), who, due, due_text
        return ParsedNote(chosen, what, action_who=who, action_due=due, action_due_text=due_text)
    return ParsedNote(chosen, text)


def too_long(text: str) -> bool:
    return len(text) > MAX_NOTE_CHARS
