"""The "Volgende bijeenkomst" dialog: title, date and times, and what will be carried."""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.kit import theme
from ui.widgets.typed_fields import DateField, TimeField
from workshop.i18n import _
from workshop.series.next_meeting import NextMeetingPlan

#: a CoP meets about monthly: the dialog proposes four weeks after this meeting
PROPOSED_GAP = timedelta(weeks=4)


class NextMeetingDialog(QDialog):
    """Opened with open(); `accepted` then `values()` holds what to make."""

    def __init__(
        self,
        plan: NextMeetingPlan,
        after: date | None,
        start: time | None,
        end: time | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("next-meeting-dialog")
        self.setWindowTitle(_("Next meeting"))
        self.title = QLineEdit(
            _("{series} — meeting {n}").format(series=plan.series_name, n=plan.number)
        )
        self.title.setObjectName("next-meeting-title")
        day = (after or date.today()) + PROPOSED_GAP
        self.date = DateField(QDate(day.year, day.month, day.day))
        self.date.setObjectName("next-meeting-date")
        start, end = start or time(13, 0), end or time(16, 0)
        self.start = TimeField(QTime(start.hour, start.minute))
        self.end = TimeField(QTime(end.hour, end.minute))
        self.people = QCheckBox(
            _("Put the {n} people of the series register on the list").format(n=plan.people)
        )
        self.people.setObjectName("next-meeting-people")
        self.people.setChecked(True)
        self.people.setEnabled(plan.people > 0)
        made = plan.produced
        self.produced = QCheckBox(
            _(
                "Bring the previous meeting's open questions ({q}), levers ({l}) and photos "
                "({p}) into the review"
            ).format(q=made.questions, l=made.levers, p=made.photos)
        )
        self.produced.setObjectName("next-meeting-produced")
        self.produced.setChecked(made.total > 0)
        self.produced.setEnabled(made.total > 0)
        carried = [
            _("Programme from “{source}” ({n} parts).").format(
                source=plan.agenda_from, n=plan.items
            )
            if plan.agenda_from
            else _("No programme to carry over yet.")
        ]
        if plan.open_actions:
            carried.append(
                _("{n} open actions come back in the “Action review” item.").format(
                    n=plan.open_actions
                )
            )
        self.carried = QLabel("\n".join(carried))
        self.carried.setObjectName("next-meeting-carried")
        self.carried.setWordWrap(True)
        self.error = QLabel()
        form = QFormLayout(self)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Start time"), self.start)
        form.addRow(_("End time"), self.end)
        form.addRow(self.people)
        form.addRow(self.produced)
        form.addRow(self.carried)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Make the meeting"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _check(self) -> None:
        if not self.title.text().strip():
            theme.set_status(self.error, _("Give the meeting a title."), "error")
        elif not self.date.date().isValid():
            theme.set_status(
                self.error, _("Type a date like 9-4-2026, or choose one on the calendar."), "error"
            )
        elif not (self.start.time().isValid() and self.end.time().isValid()):
            theme.set_status(self.error, _("Type the times like 15:00 or 9.30."), "error")
        elif self.end.time() <= self.start.time():
            theme.set_status(self.error, _("The end time must be after the start time."), "error")
        else:
            self.accept()

    def values(self) -> dict:
        qd, qs, qe = self.date.date(), self.start.time(), self.end.time()
        return {
            "title": self.title.text().strip(),
            "day": date(qd.year(), qd.month(), qd.day()),
            "start_time": time(qs.hour(), qs.minute()),
            "end_time": time(qe.hour(), qe.minute()),
            "carry_people": self.people.isChecked(),
            "carry_produced": self.produced.isChecked(),
        }
