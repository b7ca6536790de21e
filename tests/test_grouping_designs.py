"""Known constructions: exact zero-repeat schedules for the small classic instances."""

from __future__ import annotations

import itertools

import pytest

from workshop.grouping import designs
from workshop.grouping.api import Person, PlanRequest
from workshop.grouping.fields import GF, RingProduct, factorize, prime_power
from workshop.grouping.planner import plan_rounds


@pytest.mark.parametrize("q", [2, 3, 4, 5, 7, 8, 9, 16])
def test_finite_field_axioms(q: int) -> None:
    f = GF(q)
    elems = range(q)
    for a, b in itertools.product(elems, elems):
        assert f.add(a, b) == f.add(b, a)
        assert f.mul(a, b) == f.mul(b, a)
    for a in range(1, q):  # every non-zero element has an inverse
        assert sum(1 for b in elems if f.mul(a, b) == 1) == 1
    for a, b, c in itertools.product(range(min(q, 5)), repeat=3):
        assert f.mul(a, f.add(b, c)) == f.add(f.mul(a, b), f.mul(a, c))


def test_gf4_is_not_arithmetic_mod_4() -> None:
    f = GF(4)
    assert f.add(1, 1) == 0  # characteristic 2
    assert f.mul(2, 2) in (3, 1) and f.mul(2, 2) != 0  # no zero divisors, unlike Z_4


def test_factorisation_and_macneish_bound() -> None:
    assert factorize(360) == [(2, 3), (3, 2), (5, 1)]
    assert prime_power(8) == (2, 3) and prime_power(6) is None
    assert RingProduct(6).unit_multipliers == 2
    assert RingProduct(12).unit_multipliers == 3
    assert RingProduct(8).unit_multipliers == 8


def check(cons: designs.Construction, people: int, groups: int, rounds: int) -> None:
    assert len(cons.schedule) >= rounds
    for rnd in cons.schedule[:rounds]:
        assert len(rnd) == groups
        assert sorted(p for g in rnd for p in g) == list(range(people))
        sizes = [len(g) for g in rnd]
        assert max(sizes) - min(sizes) <= 1
    assert designs.repeats(cons.schedule[:rounds]) == 0


@pytest.mark.parametrize(
    ("people", "groups", "rounds", "method"),
    [
        (15, 5, 7, "kirkman"),
        (16, 4, 5, "affine-plane"),
        (25, 5, 6, "affine-plane"),
        (36, 6, 3, "macneish"),
        (18, 6, 8, "cyclic"),
        (32, 8, 8, "affine-plane"),
        (32, 8, 9, "cyclic"),
        (47, 8, 8, "affine-plane"),
        (49, 7, 8, "affine-plane"),
        (144, 12, 3, "macneish"),
    ],
)
def test_constructions_have_no_repeats(people: int, groups: int, rounds: int, method: str) -> None:
    cons = designs.construct(people, groups, rounds, seconds=1.0)
    assert cons is not None
    assert cons.method == method
    check(cons, people, groups, rounds)


def test_rows_never_meet() -> None:
    cons = designs.macneish(8, 6, 8)
    assert cons is not None
    for row in cons.rows:
        for rnd in cons.schedule:
            for g in rnd:
                assert len(set(g) & set(row)) <= 1


def test_no_construction_beyond_the_bounds() -> None:
    assert designs.macneish(6, 6, 4) is None  # would need two orthogonal Latin squares of order 6
    assert designs.macneish(4, 5, 2) is None  # more rows than groups


def test_kirkman_starter_search_finds_the_schoolgirls() -> None:
    shape = designs.CyclicShape(levels=2, modulus=7, fixed=1)
    starters = designs.find_starters(shape, groups=5, size=3, count=1, seconds=5.0, seed=3)
    assert starters is not None
    sched = designs.develop(shape, starters, 7)
    assert designs.repeats(sched) == 0
    met = {frozenset(p) for rnd in sched for g in rnd for p in itertools.combinations(g, 2)}
    assert len(met) == 105  # every pair of the 15 schoolgirls walks together exactly once


def test_known_starters_are_verified() -> None:
    for (levels, modulus, fixed, _size, _count), starters in designs.KNOWN_STARTERS.items():
        shape = designs.CyclicShape(levels, modulus, fixed)
        assert designs.starter_cost(shape, starters) == 0


@pytest.mark.parametrize(
    ("people", "groups", "rounds"),
    [(15, 5, 7), (16, 4, 5), (25, 5, 6), (36, 6, 3), (18, 6, 8), (32, 8, 8), (47, 8, 8)],
)
def test_planner_reaches_zero_repeats_on_the_known_instances(
    people: int, groups: int, rounds: int
) -> None:
    crowd = tuple(Person(i, f"P{i}") for i in range(people))
    result = plan_rounds(
        PlanRequest(people=crowd, rounds=rounds, group_size=None, group_count=groups, seed=1)
    )
    assert result.quality.repeated_pairs == 0
    assert result.quality.max_meetings == 1
    assert result.quality.size_spread <= 1


def test_organisations_as_rows_are_kept_apart() -> None:
    # 8 organisations of 4 people, 32 people in 8 tables of 4 for 8 rounds: each organisation
    # fits one row (one line of the affine plane), so nobody ever sits with a colleague.
    crowd = tuple(
        Person(f"{o}.{k}", f"{o}.{k}", {"org": f"org{o}"}) for o in range(8) for k in range(4)
    )
    result = plan_rounds(PlanRequest(people=crowd, rounds=8, group_size=4, mix_on=("org",), seed=2))
    assert result.quality.repeated_pairs == 0
    assert result.quality.attribute_clashes == 0
