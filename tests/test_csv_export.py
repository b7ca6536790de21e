"""One CSV writer for every export: formulas neutralised, Dutch Excel format, nothing partial."""

from __future__ import annotations

import csv
import errno
import re
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.csv_export import neutralise, write_csv
from workshop.store.library import Library

REPO = Path(__file__).resolve().parent.parent
DANGEROUS = ['=HYPERLINK("http://x","klik")', "@SUM(A1:A9)", "+31612345678", "-2+3", "\tx", "\rx"]


def test_neutralise_each_dangerous_start():
    for value in DANGEROUS:
        assert neutralise(value) == "'" + value
    assert neutralise("Anouk") == "Anouk"
    assert neutralise(-5) == -5  # numbers stay numbers
    assert neutralise("") == ""


def test_write_csv_is_dutch_excel_and_neutralised(tmp_path):
    path = write_csv(tmp_path / "x.csv", [["naam", "tel"], ["=1+1", "+316"]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline=""), delimiter=";"))
    assert rows == [["naam", "tel"], ["'=1+1", "'+316"]]


def test_a_failed_write_leaves_no_part_file(tmp_path, monkeypatch):
    import os

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        write_csv(tmp_path / "x.csv", [["a"]])
    assert list(tmp_path.iterdir()) == []


def test_no_module_but_the_writer_calls_csv_writer():
    offenders = []
    for path in list((REPO / "workshop").rglob("*.py")) + list((REPO / "ui").rglob("*.py")):
        if path.name == "csv_export.py":
            continue
        if re.search(r"csv\.(writer|DictWriter)\s*\(", path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def _people_file(path: Path) -> None:
    lines = ["Naam;Organisatie"]
    names = DANGEROUS[:3] + [f"Deelnemer {i}" for i in range(9)]
    lines += [f'"{n.replace(chr(34), chr(34) * 2)}";Org {i % 3}' for i, n in enumerate(names)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh, delimiter=";") for cell in row]


def test_groups_from_a_people_file_neutralises_names(tmp_path):
    people = tmp_path / "mensen.csv"
    _people_file(people)
    out = tmp_path / "plan.csv"
    assert main(["groups", "--people", str(people), "--groups", "3", "--out", str(out)]) == 0
    cells = _cells(out)
    assert "'" + DANGEROUS[0] in cells and "'@SUM(A1:A9)" in cells and "'+31612345678" in cells
    assert not any(c.startswith(("=", "@", "+")) for c in cells)


def test_groups_for_a_session_neutralises_names(tmp_path, capsys):
    from workshop.commands import CommandRunner
    from workshop.demo import ensure_demo
    from workshop.people.commands import AddParticipant

    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    lib = Library.open(url)
    sid = ensure_demo(lib)
    CommandRunner(lib).do(AddParticipant(sid, walk_in=True, name=DANGEROUS[0]))
    lib.close()
    out = tmp_path / "plan.csv"
    args = ["--db", url, "groups", str(sid), "--item", "subgroepen", "--size", "6"]
    assert main(args + ["--rounds", "1", "--seed", "1", "--out", str(out)]) == 0
    cells = _cells(out)
    assert "'" + DANGEROUS[0] in cells
    assert not any(c.startswith("=") for c in cells)
