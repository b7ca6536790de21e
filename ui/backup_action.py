"""The *Reservekopie maken…* menu item (start window and session windows).

The copy runs on the database worker (never the UI thread); a message says where it went.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.kit.ops import BackgroundOps
from ui.services.db import DbService
from ui.widgets.alive import alive
from workshop import APP_NAME
from workshop.errors import CommandError, user_message
from workshop.i18n import _
from workshop.store.backup import backup_library


class BackupAction(QAction):
    """Makes a backup of the library in `backups/` next to it, then says where."""

    def __init__(self, parent: QWidget, db: DbService) -> None:
        super().__init__(_("Make a backup…"), parent)
        self.setObjectName("make-backup")
        self.window = parent
        self.db = db
        self.last: Path | None = None
        self.message: QMessageBox | None = None
        self.ops = BackgroundOps(self, "backup")  # public: `ops.busy`, `ops.wait_idle()`
        self.triggered.connect(self.start)

    def start(self) -> asyncio.Task | None:
        return self.ops.run(self._run())

    async def _run(self) -> None:
        self.setEnabled(False)
        try:
            target = await self.db.call(backup_library)
        except (CommandError, OSError) as err:
            text = str(err) if isinstance(err, CommandError) else user_message(err)
            icon = QMessageBox.Icon.Warning
        else:
            self.last = target
            text = _("Backup written to {path}").format(path=target)
            icon = QMessageBox.Icon.Information
        finally:
            if alive(self.window):
                self.setEnabled(True)
        if not alive(self.window):
            return
        box = QMessageBox(icon, APP_NAME, text, parent=self.window)
        box.setObjectName("backup-result")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message = box
