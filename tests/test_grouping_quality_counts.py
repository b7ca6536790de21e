"""measure() counts each kind of problem exactly (not only "none"), history included."""

from __future__ import annotations

from workshop.grouping.api import Person, PlannedGroup, PlanRequest
from workshop.grouping.quality import measure, norm, pair


def people(*specs: tuple[str, dict[str, str], str, str]) -> tuple[Person, ...]:
    return tuple(
        Person(id=pid, name=pid.upper(), attributes=attrs, theme=theme, second_theme=second)
        for pid, attrs, theme, second in specs
    )


FOUR = people(
    ("a", {"org": "Gemeente"}, "Zorg", "Wonen"),
    ("b", {"org": " gemeente "}, "Wonen", "Zorg"),
    ("c", {"org": "GGD"}, "Zorg", ""),
    ("d", {"org": ""}, "", ""),
)


def test_norm_squashes_spaces_and_case_and_pair_ignores_order():
    assert norm("  Zorg   EN  welzijn ") == "zorg en welzijn"
    assert pair("a", "b") == pair("b", "a") == frozenset({"a", "b"})


def test_a_pair_meeting_three_times_counts_two_repeats_and_max_meetings_three():
    rnd = (PlannedGroup(("a", "b")), PlannedGroup(("c", "d")))
    q = measure(PlanRequest(people=FOUR), [rnd, rnd, rnd])
    assert q.repeated_pairs == 4  # a-b and c-d each meet 3 times: 2 repeats each
    assert q.max_meetings == 3
    assert q.new_pairs == 2


def test_history_adds_to_repeats_but_only_the_new_meetings_count():
    history = {pair("a", "b"): 2, frozenset({"a"}): 5}  # a one-person key is ignored
    rnd = (PlannedGroup(("a", "b")), PlannedGroup(("c", "d")))
    q = measure(PlanRequest(people=FOUR, history=history), [rnd])
    assert q.repeated_pairs == 1  # a-b: 3 meetings in all, 1 repeat already in history
    assert q.max_meetings == 3
    assert q.new_pairs == 1  # only c-d meets for the first time


def test_kept_together_pairs_are_not_repeats_but_count_towards_max_meetings():
    rnd = (PlannedGroup(("a", "b")), PlannedGroup(("c", "d")))
    q = measure(PlanRequest(people=FOUR, keep_together=(("a", "b"), ("c", "c"))), [rnd, rnd])
    assert q.repeated_pairs == 1  # only c-d
    assert q.max_meetings == 2
    assert q.broken_rules == 0


def test_each_broken_rule_counts_once_per_round():
    rnd = (PlannedGroup(("a", "c")), PlannedGroup(("b", "d")))
    request = PlanRequest(
        people=FOUR,
        keep_together=(("a", "b"),),
        keep_apart=(("a", "c"), ("d", "d")),
        hosts={"d": 0, "b": 1, "zz": 0, "c": 7},
    )
    q = measure(request, [rnd, rnd])
    # per round: a-b apart (1), a-c together (1), host d away from table 0 (1)
    assert q.broken_rules == 6


def test_attribute_clashes_count_pairs_sharing_a_value_after_normalising_not_blanks():
    rnd = (PlannedGroup(("a", "b", "c", "d", "x")),)  # x is not a known person
    q = measure(PlanRequest(people=FOUR, mix_on=("org",)), [rnd])
    assert q.attribute_clashes == 1  # a and b, "Gemeente" == " gemeente "; d's blank is no clash
    q2 = measure(PlanRequest(people=FOUR, mix_on=("org", "org")), [rnd])
    assert q2.attribute_clashes == 2


def test_theme_misses_and_second_choices_only_when_grouping_by_theme():
    rnd = (PlannedGroup(("a", "b", "d", "x"), theme=" zorg"), PlannedGroup(("c",), theme="Wonen"))
    q = measure(PlanRequest(people=FOUR, by_theme=True), [rnd])
    assert q.theme_misses == 2  # b at Zorg (second choice) and c at Wonen; d has no theme
    assert q.second_choices == 1
    assert measure(PlanRequest(people=FOUR), [rnd]).theme_misses == 0
    untitled = (PlannedGroup(("a", "b", "c", "d")),)
    assert measure(PlanRequest(people=FOUR, by_theme=True), [untitled]).theme_misses == 0


def test_size_spread_is_the_largest_difference_within_any_round():
    even = (PlannedGroup(("a", "b")), PlannedGroup(("c", "d")))
    uneven = (PlannedGroup(("a", "b", "c")), PlannedGroup(("d",)))
    assert measure(PlanRequest(people=FOUR), [even]).size_spread == 0
    assert measure(PlanRequest(people=FOUR), [uneven, even]).size_spread == 2
    assert measure(PlanRequest(people=FOUR), [even, uneven]).size_spread == 2
    assert measure(PlanRequest(people=FOUR), [(), even]).size_spread == 0
