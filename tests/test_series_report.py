"""The series verslag (PDF): meetings, attendance, actions with status, names redacted.

The first page is rendered with pdftoppm to a PNG: into docs/series/ when
WORKSHOP_SCREENSHOTS=1 (to refresh the committed picture), else into tmp.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO
from sqlalchemy import select

from workshop.cli import main
from workshop.commands import CommandRunner
from workshop.model import Participant
from workshop.people.commands import AddParticipant, SetPresence
from workshop.series.commands import AddAction, LinkPeople, NewMeeting, SetConsent
from workshop.series.queries import preview_session_matches
from workshop.sessions.commands import EditSession

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")


def _series(library) -> int:
    runner = CommandRunner(library)
    first = None
    for k, (title, summary) in enumerate(
        (
            (
                "Energy Hubs <start> & kennismaking",
                "Anouk de Vries opende; Kees Bos vroeg naar netcongestie.",
            ),
            ("Energy Hubs: wijkuitvoering", "Kees Bos presenteerde de kaart van Ede."),
        ),
        start=1,
    ):
        meeting = NewMeeting("CoP Energy Hubs", title=title, date=date(2026, k, 12))
        runner.do(meeting)
        sid = meeting.session_id
        first = first or sid
        runner.do(EditSession(sid, summary=summary))
        runner.do(
            AddParticipant(
                sid,
                name="Anouk de Vries",
                organisation="Provincie",
                email="anouk@prov.nl",
                may_be_named=True,
            )
        )
        runner.do(AddParticipant(sid, name="Kees Bos", organisation="Gemeente Ede"))
        if k == 2:
            runner.do(AddParticipant(sid, name="Sara Yilmaz", organisation="Enexis"))
        series_id, matches = preview_session_matches(library, sid)
        runner.do(LinkPeople(series_id, sid, matches))
        with library.read() as db:
            ids = list(db.scalars(select(Participant.id).where(Participant.session_id == sid)))
        runner.do(SetPresence(ids, "aanwezig"))
    runner.do(
        AddAction(
            series_id, "Kaart < 50 kV & knelpunten delen", "Kees Bos", date(2026, 1, 30), first
        )
    )
    runner.do(
        AddAction(
            series_id, "Wethouders uitnodigen", "Anouk de Vries", None, first, status="gedaan"
        )
    )
    return series_id


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_series_verslag_pdf_redacts_and_shows_actions(library, db_url, tmp_path, capsys):
    series_id = _series(library)
    pdf = tmp_path / "reeks.pdf"
    assert main(["series", "CoP Energy Hubs", "--db", db_url, "--pdf", str(pdf)]) == 0
    text = _text(pdf)
    assert "Energy Hubs <start> & kennismaking" in text  # escaped, not swallowed
    assert "Kaart < 50 kV & knelpunten delen" in text
    assert "Anouk de Vries" in text  # consented
    assert "Kees Bos" not in text and "Bos" not in text  # no consent: a role word
    assert "te laat" in text and "gedaan" in text
    assert "Aanwezigheid" in text

    # revoked consent reaches the verslag; anonymous mode names nobody
    with library.read() as db:
        from workshop.model import SeriesPerson

        anouk = db.scalar(select(SeriesPerson.id).where(SeriesPerson.name == "Anouk de Vries"))
    CommandRunner(library).do(SetConsent(anouk, False))
    assert main(["series", str(series_id), "--db", db_url, "--pdf", str(pdf)]) == 0
    assert "Anouk" not in _text(pdf)
    CommandRunner(library).do(SetConsent(anouk, True))
    assert main(["series", str(series_id), "--db", db_url, "--pdf", str(pdf), "--anonymous"]) == 0
    assert "Anouk" not in _text(pdf)

    assert main(["series", "CoP Energy Hubs", "--db", db_url, "--pdf", str(pdf)]) == 0
    target = tmp_path / "series-verslag"
    if os.environ.get("WORKSHOP_SCREENSHOTS") == "1":
        (REPO / "docs" / "series").mkdir(parents=True, exist_ok=True)
        target = REPO / "docs" / "series" / "series-verslag"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(target),
        ],
        check=True,
    )
    assert Path(f"{target}.png").stat().st_size > 5000
    assert main(["series", "--db", db_url, "--pdf", str(pdf)]) == 2
