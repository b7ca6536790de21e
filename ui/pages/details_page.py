"""Session details: title, date, times, place, organiser, goals ... stored as you type."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ui.kit import theme
from ui.kit.binder import FieldBinder
from ui.kit.context import PageContext
from ui.widgets.alive import alive
from ui.widgets.cohosts_editor import CoHostsEditor
from ui.widgets.scrolling import scrolled
from ui.widgets.typed_fields import DateField, TimeField, parse_date, parse_time
from workshop.changes import Entity
from workshop.commands import Changes, CommandError
from workshop.i18n import _, format_long_date
from workshop.sessions.cohosts import SetCoHosts, list_cohosts
from workshop.sessions.commands import EditSession
from workshop.sessions.queries import SessionDetails, get_details, goals_label

TYPING_PAUSE_MS = 400  # store after this pause in typing (and always on leaving the field)


class DetailsPage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-details")
        self.ctx = ctx
        self.details: SessionDetails | None = None
        #: the stored value each field showed when the user started typing in it
        self._typed_over: dict[str, object] = {}
        self.binder: FieldBinder[str] = FieldBinder(self, self._store, TYPING_PAUSE_MS)
        ctx.commands.about_to_undo.connect(self.flush)
        # an edit refused (another laptop changed the field first): show the stored value
        ctx.commands.failed.connect(lambda _message: self.reload() if alive(self) else None)

        form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        self._line(form, "title", _("Title"))
        self._line(form, "subtitle", _("Subtitle or kind of meeting"))
        # typed as in the new-session dialog ("9-4-2026", "930", "15.30"), calendar beside
        self.date_edit = DateField()
        self.date_edit.setObjectName("field-date")
        self.date_edit.line.textChanged.connect(lambda _t: self._typed_when("date"))
        self.date_edit.line.editingFinished.connect(self.flush)
        self.date_label = QLabel()
        form.addRow(_("Date"), self.date_edit)
        form.addRow("", self.date_label)
        self.fields["date"] = self.date_edit
        self.start_edit = self._time(form, "start_time", _("Start time"))
        self.end_edit = self._time(form, "end_time", _("End time"))
        # one line that says what is wrong with a typed date or time (nothing is stored then)
        self.when_problem = QLabel()
        self.when_problem.setObjectName("details-when-problem")
        self.when_problem.setWordWrap(True)
        self.when_problem.setStyleSheet(theme.style("error"))
        self.when_problem.hide()
        form.addRow("", self.when_problem)
        self._line(form, "place", _("Place"))
        self._line(form, "online_link", _("Online link"))
        self._line(form, "organiser", _("Organiser"))
        self._line(form, "facilitators", _("Facilitators"))
        self._text(form, "goals", _("Goals of the afternoon"))
        self.goals_label = form.labelForField(self.fields["goals"])
        self._text(form, "background", _("Background"))
        self._line(form, "welcome_line", _("Welcome line (wifi, hashtag)"))
        self.language = QComboBox()
        self.language.addItem(_("Dutch"), "nl")
        self.language.addItem(_("English"), "en")
        self.language.currentIndexChanged.connect(
            lambda _i: self._edited("report_language", self.language.currentData(), at_once=True)
        )
        form.addRow(_("Language of the report"), self.language)
        self.fields["report_language"] = self.language
        # co-host organisations ("in samenwerking met …"): cover, welcome picture, draaiboek
        self.cohosts = CoHostsEditor()
        self.cohosts.changed.connect(self._cohosts_changed)
        self.cohosts.logo_file_chosen.connect(self._cohost_logo_file)
        form.addRow(_("Co-hosts"), self.cohosts)

        scroll = scrolled(form, 900)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setEnabled(False)
        self.reload()

    # -- building -------------------------------------------------------------------------
    def _line(self, form: QFormLayout, name: str, label: str) -> None:
        edit = QLineEdit()
        edit.setObjectName(f"field-{name}")
        edit.textEdited.connect(lambda text, n=name: self._edited(n, text))
        edit.editingFinished.connect(self.flush)
        form.addRow(label, edit)
        self.fields[name] = edit

    def _text(self, form: QFormLayout, name: str, label: str) -> None:
        edit = QPlainTextEdit()
        edit.setObjectName(f"field-{name}")
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(90)
        edit.textChanged.connect(lambda n=name, e=edit: self._edited(n, e.toPlainText()))
        form.addRow(label, edit)
        self.fields[name] = edit

    def _time(self, form: QFormLayout, name: str, label: str) -> TimeField:
        edit = TimeField()
        edit.setObjectName(f"field-{name}")
        edit.textChanged.connect(lambda _t, n=name: self._typed_when(n))
        edit.editingFinished.connect(self.flush)
        form.addRow(label, edit)
        self.fields[name] = edit
        return edit

    def _when_text(self, name: str) -> str:
        widget = self.fields[name]
        return (widget.line if isinstance(widget, DateField) else widget).text().strip()

    def _when_value(self, name: str) -> tuple[bool, date | time | None]:
        """(readable, value) of the typed date or time; an empty field means none."""
        text = self._when_text(name)
        if not text:
            return True, None
        value = parse_date(text) if name == "date" else parse_time(text)
        return value is not None, value

    def _typed_when(self, name: str) -> None:
        """A typed date or time: stored after the typing pause when readable, else explained."""
        readable, value = self._when_value(name)
        if readable:
            self._edited(name, value)
        else:
            self.binder.discard(name)  # a half-typed time is never stored
        if not self.binder.is_loading:
            self._explain_when()

    def _explain_when(self) -> None:
        """One line for the first unreadable field, or end before start; hidden otherwise."""
        problem = ""
        if not self._when_value("date")[0]:
            problem = _("Type a date like 9-4-2026, or choose one on the calendar.")
        elif not (self._when_value("start_time")[0] and self._when_value("end_time")[0]):
            problem = _("Type the times like 15:00 or 9.30.")
        else:
            start, end = self._when_value("start_time")[1], self._when_value("end_time")[1]
            if start is not None and end is not None and end <= start:
                problem = _("The end time must be after the start time.")
        self.when_problem.setText(problem)
        self.when_problem.setVisible(bool(problem))

    def _date_value(self) -> date | None:
        readable, value = self._when_value("date")
        return value if readable and isinstance(value, date) else None

    # -- storing --------------------------------------------------------------------------
    def _edited(self, name: str, value: Any, at_once: bool = False) -> None:
        if self.binder.is_loading or self.details is None:
            return
        if name == "title" and not str(value).strip():
            return  # a session keeps a title; the old one stays until a new one is typed
        if not self.binder.pending(name):  # typing starts over what the field shows now
            self._typed_over[name] = getattr(self.details, name)
        self.binder.edited(name, value, at_once)
        if name == "date":
            self._show_long_date()

    def flush(self) -> None:
        self.binder.flush()

    def _store(self, pending: dict[str, Any]) -> None:
        assert self.details is not None  # nothing is pending before the details are shown
        for name, value in pending.items():
            before = self._typed_over.pop(name, getattr(self.details, name))
            if before != value:
                # stored only over what this screen showed (another laptop may have changed it)
                self.details = dataclasses.replace(self.details, **{name: value})
                self.ctx.commands.push(
                    EditSession(self.ctx.session_id, **{name: value}).seen(**{name: before})
                )

    # -- loading --------------------------------------------------------------------------
    @asyncSlot()
    async def reload(self) -> None:
        details, hosts = await self.ctx.db.call(_details_and_cohosts, self.ctx.session_id)
        if not alive(self):
            return
        self.details = details
        self._show(details)
        self.cohosts.set_hosts(hosts)
        self.setEnabled(True)

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.SESSION, self.ctx.session_id):
            self.reload()

    def _show(self, d: SessionDetails) -> None:
        with self.binder.loading():
            for name, widget in self.fields.items():
                if self.binder.pending(name):
                    continue  # the user is typing here; their text wins
                value = getattr(d, name)
                if isinstance(widget, TimeField | DateField):
                    self._show_when(name, widget, value)
                elif isinstance(widget, QLineEdit) and widget.text() != value:
                    widget.setText(value)
                    if not widget.hasFocus():
                        widget.setCursorPosition(0)  # a long line shows its beginning
                elif isinstance(widget, QPlainTextEdit) and widget.toPlainText() != value:
                    widget.setPlainText(value)
                elif isinstance(widget, QComboBox):
                    index = widget.findData(value)
                    if index >= 0 and index != widget.currentIndex():
                        widget.setCurrentIndex(index)
            self._show_long_date()
            self._show_daypart(d.start_time)
        self._explain_when()

    def _show_when(self, name: str, widget: TimeField | DateField, value: Any) -> None:
        """Show a stored date or time, unless the field already reads it (as typed)."""
        readable, typed = self._when_value(name)
        if readable and typed == value:
            return  # "930" stays as typed until the field is left
        line = widget.line if isinstance(widget, DateField) else widget
        if not readable and line.hasFocus():
            return  # half-typed by the user right now: their text wins
        if isinstance(widget, TimeField):
            widget.setTime(QTime(value.hour, value.minute) if value else QTime())
        else:
            widget.setDate(QDate(value.year, value.month, value.day) if value else QDate())

    def _show_daypart(self, start: time | None) -> None:
        """ "Doel van de ochtend/middag/avond", by the start time."""
        if isinstance(self.goals_label, QLabel):
            self.goals_label.setText(goals_label(start))

    # -- co-hosts -------------------------------------------------------------------------
    def _cohosts_changed(self, hosts: list, label: str) -> None:
        try:
            self.ctx.commands.push(SetCoHosts(self.ctx.session_id, hosts, label))
        except CommandError as err:
            self.cohosts.show_message(str(err))

    @asyncSlot(int, str)
    async def _cohost_logo_file(self, row: int, path: str) -> None:
        try:
            logo = await self.ctx.db.call(_read_logo, path)
        except CommandError as err:
            if alive(self):
                self.cohosts.show_message(str(err))
            return
        except OSError as err:
            if alive(self):
                self.cohosts.show_message(_("File problem: {error}").format(error=err))
            return
        if alive(self):
            self.cohosts.show_message("")
            self.cohosts.set_logo(row, logo)

    def _show_long_date(self) -> None:
        value = self._date_value()
        self.date_label.setText(format_long_date(value) if value else "")


def _read_logo(_library, path: str) -> bytes:
    """Read and check a logo file (on the database worker, off the UI thread)."""
    from workshop.sessions.logo import prepare_logo  # Pillow: only when a logo is chosen

    return prepare_logo(Path(path).read_bytes())


def _details_and_cohosts(library, session_id: int):
    """The page's data in one trip to the database worker."""
    return get_details(library, session_id), list_cohosts(library, session_id)
