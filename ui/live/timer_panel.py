"""The Live page's timer side: the item's title, its steps, the timer disk and the controls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.live.disk import TimerDisk
from ui.live.service import LiveService
from ui.live.timer_controls import TimerControls
from workshop.i18n import _
from workshop.projector.timers import countdown_caption
from workshop.timing.engine import LiveEngine, RunStatus


class TimerPanel(QWidget):
    """What runs now and how long it has left, with the buttons under it."""

    def __init__(self, live: LiveService) -> None:
        super().__init__()
        self.setObjectName("live-timer-panel")
        self.item_title = QLabel()
        self.item_title.setObjectName("live-item-title")
        self.item_title.setWordWrap(True)
        self.item_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        self.item_title.setFont(title_font)
        self.step_label = QLabel()
        self.step_label.setObjectName("live-steps")
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_label.setTextFormat(Qt.TextFormat.RichText)
        self.step_label.setWordWrap(True)  # long steps wrap: never wider than the page
        self.disk = TimerDisk()
        self.disk.setObjectName("live-disk")
        self.item_left = QLabel()
        self.item_left.setObjectName("live-item-left")
        self.item_left.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.controls = TimerControls(live)

        column = QVBoxLayout(self)
        column.setContentsMargins(4, 0, 4, 0)
        column.addWidget(self.item_title)
        column.addWidget(self.step_label)
        column.addWidget(self.disk, 1)
        column.addWidget(self.item_left)
        column.addWidget(self.controls)

    def show_item(self, engine: LiveEngine) -> None:
        """The current item's title (or why there is none) and its steps."""
        current = engine.current or (engine.plan.items[0] if engine.plan.items else None)
        if engine.status is RunStatus.FINISHED:
            self.item_title.setText(_("The session has ended"))
        elif current is None:
            self.item_title.setText(_("The agenda is empty: add items on the Agenda page"))
        else:
            self.item_title.setText(current.title)
        self._show_steps(engine)
        self.disk.set_note(_("Space starts") if engine.status is RunStatus.IDLE else None)
        self.controls.show_state(engine)

    def show_item_left(self, engine: LiveEngine) -> None:
        """Under a stepped item's disk: the time left for the whole item."""
        if engine.steps() is not None:
            item = engine.item_reading()
            self.item_left.setText(
                _("Whole item: {time}").format(time=f"{countdown_caption(item)} {item.display}")
            )
        else:
            self.item_left.setText("")

    def _show_steps(self, engine: LiveEngine) -> None:
        info = engine.steps()
        if info is None:
            self.step_label.setText("")
            self.step_label.hide()
            return
        parts = []
        for i, title in enumerate(info.titles):
            if i == info.index:
                parts.append(f"<b style='color:#d7263d'>{_html(title)}</b>")
            elif i < info.index:
                parts.append(f"<span style='color:#77776f'>{_html(title)}</span>")
            else:
                parts.append(_html(title))
        label = _("Step {n} of {count}").format(n=info.index + 1, count=info.count)
        self.step_label.setText(f"{_html(label)}: " + " → ".join(parts))
        self.step_label.show()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
