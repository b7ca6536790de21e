"""The one redaction path for everything that prints, exports or sends participants' words.

A `Redactor` is made once per document from the session's people and who may be named
(anonymous mode: nobody). `redact(text)` replaces every form a facilitator types for a
withheld person with a role word ("een deelnemer"; "een medewerker van Gemeente Utrecht"
when at least `MIN_GROUP_SIZE` people of the session come from that organisation):

* full name, first name + surname, surname with or without tussenvoegsel ("de Vries", "Vries");
* titles and initials in front ("Mevrouw De Vries", "mw. de Vries", "A. de Vries", "dr. A.J. Vries");
* @mentions ("@Anouk", "@anouk.devries") and e-mail addresses;
* any spacing and case, with or without diacritics ("Chloé", "chloe"), ’ or '.

A single word (a first name or a surname alone) is matched only with its capital letter, so
"Ben" is withheld but "ik ben" is not, "Groot" but not "een groot plan"; longer forms match
in any case. A first name shared by several people is still withheld (with the generic role
word). A named person's full name is kept as typed even when a withheld person shares a part.

Anonymous mode also withholds every e-mail address and every @mention, known or not.

The pattern is one compiled alternation, longest forms first, matched on a folded copy of
the text of the same length, so the time grows linearly with the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from workshop.i18n import translator

MIN_NAME_LENGTH = 3
"""Shorter names ("Jo", "Li") are not matched alone: too many false hits in ordinary words."""

MIN_GROUP_SIZE = 3
"""Organisations and roles with fewer people are not named in an anonymous report."""

TITLES = (
    "mevrouw",
    "mevr",
    "mw",
    "mej",
    "meneer",
    "mnr",
    "dhr",
    "de heer",
    "heer",
    "drs",
    "dr",
    "ir",
    "ing",
    "prof",
    "mr",
    "mrs",
    "ms",
    "miss",
)
TUSSENVOEGSELS = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "te",
        "ten",
        "ter",
        "in",
        "op",
        "aan",
        "uit",
        "bij",
        "voor",
        "la",
        "le",
        "du",
        "da",
        "di",
        "del",
        "della",
        "des",
        "von",
        "vom",
        "zu",
    ]
)

# -- folding: the same length as the text, so positions carry over -------------------------

_FOLD_BASE = {0x2019: 0x27, 0x2018: 0x27, 0x02BC: 0x27, 0x00A0: 0x20}
_FOLD: dict[int, int] = dict(_FOLD_BASE)  # grows with every character met


def fold(text: str) -> str:
    """Letters without their accents and ’ as ', one character for one character."""
    if text.isascii():
        return text
    for c in set(text):
        if ord(c) not in _FOLD:
            _FOLD[ord(c)] = ord(unicodedata.normalize("NFD", c)[0])
    return text.translate(_FOLD)


def key_of(text: str) -> str:
    """How two spellings of one name compare: folded, case-free, single spaces, tight hyphens."""
    return re.sub(r"\s*-\s*", "-", " ".join(fold(text).casefold().split()))


def handle_of(text: str) -> str:
    """A name or @handle without anything between its letters ("anoukdevries")."""
    return re.sub(r"[\W_]+", "", fold(text).casefold())


# -- names --------------------------------------------------------------------------------

_TITLE = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in TITLES)
_LEADING_TITLES = re.compile(rf"^(?:(?:{_TITLE})(?:\.\s*|\s+))+", re.IGNORECASE)
_INITIAL = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?|[^\W\d_]")


@dataclass(frozen=True)
class NameParts:
    """A name split the Dutch way: "Anouk" + ("de", "Vries"), core ("Vries",)."""

    tokens: tuple[str, ...]
    first: str
    surname: tuple[str, ...]
    core: tuple[str, ...]


