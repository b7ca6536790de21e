"""What the phones are shown, read from the library on a worker thread.

`load_room_view` gathers, in one read, the session's rounds and groups (members, question),
the current item, each table's notes and the questions with their results; the server
builds it once per change and pushes it to every phone. `load_timer` reads the run state
and gives the countdown as a deadline (epoch milliseconds), so a phone's timer agrees with
the app's whatever its network delay.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from workshop.clock import Clock
from workshop.model import Note, RoomAnswer, RoomQuestion
from workshop.projector.content import ProjectorContent, load_projector_content
from workshop.store.library import Library
from workshop.timing.engine import LiveEngine, RunStatus
from workshop.timing.plan import load_run
from workshop.timing.settings import load_timing_settings


@dataclass
class RoomView:
    """One read of everything the phones may see (plain data, JSON-ready parts)."""

    session: dict[str, Any]
    rounds: list[dict[str, Any]]
    groups: dict[int, dict[str, Any]]  # group id -> its card (members, question, item)
    table_notes: dict[int, list[dict[str, Any]]]  # group id -> its notes from the table
    questions: list[dict[str, Any]]
    harvest: list[dict[str, Any]] = field(default_factory=list)  # points to dot-vote on

    def public(self) -> dict[str, Any]:
        """What every participant's phone receives."""
        return {
            "session": self.session,
            "rounds": self.rounds,
            # the results stay on the projector: a vote changes no phone's page
            "questions": [
                {k: v for k, v in q.items() if k != "results"} for q in self.questions if q["open"]
            ],
        }

    def for_group(self, group_id: int) -> dict[str, Any]:
        """What the rapporteur of `group_id` receives."""
        return {
            "session": self.session,
            "group": self.groups.get(group_id),
            "notes": self.table_notes.get(group_id, []),
        }


def _target_items(content: ProjectorContent) -> dict[int, int | None]:
    """Per round: the agenda item its groups' notes go under (the plenary that harvests it,
    else the round's own breakout item), as the capture page files them."""
    out: dict[int, int | None] = {}
    for rnd in content.rounds:
        harvesting = [i for i, r in content.harvest.items() if r == rnd.id]
        later = [i for i in harvesting if i != rnd.agenda_item_id]
        out[rnd.id] = later[0] if later else rnd.agenda_item_id
    return out


def _results(q: RoomQuestion, answers: list[RoomAnswer], notes: dict[int, str]) -> dict:
    shown = [a for a in answers if a.status == "shown"]
    pending = sum(1 for a in answers if a.status == "pending")
    result: dict[str, Any] = {"count": len(shown), "pending": pending}
    if q.kind == "text":
        result["answers"] = [{"id": a.id, "text": a.value} for a in shown[-50:]]
    elif q.kind == "word":
        result["words"] = Counter(a.value for a in shown).most_common(40)
    elif q.kind == "scale":
        low, high = q.options
        counts = Counter(int(a.value) for a in shown)
        result["counts"] = [counts.get(v, 0) for v in range(low, high + 1)]
        result["mean"] = round(sum(int(a.value) for a in shown) / len(shown), 2) if shown else None
    elif q.kind == "choice":
        counts = Counter(int(a.value) for a in shown)
        result["counts"] = [counts.get(i, 0) for i in range(len(q.options))]
    elif q.kind == "dots":
        counts = Counter(int(a.value) for a in shown)
        result["counts"] = [counts.get(int(n), 0) for n in q.options]
        result["texts"] = [notes.get(int(n), "") for n in q.options]
    return result


def question_rows(db, session_id: int, notes: dict[int, str]) -> list[dict[str, Any]]:
    questions = db.scalars(
        select(RoomQuestion)
        .where(RoomQuestion.session_id == session_id)
        .order_by(RoomQuestion.position, RoomQuestion.id)
    ).all()
    answers: dict[int, list[RoomAnswer]] = {}
    for a in db.scalars(
        select(RoomAnswer).where(RoomAnswer.session_id == session_id).order_by(RoomAnswer.id)
    ):
        answers.setdefault(a.question_id, []).append(a)
    return [
        {
            "id": q.id,
            "kind": q.kind,
            "prompt": q.prompt,
            "options": q.options if q.kind != "dots" else [int(n) for n in q.options],
            "texts": [notes.get(int(n), "") for n in q.options] if q.kind == "dots" else [],
            "dots": q.dots,
            "open": q.open,
            "moderated": q.moderated,
            "item_id": q.agenda_item_id,
            "results": _results(q, answers.get(q.id, []), notes),
        }
        for q in questions
    ]


def load_room_view(library: Library, session_id: int) -> RoomView:
    """Everything the phones may see, in one go (run off the event loop)."""
    content = load_projector_content(library, session_id)
    targets = _target_items(content)
    # looked up by ids that may be None (a round without an item): those find ""
    titles: dict[int | None, str] = {a.id: a.title for a in content.agenda}
    current = content.current_item_id
    session = {
        "id": content.session_id,
        "title": content.title,
        "item": {"id": current, "title": titles.get(current, "")} if current else None,
    }
    rounds, groups = [], {}
    for rnd in content.rounds:
        cards = []
        for g in rnd.groups:
            item_id = targets.get(rnd.id)
            card = {
                "id": g.id,
                "round": rnd.number,
                "label": g.label,
                "title": g.title,
                "table": g.table_line,
                "question": g.theme or rnd.title or titles.get(rnd.agenda_item_id, ""),
                "members": [m.name for m in g.members],
                "rapporteur": next((m.name for m in g.members if m.rapporteur), ""),
                "item_id": item_id,
                "item": titles.get(item_id, ""),
            }
            groups[g.id] = card
            cards.append(card)
        rounds.append({"number": rnd.number, "title": rnd.title, "groups": cards})
    with library.read() as db:
        notes: dict[int, list[dict[str, Any]]] = {}
        texts: dict[int, str] = {}
        for n in db.scalars(
            select(Note).where(Note.session_id == session_id).order_by(Note.position, Note.id)
        ):
            texts[n.id] = n.text
            if n.source == "table" and n.group_id is not None:
                notes.setdefault(n.group_id, []).append(
                    {"id": n.id, "kind": n.kind, "text": n.text, "cid": n.client_id or ""}
                )
        questions = question_rows(db, session_id, texts)
    return RoomView(session, rounds, groups, notes, questions)


def load_timer(library: Library, session_id: int, clock: Clock) -> dict[str, Any]:
    """The current countdown as the app's engine reads it: a deadline when running."""
    stored = load_run(library, session_id)
    engine = LiveEngine.restore(clock, stored.plan, stored.run_state, load_timing_settings(library))
    reading = engine.reading()
    now_ms = int(clock.now().timestamp() * 1000)
    running = engine.running and engine.status is RunStatus.RUNNING
    return {
        "label": reading.label,
        "running": running,
        "remaining_ms": int(reading.remaining_seconds * 1000),
        "deadline_ms": now_ms + int(reading.remaining_seconds * 1000) if running else None,
        "total_ms": int(reading.total_seconds * 1000),
        "server_ms": now_ms,
        "item_id": engine.current.id if engine.current is not None else None,
    }
