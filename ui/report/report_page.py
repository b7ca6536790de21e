"""The Verslag page: choose what to write, write the PDF in the background, open it.

Data is read on the DB worker (`ctx.db.call`); the PDF is laid out on a separate thread so
neither the window nor the database worker waits for ReportLab.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import system_open
from ui.kit.context import PageContext
from ui.kit.ops import BackgroundOps, off_thread
from ui.report.labels import FORMAT_LABELS, safe_filename, summary_line
from ui.report.mail_draft import draft_lines, draft_path, write_draft
from ui.report.options_panel import ReportOptionsPanel
from ui.report.preview import first_page
from ui.report.result_panel import ResultPanel
from ui.widgets.alive import alive
from ui.widgets.scrolling import scrolled
from workshop.atomic import write_text_atomic
from workshop.commands import Changes
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.reports.data import FORMATS, ReportError, ReportOptions
from workshop.reports.loader import ReportOverview, load_report_data, report_overview
from workshop.sessions.exchange import export_json
from workshop.sessions.logo import SetSessionLogo, prepare_logo
from workshop.store.settings import get_setting, set_setting

if TYPE_CHECKING:
    from workshop.reports.build import BuildResult

log = logging.getLogger(__name__)
PREVIEW_WIDTH = 340


def build_pdf(data, options, path, progress=None, fmt: str = "pdf"):
    """Write the report as PDF, HTML or DOCX (runs on a worker thread, where ReportLab and
    python-docx are imported on first use)."""
    from workshop.reports.build import build_report

    return build_report(data, options, path, fmt, progress=progress)


class ReportPage(QWidget):
    """Options, a button that writes the PDF, progress, and the result with a preview."""

    finished = Signal(object)  # BuildResult or an error message (str)

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-report")
        self.ctx = ctx
        self.overview: ReportOverview | None = None
        self.last_path: Path | None = None
        self.last_lang = "nl"
        self.last_draft: Path | None = None
        self.last_result: BuildResult | None = None
        self.busy = False  # a document is being written
        self.ops = BackgroundOps(self, "report")  # public: `ops.busy`, `ops.settled`
        self.ops.failed.connect(self._show_status)
        #: how a finished PDF is opened; tests replace it
        self.open_url = system_open.open_url  # frozen app: no bundle paths leak to the viewer
        # The layout thread only writes `_latest`; a timer on the UI thread shows it. No
        # cross-thread Qt events, so nothing is left queued when a window closes mid-build.
        self._latest: tuple[float, str] = (0.0, "")
        self._poll = QTimer(self, interval=80)
        self._poll.timeout.connect(lambda: self.result.show_progress(*self._latest))

        self.summary = QLabel()
        self.summary.setObjectName("report-summary")
        self.summary.setWordWrap(True)

        self.choices = ReportOptionsPanel()
        self.choices.changed.connect(self._remember)
        self.choices.choose_logo_requested.connect(self._pick_logo)
        self.choices.remove_logo_requested.connect(
            lambda: self.ctx.commands.push(SetSessionLogo(self.ctx.session_id, None))
        )
        for name in (
            "kind_verslag",
            "kind_draaiboek",
            "language",
            "anonymous",
            "rehearsals",
            "use_logo",
            "remove_logo",
            "file_format",
            "version",
            "author",
            "section_boxes",
        ):  # the widgets tests and the selftest drive, under the page's names
            setattr(self, name, getattr(self.choices, name))

        # actions and result
        self.make_button = QPushButton(_("Make…"))
        self.make_button.setObjectName("report-make")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self._ask_where)
        self.export_button = QPushButton(_("Export session (JSON)…"))
        self.export_button.setToolTip(_("The whole session in one file, for a co-facilitator"))
        self.export_button.clicked.connect(self._ask_export_where)
        self.open_after = QCheckBox(_("Open the file when it is ready"))
        self.open_after.setChecked(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.open_after)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        self.result = ResultPanel()
        self.result.open_requested.connect(lambda: self.open_pdf(self.last_path))
        self.result.folder_requested.connect(self._open_folder)
        self.result.send_requested.connect(self._start_send)
        self.progress, self.status = self.result.progress, self.result.status
        self.open_button, self.send_button = self.result.open_button, self.result.send_button
        self.preview = QLabel()
        self.preview.setObjectName("report-preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.preview.setMinimumWidth(260)
        self.preview.setStyleSheet("QLabel{background:palette(alternate-base);}")

        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.choices)
        left.addLayout(buttons)
        left.addWidget(self.result)
        left.addStretch(1)
        scroll = scrolled(left, 760)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 3)
        layout.addWidget(self.preview, 2)
        self.preview.hide()
        self.setEnabled(False)
        self.reload()

    # -- state ----------------------------------------------------------------------------
    def options(self) -> ReportOptions:
        return self.choices.options(self.ctx.clock.now().date())

    def file_format_choice(self) -> str:
        return self.choices.file_format_choice()

    def apply_options(self, options: ReportOptions) -> None:
        """Show `options` in the widgets (without storing them again)."""
        self.choices.apply_options(options)

    async def wait_idle(self) -> None:
        """Tests and the selftest: until every read, write and export has ended."""
        await self.ops.wait_idle()

    def _show_status(self, message: str) -> None:
        self.result.say(message)

    @property
    def _settings_key(self) -> str:
        return f"report.options.{self.ctx.session_id}"

    def _remember(self, *_args) -> None:
        """Store the choices for this session (a preference, so not on the undo stack)."""
        if self.overview is not None:
            self.ops.run(
                self.ctx.db.call(set_setting, self._settings_key, self.options().to_json())
            )

    def on_changed(self, changes: Changes) -> None:
        if changes.for_session(self.ctx.session_id):
            self.reload()  # the report reads every part of its session

    def reload(self) -> asyncio.Task | None:
        """Read the overview again (the latest read wins)."""
        return self.ops.run(self._reload(), key="overview")

    async def _reload(self) -> None:
        overview = await self.ctx.db.call(report_overview, self.ctx.session_id)
        if not alive(self):
            return
        first = self.overview is None
        self.overview = overview
        if first:
            saved = await self.ctx.db.call(get_setting, self._settings_key)
            if not alive(self):
                return
            default = ReportOptions(lang=overview.report_language)
            self.apply_options(ReportOptions.from_json(saved, default))
        self.summary.setText(summary_line(overview))
        self.choices.show_logo(overview.has_logo)
        self.setEnabled(True)

    # -- making the PDF -------------------------------------------------------------------
    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        title = self.overview.title if self.overview else ""
        kind = _("report") if self.kind_verslag.isChecked() else _("run sheet")
        fmt = self.file_format_choice()
        return Path(folder or Path.home()) / f"{safe_filename(title)} - {kind}.{fmt}"

    def _ask_where(self) -> None:
        fmt = self.file_format_choice()
        dialog = QFileDialog(self, _("Save as"), str(self.default_path()), _(FORMAT_LABELS[fmt][1]))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        dialog.fileSelected.connect(self._start_export)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _start_export(self, path: str) -> None:
        if path:
            self.ops.run(self.export_to(Path(path)))

    async def export_to(self, path: Path, open_when_done: bool | None = None) -> BuildResult | None:
        """Load on the DB worker, lay out on the PDF thread, then show (and open) the result."""
        if self.busy:
            return None
        self.busy = True
        options = self.options()
        suffix = path.suffix.lstrip(".").lower()
        fmt = suffix if suffix in FORMATS else self.file_format_choice()
        self.make_button.setEnabled(False)
        self.result.writing()
        result: BuildResult | None = None
        message = ""
        try:
            data = await self.ctx.db.call(load_report_data, self.ctx.session_id, options)

            def emit(fraction: float, message: str) -> None:  # called on the worker thread
                self._latest = (fraction, message)

            self._latest = (0.0, _("Reading the session…"))
            self._poll.start()
            result = await off_thread(build_pdf, data, options, path, emit, fmt)
        except (ReportError, CommandError) as err:
            message = str(err)
        except OSError as err:
            message = _("The PDF could not be written: {error}").format(error=err)
        except Exception as err:  # noqa: BLE001 - the page must recover and say what happened
            log.exception("report export failed")
            message = _("Unexpected problem while making the PDF: {error}").format(error=err)
        if not alive(self):
            return result
        self._poll.stop()
        self.busy = False
        self.make_button.setEnabled(True)
        if result is None:
            self.result.failed(message)
            self.finished.emit(message)
            return None
        self.last_path, self.last_result = path, result
        self.result.written(path, result, fmt, can_send=options.kind == "verslag")
        self.last_lang = options.lang
        self.finished.emit(result)
        if fmt == "pdf":
            await self._show_preview(path)
        else:
            self.preview.hide()
        if (self.open_after.isChecked() if open_when_done is None else open_when_done) and alive(
            self
        ):
            self.open_pdf(path)
        return result

    # -- sending: an e-mail draft, never sent by the app ------------------------------------
    def _start_send(self) -> None:
        self.ops.run(self.send_draft())

    async def send_draft(self) -> Path | None:
        """Write an e-mail draft (.eml) next to the report and open it in the mail program."""
        path = self.last_path
        if path is None or not path.exists():
            return None
        draft = draft_path(path)
        try:
            context = await write_draft(self.ctx.db, self.ctx.session_id, path, self.last_lang)
        except (OSError, LookupError) as err:
            if alive(self):
                self._show_status(
                    _("The e-mail draft could not be written: {error}").format(error=err)
                )
            return None
        if not alive(self):
            return draft
        self.last_draft = draft
        opened = bool(self.open_url(QUrl.fromLocalFile(str(draft))))
        lines = draft_lines(context, draft, opened)
        self.result.say_lines(lines)
        return draft

    def open_pdf(self, path: Path | None) -> bool:
        """Open in the system PDF viewer; says so plainly when there is none."""
        if path is None or not path.exists():
            return False
        opened = bool(self.open_url(QUrl.fromLocalFile(str(path))))
        if not opened:
            self.result.add_line(
                _("No PDF viewer could be started; the file is in {folder}.").format(
                    folder=path.parent
                )
            )
        return opened

    def _open_folder(self) -> None:
        if self.last_path is not None:
            self.open_url(QUrl.fromLocalFile(str(self.last_path.parent)))

    async def _show_preview(self, path: Path) -> None:
        """Page 1 as a picture (rendered on a worker thread)."""
        image = await off_thread(first_page, path, PREVIEW_WIDTH)
        if image is None or not alive(self):
            return
        pixmap = QPixmap.fromImage(image)
        self.preview.setPixmap(
            pixmap.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation)
        )
        self.preview.setToolTip(_("Page 1 of the PDF"))
        self.preview.show()

    # -- logo -------------------------------------------------------------------------------
    def _pick_logo(self) -> None:
        dialog = QFileDialog(
            self,
            _("Choose logo"),
            str(Path.home()),
            _("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self._logo_chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _logo_chosen(self, path: str) -> None:
        if path:
            self.ops.run(self.set_logo_from(Path(path)))

    async def set_logo_from(self, path: Path) -> bool:
        try:
            raw = await off_thread(path.read_bytes)
            logo = await off_thread(prepare_logo, raw)
        except (OSError, CommandError) as err:
            if alive(self):
                self.result.say(str(err))
            return False
        if alive(self):
            await self.ctx.commands.push_and_wait(SetSessionLogo(self.ctx.session_id, logo))
        return True

    # -- JSON export ----------------------------------------------------------------------
    def _ask_export_where(self) -> None:
        title = self.overview.title if self.overview else ""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = Path(folder or Path.home()) / f"{safe_filename(title)}.json"
        dialog = QFileDialog(self, _("Export session"), str(start), _("Session exports (*.json)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("json")
        dialog.fileSelected.connect(self._start_json_export)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _start_json_export(self, path: str) -> None:
        if path:
            self.ops.run(self.export_json_to(Path(path)))

    async def export_json_to(self, path: Path) -> bool:
        try:
            text = await self.ctx.db.call(export_json, self.ctx.session_id)
            await off_thread(write_text_atomic, path, text)
        except (OSError, CommandError) as err:
            if alive(self):
                self.result.say(_("The export could not be written: {error}").format(error=err))
            return False
        if alive(self):
            self.result.say(_("Session exported to {path}").format(path=path))
        return True
