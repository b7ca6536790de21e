"""The Reeks page: the series this meeting belongs to, as a facilitator runs it.

Outside a series it offers to put the meeting into one (made when new). In a series it
shows the series' name, theme, facilitators and co-hosts (with logos), its meetings with
attendance and new encounters, this meeting's new people and first encounters, and the
action register; "Volgende bijeenkomst…" makes the next meeting (carrying the programme,
the register and the open actions) and opens it; "Reeksverslag…" writes the series
verslag off the UI thread. Every change is a command on the shared undo stack.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.kit import theme
from ui.kit.context import PageContext
from ui.kit.ops import BackgroundOps, off_thread
from ui.series.actions_panel import ActionsPanel
from ui.series.meeting_panel import MeetingPanel
from ui.series.meetings_panel import MeetingsPanel
from ui.series.next_dialog import NextMeetingDialog
from ui.series.work import link_preview, write_series_report
from ui.widgets.cohosts_editor import CoHostsEditor
from ui.widgets.scrolling import scrolled
from workshop.changes import Entity
from workshop.commands import Changes, Command, CommandError
from workshop.i18n import _
from workshop.series.commands import EditSeries, LinkPeople, SetSeriesCoHosts
from workshop.series.join import CarryConsent, JoinSeries, SetSeriesProgramme
from workshop.series.next_meeting import NextMeeting
from workshop.series.overview import SeriesOverview, load_overview
from workshop.sessions.cohosts import CoHostInfo

WATCHED = {
    Entity.SERIES,
    Entity.ACTION,
    Entity.PARTICIPANT,
    Entity.GROUP,
    Entity.MEMBERSHIP,
    Entity.SESSION,
}


class SeriesPage(QWidget):
    open_session_requested = Signal(int)  # the window asks the app to open that meeting

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-series")
        self.ctx = ctx
        self.overview: SeriesOverview | None = None
        self.loaded = False
        self.made_session_id: int | None = None  # the last "Volgende bijeenkomst"
        self.report_path: Path | None = None
        self.ops = BackgroundOps(self, "series")
        self.ops.failed.connect(lambda text: theme.set_status(self.status, text, "error"))
        self.status = QLabel()
        self.status.setObjectName("series-status")
        self.status.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_join())
        self.stack.addWidget(self._build_series())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.reload()

    # -- building -------------------------------------------------------------------------
    def _build_join(self) -> QWidget:
        box = QWidget()
        intro = QLabel(
            _(
                "This meeting is not part of a series yet. A series (a Community of Practice "
                "that meets again and again) remembers its people, who met whom, and the "
                "actions agreed from one meeting to the next."
            )
        )
        intro.setWordWrap(True)
        self.join_name = QLineEdit()
        self.join_name.setObjectName("series-join-name")
        self.join_name.setPlaceholderText(_("Name of the series, e.g. CoP Energy Hubs"))
        self.join_name.returnPressed.connect(self.join)
        self.join_button = QPushButton(_("Add to series"))
        self.join_button.setObjectName("series-join")
        self.join_button.clicked.connect(self.join)
        row = QHBoxLayout()
        row.addWidget(self.join_name, 1)
        row.addWidget(self.join_button)
        layout = QVBoxLayout(box)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addStretch(1)
        return box

    def _build_series(self) -> QWidget:
        box = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("series-heading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.fields: dict[str, QLineEdit] = {}
        fields = QHBoxLayout()
        for name, label in (
            ("name", _("Name")),
            ("theme", _("Theme")),
            ("facilitators", _("Facilitators")),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"series-field-{name}")
            edit.setPlaceholderText(label)
            edit.setToolTip(label)
            edit.editingFinished.connect(lambda n=name: self._field_done(n))
            fields.addWidget(edit, 3 if name == "name" else 2)
            self.fields[name] = edit
        self.cohosts = CoHostsEditor()
        self.cohosts.changed.connect(self._cohosts_changed)
        self.cohosts.logo_file_chosen.connect(self._cohost_logo_file)
        self.meetings = MeetingsPanel()
        self.meetings.open_meeting.connect(self.open_session_requested.emit)
        self.meeting = MeetingPanel()
        self.meeting.link_requested.connect(self.link_people)
        self.meeting.consent_requested.connect(self.carry_consent)
        self.actions = ActionsPanel(self.push, self.ctx.clock.now)
        self.next_button = QPushButton(_("Next meeting…"))
        self.next_button.setObjectName("series-next")
        self.next_button.clicked.connect(self.ask_next_meeting)
        self.anonymous = QCheckBox(_("Anonymous"))
        self.anonymous.setObjectName("series-report-anonymous")
        self.report_button = QPushButton(_("Series report (PDF)…"))
        self.report_button.setObjectName("series-report")
        self.report_button.clicked.connect(self.choose_report_file)
        self.cohosts.list.setMaximumHeight(64)
        legend = QLabel(_("Blue: present; orange: new in the series (by meeting number)."))
        legend.setWordWrap(True)
        legend.setStyleSheet(theme.style("muted"))
        chart = QWidget()
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.meetings.chart, 1)
        chart_layout.addWidget(legend)
        self.this_meeting_box = self._group(_("This meeting"), self.meeting)
        self.meeting.met.setMinimumHeight(150)
        self.actions.table.setMinimumHeight(170)
        content = QVBoxLayout()
        content.addWidget(self.heading)
        content.addLayout(fields)
        content.addWidget(self._group(_("Co-hosts of the series"), self.cohosts))
        content.addWidget(self._group(_("Meetings"), self.meetings))
        self.programme_line = QLabel()
        self.programme_line.setObjectName("series-programme")
        self.programme_line.setWordWrap(True)
        self.programme_button = QPushButton(_("Make this programme the usual one"))
        self.programme_button.setObjectName("series-programme-set")
        self.programme_button.clicked.connect(self.set_programme)
        programme = QHBoxLayout()
        programme.addWidget(self.programme_line, 1)
        programme.addWidget(self.programme_button)
        content.addLayout(programme)
        content.addWidget(self._group(_("Attendance over time"), chart))
        content.addWidget(self.this_meeting_box)
        content.addWidget(self._group(_("Actions of the series"), self.actions))
        buttons = QHBoxLayout()
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.anonymous)
        buttons.addWidget(self.report_button)
        self.scroll = scrolled(content, 1400)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        return box

    @staticmethod
    def _group(title: str, inner: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(inner)
        return box

    # -- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        today = self.ctx.clock.now().date()
        self.ops.run(
            self.ctx.db.call(load_overview, self.ctx.session_id, today),
            success=self._show,
            key="load",
        )

    def on_changed(self, changes: Changes) -> None:
        if WATCHED & set(changes.entities()):
            self.reload()

    async def wait_idle(self) -> None:
        await self.ops.wait_idle()

    def _show(self, overview: SeriesOverview | None) -> None:
        self.overview = overview
        self.loaded = True
        if overview is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self.heading.setText(
            _("{series} · meeting {n} of {total}").format(
                series=overview.name, n=overview.position, total=len(overview.meetings)
            )
        )
        for name, edit in self.fields.items():
            if not edit.hasFocus():
                edit.setText(getattr(overview, name))
                edit.setCursorPosition(0)
        self.cohosts.set_hosts([CoHostInfo(n, logo) for n, logo in overview.cohosts])
        self.meetings.show_meetings(overview, self.ctx.session_id)
        if overview.programme is not None:
            name, items = overview.programme
            text = _("Usual programme: “{name}” ({n} parts); the next meeting starts from it.")
            theme.set_status(self.programme_line, text.format(name=name, n=items), "muted")
        else:
            text = _("No usual programme yet: the next meeting takes this meeting's agenda.")
            theme.set_status(self.programme_line, text, "muted")
        self.meeting.show_meeting(overview)
        self.actions.show_actions(overview.series_id, self.ctx.session_id, overview.actions)

    # -- changing -------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        self.ctx.commands.push(command)

    def join(self) -> None:
        try:
            command = JoinSeries(self.join_name.text(), self.ctx.session_id)
        except CommandError as err:
            theme.set_status(self.status, str(err), "error")
            return
        theme.set_status(self.status, "")
        self.push(command)

    def _field_done(self, name: str) -> None:
        if self.overview is None:
            return
        text = self.fields[name].text().strip()
        if text != getattr(self.overview, name):
            try:
                self.push(EditSeries(self.overview.series_id, **{name: text}))
            except CommandError as err:
                theme.set_status(self.status, str(err), "error")

    def _cohosts_changed(self, hosts: list, _label: str) -> None:
        if self.overview is None:
            return
        try:
            self.push(SetSeriesCoHosts(self.overview.series_id, hosts))
        except CommandError as err:
            self.cohosts.show_message(str(err))

    def _cohost_logo_file(self, row: int, path: str) -> None:
        from workshop.sessions.logo import prepare_logo

        def read() -> bytes:
            return prepare_logo(Path(path).read_bytes())

        self.ops.run(
            off_thread(read),
            success=lambda logo: self.cohosts.set_logo(row, logo),
            failure=self.cohosts.show_message,
        )

    def set_programme(self) -> None:
        """This meeting's agenda becomes the series' usual programme (one undo step)."""
        if self.overview is not None:
            self.push(SetSeriesProgramme(self.overview.series_id, self.ctx.session_id))

    def carry_consent(self) -> None:
        """Consent given or revoked here goes into the register, so into every meeting."""
        if self.overview is not None and self.overview.consent_changed:
            changes = [(pid, value) for pid, _name, value in self.overview.consent_changed]
            self.push(CarryConsent(changes))

    def link_people(self) -> None:
        """Show every match of this meeting's list with the register; link what is kept."""
        self.ops.run(self.ctx.db.call(link_preview, self.ctx.session_id), success=self._ask_link)

    def _ask_link(self, found) -> None:
        from ui.series.link_dialog import LinkDialog

        series_id, matches, register, taken = found
        if not matches:
            return
        dialog = LinkDialog(matches, register, taken, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.push(LinkPeople(series_id, self.ctx.session_id, dialog.matches()))
        )
        dialog.open()
        self.link_dialog = dialog

    # -- the next meeting -----------------------------------------------------------------
    def ask_next_meeting(self) -> None:
        from workshop.series.next_meeting import plan_next_meeting

        if self.overview is None:
            return
        series_id = self.overview.series_id

        def read(library):
            with library.read() as db:
                return plan_next_meeting(db, series_id)

        self.ops.run(self.ctx.db.call(read), success=self._open_next_dialog)

    def _open_next_dialog(self, plan) -> None:
        """The next meeting comes after the series' last one (not necessarily this one)."""
        dialog = NextMeetingDialog(plan, plan.previous_date, plan.start_time, plan.end_time, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.make_next_meeting(**dialog.values()))
        dialog.open()
        self.next_dialog = dialog

    def make_next_meeting(self, **values) -> None:
        assert self.overview is not None
        try:
            command = NextMeeting(self.overview.series_id, **values)
        except CommandError as err:
            theme.set_status(self.status, str(err), "error")
            return

        async def make() -> int | None:
            await self.ctx.commands.push_and_wait(command)
            return command.session_id

        self.ops.run(make(), success=self._made, progress=_("Making the next meeting…"))

    def _made(self, session_id: int | None) -> None:
        if session_id is None:
            return
        self.made_session_id = session_id
        theme.set_status(self.status, _("The next meeting is made and opened."), "ok")
        self.open_session_requested.emit(session_id)

    # -- the series verslag ---------------------------------------------------------------
    def choose_report_file(self) -> None:
        if self.overview is None:
            return
        name = "".join(c if c.isalnum() or c in " -_" else "_" for c in self.overview.name)
        start = Path.home() / f"{name.strip() or 'reeks'} - reeksverslag.pdf"
        dialog = QFileDialog(self, _("Save as"), str(start), _("PDF files (*.pdf)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def export_to(self, path: Path) -> None:
        """Write the series verslag on the worker threads; the status line says where."""
        assert self.overview is not None
        if not path.parent.is_dir():
            folder = str(path.parent)
            theme.set_status(
                self.status, _("The folder {folder} does not exist.").format(folder=folder), "error"
            )
            return
        anonymous = self.anonymous.isChecked()
        write = write_series_report(self.ctx, self.overview.series_id, path, anonymous)
        self.report_button.setEnabled(False)
        theme.set_status(self.status, _("Writing the series report…"), "muted")
        self.ops.run(write, success=self._written, failure=self._not_written)

    def _written(self, path: Path) -> None:
        self.report_button.setEnabled(True)
        self.report_path = path
        theme.set_status(self.status, _("Series report written: {path}").format(path=path), "ok")

    def _not_written(self, message: str) -> None:
        self.report_button.setEnabled(True)
        theme.set_status(self.status, message, "error")