def split_name(name: str) -> NameParts:
    """Titles dropped; the first word is the first name unless it is an initial."""
    tokens = tuple(_LEADING_TITLES.sub("", " ".join(name.split())).split())
    if not tokens:
        return NameParts((), "", (), ())
    first = "" if _INITIAL.fullmatch(tokens[0]) else tokens[0]
    rest = tokens[1:]
    if not rest:
        return NameParts(tokens, first, (), ())
    surname = rest[-1:]
    for i, token in enumerate(rest[:-1]):
        if token.casefold() in TUSSENVOEGSELS:
            surname = rest[i:]
            break
    start = 0
    while start < len(surname) - 1 and surname[start].casefold() in TUSSENVOEGSELS:
        start += 1
    return NameParts(tokens, first, surname, surname[start:])


def _token(token: str) -> str:
    """One word of a name: literal, hyphens with any spacing around them."""
    return r"\s*-\s*".join(re.escape(part) for part in fold(token).split("-"))


def _words(tokens: Iterable[str]) -> str:
    return r"\s+".join(_token(t) for t in tokens)


def _capital(token: str) -> str:
    """One word that only matches with its capital first letter ("Ben", not "ben")."""
    folded = fold(token)
    return f"(?-i:{re.escape(folded[0].upper()[0])}){_token(folded[1:])}"


@dataclass(frozen=True)
class Who:
    """One person as redaction sees them."""

    name: str
    email: str = ""
    organisation: str = ""
    withheld: bool = True


RoleWord = Callable[[Who | None], str]


def role_words(people: Iterable[Who], lang: str = "nl") -> RoleWord:
    """'a participant', or 'someone from X' when X has at least MIN_GROUP_SIZE people here."""
    _ = translator(lang)
    sizes = Counter(key_of(p.organisation) for p in people if p.organisation.strip())

    def word(who: Who | None) -> str:
        if who is not None and sizes[key_of(who.organisation)] >= MIN_GROUP_SIZE:
            return _("someone from {organisation}").format(
                organisation=" ".join(who.organisation.split())
            )
        return _("a participant")

    return word


def _forms(who: Who) -> list[tuple[str, str]]:
    """(pattern, key) for every form of the person's name worth matching."""
    parts = split_name(who.name)
    out: list[tuple[str, str]] = []

    def add(tokens: tuple[str, ...]) -> None:
        text = " ".join(tokens)
        if len(tokens) > 1:
            out.append((_words(tokens), key_of(text)))
        elif tokens and len(text) >= MIN_NAME_LENGTH:
            out.append((_capital(text), key_of(text)))

    add(parts.tokens)
    if parts.first and parts.surname:
        add((parts.first, *parts.surname))
    add(parts.surname)
    add(parts.core)
    if parts.first:
        add((parts.first,))
    return out


def _handles(who: Who) -> set[str]:
    parts = split_name(who.name)
    found = {
        handle_of(" ".join(t))
        for t in (parts.tokens, (parts.first, *parts.surname), parts.surname, parts.core)
        if t
    }
    if parts.first:
        found.add(handle_of(parts.first))
    return {h for h in found if len(h) >= MIN_NAME_LENGTH}


_PREFIX = rf"(?:(?:{_TITLE})(?:\.\s*|\s+)){{0,3}}(?:(?:[^\W\d_]\.\s*){{1,4}}|(?-i:[A-Z])\s+)?"
_EMAIL = r"(?<![\w.+\-])(?P<email>[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)"
_MENTION = r"(?<![\w.])(?P<mention>@\w+(?:[.\-]\w+)*)"


