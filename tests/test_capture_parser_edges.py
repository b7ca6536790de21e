"""The line parser at its edges: escapes, speakers after quotes, names with underscores."""

from __future__ import annotations

from datetime import date

from workshop.capture.parser import MAX_NOTE_CHARS, clean, parse_line, too_long
from workshop.model import NoteKind

WEDNESDAY = date(2026, 6, 3)


def test_an_escaped_mark_is_plain_text_of_the_chosen_or_default_kind():
    escaped = parse_line("\\!geen actie")
    assert (escaped.kind, escaped.text) == (NoteKind.INZICHT, "!geen actie")
    chosen = parse_line("\\?echt", kind=NoteKind.VRAAG)
    assert (chosen.kind, chosen.text) == (NoteKind.VRAAG, "?echt")
    assert parse_line("\\").text == "\\"
    assert parse_line("\\x").text == "\\x"


def test_the_mark_is_dropped_and_only_leading_space_after_it():
    note = parse_line("?  Wie betaalt?  ")
    assert (note.kind, note.text) == (NoteKind.VRAAG, "Wie betaalt?")
    override = parse_line("?  Wie betaalt", kind=NoteKind.VRAAG)
    assert override.text == "Wie betaalt"


def test_speaker_in_brackets_or_after_a_dash_only_when_the_brackets_close():
    assert parse_line('"Wij passen niet in een hokje." (Anouk)').speaker == "Anouk"
    assert parse_line('"Wij passen niet." — Anouk').speaker == "Anouk"
    half = parse_line('"Wij passen niet." (Anouk')
    assert half.speaker == ""
    assert parse_line('"Wij passen niet." —— - Anouk').speaker == "- Anouk"
    one_char = parse_line('"a" @Bram')
    assert (one_char.text, one_char.speaker) == ("a", "Bram")


def test_text_after_an_inner_quote_is_no_speaker_and_a_trailing_at_name_is():
    note = parse_line('"Hij zei "nee" en ging weg')
    assert note.speaker == ""
    assert note.text == 'Hij zei "nee" en ging weg'
    empty_rest = parse_line('"Zo is het"')
    assert (empty_rest.text, empty_rest.speaker) == ("Zo is het", "")


def test_an_action_owner_with_an_underscore_reads_as_a_space_and_stray_ats_go():
    note = parse_line("!Verslag rondsturen @Marieke_de_Vries voor 1 juni", WEDNESDAY)
    assert note.text == "Verslag rondsturen"
    assert note.action_who == "Marieke de Vries"
    assert note.action_due == date(2027, 6, 1)  # 1 June has passed on 3 June 2026
    two = parse_line("!Bellen @Bram @Anouk;", WEDNESDAY)
    assert two.action_who == "Bram Anouk"
    assert two.text == "Bellen"


def test_squashing_keeps_single_spaces_and_trims_commas_and_semicolons():
    note = parse_line("!Bellen,   mailen ;", WEDNESDAY)
    assert note.text == "Bellen, mailen"


def test_clean_turns_line_breaks_and_tabs_into_spaces_and_drops_controls():
    assert clean("a\r\nb\tc\u2028d\u2029e") == "a b c d e"
    assert clean("x\x00y") == "xy"
    assert clean("XXa") == "XXa"  # ordinary letters stay


def test_too_long_is_strictly_more_than_the_limit():
    assert not too_long("x" * MAX_NOTE_CHARS)
    assert too_long("x" * (MAX_NOTE_CHARS + 1))
