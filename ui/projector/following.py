"""The projector follows the room: the item running on Live (and the round of a Live step),
and the breakout group or pitch that has the floor in the capture queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from workshop.projector.state import Mode
from workshop.timing.engine import RunStatus

if TYPE_CHECKING:
    from ui.projector.controller import ProjectorController


class RoomFollowing(QObject):
    """Plugs the session's live and capture services into a controller's picture."""

    def __init__(self, controller: ProjectorController, live=None, capture=None) -> None:
        super().__init__(controller)
        self._controller = controller
        self.live = live
        self.capture = capture
        self.live_item_id: int | None = None
        self._live_step: tuple[int | None, int | None] | None = None  # (item, step) seen

    def attach(self) -> None:
        """Connect to the services (once the controller is built: Live may answer at once)."""
        controller, live, capture = self._controller, self.live, self.capture
        if live is not None:
            controller.timer_source = live.reading
            live.reading_changed.connect(lambda _reading: controller.repaint())
            live.state_changed.connect(self._on_live_state)
            ensure = getattr(live, "ensure_loaded", None)
            if callable(ensure):
                ensure()
        if capture is not None:
            controller.speaking_source = capture.reading
            capture.tick.connect(lambda _reading: controller.repaint())
            capture.speaker_changed.connect(self._on_speaker)

    @property
    def engine(self):
        """The timing engine the Live strip reads (None without Live, or before it loaded)."""
        return getattr(self.live, "engine", None)

    def _on_live_state(self) -> None:
        machine = self._controller.machine
        engine = self.engine
        current = getattr(engine, "current", None) if engine is not None else None
        self.live_item_id = current.id if current is not None else None
        if getattr(engine, "status", None) == RunStatus.IDLE:
            # not started: no item runs yet, so Space on the first item is a real move
            # (the welcome gives way to it) and not a first sight of that item
            machine.item_changed(None, None)
        elif current is not None:
            machine.item_changed(current.id, current.kind)
        self._follow_step(engine, current)
        self._controller.repaint(force=True)

    def _follow_step(self, engine, current) -> None:
        """A Live step that runs a round ("Ronde 2") shows that round, once per step change:
        a round the facilitator picks afterwards (panel, Groepen tab) stays until the next."""
        steps = engine.steps() if engine is not None and hasattr(engine, "steps") else None
        seen = (current.id if current is not None else None, steps.index if steps else None)
        first = self._live_step is None
        if seen == self._live_step:
            return
        self._live_step = seen
        content = self._controller.content
        if first or steps is None or current is None or content is None:
            return
        rnd = content.round_for_step(current.id, steps.index, steps.titles)
        if rnd is not None:
            self._controller.machine.select_round(rnd.id)

    def _on_speaker(self, target) -> None:
        """F8 gave the floor to a breakout group or a pitch (a capture.queue.Target): the
        picture and the panel follow it (and the round a group sits in, when another round
        was shown)."""
        controller = self._controller
        if target is not None and target.group_id is not None:
            controller.select_floor(target.group_id)
        elif target is not None and target.entry_id is not None:
            controller.machine.select_reporting_group(target.entry_id)
            if controller.state.follow_agenda and controller.state.mode != Mode.REPORTING:
                controller.machine.show(Mode.REPORTING)
        controller.repaint(force=True)

    def floor_group_id(self) -> int | None:
        """The group (or pitch entry) that has the floor in the capture queue (None: nobody)."""
        target = self.capture.current_key if self.capture is not None else None
        if target is None:
            return None
        return target.group_id if target.group_id is not None else target.entry_id