class Redactor:
    """Replaces withheld people's names, mentions and e-mail addresses with role words."""

    def __init__(
        self, people: Iterable[Who], role_word: RoleWord | None = None, anonymous: bool = False
    ) -> None:
        people = [p for p in people if p.name.strip() or p.email.strip()]
        self.anonymous = anonymous
        self._role = role_word or role_words(people)
        by_key: dict[str, list[Who]] = defaultdict(list)
        patterns: dict[str, int] = {}
        withheld_keys: set[str] = set()
        for who in people:
            for pattern, key in _forms(who):  # a named person's forms are kept as typed
                if who.withheld:
                    withheld_keys.add(key)
                by_key[key].append(who)
                patterns[pattern] = len(key)
        self._names = {k: self._word_for(v) for k, v in by_key.items()}
        handles: dict[str, list[Who]] = defaultdict(list)
        for who in people:
            for handle in _handles(who):
                handles[handle].append(who)
        self._handles = {k: self._word_for(v) for k, v in handles.items()}
        emails: dict[str, list[Who]] = defaultdict(list)
        for who in people:
            if who.email.strip():
                emails[who.email.strip().casefold()].append(who)
        # a participant's e-mail address is never printed, named or not
        self._emails = {
            k: self._role(v[0]) if len(v) == 1 else self._role(None) for k, v in emails.items()
        }
        self._withheld = [p for p in people if p.withheld]
        ordered = sorted(patterns, key=lambda p: (-patterns[p], p))
        branches = [_EMAIL]
        if withheld_keys:
            branches.append(
                r"(?<![\w@])@?" + _PREFIX + "(?P<name>" + "|".join(ordered) + r")"
                r"(?!\w|[.\-@]\w)"
            )
        branches.append(_MENTION)
        self._pattern = re.compile("|".join(branches), re.IGNORECASE)

    def _word_for(self, people: list[Who]) -> str | None:
        """The role word for a form; None keeps it (it names only people who may be named)."""
        if not any(p.withheld for p in people):
            return None
        distinct = {id(p) for p in people}
        return self._role(people[0]) if len(distinct) == 1 else self._role(None)

    @classmethod
    def from_names(cls, names: Iterable[str], label: str) -> Redactor:
        """Withhold these names, replacing each with the same label."""
        return cls([Who(n) for n in names], role_word=lambda who: label)

    def _replacement(self, m: re.Match[str]) -> str | None:
        email = m.group("email")
        if email is not None:
            word = self._emails.get(email.casefold())
            if word is None and self.anonymous:
                word = self._role(None)
            return word
        mention = m.group("mention")
        if mention is not None:
            return self._mention(mention)
        return self._names.get(key_of(m.group("name")), self._role(None))

    def _mention(self, mention: str) -> str | None:
        handle = handle_of(mention)
        if handle in self._handles:
            return self._handles[handle]
        if self.anonymous:
            return self._role(None)
        for who in self._withheld:  # "@anouk_d": starts with a withheld first name or name
            if any(handle.startswith(h) for h in _handles(who)):
                return self._role(who)
        return None

    def redact(self, text: str) -> str:
        """`text` with every withheld form replaced by its role word."""
        if not text:
            return text
        out: list[str] = []
        last = 0
        for m in self._pattern.finditer(fold(text)):
            word = self._replacement(m)
            if word is None:
                continue
            start, end = m.span()
            out.append(text[last:start])
            out.append(_sentence_case(word, text, start))
            last = end
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)

    def changes(self, text: str) -> bool:
        """Whether `text` names (or mentions, or mails) someone withheld."""
        return bool(text) and self.redact(text) != text


def _sentence_case(word: str, text: str, start: int) -> str:
    """The role word with a capital at the start of the text or of a sentence."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in ".!?\n":
        return word[:1].upper() + word[1:]
    return word


def group_small_counts(
    counts: Mapping[str, int], other: str, minimum: int = MIN_GROUP_SIZE
) -> list[tuple[str, int]]:
    """Counts of at least `minimum`, largest first; the smaller ones added up as `other`."""
    kept: dict[str, int] = {}
    rest = 0
    for label, n in counts.items():
        if n >= minimum and label != other:
            kept[label] = n
        else:
            rest += n
    rows = sorted(kept.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    if rest:
        rows.append((other, rest))
    return rows


def anonymous_rows(
    rows: Sequence[tuple[str, str]], other: str, minimum: int = MIN_GROUP_SIZE
) -> list[tuple[str, str]]:
    """(organisation, role) per person with the values shared by fewer than `minimum`
    people replaced by `other`, so no row of an anonymous listing points at one person."""
    orgs = Counter(key_of(org) for org, _role in rows)
    roles = Counter(key_of(role) for _org, role in rows)
    return [
        (
            org if orgs[key_of(org)] >= minimum or not org.strip() else other,
            role if roles[key_of(role)] >= minimum or not role.strip() else other,
        )
        for org, role in rows
    ]
