"""The note-line parser and Dutch due dates, including awkward input."""

from __future__ import annotations

from datetime import date

import pytest

from workshop.capture.dates import find_due, parse_due
from workshop.capture.parser import clean, parse_line
from workshop.model import NoteKind

SESSION = date(2026, 4, 9)  # a Thursday


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        (
            "Initiatieven hebben een vast aanspreekpunt nodig",
            NoteKind.INZICHT,
            "Initiatieven hebben een vast aanspreekpunt nodig",
        ),
        ('"We passen niet in een hokje"', NoteKind.CITAAT, "We passen niet in een hokje"),
        ("?Hoe druk je de waarde uit?", NoteKind.VRAAG, "Hoe druk je de waarde uit?"),
        ("! Verslag rondsturen", NoteKind.ACTIE, "Verslag rondsturen"),
        (
            ">  Budget per wijk in plaats van per afdeling",
            NoteKind.KNOP,
            "Budget per wijk in plaats van per afdeling",
        ),
        ("+Woningcorporatie", NoteKind.PARTNER, "Woningcorporatie"),
        ("   \t plain with spaces  ", NoteKind.INZICHT, "plain with spaces"),
    ],
)
def test_marks_set_the_kind(line, kind, text):
    parsed = parse_line(line, SESSION)
    assert (parsed.kind, parsed.text) == (kind, text)


def test_action_with_who_and_named_date():
    p = parse_line("! Verslag rondsturen @Marieke voor 1 juni", SESSION)
    assert (p.text, p.action_who, p.action_due, p.action_due_text) == (
        "Verslag rondsturen",
        "Marieke",
        date(2026, 6, 1),
        "voor 1 juni",
    )


def test_action_numeric_date_and_multiword_who():
    p = parse_line("!Agenderen in de raad @gemeente Lindenburg 1-6", SESSION)
    assert (p.text, p.action_who, p.action_due) == (
        "Agenderen in de raad",
        "gemeente Lindenburg",
        date(2026, 6, 1),
    )


def test_date_before_session_day_means_next_year():
    p = parse_line("!Evaluatie plannen @Bram voor 1-3", SESSION)
    assert p.action_due == date(2027, 3, 1)


def test_date_before_who_and_who_leading():
    p = parse_line("!Bellen met de wethouder voor 1 juni @Daan", SESSION)
    assert (p.text, p.action_who, p.action_due) == (
        "Bellen met de wethouder",
        "Daan",
        date(2026, 6, 1),
    )
    q = parse_line("! @Esther belt Enexis volgende week", SESSION)
    assert (q.text, q.action_who, q.action_due) == ("belt Enexis", "Esther", date(2026, 4, 16))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("voor 1 juni", date(2026, 6, 1)),
        ("vóór 15 mei", date(2026, 5, 15)),
        ("1-6", date(2026, 6, 1)),
        ("1/6", date(2026, 6, 1)),
        ("1-6-2027", date(2027, 6, 1)),
        ("1-6-27", date(2027, 6, 1)),
        ("1 juni 2026", date(2026, 6, 1)),
        ("3 mrt", date(2027, 3, 3)),
        ("uiterlijk 2026-06-01", date(2026, 6, 1)),
        ("morgen", date(2026, 4, 10)),
        ("volgende week", date(2026, 4, 16)),
        ("over 2 weken", date(2026, 4, 23)),
        ("volgende maand", date(2026, 5, 9)),
        ("vrijdag", date(2026, 4, 10)),
        ("donderdag", date(2026, 4, 16)),
        ("by June 1", date(2026, 6, 1)),
        ("9 april", date(2026, 4, 9)),
    ],
)
def test_due_phrases(phrase, expected):
    assert parse_due(phrase, SESSION) == expected


@pytest.mark.parametrize(
    "line", ["!Zaal regelen om 15.30", "!Iets op 31-2", "!Regel 1,5 fte", "!Nog geen datum"]
)
def test_no_date_leaves_the_text_alone(line):
    p = parse_line(line, SESSION)
    assert p.action_due is None and p.action_due_text == ""
    assert p.text == line[1:].strip()


def test_email_is_not_a_who():
    p = parse_line("!Mail wij@detransitiemotor.nl voor 1 juni", SESSION)
    assert p.action_who == ""
    assert p.text == "Mail wij@detransitiemotor.nl"


def test_action_without_session_date_keeps_the_phrase_in_text():
    p = parse_line("!Verslag @Anouk voor 1 juni", None)
    assert p.action_due is None and p.action_who == "Anouk voor 1 juni"


def test_quote_with_speaker_variants():
    assert parse_line('"We passen niet in een hokje." — Anouk', SESSION).speaker == "Anouk"
    assert parse_line("“Hokjes” (Bram de Boer)", SESSION).speaker == "Bram de Boer"
    assert parse_line("„Volhoudbaarheid” - Fatima", SESSION).speaker == "Fatima"
    p = parse_line('"Het is high risk @Gert-Jan', SESSION)
    assert (p.text, p.speaker) == ("Het is high risk", "Gert-Jan")


def test_quote_with_inner_quotes_is_not_split():
    p = parse_line('"Hij zei "nee" tegen ons', SESSION)
    assert (p.text, p.speaker) == ('Hij zei "nee" tegen ons', "")
    q = parse_line('"Hij zei "nee" tegen ons" — Daan', SESSION)
    assert (q.text, q.speaker) == ('Hij zei "nee" tegen ons', "Daan")


def test_override_wins_and_drops_only_its_own_mark():
    assert parse_line("?echt", SESSION, kind=NoteKind.ACTIE).text == "?echt"
    p = parse_line("!Bellen @Anouk 1-6", SESSION, kind="actie")
    assert (p.kind, p.text, p.action_who) == (NoteKind.ACTIE, "Bellen", "Anouk")
    assert parse_line("Gewoon een vraag", SESSION, kind="vraag").kind == NoteKind.VRAAG


def test_escape_keeps_a_mark_as_text():
    p = parse_line("\\?Is geen vraag", SESSION)
    assert (p.kind, p.text) == (NoteKind.INZICHT, "?Is geen vraag")


@pytest.mark.parametrize("line", ["", "   ", "?", "!", '"', ">  ", "+"])
def test_empty_lines_are_empty(line):
    assert parse_line(line, SESSION).empty


def test_awkward_text_is_kept_verbatim():
    for line in ["<b>vet</b> & zo", "Klimaat 🌍🔥 en 👩🏽‍🌾", "שלום עולם مرحبا", "x" * 10_000]:
        assert parse_line(line, SESSION).text == line


def test_clean_removes_control_characters_and_newlines():
    assert clean("a\x00b\nc\r\nd\te\u2028f") == "ab c d e f"
    assert clean("e\u0301") == "é"  # NFC


def test_find_due_prefers_the_last_phrase():
    found = find_due("bespreken op 3 mei en afronden voor 1 juni", SESSION)
    assert found is not None and found.when == date(2026, 6, 1) and found.phrase == "voor 1 juni"
