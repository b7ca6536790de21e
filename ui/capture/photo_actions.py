"""Adding, rotating and describing the photos of the group or item the notes point at.

Decoding and scaling run on the kit's worker threads (notes keep flowing on the DB
worker); every change is a core command.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.capture.photos_panel import PhotosPanel
from ui.kit.context import PageContext
from ui.kit.ops import BackgroundOps, off_thread
from ui.widgets.alive import alive
from workshop.capture.commands.photos import (
    AddPhoto,
    CaptionPhoto,
    DeletePhoto,
    DescribePhoto,
    RotatePhoto,
)
from workshop.capture.photos import prepare_file, rotated
from workshop.capture.queries import photo_data
from workshop.capture.queue import Target
from workshop.commands import CommandError
from workshop.i18n import _

#: where photos go: the agenda item (None: none chosen) and the group or pitch in it
Where = Callable[[], tuple[int | None, Target]]


class PhotoActions(QObject):
    """The photos panel's requests turned into commands; files are prepared off the UI."""

    def __init__(
        self,
        ctx: PageContext,
        panel: PhotosPanel,
        ops: BackgroundOps,
        where: Where,
        show_error: Callable[[str], None],
        reveal: Callable[[], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._panel = panel
        self._ops = ops
        self._where = where
        self._show_error = show_error
        self._reveal = reveal  # shows the photos panel (a drop on another tab)
        self._page = parent
        push = ctx.commands.push
        panel.add_requested.connect(self.choose)
        panel.rotate_requested.connect(self.rotate)
        panel.caption_edited.connect(lambda pid, text: push(CaptionPhoto(pid, text)))
        panel.description_edited.connect(lambda pid, text: push(DescribePhoto(pid, text)))
        panel.delete_requested.connect(lambda pid: push(DeletePhoto(pid)))

    def choose(self) -> None:
        dialog = QFileDialog(self._page, _("Add photos"))
        dialog.setObjectName("capture-photo-dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [_("Photos (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp)"), _("All files (*)")]
        )
        dialog.filesSelected.connect(self.add_files)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def add_files(self, paths: list[str]) -> asyncio.Task | None:
        """Prepare and store the photos at `paths`. The adding is shielded: a photo chosen
        is stored even if the facilitator closes the window while it is being prepared."""
        work = asyncio.ensure_future(self._add([Path(p) for p in paths]))
        return self._ops.run(asyncio.shield(work))

    def drop_event(self, event: QEvent) -> bool:
        """True when `event` is a drag of files over the page, or their drop, handled."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)
            if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                self.drop_files(paths)
                return True
        return False

    def drop_files(self, paths: list[str]) -> None:
        folders = [p for p in paths if Path(p).is_dir()]
        files = [p for p in paths if p not in folders]
        if folders:
            self._show_error(_("Folders cannot be added; drop the photos themselves."))
        if files:
            self._reveal()
            self.add_files(files)

    def rotate(self, photo_id: int, turns: int) -> None:
        self._ops.run(self._rotate(photo_id, turns), failure=self._failed)

    def _failed(self, message: str) -> None:
        self._panel.set_error(message)

    async def _add(self, paths: list[Path]) -> None:
        item_id, target = self._where()
        if item_id is None:
            return
        problems = []
        commands, session_id = self._ctx.commands, self._ctx.session_id  # outlive the page
        for path in paths:
            if alive(self._panel):
                self._panel.set_busy(_("Preparing {name}…").format(name=path.name))
            try:
                prepared = await off_thread(prepare_file, path)
            except CommandError as err:
                problems.append(str(err))
                continue
            commands.push(
                AddPhoto(session_id, item_id, target.group_id, prepared, entry_id=target.entry_id)
            )
        if not alive(self._panel):
            return
        if problems:
            self._panel.set_error("\n".join(problems))
            self._show_error(problems[-1])
        else:
            self._panel.set_busy("")

    async def _rotate(self, photo_id: int, turns: int) -> None:
        data, name = await self._ctx.db.call(photo_data, photo_id)
        turned = await off_thread(rotated, data, turns, name)
        self._ctx.commands.push(RotatePhoto(photo_id, turns, turned))
