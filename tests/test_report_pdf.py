"""The PDF verslag and draaiboek: content read back with pypdf, naming rules, bad input, scale."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader
from report_helpers import (
    NAMED,
    QUOTE_NAMED,
    SECRET,
    TRICKY,
    make_rich_session,
    pdf_text,
    photo_bytes,
    squash,
)

from workshop.demo import ensure_demo
from workshop.reports import ReportError, ReportOptions, build_pdf, load_report_data
from workshop.reports.data import (
    AgendaEntry,
    AttachmentInfo,
    GroupInfo,
    NoteInfo,
    Person,
    ReportData,
    RoundInfo,
    SessionInfo,
)


def write(data: ReportData, options: ReportOptions, tmp_path, name="out.pdf"):
    path = tmp_path / name
    result = build_pdf(data, options, path)
    return path, result, pdf_text(path)


def test_demo_session_both_kinds(lib, tmp_path):
    sid = ensure_demo(lib)
    for kind in ("verslag", "draaiboek"):
        options = ReportOptions(kind=kind)
        path, result, text = write(
            load_report_data(lib, sid, options), options, tmp_path, f"{kind}.pdf"
        )
        assert result.pages >= 2
        flat = squash(text)
        assert "Lokale gemeenschappen als motor voor transitie" in flat
        assert "Introductie over de transitie" in flat
        assert f"pagina 1 van {result.pages}" in flat or f"pagina 2 van {result.pages}" in flat
    assert "Draaiboek".upper() in text or "DRAAIBOEK" in text


def test_naming_rules_in_the_verslag(lib, tmp_path):
    sid = make_rich_session(lib)
    options = ReportOptions()
    _, _, text = write(load_report_data(lib, sid, options), options, tmp_path)
    flat = squash(text)
    assert NAMED in flat  # agreed: listed and named as host
    assert SECRET not in flat  # did not agree: not as member, host, speaker nor in note text
    assert "Een deelnemer zei iets in de zaal" in flat  # a role word, not a blank
    # the quote was marked "may be named", but the person did not agree: the person wins
    assert QUOTE_NAMED not in flat
    assert "Een citaat dat genoemd mag worden" in flat
    assert "Een citaat van een geheime spreker" in flat  # the quote itself stays
    assert "Bijlage: aanwezigen" in flat  # the attendance list is an appendix


def test_a_quote_names_its_speaker_only_when_both_agree(lib, tmp_path):
    from sqlalchemy import update

    from workshop.model import Participant

    sid = make_rich_session(lib)
    with lib.unit_of_work() as db:
        db.execute(
            update(Participant).where(Participant.name == QUOTE_NAMED).values(may_be_named=True)
        )
    options = ReportOptions()
    _, _, text = write(load_report_data(lib, sid, options), options, tmp_path)
    assert f"— {QUOTE_NAMED}" in squash(text)


def test_anonymous_verslag_names_nobody(lib, tmp_path):
    sid = make_rich_session(lib)
    options = ReportOptions(anonymous=True)
    _, _, text = write(load_report_data(lib, sid, options), options, tmp_path)
    flat = squash(text)
    for name in (NAMED, SECRET, QUOTE_NAMED, "Fatima Smits"):
        assert name not in flat, name
    assert "Dit verslag noemt geen deelnemers." in flat
    assert "Gemeente Lindenburg" in flat  # organisations are still counted


def test_draaiboek_names_the_team_list_unless_anonymous(lib, tmp_path):
    sid = make_rich_session(lib)
    options = ReportOptions(kind="draaiboek")
    _, _, text = write(load_report_data(lib, sid, options), options, tmp_path)
    flat = squash(text)
    assert SECRET in flat and NAMED in flat
    assert "Volgorde van terugkoppeling" in flat
    assert flat.index("Groep 2 — Zorg") < flat.index("Groep 1 — Energie")  # report_position
    assert "Flappen, stiften" in flat and "Groepen van zes" in flat
    anonymous = replace(options, anonymous=True)
    _, _, text = write(load_report_data(lib, sid, anonymous), anonymous, tmp_path, "anon.pdf")
    flat = squash(text)
    for name in (NAMED, SECRET, QUOTE_NAMED):
        assert name not in flat


def test_user_text_prints_exactly_as_typed(lib, tmp_path):
    sid = make_rich_session(lib)
    options = ReportOptions()
    _, _, text = write(load_report_data(lib, sid, options), options, tmp_path)
    flat = squash(text)
    for tricky in TRICKY:
        assert tricky in flat, tricky
    assert "Punt met <b>not bold</b> erin" in flat
    lines = text.splitlines()
    assert any(line.strip().endswith("&amp;") for line in lines)
    assert any(line.strip().startswith("nieuwe regel") for line in lines)  # newline kept


def test_planned_against_actual_times(lib, tmp_path):
    sid = make_rich_session(lib)
    options = ReportOptions()
    data = load_report_data(lib, sid, options)
    by_title = {i.title: i for i in data.agenda}
    assert round(by_title["Subgroepen"].overrun_minutes) == 5
    assert round(by_title["Terugkoppeling"].actual_minutes) == 18
    _, _, text = write(data, options, tmp_path)
    flat = squash(text)
    assert "Werkelijke duur" in flat and "+5" in flat
    assert "1 onderdelen liepen uit" in flat or "onderdelen liepen uit" in flat


def test_english_on_request(lib, tmp_path):
    sid = make_rich_session(lib)
    options = ReportOptions(lang="en")
    _, result, text = write(load_report_data(lib, sid, options), options, tmp_path)
    flat = squash(text)
    assert "Programme" in flat and "Appendix: attendance" in flat
    assert f"page 2 of {result.pages}" in flat
    assert "Thursday 14 March 2024" in flat


def test_metadata_toc_and_outline(lib, tmp_path):
    sid = make_rich_session(lib)
    options = ReportOptions()
    path, result, text = write(load_report_data(lib, sid, options), options, tmp_path)
    reader = PdfReader(path)
    meta = reader.metadata
    assert meta.title.startswith("Wijkgesprek Oosterweide")
    assert meta.author == "Gemeente Lindenburg"
    assert "Verslag" in meta.subject and "14 maart 2024" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "nl"  # the language of the content
    assert "Inhoud" in text
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Programma" in titles and "Acties" in titles
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(font["/BaseFont"])
            if "NotoSans" in font["/BaseFont"]:  # every shipped font is embedded
                assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert any("NotoSans" in f for f in fonts)
    assert f"pagina {result.pages} van {result.pages}" in squash(text)


def test_empty_session_has_no_empty_headings(lib, tmp_path):
    from workshop.commands import CommandRunner
    from workshop.sessions.commands import CreateSession

    command = CreateSession(title="Leeg")
    CommandRunner(lib).do(command)
    for kind in ("verslag", "draaiboek"):
        options = ReportOptions(kind=kind)
        _, result, text = write(
            load_report_data(lib, command.session_id, options), options, tmp_path
        )
        flat = squash(text)
        assert "Leeg" in flat
        for heading in (
            "Programma",
            "Deelnemers",
            "Acties",
            "Open vragen",
            "Samenvatting",
            "Wat er naar voren kwam",
        ):
            assert heading not in flat, heading


def _big_data(groups: int = 40, actions: int = 300, long_note: int = 10_000) -> ReportData:
    people = tuple(
        Person(i, f"Persoon {i}", f"Organisatie {i % 7}", "rol", "aanwezig", i % 2 == 0)
        for i in range(1, 241)
    )
    rounds = (RoundInfo(1, 1, "Ronde", None, tuple(GroupInfo(100 + g, g, f"Groep {g + 1}", f"Tafel {g + 1}", f"Thema {g}", member_ids=tuple(range(1 + g * 6, 7 + g * 6))) for g in range(groups))),)  # fmt: skip
    notes = [NoteInfo(i, "actie", f"Actie {i} " + "woord " * (i % 15), group_id=100 + i % groups, action_who="gemeente", action_due=date(2025, 1, 1)) for i in range(actions)]  # fmt: skip
    long_text = ("Lange notitie zonder einde. " * 400)[:long_note]
    notes += [
        NoteInfo(5000, "inzicht", long_text, group_id=100),
        NoteInfo(5001, "citaat", long_text, group_id=101, speaker="X", speaker_may_be_named=True),
        NoteInfo(5002, "actie", long_text, group_id=102, action_who="iedereen"),
        NoteInfo(5003, "vraag", "x" * 3000, group_id=103),  # one long word
    ]
    return ReportData(SessionInfo(1, "Groot"), (), people, rounds, tuple(notes))


def test_scale_long_tables_long_notes_many_groups(tmp_path):
    data = _big_data()
    for kind in ("verslag", "draaiboek"):
        path, result, text = write(data, ReportOptions(kind=kind), tmp_path, f"{kind}.pdf")
        assert result.pages > 10
        assert "Groep 40" in text
    assert "Actie 299" in text or kind == "draaiboek"


def test_action_table_has_all_300_rows(tmp_path):
    data = _big_data(groups=3)
    _, _, text = write(data, ReportOptions(), tmp_path)
    flat = squash(text)
    for i in (0, 150, 299):
        assert f"Actie {i} " in flat


def test_long_table_repeats_its_header_once_per_page(tmp_path):
    path, result, _ = write(_big_data(groups=3, long_note=200), ReportOptions(), tmp_path)
    pages = [squash(p.extract_text()) for p in PdfReader(path).pages]
    action_pages = [p for p in pages if "Actie " in p and "gemeente" in p]
    assert len(action_pages) >= 4
    for text in action_pages:
        assert text.count("Wat Wie Wanneer Groep") == 1, text[:200]


def test_missing_glyphs_are_reported_not_silent(tmp_path):
    data = ReportData(
        SessionInfo(1, "Titel 中文"), notes=(NoteInfo(1, "inzicht", "Punt met 中 en emoji ☺"),)
    )
    _, result, text = write(data, ReportOptions(), tmp_path)
    assert any("U+4E2D" in w for w in result.warnings)
    assert "\ufffd" in text
    assert "☺" in text  # DejaVu has this one


def test_photos_are_scaled_for_print(tmp_path):
    big = photo_bytes(4000, 3000)
    atts = tuple(AttachmentInfo(i, big, caption=f"Foto {i}") for i in range(3))
    data = ReportData(SessionInfo(1, "Foto's"), attachments=atts)
    path, result, text = write(data, ReportOptions(), tmp_path)
    assert "Foto 2" in text
    assert result.size < len(big)  # three 12 MP photos take less room than one original
    reader = PdfReader(path)
    sizes = [img.image.size for page in reader.pages for img in page.images]
    assert sizes and all(max(s) <= 1400 for s in sizes)


def test_corrupt_photo_and_logo_are_left_out_with_a_warning(tmp_path):
    data = ReportData(
        SessionInfo(1, "Kapot", logo=b"not an image"),
        attachments=(AttachmentInfo(1, b"\xff\xd8garbage", caption="kapot.jpg"),),
    )
    _, result, text = write(data, ReportOptions(), tmp_path)
    assert len(result.warnings) == 2
    assert "Kapot" in text


def test_logo_on_the_cover(tmp_path):
    data = ReportData(SessionInfo(1, "Met logo", logo=photo_bytes(400, 200)))
    path, result, _ = write(data, ReportOptions(), tmp_path)
    assert not result.warnings
    assert len(PdfReader(path).pages[0].images) == 1
    path, _, _ = write(data, ReportOptions(use_logo=False), tmp_path, "nologo.pdf")
    assert len(PdfReader(path).pages[0].images) == 0


def test_sections_can_be_switched_off(lib, tmp_path):
    sid = make_rich_session(lib)
    options = ReportOptions(sections=frozenset({"cover", "programme"}))
    _, _, text = write(load_report_data(lib, sid, options), options, tmp_path)
    flat = squash(text)
    assert "Programma" in flat
    assert "Acties" not in flat and "Deelnemers" not in flat and "Inhoud" not in flat


def test_build_to_stream_and_progress(lib, tmp_path):
    sid = make_rich_session(lib)
    seen: list[float] = []
    out = io.BytesIO()
    result = build_pdf(
        load_report_data(lib, sid), ReportOptions(), out, progress=lambda f, m: seen.append(f)
    )
    assert out.getvalue().startswith(b"%PDF") and result.size == len(out.getvalue())
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_unknown_kind_is_a_clear_error(tmp_path):
    with pytest.raises(ReportError):
        build_pdf(ReportData(SessionInfo(1, "x")), ReportOptions(kind="memo"), tmp_path / "x.pdf")
    assert not list(tmp_path.iterdir())


def test_timer_log_gives_actual_times_when_items_lack_them():
    from workshop.model import TimerEvent
    from workshop.reports.loader import actual_times

    t0 = datetime(2024, 1, 1, 12, tzinfo=UTC)
    events = [
        TimerEvent(agenda_item_id=1, kind="start", at=t0),
        TimerEvent(agenda_item_id=1, kind="pause", at=t0 + timedelta(minutes=3)),
        TimerEvent(agenda_item_id=1, kind="resume", at=t0 + timedelta(minutes=4)),
        TimerEvent(agenda_item_id=2, kind="skip", at=t0 + timedelta(minutes=9)),
        TimerEvent(agenda_item_id=3, kind="start", at=t0 + timedelta(minutes=10)),
        TimerEvent(agenda_item_id=None, kind="session_end", at=t0 + timedelta(minutes=30)),
    ]
    spans, skipped = actual_times(events)
    assert spans[1] == (t0, t0 + timedelta(minutes=10))
    assert spans[3] == (t0 + timedelta(minutes=10), t0 + timedelta(minutes=30))
    assert skipped == {2}


def test_entries_keep_planned_starts():
    from datetime import time

    from workshop.agenda.planning import planned_clock_times

    items = [Row(10, None), Row(20, None), Row(5, time(16, 0))]
    assert planned_clock_times(items, time(15, 0)) == [time(15, 0), time(15, 10), time(16, 0)]
    assert planned_clock_times(items, None) == [None, None, time(16, 0)]
    assert AgendaEntry(1, 0, "x", planned_minutes=10).overrun_minutes is None


def test_draaiboek_shows_method_steps_and_fixed_starts(tmp_path):
    from datetime import time

    item = AgendaEntry(
        1,
        0,
        "1-2-4-All",
        "gesprek",
        12,
        planned_start=time(16, 50),
        fixed_start=time(16, 50),
        steps=(("Alleen", 1), ("Tweetallen", 2.5), ("Viertallen", 4)),
        speaking_minutes=3,
    )
    data = ReportData(SessionInfo(1, "Methoden"), agenda=(item,))
    _, _, text = write(data, ReportOptions(kind="draaiboek"), tmp_path)
    flat = squash(text)
    assert "16:50 (vast)" in flat
    assert "Tweetallen (2,5 min)" in flat and "Viertallen (4 min)" in flat
    assert "Spreektijd per groep: 3 min" in flat


def test_planned_starts_follow_the_timing_plan():
    from datetime import time

    from workshop.agenda.planning import planned_clock_times
    from workshop.timing.forecast import planned_times
    from workshop.timing.plan import ItemPlan, SessionPlan

    # too much before the fixed item: the programme still promises its fixed time (the agenda
    # page reports the 30 min overlap), and the report plans it as the live page does
    rows = [Row(60, None), Row(30, None), Row(10, time(16, 0))]
    starts = planned_clock_times(rows, time(15, 0))
    assert starts == [time(15, 0), time(16, 0), time(16, 0)]
    plan = SessionPlan(
        1,
        "x",
        time(15, 0),
        None,
        tuple(
            ItemPlan(n, n, "x", "overig", r.planned_minutes, r.fixed_start)
            for n, r in enumerate(rows)
        ),
    )
    now = datetime(2024, 1, 1, 14, tzinfo=UTC)
    assert [p.start_time for p in planned_times(plan, now).items] == starts


@dataclass(frozen=True)
class Row:
    planned_minutes: int
    fixed_start: object


def test_saved_options_survive_garbage():
    saved = ReportOptions(
        kind="draaiboek", lang="en", anonymous=True, sections=frozenset({"cover"})
    )
    assert ReportOptions.from_json(saved.to_json()) == saved
    default = ReportOptions(lang="en")
    for text in ("", "not json", "[1]", '{"kind": "memo", "sections": "all", "lang": "fr"}'):
        assert ReportOptions.from_json(text, default) == default
