"""Finite fields GF(p^e) and products of them (the rings behind MacNeish's construction).

Elements of GF(q) are the integers 0..q-1: the base-p digits of an integer are the
coefficients of a polynomial over GF(p), reduced modulo an irreducible polynomial of degree e.
`RingProduct` multiplies several fields component-wise; its differences of "multipliers"
are units, which is what a schedule without repeated pairs needs.
"""

from __future__ import annotations

from functools import cache


def factorize(n: int) -> list[tuple[int, int]]:
    """[(prime, exponent), ...] for n >= 1."""
    out = []
    d = 2
    while d * d <= n:
        if n % d == 0:
            e = 0
            while n % d == 0:
                n //= d
                e += 1
            out.append((d, e))
        d += 1
    if n > 1:
        out.append((n, 1))
    return out


def prime_power(q: int) -> tuple[int, int] | None:
    """(p, e) when q = p**e, else None."""
    f = factorize(q)
    return f[0] if len(f) == 1 else None


def _poly_mulmod(a: list[int], b: list[int], mod: list[int], p: int) -> list[int]:
    """Product of coefficient lists (lowest degree first) modulo monic `mod`."""
    prod = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                prod[i + j] = (prod[i + j] + x * y) % p
    deg = len(mod) - 1
    for i in range(len(prod) - 1, deg - 1, -1):
        c = prod[i]
        if c:
            for j in range(deg + 1):
                prod[i - deg + j] = (prod[i - deg + j] - c * mod[j]) % p
    return (prod + [0] * deg)[:deg]


def _irreducible(p: int, e: int) -> list[int]:
    """A monic irreducible polynomial of degree e over GF(p) (no roots / no factors)."""
    for code in range(p**e):
        coeffs = [(code // p**i) % p for i in range(e)] + [1]
        if coeffs[0] == 0:
            continue
        if _is_irreducible(coeffs, p):
            return coeffs
    raise ValueError(f"no irreducible polynomial of degree {e} over GF({p})")


def _is_irreducible(poly: list[int], p: int) -> bool:
    e = len(poly) - 1
    # A polynomial of degree e is irreducible iff it has no monic factor of degree <= e/2.
    for d in range(1, e // 2 + 1):
        for code in range(p**d):
            factor = [(code // p**i) % p for i in range(d)] + [1]
            if _divides(factor, poly, p):
                return False
    return True


def _divides(f: list[int], g: list[int], p: int) -> bool:
    rem = list(g)
    df = len(f) - 1
    for i in range(len(rem) - 1, df - 1, -1):
        c = rem[i]
        if c:
            for j in range(df + 1):
                rem[i - df + j] = (rem[i - df + j] - c * f[j]) % p
    return not any(rem[:df])


class GF:
    """The finite field with q = p**e elements, elements 0..q-1 (0 is zero, 1 is one)."""

    def __init__(self, q: int) -> None:
        pe = prime_power(q)
        if pe is None:
            raise ValueError(f"{q} is not a prime power")
        self.q, (self.p, self.e) = q, pe
        p, e = self.p, self.e
        if e == 1:
            self.add_t = [[(a + b) % p for b in range(q)] for a in range(q)]
            self.mul_t = [[(a * b) % p for b in range(q)] for a in range(q)]
        else:
            mod = _irreducible(p, e)

            def digits(x: int) -> list[int]:
                return [(x // p**i) % p for i in range(e)]

            def number(d: list[int]) -> int:
                return sum(c * p**i for i, c in enumerate(d))

            self.add_t = [
                [
                    number([(x + y) % p for x, y in zip(digits(a), digits(b), strict=True)])
                    for b in range(q)
                ]
                for a in range(q)
            ]
            self.mul_t = [
                [number(_poly_mulmod(digits(a), digits(b), mod, p)) for b in range(q)]
                for a in range(q)
            ]

    def add(self, a: int, b: int) -> int:
        return self.add_t[a][b]

    def mul(self, a: int, b: int) -> int:
        return self.mul_t[a][b]

    def neg(self, a: int) -> int:
        return self.add_t[a].index(0)


@cache
def field(q: int) -> GF:
    return GF(q)


class RingProduct:
    """GF(q1) x GF(q2) x ... for the prime-power factors of n; elements are 0..n-1."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.fields = [field(p**e) for p, e in factorize(n)] if n > 1 else []
        self.radix = [f.q for f in self.fields]

    @property
    def unit_multipliers(self) -> int:
        """How many elements have pairwise differences that are all units (MacNeish bound)."""
        return min(self.radix) if self.radix else 1

    def split(self, x: int) -> list[int]:
        out = []
        for q in self.radix:
            out.append(x % q)
            x //= q
        return out

    def join(self, parts: list[int]) -> int:
        x, scale = 0, 1
        for v, q in zip(parts, self.radix, strict=True):
            x += v * scale
            scale *= q
        return x

    def add(self, a: int, b: int) -> int:
        return self.join(
            [f.add(x, y) for f, x, y in zip(self.fields, self.split(a), self.split(b), strict=True)]
        )

    def mul(self, a: int, b: int) -> int:
        return self.join(
            [f.mul(x, y) for f, x, y in zip(self.fields, self.split(a), self.split(b), strict=True)]
        )

    def multiplier(self, i: int) -> int:
        """The i-th multiplier (i < unit_multipliers): i in every component."""
        return self.join([i] * len(self.radix))
