"""The Agenda page's template menu, import (with its preview) and CSV export.

A mixin of `AgendaPage`: it uses the page's context, model, task spawning and messages.
Dialogs are opened with `open()`, never `exec()`; file work runs on the DB worker.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ui.agenda.import_dialog import ImportPreviewDialog
from ui.widgets.alive import alive
from ui.widgets.confirm import safe_default
from workshop.agenda.commands import (
    ApplyTemplate,
    DeleteTemplate,
    ImportRows,
    InsertItems,
    SaveTemplate,
    detached_lines,
)
from workshop.agenda.exporting import export_csv
from workshop.agenda.importing import ImportPreview, preview_text, read_agenda_file
from workshop.agenda.queries import load_agenda
from workshop.agenda.templates import TemplateInfo
from workshop.commands import CommandError
from workshop.i18n import N_, _, plural


class TemplateAndFileActions:
    # -- templates ------------------------------------------------------------------------------
    def _fill_template_menu(self) -> None:
        menu = self.template_menu
        menu.clear()
        programmes = [t for t in self.templates if not t.method and t.builtin]
        methods = [t for t in self.templates if t.method]
        own = [t for t in self.templates if not t.builtin]
        menu.addSection(_("Programmes"))
        for t in programmes + own:
            action = menu.addAction(
                _("{name} ({minutes} min)").format(name=t.name, minutes=t.total_minutes)
            )
            action.setToolTip(t.description)
            action.triggered.connect(lambda _c=False, t=t: self.apply_template(t))
        menu.addSection(_("Methods (inserted below the selection)"))
        for t in methods:
            action = menu.addAction(
                _("{name} ({minutes} min)").format(name=t.name, minutes=t.total_minutes)
            )
            action.setToolTip(t.description)
            action.triggered.connect(lambda _c=False, t=t: self.apply_template(t))
        menu.addSeparator()
        save = menu.addAction(_("Save this agenda as a template…"))
        save.setEnabled(bool(self.model.rows))
        save.triggered.connect(self.ask_template_name)
        if own:
            delete_menu = menu.addMenu(_("Delete one of my templates"))
            for t in own:
                action = delete_menu.addAction(t.name)
                action.triggered.connect(
                    lambda _c=False, t=t: self.push(DeleteTemplate(t.template_id))
                )
        menu.setToolTipsVisible(True)

    def apply_template(self, template: TemplateInfo, replace: bool | None = None) -> None:
        """Methods go below the selection; programmes replace or follow the agenda (asked)."""
        try:
            values = template.item_values()
        except CommandError as err:
            self._warn(str(err))
            return
        times = (template.start_time, template.end_time)
        if template.method:
            command = ApplyTemplate(
                self.ctx.session_id,
                values,
                template.name,
                index=self._insert_index(),
                template_start=template.start_time,
            )
            self._spawn(self._run_and_select(command))
            return
        if replace is None and self.model.rows:
            self._ask_replace(template)
            return
        command = ApplyTemplate(
            self.ctx.session_id, values, template.name, replace=bool(replace), times=times
        )
        self._spawn(self._run_and_report_detached(command))

    def _ask_replace(self, template: TemplateInfo) -> None:
        box = QMessageBox(self)
        box.setObjectName("agenda-template-replace")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Apply template"))
        box.setText(
            plural(
                len(self.model.rows),
                N_("The agenda already has {n} item. What should “{name}” do?"),
                N_("The agenda already has {n} items. What should “{name}” do?"),
            ).format(n=len(self.model.rows), name=template.name)
        )
        box.setInformativeText(_("You can undo this with Ctrl+Z."))
        replace = box.addButton(_("Replace the agenda"), QMessageBox.ButtonRole.AcceptRole)
        append = box.addButton(_("Add at the end"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        safe_default(box)

        def chosen(button) -> None:
            if button is replace:
                self.apply_template(template, replace=True)
            elif button is append:
                self.apply_template(template, replace=False)

        box.buttonClicked.connect(chosen)
        box.open()
        self._replace_box = box

    def ask_template_name(self) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("agenda-template-name")
        dialog.setWindowTitle(_("Save as template"))
        dialog.setLabelText(_("Name of the template:"))
        title = self.view.session_title if self.view else ""
        dialog.setTextValue(title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self.save_as_template)
        dialog.open()
        self._name_dialog = dialog

    def save_as_template(self, name: str) -> None:
        rows = [r.values() for r in self.model.rows]
        try:
            times = (self.view.start_time, self.view.end_time) if self.view else (None, None)
            command = SaveTemplate(name, rows, times=times)
        except CommandError as err:
            self._warn(str(err))
            return
        self.push(command)
        self._info(_("Saved as template “{name}”").format(name=" ".join(name.split())))

    # -- import ---------------------------------------------------------------------------------
    def choose_import_file(self) -> None:
        dialog = QFileDialog(self, _("Import agenda"))
        dialog.setObjectName("agenda-import-file")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([_("Agenda (*.csv *.xlsx *.xlsm *.txt)"), _("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.import_file(path))
        dialog.open()
        self._file_dialog = dialog

    def import_file(self, path: str | Path) -> asyncio.Task:
        return self._spawn(self._import_file(Path(path)))

    async def _import_file(self, path: Path) -> None:
        await self._preview(lambda _lib: read_agenda_file(path))

    def paste_rows(self) -> asyncio.Task:
        """Rows copied in Excel (or any table) and pasted on the agenda: the same preview."""
        text = QGuiApplication.clipboard().text()
        name = _("Pasted rows")
        return self._spawn(self._preview(lambda _lib: preview_text(text, name)))

    async def _preview(self, read) -> None:
        try:
            preview: ImportPreview = await self.ctx.db.call(read)
        except CommandError as err:
            if alive(self):
                self._warn(str(err))
            return
        if not alive(self):
            return
        dialog = ImportPreviewDialog(preview, bool(self.model.rows), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda d=dialog: self._import_chosen(d))
        dialog.finished.connect(
            lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None
        )
        self._dialogs.append(dialog)
        self.import_dialog = dialog
        dialog.open()

    def _import_chosen(self, dialog: ImportPreviewDialog) -> None:
        values = dialog.values()
        if not values:
            return
        command = ImportRows(self.ctx.session_id, values, replace=dialog.replace.isChecked())
        self._spawn(self._run_and_report_detached(command))
        self._info(
            plural(len(values), N_("{n} item imported"), N_("{n} items imported")).format(
                n=len(values)
            )
        )

    async def _run_and_report_detached(self, command: InsertItems) -> None:
        """Run a (replacing) insert; say which notes, rounds … lost their item."""
        await self._run_and_select(command)
        if alive(self) and command.detached:  # in the info line: Ctrl+Z stays at hand
            self._info("\n".join(detached_lines(command.detached)))

    # -- export ---------------------------------------------------------------------------------
    def choose_export_file(self) -> None:
        title = self.view.session_title if self.view else ""
        name = re.sub(r"[^\w\- ]+", "", title).strip() or _("agenda")
        dialog = QFileDialog(self, _("Export agenda as CSV"))
        dialog.setObjectName("agenda-export-file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(_("CSV for Excel (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"{name} - {_('agenda')}.csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(path))
        dialog.open()
        self._file_dialog = dialog

    def export_to(self, path: str | Path) -> asyncio.Task:
        return self._spawn(self._export(Path(path)))

    async def _export(self, path: Path) -> None:
        self.flush()
        await self.ctx.commands.wait_idle()
        session_id = self.ctx.session_id
        try:
            written = await self.ctx.db.call(
                lambda lib: export_csv(load_agenda(lib, session_id), path)
            )
        except OSError as err:
            if alive(self):
                self._warn(_("The agenda could not be written: {error}").format(error=err))
            return
        if alive(self):
            self._info(_("Exported to {path}").format(path=written))
