"""One Dutch term per concept (docs/glossary.md): the words the glossary rules out stay out of
the Dutch translations, and quotes are “…” throughout."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from conftest import REPO

PO_FILES = sorted((REPO / "resources" / "translations" / "nl").glob("*.po"))

#: (pattern, what to write instead); matched case-insensitively unless the pattern says so
BANNED = [
    (r"\bsessie", "bijeenkomst"),
    (r"(?-i:\b[Uu] (?:kunt|kan|wilt|moet|hebt|heeft|bent|ziet|vindt)\b)", "je"),
    (r"\b(?:kunt|wilt|hebt|bent) u\b", "je"),
    (r"\buw\b", "je / jouw"),
    (r"\bagendapunt", "onderdeel"),
    (r"\bincheck|\bingecheckt|\bcheck-in|^aanmelden", "aanwezig melden"),
    (r"\bbinnenloper", "inloper"),
    (r"\bgastheer|\bgastvrouw", "tafelhost"),
    (r"\bprojector", "beamer / beeld"),
    (r"\bstemmen\b", "stippen"),
    (r"\bbevriez|\bontdooi", "beeld vastzetten / vrijgeven"),
    (r"klaar om \{end\}|gepland klaar", "geplande eindtijd"),
    (r"‘", "“…” (one quote style)"),
    (r"’(?![a-z])", "“…” (one quote style; ’ only as an apostrophe: zo’n)"),
]


def dutch_messages() -> list[tuple[str, str, str]]:
    found = []
    for path in PO_FILES:
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id or not message.string:
                    continue
                text = message.string if isinstance(message.string, str) else message.string[0]
                found.append((path.name, str(message.id), text))
    return found


def test_the_scan_reads_every_dutch_file():
    names = {name for name, _id, _text in dutch_messages()}
    assert len(names) == len(PO_FILES) > 5
    assert len(dutch_messages()) > 500


@pytest.mark.parametrize(("pattern", "instead"), BANNED)
def test_dutch_translations_use_the_glossary_terms(pattern, instead):
    wrong = [
        f"{name}: {text!r}"
        for name, _id, text in dutch_messages()
        if re.search(pattern, text, re.IGNORECASE)
    ]
    assert not wrong, f"write {instead}:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    "sample",
    ["Nieuwe sessie", "U kunt nu beginnen", "Wijzig uw naam", "‘titel’ staat vast", "Agendapunt"],
)
def test_the_patterns_catch_what_they_are_for(sample):
    assert any(re.search(p, sample, re.IGNORECASE) for p, _instead in BANNED)


@pytest.mark.parametrize("sample", ["zo’n dag", "Programma’s", "je kunt", "Bijeenkomst", "u.a."])
def test_the_patterns_leave_good_dutch_alone(sample):
    assert not any(re.search(p, sample, re.IGNORECASE) for p, _instead in BANNED)
