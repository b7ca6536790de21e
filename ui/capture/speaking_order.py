"""The speaking order of the chosen agenda item: the queue panel's edits as commands, and
who has the floor (the speaking timer of `CaptureService`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from ui.capture.queue_panel import QueuePanel
from ui.capture.service import CaptureService
from workshop.capture.commands.queue import (
    AddQueueEntry,
    EditQueueEntry,
    RemoveQueueEntry,
    ReorderQueue,
    SetHarvestItem,
)
from workshop.capture.queries import ReportingQueue
from workshop.capture.queue import Target
from workshop.capture.speaking import Speaker
from workshop.commands import Command
from workshop.i18n import _


class SpeakingOrder(QObject):
    """The queue shown in `panel` for one agenda item, and moving the floor along it."""

    def __init__(
        self,
        panel: QueuePanel,
        service: CaptureService,
        item_id: Callable[[], int | None],
        push: Callable[[Command], None],
        make: Callable[[Callable[[], Command]], None],
        show_info: Callable[[str], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.panel = panel
        self.service = service
        self.queue: ReportingQueue | None = None  # None until read for the chosen item
        self._item_id = item_id
        self._show_info = show_info
        self._make = make  # builds a command that may refuse bad input with a message
        panel.harvest_chosen.connect(self._harvest_chosen)
        panel.add_entry.connect(self._add_entry)
        panel.reordered.connect(lambda ids: push(ReorderQueue(ids)))
        panel.renamed.connect(lambda gid, name: push(EditQueueEntry(gid, name=name)))
        panel.minutes_set.connect(lambda gid, m: push(EditQueueEntry(gid, speaking_minutes=m)))
        panel.remove_entry.connect(lambda gid: push(RemoveQueueEntry(gid)))
        panel.team_set.connect(
            lambda target, team: make(lambda: EditQueueEntry(target, group_id=team))
        )
        panel.previous_requested.connect(self.previous_speaker)
        panel.pause_requested.connect(service.toggle_pause)
        panel.extend_requested.connect(service.extend)
        panel.stop_requested.connect(service.stop)
        service.tick.connect(panel.show_reading)
        service.speaker_changed.connect(panel.set_speaking)

    def show(self, item_id: int, queue: ReportingQueue, target: Target) -> None:
        """The queue read for `item_id`, with `target` chosen; the timer follows it."""
        self.queue = queue
        self.panel.show_queue(queue, target)
        self.service.set_queue(
            item_id,
            [
                Speaker(
                    e.target, e.label, e.effective_minutes * 60 if e.effective_minutes else None
                )
                for e in queue.entries
            ],
        )
        self.panel.set_speaking(self.service.current_key)

    def item_chosen(self, with_queue: bool) -> None:
        """Another agenda item: its queue is read next (optional for an item without one)."""
        self.queue = None
        self.panel.setVisible(True)
        self.panel.setEnabled(True)
        self.panel.title.setText(
            _("Speaking order") if with_queue else _("Speaking order (optional for this item)")
        )

    def next_speaker(self) -> None:
        if not self.queue or not self.queue.entries:
            self._show_info(
                _("There is no speaking order for this item yet: add groups on the left.")
            )
            return
        speaker = self.service.next()
        if speaker is None:
            self._show_info(_("Everyone has had the floor."))
            self.panel.select_group(None)
        else:
            self._show_info("")
            self.panel.select_group(speaker.key)

    def previous_speaker(self) -> None:
        if self.queue and self.queue.entries:
            speaker = self.service.previous()
            if speaker is not None:
                self.panel.select_group(speaker.key)

    def _add_entry(self, name: str) -> None:
        item_id = self._item_id()
        if item_id is not None:
            self._make(lambda: AddQueueEntry(item_id, name))

    def _harvest_chosen(self, source_item_id: int | None) -> None:
        """The plenary item harvests the groups of `source_item_id` (None: automatic)."""
        item_id = self._item_id()
        if item_id is not None:
            self._make(lambda: SetHarvestItem(item_id, source_item_id))
