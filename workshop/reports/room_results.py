"""The verslag's "Questions to the room": what the phones answered, as the projector showed
it (only answers the facilitator let through; hidden and waiting ones stay out).

`load_room_results` reads plain data; `room_blocks` turns it into document blocks. Every
text a phone typed goes through the writer's redaction (`VerslagWriter.t`), like every
other note: a name in an answer is withheld by the same rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from workshop.model import Note, RoomAnswer, RoomQuestion
from workshop.reports.document import Block, Bullets, Heading, Para, Table, runs


@dataclass(frozen=True)
class RoomResult:
    """One question to the phones with its shown results."""

    prompt: str
    kind: str  # text | word | scale | choice | dots
    count: int  # answers (dots) shown
    rows: tuple[tuple[str, int], ...] = ()  # label, count: choices, scale values, points, words
    answers: tuple[str, ...] = ()  # open text
    mean: float | None = None  # scale


def load_room_results(db, session_id: int) -> tuple[RoomResult, ...]:
    """Every question of the session that got a shown answer, in the order asked."""
    questions = db.scalars(
        select(RoomQuestion)
        .where(RoomQuestion.session_id == session_id)
        .order_by(RoomQuestion.position, RoomQuestion.id)
    ).all()
    shown: dict[int, list[str]] = {}
    for a in db.scalars(
        select(RoomAnswer)
        .where(RoomAnswer.session_id == session_id, RoomAnswer.status == "shown")
        .order_by(RoomAnswer.id)
    ):
        shown.setdefault(a.question_id, []).append(a.value)
    texts = dict(db.execute(select(Note.id, Note.text).where(Note.session_id == session_id)).all())
    out = []
    for q in questions:
        values = shown.get(q.id, [])
        if not values:
            continue
        counts = Counter(values)
        rows: list[tuple[str, int]] = []
        mean = None
        if q.kind == "choice":
            rows = [(str(o), counts.get(str(i), 0)) for i, o in enumerate(q.options)]
        elif q.kind == "scale":
            low, high = q.options
            rows = [(str(v), counts.get(str(v), 0)) for v in range(low, high + 1)]
            mean = round(sum(int(v) for v in values) / len(values), 1)
        elif q.kind == "dots":
            rows = sorted(
                ((texts.get(int(n), ""), counts.get(str(n), 0)) for n in q.options),
                key=lambda r: -r[1],
            )
            rows = [r for r in rows if r[1]]
        elif q.kind == "word":
            rows = counts.most_common(30)
        answers = tuple(values) if q.kind == "text" else ()
        out.append(RoomResult(q.prompt, q.kind, len(values), tuple(rows), answers, mean))
    return tuple(out)


def room_blocks(
    results: tuple[RoomResult, ...],
    _: Callable[[str], str],
    one_line: Callable[[str], str],
    text: Callable[[str], str],
) -> list[Block]:
    """The section's blocks (empty without results); `one_line`/`text` redact."""
    if not results:
        return []
    blocks: list[Block] = [
        Heading(_("Questions to the room"), 1),
        Para(runs(_("Answered on phones in the room, anonymously; as shown on the screen."))),
    ]
    for r in results:
        blocks.append(Heading(one_line(r.prompt), 2, in_toc=False))
        if r.kind == "dots":
            line = _("{n} dots placed").format(n=r.count)
        else:
            line = _("{n} answers").format(n=r.count)
        if r.mean is not None:
            line += " · " + _("average {mean}").format(mean=f"{r.mean:g}")
        blocks.append(Para(runs(line), small=True))
        if r.kind == "text":
            blocks.append(Bullets(tuple(runs(text(a)) for a in r.answers if text(a))))
        elif r.rows:
            first = {
                "choice": _("Answer"),
                "scale": _("Score"),
                "dots": _("Point"),
                "word": _("Word"),
            }[r.kind]
            blocks.append(
                Table(
                    (first, _("Count")),
                    tuple((one_line(label), str(n)) for label, n in r.rows),
                    (6, 1.2),
                    caption=one_line(r.prompt),
                )
            )
    return blocks
