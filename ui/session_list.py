"""The start screen's session list: a model over light summaries, filtered as you type.

A `QListView` asks only for the rows it shows (uniform item sizes), so a library with hundreds
of sessions opens as fast as one with three; dates are formatted (Babel) when a row is first
shown or searched, then kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListView, QWidget

from workshop.i18n import _, format_clock, format_long_date

if TYPE_CHECKING:
    from workshop.sessions.queries import SessionSummary

# Item roles as the numbers Qt passes to data(): touching the `Qt` namespace creates all its
# enums (tens of milliseconds), which the first frame does without.
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
FOREGROUND_ROLE = 9  # Qt.ItemDataRole.ForegroundRole
SESSION_ID_ROLE = 256  # Qt.ItemDataRole.UserRole
ARCHIVED_ROLE = 257


def _date_words(s: SessionSummary) -> str:
    """Every way a user may type the session's date: 2021-04-09, 9-4-2021, vrijdag 9 april."""
    if s.date is None:
        return ""
    d = s.date
    return " ".join(
        (
            d.isoformat(),
            f"{d.day}-{d.month}-{d.year}",
            f"{d.day:02d}-{d.month:02d}-{d.year}",
            f"{d.day}/{d.month}/{d.year}",
            format_long_date(d),
        )
    )


class SessionListModel(QAbstractListModel):
    """Sessions newest first; `set_filter(text, show_archived)` narrows the rows shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[SessionSummary] = []
        self._shown: list[SessionSummary] = []
        self._text = ""
        self._show_archived = False
        self._labels: dict[int, str] = {}
        self._haystacks: dict[int, str] = {}

    # -- content --------------------------------------------------------------------------
    def set_sessions(self, sessions: list[SessionSummary]) -> None:
        self._all = list(sessions)
        self._labels.clear()
        self._haystacks.clear()
        self._refilter()

    def set_filter(self, text: str, show_archived: bool) -> None:
        self._text = text
        self._show_archived = show_archived
        self._refilter()

    def _refilter(self) -> None:
        words = self._text.casefold().split()
        self.beginResetModel()
        self._shown = [
            s
            for s in self._all
            if (self._show_archived or not s.archived)
            and all(w in self._haystack(s) for w in words)
        ]
        self.endResetModel()

    def _haystack(self, s: SessionSummary) -> str:
        found = self._haystacks.get(s.id)
        if found is None:
            found = f"{s.title} {_date_words(s)}".casefold()
            self._haystacks[s.id] = found
        return found

    def total(self) -> int:
        """Sessions in the library (archived ones included), whatever the filter."""
        return len(self._all)

    def archived_count(self) -> int:
        return sum(1 for s in self._all if s.archived)

    def summary(self, row: int) -> SessionSummary | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, session_id: int) -> int:
        for row, s in enumerate(self._shown):
            if s.id == session_id:
                return row
        return -1

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        s = self.summary(index.row()) if index.isValid() else None
        if s is None:
            return None
        if role == DISPLAY_ROLE:
            return self._label(s)
        if role == SESSION_ID_ROLE:
            return s.id
        if role == ARCHIVED_ROLE:
            return s.archived
        if role == FOREGROUND_ROLE and s.archived:
            return QColor("#6b6b6b")
        return None

    def _label(self, s: SessionSummary) -> str:
        label = self._labels.get(s.id)
        if label is None:
            when = format_long_date(s.date) if s.date else _("no date")
            times = (
                f"{format_clock(s.start_time)}–{format_clock(s.end_time)}" if s.start_time else ""
            )
            marks = [_("demo")] if s.is_demo else []
            if s.archived:
                marks.append(_("archived"))
            extra = "".join(f"  ·  {m}" for m in marks)
            label = f"{s.title or _('(untitled)')}\n{when}  {times}{extra}"
            self._labels[s.id] = label
        return label


class SessionListView(QListView):
    """The virtualised list: rows are laid out only when they scroll into view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)  # one size hint for all rows: no pass over every row
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(50)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.session_model = SessionListModel(self)
        self.setModel(self.session_model)

    def count(self) -> int:
        """Rows shown (after the filter)."""
        return self.session_model.rowCount()

    def current_session(self) -> SessionSummary | None:
        index = self.currentIndex()
        return self.session_model.summary(index.row()) if index.isValid() else None

    def select_session(self, session_id: int | None) -> None:
        row = self.session_model.row_of(session_id) if session_id is not None else -1
        if row < 0 and self.count():
            row = 0
        if row >= 0:
            self.setCurrentIndex(self.session_model.index(row))
