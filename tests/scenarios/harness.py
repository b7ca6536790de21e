"""A room for scenario tests: the real session window and the projector, driven like a facilitator.

`Room` wraps one open session window (laptop screen) and its projector (the second screen):
keys go to the focused widget (`press`, `type_note`), pages are chosen by their Dutch title
(`go_to_page("Terugkoppeling")`), and what the room sees is read from the picture the
projector's renderer paints (`projector_text`: every string `paint_scene` draws, in order —
the scene, not pixels). `verslag_text` builds the PDF through the Verslag page and reads it
back. With WORKSHOP_SCREENSHOTS=1 `step(name)` saves laptop and projector side by side into
docs/scenarios/<scenario>/.
"""

from __future__ import annotations

import asyncio
import os
import re
from datetime import date, datetime, time
from pathlib import Path

from conftest import idle
from PySide6.QtCore import QEvent, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from ui.projector.render import paint_scene, render_image
from workshop.clock import FakeClock
from workshop.sessions.commands import CreateSession

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "docs" / "scenarios"
PROJECTOR_SIZE = (1920, 1080)  # the PROJECTOR screen of qt-offscreen-two-screens.json


class _RecordingPainter(QPainter):
    """A painter that also keeps every string drawn (the renderer calls drawText from Python)."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args):  # noqa: N802 - Qt API
        self.texts.extend(a for a in args if isinstance(a, str))
        return super().drawText(*args)


def plain(html: str) -> str:
    """Rich label text as the eye reads it."""
    text = re.sub(r"<[^>]+>", "", html)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def type_text(widget: QWidget, text: str) -> None:
    """Key by key, as typed (QTest.keyClicks aborts on a non-ASCII letter like the ö)."""
    for ch in text:
        if ch.isascii():
            QTest.keyClick(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


class Room:
    """One session window on the LAPTOP screen and its projector on PROJECTOR."""

    def __init__(self, qtbot, arun, library, command_service, window, clock, name: str) -> None:
        self.qtbot = qtbot
        self.arun = arun
        self.library = library
        self.commands = command_service
        self.window = window
        self.clock = clock
        self.name = name
        self.session_id = window.ctx.session_id
        self.services = window.ctx.session_services
        self.live = self.services.live
        self.projector = self.services.projector
        self._step = 0
        self.shots: list[Path] = []
        self.pictures = True  # the scenario's own flow (not its xfail checks) keeps pictures

    # -- waiting --------------------------------------------------------------------------
    def settle(self) -> None:
        """Until stored steps, the live run, the projector's reads and the page's tasks
        landed, and then the whole app is quiet (conftest's `idle`: no op, read, write,
        pending typing or async slot left, Qt's queued events run)."""
        page = self.page

        async def settled() -> None:
            for _round in range(2):
                await self.commands.wait_idle()
                if self.live is not None:
                    await self.live.wait_idle()
                for waiter in ("settled", "wait_idle"):
                    wait = getattr(page, waiter, None)
                    if callable(wait):
                        await wait()
                        break
                await idle(30)
                await self.projector.wait_idle()

        self.arun(settled(), 60)
        assert not self.projector.error, self.projector.error

    def spin(self, seconds: float = 0.02) -> None:
        """Let Qt events run *inside* the asyncio loop (as in the app): a timer that fires
        may start a task that awaits the DB worker, which needs a running loop."""
        self.arun(asyncio.sleep(seconds))

    def until(self, predicate, timeout: float = 15.0, what: str = "condition") -> None:
        async def poll() -> None:
            for _step in range(int(timeout / 0.05)):
                if predicate():
                    return
                await asyncio.sleep(0.05)
            raise AssertionError(f"not reached within {timeout}s: {what}")

        self.arun(poll(), timeout + 5)

    # -- keyboard and pages ---------------------------------------------------------------
    @property
    def page(self) -> QWidget:
        return self.window.stack.currentWidget()

    def go_to_page(self, title: str) -> QWidget:
        """Choose a page in the side list by the title the facilitator reads."""
        nav = self.window.nav
        rows = [nav.item(r).text() for r in range(nav.count())]
        assert title in rows, f"no page {title!r} in {rows}"
        nav.setCurrentRow(rows.index(title))
        page = self.page
        self.settle()
        return page

    def focus(self, widget: QWidget) -> QWidget:
        """Focus as the user has it: the window active (offscreen: not after a dialog closed)."""
        window = widget.window()
        window.activateWindow()
        if QApplication.activeWindow() is not window:
            window.windowHandle().requestActivate()
            self.spin()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.spin()
        return widget

    def press(self, key, widget: QWidget | None = None, modifier=Qt.KeyboardModifier.NoModifier):
        """One key on the focused widget (or `widget`), then wait until its effects landed."""
        target = widget or QApplication.focusWidget() or self.page
        if widget is not None and QApplication.focusWidget() is not widget:
            self.focus(widget)
        self.qtbot.keyClick(target, key, modifier)
        self.settle()

    def type_into(self, widget: QWidget, text: str, enter: bool = True) -> None:
        self.focus(widget)
        type_text(widget, text)
        if enter:
            self.qtbot.keyClick(widget, Qt.Key.Key_Return)
        self.settle()

    def click(self, button: QPushButton) -> None:
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.settle()

    def wait_minutes(self, minutes: float) -> None:
        """Time passes in the room (the session's clock)."""
        self.clock.advance(minutes * 60)
        self.settle()

    # -- preparing: agenda, people, groups -----------------------------------------------
    def apply_template(self, name_start: str):
        """Agenda → Sjablonen → the built-in template whose name starts with `name_start`."""
        agenda = self.go_to_page("Agenda")
        self.arun(agenda.wait_idle())
        template = next(t for t in agenda.templates if t.name.startswith(name_start))
        agenda.apply_template(template)
        self.settle()
        self.until(lambda: len(agenda.model.rows) == len(template.items), what="template applied")
        return agenda

    def import_agenda(self, csv_text: str, tmp_path: Path):
        """Agenda → Importeren… a CSV (Dutch Excel: `;`, UTF-8 with BOM), accept the preview."""
        from ui.agenda.import_dialog import ImportPreviewDialog

        path = tmp_path / f"agenda-{self.name}.csv"
        path.write_bytes(csv_text.encode("utf-8-sig"))
        agenda = self.go_to_page("Agenda")
        self.arun(agenda.wait_idle())
        agenda.import_file(str(path))
        self.until(lambda: agenda.findChild(ImportPreviewDialog) is not None, what="preview")
        dialog = agenda.findChild(ImportPreviewDialog)
        self.click(dialog.import_button)
        self.arun(agenda.wait_idle())
        self.settle()
        return agenda

    def agenda_titles(self) -> list[str]:
        from workshop.agenda.queries import load_agenda

        return [r.title for r in load_agenda(self.library, self.session_id).rows]

    def item(self, title_start: str):
        from workshop.agenda.queries import load_agenda

        rows = load_agenda(self.library, self.session_id).rows
        return next(r for r in rows if r.title.startswith(title_start))

    def import_people(self, csv_text: str, tmp_path: Path) -> None:
        """Deelnemers → Importeren… the registration list, accept the preview."""
        from ui.widgets.import_preview_dialog import ImportPreviewDialog

        path = tmp_path / f"aanmeldingen-{self.name}.csv"
        path.write_bytes(csv_text.encode("utf-8-sig"))
        people = self.go_to_page("Deelnemers")
        people.import_file(str(path))
        self.until(lambda: people.findChild(ImportPreviewDialog) is not None, what="preview")
        dialog = people.findChild(ImportPreviewDialog)
        self.click(dialog.findChild(QPushButton, "import-confirm"))
        rows = csv_text.strip().count("\n")
        self.until(lambda: people.model.rowCount() == rows, what=f"{rows} people listed")

    def check_in_everyone(self) -> None:
        """At the door, everyone came: Ctrl+A in the list, then P (present)."""
        people = self.go_to_page("Deelnemers")
        people.search.clear()
        self.press(Qt.Key.Key_A, people.table, Qt.KeyboardModifier.ControlModifier)
        self.press(Qt.Key.Key_P, people.table)
        from workshop.people.queries import list_people

        self.until(
            lambda: all(
                p.presence == "aanwezig" for p in list_people(self.library, self.session_id)
            ),
            what="everyone present",
        )

    def plan_groups(self, item_title: str, size: int = 6, rounds: int = 1):
        """Groepen: choose the item, groups of `size`, `rounds` rounds, Plannen."""
        from workshop.grouping.queries import item_rounds

        groups = self.go_to_page("Groepen")
        self.until(lambda: groups.state is not None, what="groups page loaded")
        item = self.item(item_title)
        index = groups.item_combo.findData(item.id)
        assert index >= 0, f"{item_title!r} is not offered on the Groepen page"
        groups.item_combo.setCurrentIndex(index)
        groups.item_combo.activated.emit(index)
        self.until(lambda: groups.state is not None and groups.state.item_id == item.id)
        groups.by_size.setChecked(True)
        groups.size_box.setValue(size)
        groups.rounds.setValue(rounds)
        self.click(groups.plan_button)
        self.until(
            lambda: len(item_rounds(self.library, self.session_id, item.id)) == rounds,
            timeout=30,
            what=f"{rounds} round(s) planned",
        )
        self.settle()
        self.until(lambda: bool(groups.cards), what="group cards shown")
        return item_rounds(self.library, self.session_id, item.id)

    def plan_teams_by_choice(self, item_title: str, max_per_team: int):
        """Groepen: choose the item, "Teams naar keuze" with "max. N per team", Plannen —
        one team per initiative, hosted by whoever brings it, filled from people's choices."""
        from workshop.grouping.queries import item_rounds

        groups = self.go_to_page("Groepen")
        self.until(lambda: groups.state is not None, what="groups page loaded")
        item = self.item(item_title)
        index = groups.item_combo.findData(item.id)
        assert index >= 0, f"{item_title!r} is not offered on the Groepen page"
        groups.item_combo.setCurrentIndex(index)
        groups.item_combo.activated.emit(index)
        self.until(lambda: groups.state is not None and groups.state.item_id == item.id)
        self.click(groups.by_choice)
        assert groups.by_choice.isChecked() and groups.team_max.isEnabled()
        groups.team_max.setValue(max_per_team)
        assert groups.team_max.text().endswith(f"{max_per_team} per team")
        self.click(groups.plan_button)
        self.until(
            lambda: len(item_rounds(self.library, self.session_id, item.id)) == 1,
            timeout=30,
            what="teams by choice stored",
        )
        self.settle()
        self.until(lambda: bool(groups.cards), what="team cards shown")
        return item_rounds(self.library, self.session_id, item.id)

    # -- the live page --------------------------------------------------------------------
    def live_keys(self, *keys) -> None:
        page = self.go_to_page("Live") if self.page.objectName() != "page-live" else self.page
        for key in keys:
            self.press(key, page)

    def live_title(self) -> str:
        return self.live_page.item_title.text()

    def live_step(self) -> str:
        """'Stap 2 van 4: <the step in bold>' as the Live page shows it ('' without steps)."""
        html = self.live_page.step_label.text()
        if not self.live_page.step_label.isVisible() or not html:
            return ""
        prefix = plain(html.split(": ", 1)[0])
        current = re.search(r"<b[^>]*>(.*?)</b>", html)
        return f"{prefix}: {plain(current.group(1))}" if current else plain(html)

    def live_expected(self, title_start: str) -> str:
        """The Live page's "Verwacht" time of an item, once the page caught up with the clock."""
        from workshop.projector.timers import clock_label

        page = self.live_page
        now = clock_label(self.clock.now())  # '15:14 uur': a clock time, not a countdown
        self.until(lambda: page.now_label.text() == now, what=f"the Live page at {now}")
        agenda = page.agenda
        for row in range(agenda.topLevelItemCount()):
            item = agenda.topLevelItem(row)
            if item.text(1).startswith(title_start):
                return item.text(3)
        raise AssertionError(f"no {title_start!r} on the Live page")

    @property
    def live_page(self):
        return self.window.pages["live"]

    # -- capture --------------------------------------------------------------------------
    @property
    def capture(self):
        return self.window.pages["capture"]

    def type_note(self, text: str) -> None:
        """Type one line on the Terugkoppeling page and press Enter."""
        line = self.capture.input.line
        self.focus(line)
        type_text(line, text)
        QTest.keyClick(line, Qt.Key.Key_Return)

    def choose_capture_item(self, title_start: str):
        """Terugkoppeling: pick the agenda item to type on (the combo box at the top)."""
        capture = self.go_to_page("Terugkoppeling")
        item = self.item(title_start)
        index = capture.items.findData(item.id)
        assert index >= 0, f"{title_start!r} is not offered on the Terugkoppeling page"
        capture.items.setCurrentIndex(index)
        capture.items.activated.emit(index)
        self.settle()
        assert capture.item_id == item.id
        return capture

    def capture_target(self) -> str:
        return self.capture.target_label.text()

    # -- the projector --------------------------------------------------------------------
    def projector_lines(self) -> list[str]:
        """Every string the renderer paints for the picture the room sees now, in order."""
        width, height = self.projector.picture_size()
        image = QImage(width, height, QImage.Format.Format_RGB32)
        painter = _RecordingPainter(image)
        try:
            paint_scene(painter, width, height, self.projector.scene())
        finally:
            painter.end()
        return [" ".join(t.split()) for t in painter.texts if t.strip()]

    def projector_text(self) -> str:
        return "\n".join(self.projector_lines())

    def projector_on_screen(self) -> str:
        window = self.projector.window
        if window is None or not window.isVisible():
            return ""
        return window.screen().name()

    # -- the verslag ----------------------------------------------------------------------
    def verslag_text(self, tmp_path: Path) -> str:
        """Make the verslag PDF on the Verslag page and read its text back (lines squashed)."""
        return self.document_text(tmp_path, "verslag")

    def draaiboek_text(self, tmp_path: Path) -> str:
        """The run sheet for the team (Verslag page → Draaiboek), read back."""
        return self.document_text(tmp_path, "draaiboek")

    def document_text(self, tmp_path: Path, kind: str) -> str:
        from report_helpers import pdf_text, squash

        report = self.go_to_page("Verslag")
        button = report.kind_verslag if kind == "verslag" else report.kind_draaiboek
        if not button.isChecked():
            assert button.isVisible() and button.isEnabled(), kind
            button.click()  # as a click on the label (the page may scroll it out of view)
            self.settle()
        assert button.isChecked()
        target = tmp_path / f"{kind}-{self.name}.pdf"
        result = self.arun(report.export_to(target, open_when_done=False), 90)
        assert result is not None and target.exists(), report.status.text()
        setattr(self, f"{kind}_pdf", target)
        self.step(kind)
        return squash(pdf_text(target))

    # -- pictures -------------------------------------------------------------------------
    def step(self, name: str) -> Path | None:
        """With WORKSHOP_SCREENSHOTS=1: laptop and projector side by side, one PNG per step."""
        self._step += 1
        if os.environ.get("WORKSHOP_SCREENSHOTS") != "1" or not self.pictures:
            return None
        self.spin()
        laptop = self.window.grab().toImage()
        beamer = render_image(self.projector.scene(), *PROJECTOR_SIZE)
        height = laptop.height()
        beamer = beamer.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
        gap = 16
        out = QImage(laptop.width() + gap + beamer.width(), height, QImage.Format.Format_RGB32)
        out.fill(QColor("#3a3a3a"))
        painter = QPainter(out)
        painter.drawImage(QPoint(0, 0), laptop)
        painter.drawImage(QPoint(laptop.width() + gap, 0), beamer)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(
            QRectF(laptop.width() + gap + 8, height - 28, beamer.width() - 16, 24),
            int(Qt.AlignmentFlag.AlignRight),
            f"{self.name} · {self._step:02d} {name} · projector",
        )
        painter.end()
        folder = SHOTS / self.name
        folder.mkdir(parents=True, exist_ok=True)
        if self._step == 1:
            for old in folder.glob("*.png"):
                old.unlink()
        path = folder / f"{self._step:02d}-{name}.png"
        out.save(str(path))
        self.shots.append(path)
        return path


def open_room(
    qtbot,
    arun,
    library,
    command_service,
    session_window,
    screens,
    name: str,
    title: str,
    day: date,
    start: time,
    end: time,
    **details,
) -> Room:
    """A new session (as the start screen's dialog makes it) opened on the laptop screen,
    with the clock at its start, so the session is run on its own day (not a rehearsal)."""
    command = CreateSession(title=title, date=day, start_time=start, end_time=end, **details)
    arun(command_service.push_and_wait(command))
    assert command.session_id is not None
    clock = FakeClock(datetime.combine(day, start).astimezone())
    window = session_window(command.session_id, clock=clock)
    window.setScreen(screens["LAPTOP"])
    window.setGeometry(screens["LAPTOP"].availableGeometry())
    room = Room(qtbot, arun, library, command_service, window, clock, name)
    room.settle()
    return room
