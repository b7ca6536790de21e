"""Importing a list of people on the Deelnemers page: choose a file, read it with progress,
show the preview, store what was confirmed as one undoable step (ops of `self.ops`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from ui.kit.ops import BackgroundOps
from ui.widgets.alive import alive
from ui.widgets.import_preview_dialog import ImportPreviewDialog
from ui.widgets.import_progress import ImportProgress
from workshop.commands import CommandError
from workshop.i18n import _
from workshop.people.importer import ImportPreview, import_command, preview_for_session

if TYPE_CHECKING:
    from ui.pages.participants_page import ParticipantsPage


class PeopleImport(QObject):
    """A controller: the page shows `progress`; a failure reads as one line in a box."""

    def __init__(self, page: ParticipantsPage) -> None:
        super().__init__(page)
        self.page = page
        self.ctx = page.ctx
        self.progress = ImportProgress()  # shown while a list is read and stored
        self.ops = BackgroundOps(self, "people import")
        self.ops.failed.connect(page.warn)

    def choose_file(self) -> None:
        dialog = QFileDialog(self.page, _("Import a list of participants"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([_("Lists (*.csv *.xlsx *.txt)"), _("All files (*)")])
        dialog.fileSelected.connect(self.import_file)
        self.page.open_dialog(dialog)

    def import_file(self, path: str) -> None:
        self.ops.run(self._read(Path(path)), success=self.show_preview)

    async def _read(self, path: Path) -> ImportPreview:
        try:
            return await self.ctx.db.call(
                preview_for_session, self.ctx.session_id, path, self.progress.report
            )
        finally:
            if alive(self.progress):
                self.progress.finish()

    def show_preview(self, preview: ImportPreview) -> ImportPreviewDialog:
        dialog = ImportPreviewDialog(self.page, preview)
        dialog.accepted.connect(lambda: self.ops.run(self._store(preview)))
        self.page.open_dialog(dialog)
        return dialog

    async def _store(self, preview: ImportPreview) -> None:
        command = await self.ctx.db.call(import_command, preview, self.ctx.session_id)
        if command is None or not alive(self.progress):
            return
        command.progress = lambda done, total: self.progress.report("store", done, total)
        try:
            await self.ctx.commands.push_and_wait(command)
        except CommandError:
            pass  # the command service says why (its `failed` signal)
        finally:
            if alive(self.progress):
                self.progress.finish()
