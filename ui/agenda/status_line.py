"""Under the agenda table: the session's times, the planned total, whether the plan fits
around its fixed times (in the error colour when not), a short info text, and the page's
message boxes (news that a template's times moved, a warning)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from ui.kit import theme
from workshop.agenda.planning import AgendaPlan, ProblemKind
from workshop.agenda.queries import AgendaView
from workshop.agenda.wording import describe_fit, describe_total
from workshop.i18n import _, format_clock


class AgendaStatus(QWidget):
    """Times, total and fit of the shown plan; `info(text)` for what just happened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.times_label = QLabel()
        self.times_label.setObjectName("agenda-times")
        self.total_label = QLabel()
        self.total_label.setObjectName("agenda-total")
        self.total_label.setWordWrap(True)  # a narrow window wraps it instead of cutting it
        self.fit_label = QLabel()
        self.fit_label.setObjectName("agenda-fit")
        self.fit_label.setWordWrap(True)
        self.info_label = QLabel()
        self.info_label.setObjectName("agenda-info")
        self.info_label.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(self.times_label)
        line.addWidget(self.total_label, 1)
        line.addWidget(self.info_label)
        layout.addLayout(line)
        layout.addWidget(self.fit_label)

    def info(self, text: str) -> None:
        self.info_label.setText(text)

    def tell(self, title: str, message: str) -> None:
        """News, not a question: a non-modal box (Ctrl+Z still works) and the info text."""
        box = QMessageBox(QMessageBox.Icon.Information, _("Agenda"), title, parent=self)
        box.setObjectName("agenda-times-adjusted")
        box.setInformativeText(message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.info(title)

    def warn(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Agenda"), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_plan(self, view: AgendaView, plan: AgendaPlan) -> None:
        """The session's times and `plan` (the table's, with edits not yet stored)."""
        if view.start_time and view.end_time:
            times = _("Session {start}–{end}").format(
                start=format_clock(view.start_time), end=format_clock(view.end_time)
            )
        elif view.start_time:
            times = _("Session from {start}").format(start=format_clock(view.start_time))
        else:
            times = _("Set the start and end time under Details")
        overlaps = any(p.kind is ProblemKind.BEFORE_FIXED for p in plan.problems)
        if view.start_time and plan.items and not overlaps:  # with overlaps the end misleads
            times += " · " + _("planned end {time}").format(time=format_clock(plan.end))
        self.times_label.setText(times + " ·")
        self.total_label.setText(describe_total(plan))
        fit = describe_fit(plan)
        self.fit_label.setText(fit)
        self.fit_label.setVisible(bool(fit))
        self.fit_label.setStyleSheet(theme.style("error", bold=True) if fit else "")
