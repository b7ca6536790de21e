"""Due dates at the edges: weekdays with "volgende", months 1 and 12, next month in December."""

from __future__ import annotations

from datetime import date

from workshop.capture.dates import MONTHS, WEEKDAYS, find_due, parse_due

WEDNESDAY = date(2026, 6, 3)


def test_volgende_vrijdag_is_the_friday_of_next_week_and_vrijdag_the_coming_one():
    assert parse_due("vrijdag", WEDNESDAY) == date(2026, 6, 5)
    assert parse_due("volgende vrijdag", WEDNESDAY) == date(2026, 6, 12)
    assert parse_due("next friday", WEDNESDAY) == date(2026, 6, 12)
    assert parse_due("uiterlijk maandag", WEDNESDAY) == date(2026, 6, 8)


def test_the_same_weekday_means_a_week_later_with_or_without_volgende():
    assert parse_due("woensdag", WEDNESDAY) == date(2026, 6, 10)
    assert parse_due("volgende woensdag", WEDNESDAY) == date(2026, 6, 10)


def test_months_one_and_twelve_by_name_and_by_number():
    assert MONTHS["januari"] == MONTHS["jan"] == 1
    assert MONTHS["december"] == MONTHS["dec"] == 12
    assert WEEKDAYS["maandag"] == 0 and WEEKDAYS["zondag"] == 6
    assert parse_due("1 januari", WEDNESDAY) == date(2027, 1, 1)
    assert parse_due("31 december", WEDNESDAY) == date(2026, 12, 31)
    assert parse_due("dec 31", WEDNESDAY) == date(2026, 12, 31)
    assert parse_due("jan 1, 2027", WEDNESDAY) == date(2027, 1, 1)
    assert parse_due("1-1", WEDNESDAY) == date(2027, 1, 1)
    assert parse_due("31-12", WEDNESDAY) == date(2026, 12, 31)
    assert parse_due("1-13", WEDNESDAY) is None
    assert parse_due("0-12", WEDNESDAY) is None


def test_a_date_without_year_is_the_first_on_or_after_the_session_day():
    assert parse_due("3-6", WEDNESDAY) == WEDNESDAY
    assert parse_due("2-6", WEDNESDAY) == date(2027, 6, 2)
    assert parse_due("29-2", date(2026, 3, 1)) is None  # no 29 February in 2026 or 2027


def test_volgende_maand_in_december_is_january_of_the_next_year():
    assert parse_due("volgende maand", date(2026, 12, 31)) == date(2027, 1, 28)
    assert parse_due("volgende maand", date(2026, 11, 15)) == date(2026, 12, 15)
    assert parse_due("next month", date(2026, 1, 31)) == date(2026, 2, 28)


def test_relative_phrases_count_from_the_session_day():
    assert parse_due("vandaag", WEDNESDAY) == WEDNESDAY
    assert parse_due("morgen", WEDNESDAY) == date(2026, 6, 4)
    assert parse_due("overmorgen", WEDNESDAY) == date(2026, 6, 5)
    assert parse_due("volgende  week", WEDNESDAY) == date(2026, 6, 10)
    assert parse_due("over 3 dagen", WEDNESDAY) == date(2026, 6, 6)
    assert parse_due("over 2 weken", WEDNESDAY) == date(2026, 6, 17)


def test_years_two_and_four_digits_and_impossible_days_stay_text():
    assert parse_due("1-6-27", WEDNESDAY) == date(2027, 6, 1)
    assert parse_due("1-6-2028", WEDNESDAY) == date(2028, 6, 1)
    assert parse_due("1 juni 2029", WEDNESDAY) == date(2029, 6, 1)
    assert parse_due("2026-07-09", WEDNESDAY) == date(2026, 7, 9)
    assert parse_due("2026-13-01", WEDNESDAY) is None
    assert parse_due("31-2-2027", WEDNESDAY) is None
    assert parse_due("15-30", WEDNESDAY) is None


def test_the_last_phrase_wins_and_its_place_is_reported():
    found = find_due("gepland 1-6 en 2-6", WEDNESDAY)
    assert found is not None
    assert (found.when, found.phrase, found.start, found.end) == (date(2027, 6, 2), "2-6", 15, 18)
    lead = find_due("Bellen voor 1 juni", WEDNESDAY)
    assert lead is not None and lead.phrase == "voor 1 juni" and lead.start == 7 and lead.end == 18
    assert find_due("geen datum", WEDNESDAY) is None
