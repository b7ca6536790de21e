"""Withheld names do not reach the verslag or the draaiboek in any form a facilitator types."""

from __future__ import annotations

import re
from datetime import date

import pytest
from report_helpers import pdf_text, squash

from workshop.demo import ensure_demo
from workshop.reports import ReportOptions, build_pdf, load_report_data
from workshop.reports.data import (
    AgendaEntry,
    GroupInfo,
    NoteInfo,
    Person,
    ReportData,
    RoundInfo,
    SessionInfo,
)

SECRET_FORMS = [
    "Anouk",
    "de Vries",
    "Vries",
    "Bram",
    "Jansen",
    "Chantal",
    "Janssen",
    "anouk",
    "@",
    "example.org",
    "Eva",
]


def session_data() -> ReportData:
    people = (
        Person(1, "Anouk de Vries", "Gemeente Utrecht", "beleid", "aanwezig", False, "anouk@example.org"),
        Person(2, "Bram Jansen", "Gemeente Utrecht", "wijkregisseur", "aanwezig", False, "bram@example.org"),
        Person(3, "Chantal Janssen", "Gemeente Utrecht", "bewoner", "aanwezig", False),
        Person(4, "Eva", "Buurthuis", "bewoner", "aanwezig", False),
        Person(5, "Piet Bakker", "Bakkerij Bakker", "ondernemer", "aanwezig", True),
    )  # fmt: skip
    agenda = (
        AgendaEntry(10, 0, "Welkom door Anouk", lead="Bram Jansen", planned_minutes=10),
        AgendaEntry(11, 1, "Gesprek", planned_minutes=30, summary="Anouk  de  Vries vatte samen"),
    )
    rounds = (
        RoundInfo(
            20,
            1,
            "Ronde met Eva",
            11,
            (
                GroupInfo(30, 0, "Tafel van Chantal", table_name="Tafel mw. Janssen", member_ids=(1, 3)),
                GroupInfo(31, 1, "Groep 2", theme="Wonen bij Eva", host_id=2, member_ids=(2, 4, 5)),
            ),
        ),
    )  # fmt: skip
    notes = (
        NoteInfo(40, "inzicht", "@Anouk wil meedoen; mail anouk@example.org", group_id=30),
        NoteInfo(41, "inzicht", "A. de Vries en Mevrouw De Vries zijn het eens", group_id=30),
        NoteInfo(42, "citaat", "Dit moet anders", group_id=31, speaker="Chantal", speaker_may_be_named=True),
        NoteInfo(43, "actie", "Plan maken", group_id=31, action_who="@Bram"),
        NoteInfo(44, "actie", "Bellen", group_id=30, action_who="Anouk", action_due=date(2024, 6, 1)),
        NoteInfo(45, "vraag", "Wat vindt Eva?", group_id=31, theme="Eva's thema"),
        NoteInfo(46, "inzicht", "anouk de vries en dhr. B. Jansen en Eva", agenda_item_id=11),
    )  # fmt: skip
    session = SessionInfo(
        1,
        "Wijkgesprek",
        summary="Samenvatting met @anouk en bram@example.org",
        follow_up="Chantal Janssen stuurt het verslag",
    )
    return ReportData(session, agenda, people, rounds, notes)


def leaks(text: str) -> list[str]:
    return [form for form in SECRET_FORMS if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text)]


@pytest.mark.parametrize("anonymous", [False, True])
def test_no_form_of_a_withheld_name_in_the_verslag(tmp_path, anonymous):
    options = ReportOptions(anonymous=anonymous)
    path = tmp_path / "v.pdf"
    build_pdf(session_data(), options, path)
    text = squash(pdf_text(path))
    assert leaks(text) == []
    assert "een medewerker van Gemeente Utrecht" in text
    assert "Een deelnemer" in text or "een deelnemer" in text
    if anonymous:
        assert "Piet Bakker" not in text
    else:
        assert "Piet Bakker" in text


def test_the_draaiboek_names_people_unless_anonymous(tmp_path):
    data = session_data()
    path = tmp_path / "d.pdf"
    build_pdf(data, ReportOptions(kind="draaiboek"), path)
    assert "Bram Jansen" in squash(pdf_text(path))  # internal: named
    build_pdf(data, ReportOptions(kind="draaiboek", anonymous=True), path)
    text = squash(pdf_text(path))
    assert leaks(text) == [] and "Piet Bakker" not in text


def test_anonymous_counts_under_three_become_other(tmp_path):
    path = tmp_path / "v.pdf"
    data = session_data()
    build_pdf(data, ReportOptions(anonymous=True), path)
    text = squash(pdf_text(path))
    assert "Gemeente Utrecht 3" in text
    assert "Buurthuis" not in text and "Bakkerij" not in text and "wijkregisseur" not in text
    assert "Andere organisaties 2" in text  # organisations: Buurthuis 1 + Bakkerij 1
    assert " 1 " not in text.split("Bijlage: aanwezigen")[-1]  # no count points at one person
    build_pdf(data, ReportOptions(), path)
    assert "Bakkerij Bakker" in squash(pdf_text(path))  # named reports keep the detail


def test_demo_anonymous_verslag_names_no_one(lib, tmp_path):
    sid = ensure_demo(lib)
    options = ReportOptions(anonymous=True)
    data = load_report_data(lib, sid, options)
    path = tmp_path / "anon.pdf"
    build_pdf(data, options, path)
    text = squash(pdf_text(path))
    forms = set()
    for p in data.participants:
        forms.add(p.name)
        forms.add(p.name.split()[0])
        if p.email:
            forms.add(p.email)
    found = [f for f in forms if f and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]
    assert found == []
    assert not re.search(r"(?<![\w.])@\w", text)
