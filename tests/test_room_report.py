"""What the phones answered reaches the verslag: only what the facilitator let through, and
a withheld name typed on a phone is withheld like in any note."""

from __future__ import annotations

from workshop.commands import CommandRunner
from workshop.demo import ensure_demo
from workshop.reports import ReportOptions, load_report_data
from workshop.reports.build import build_report
from workshop.reports.data import Person, ReportData, SessionInfo
from workshop.reports.room_results import RoomResult
from workshop.room.commands import AddAnswers, AddQuestion, Answer, SetAnswerStatus


def _html(data: ReportData, tmp_path, **options) -> str:
    target = tmp_path / "verslag.html"
    build_report(data, ReportOptions(**options), target, "html")
    return target.read_text(encoding="utf-8")


def test_room_results_in_the_verslag_with_withheld_names_left_out(tmp_path):
    people = (
        Person(1, "Anouk de Vries", "Gemeente", "beleid", "aanwezig", False),
        Person(2, "Piet Bakker", "Bakkerij", "ondernemer", "aanwezig", True),
    )
    results = (
        RoomResult("Eén woord?", "word", 3, (("samen", 2), ("buurt", 1))),
        RoomResult("Hoe tevreden?", "scale", 2, (("1", 0), ("2", 1), ("3", 1)), mean=2.5),
        RoomResult(
            "Wat neem je mee?",
            "text",
            2,
            answers=("Anouk de Vries had gelijk over de buurt", "Piet Bakker bakt voor het feest"),
        ),
    )
    data = ReportData(SessionInfo(1, "Buurtavond"), participants=people, room_results=results)
    html = _html(data, tmp_path)
    assert "Vragen aan de zaal" in html
    assert "Eén woord?" in html and "samen" in html and "gemiddeld 2.5" in html
    assert "Piet Bakker bakt voor het feest" in html
    assert "Anouk" not in html and "de Vries" not in html
    anonymous = _html(data, tmp_path, anonymous=True)
    assert "Piet" not in anonymous and "Anouk" not in anonymous
    assert "Vragen aan de zaal" not in _html(data, tmp_path, sections=frozenset({"cover"}))


def test_only_shown_answers_are_loaded(library):
    sid = ensure_demo(library)
    runner = CommandRunner(library)
    ask = AddQuestion(sid, "text", "Wat neem je mee?")  # moderated: answers wait
    runner.do(ask)
    choice = AddQuestion(sid, "choice", "Welke kant op?", ["Links", "Rechts"])
    runner.do(choice)
    store = AddAnswers(
        sid,
        [
            Answer(ask.question_id, "p1", "a1", "Doorgaan met de buurtavond"),
            Answer(ask.question_id, "p2", "a2", "Nog niet goedgekeurd"),
            Answer(choice.question_id, "p1", "c1", "1"),
            Answer(choice.question_id, "p2", "c2", "1"),
            Answer(choice.question_id, "p3", "c3", "0"),
        ],
    )
    runner.do(store)
    runner.do(SetAnswerStatus(sid, [store.outcomes["a1"].id], "shown"))
    data = load_report_data(library, sid)
    by_prompt = {r.prompt: r for r in data.room_results}
    assert by_prompt["Wat neem je mee?"].answers == ("Doorgaan met de buurtavond",)
    assert by_prompt["Welke kant op?"].rows == (("Links", 1), ("Rechts", 2))
