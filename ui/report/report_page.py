"""The Verslag page: choose what to write, write the PDF in the background, open it.

Data is read on the DB worker (`ctx.db.call`); the PDF is laid out on a separate thread so
neither the window nor the database worker waits for ReportLab.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ui import system_open
from ui.kit.context import PageContext
from ui.widgets.alive import alive
from ui.widgets.scrolling import scrolled
from workshop.atomic import write_text_atomic
from workshop.commands import Changes
from workshop.errors import CommandError
from workshop.i18n import N_, _
from workshop.reports.data import FORMATS, SECTIONS, ReportError, ReportOptions
from workshop.reports.loader import ReportOverview, load_report_data, report_overview
from workshop.reports.mail import MailContext, mail_context, make_draft
from workshop.sessions.exchange import export_json
from workshop.sessions.logo import SetSessionLogo, prepare_logo
from workshop.store.settings import get_setting, set_setting

if TYPE_CHECKING:
    from workshop.reports.build import BuildResult


def build_pdf(data, options, path, progress=None, fmt: str = "pdf"):
    """Write the report as PDF, HTML or DOCX (runs on the PDF thread, where ReportLab and
    python-docx are imported on first use)."""
    from workshop.reports.build import build_report

    return build_report(data, options, path, fmt, progress=progress)


FORMAT_LABELS = {
    "pdf": (N_("PDF (to print)"), N_("PDF files (*.pdf)")),
    "html": (N_("HTML (accessible, to publish)"), N_("HTML files (*.html)")),
    "docx": (N_("Word (DOCX, to edit)"), N_("Word files (*.docx)")),
}


log = logging.getLogger(__name__)
PREVIEW_WIDTH = 340

SECTION_LABELS = {
    "cover": N_("Cover page"),
    "contents": N_("Table of contents"),
    "summary": N_("Summary"),
    "background": N_("Background and goals"),
    "programme": N_("Programme with times"),
    "participants": N_("Participants"),
    "results": N_("Notes per part and group"),
    "photos": N_("Photos"),
    "actions": N_("Action table"),
    "questions": N_("Open questions"),
    "follow_up": N_("Follow-up"),
}
#: Sections the draaiboek uses (the others only apply to the verslag).
RUN_SHEET_SECTIONS = {"programme", "participants", "contents"}


def _count(n: int, one: str, many: str) -> str:
    """'1 foto' / '3 foto's': the singular for one (never "1 foto's")."""
    return _(one) if n == 1 else _(many).format(n=n)


def summary_line(overview: ReportOverview) -> str:
    """'7 programmaonderdelen · 30 deelnemers (25 mogen genoemd worden) · … · 1 foto'."""
    people = _count(overview.participants, N_("1 participant"), N_("{n} participants"))
    return " · ".join(
        [
            _count(overview.items, N_("1 programme part"), N_("{n} programme parts")),
            f"{people} " + _("({n} may be named)").format(n=overview.named),
            _count(overview.groups, N_("1 group"), N_("{n} groups")),
            _count(overview.notes, N_("1 note"), N_("{n} notes")),
            _count(overview.photos, N_("1 photo"), N_("{n} photos")),
        ]
    )


def safe_filename(title: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")
    return " ".join(cleaned.split())[:80] or "bijeenkomst"


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
        self.busy = False
        self._tasks: set[asyncio.Task] = set()
        self._pdf_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-pdf")
        self.destroyed.connect(lambda *_a, ex=self._pdf_executor: ex.shutdown(wait=False))
        #: how a finished PDF is opened; tests replace it
        self.open_url = system_open.open_url  # frozen app: no bundle paths leak to the viewer
        # The layout thread only writes `_latest`; a timer on the UI thread shows it. No
        # cross-thread Qt events, so nothing is left queued when a window closes mid-build.
        self._latest: tuple[float, str] = (0.0, "")
        self._poll = QTimer(self, interval=80)
        self._poll.timeout.connect(lambda: self._on_progress(*self._latest))

        self.summary = QLabel()
        self.summary.setObjectName("report-summary")
        self.summary.setWordWrap(True)

        # kind
        self.kind_verslag = QRadioButton(_("Report (verslag) — after the session, to publish"))
        self.kind_draaiboek = QRadioButton(_("Run sheet (draaiboek) — for the team, before"))
        self.kind_verslag.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.kind_verslag)
        kinds.addButton(self.kind_draaiboek)
        self.kind_verslag.toggled.connect(self._kind_changed)
        self._applying = False
        kind_box = QGroupBox(_("Document"))
        kind_layout = QVBoxLayout(kind_box)
        kind_layout.addWidget(self.kind_verslag)
        kind_layout.addWidget(self.kind_draaiboek)

        # language, naming, logo
        self.language = QComboBox()
        self.language.setObjectName("report-language")
        self.language.addItem(_("Dutch"), "nl")
        self.language.addItem(_("English"), "en")
        self.anonymous = QCheckBox(_("Anonymous: leave out the names of all participants"))
        self.anonymous.setObjectName("report-anonymous")
        self.rehearsals = QCheckBox(_("Include the timer log of rehearsals"))
        self.rehearsals.setObjectName("report-rehearsals")
        self.rehearsals.setToolTip(
            _("Runs on another day than the session's date are rehearsals; left out unless ticked")
        )
        self.use_logo = QCheckBox(_("Logo on the cover"))
        self.use_logo.setChecked(True)
        self.logo_label = QLabel()
        self.choose_logo = QPushButton(_("Choose logo…"))
        self.choose_logo.clicked.connect(self._pick_logo)
        self.remove_logo = QPushButton(_("Remove logo"))
        self.remove_logo.clicked.connect(
            lambda: self.ctx.commands.push(SetSessionLogo(self.ctx.session_id, None))
        )
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.use_logo)
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        self.file_format = QComboBox()
        self.file_format.setObjectName("report-format")
        for fmt in FORMATS:
            self.file_format.addItem(_(FORMAT_LABELS[fmt][0]), fmt)
        self.file_format.currentIndexChanged.connect(self._format_changed)
        form_box = QGroupBox(_("Options"))
        form = QFormLayout(form_box)
        form.addRow(_("File format"), self.file_format)
        form.addRow(_("Language"), self.language)
        form.addRow("", self.anonymous)
        form.addRow("", self.rehearsals)
        form.addRow(_("Logo"), logo_row)
        self.version = QLineEdit("1.0")
        self.version.setObjectName("report-version")
        self.version.setMaxLength(20)
        self.version.setToolTip(_("Printed on the cover and in the colophon: “Version 1.0, date”"))
        self.author = QLineEdit()
        self.author.setObjectName("report-author")
        self.author.setMaxLength(200)
        self.author.setPlaceholderText(_("the facilitators, else the organiser"))
        form.addRow(_("Version"), self.version)
        form.addRow(_("Author"), self.author)
        self.version.editingFinished.connect(self._remember)
        self.author.editingFinished.connect(self._remember)

        # sections
        self.section_boxes: dict[str, QCheckBox] = {}
        sections_box = QGroupBox(_("Sections"))
        grid = QGridLayout(sections_box)
        for n, key in enumerate(SECTIONS):
            box = QCheckBox(_(SECTION_LABELS[key]))
            box.setObjectName(f"section-{key}")
            box.setChecked(True)
            self.section_boxes[key] = box
            grid.addWidget(box, n // 2, n % 2)

        # actions and result
        self.make_button = QPushButton(_("Make…"))
        self.make_button.setObjectName("report-make")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self._ask_where)
        self.export_button = QPushButton(_("Export session (JSON)…"))
        self.export_button.setToolTip(_("The whole session in one file, for a co-facilitator"))
        self.export_button.clicked.connect(self._ask_export_where)
        self.send_button = QPushButton(_("Send…"))
        self.send_button.setObjectName("report-send")
        self.send_button.setToolTip(
            _(
                "Opens an e-mail draft in your mail program, with the report attached and the "
                "participants who agreed in BCC. The app itself sends nothing."
            )
        )
        self.send_button.clicked.connect(self._start_send)
        self.send_button.hide()
        self.open_after = QCheckBox(_("Open the file when it is ready"))
        self.open_after.setChecked(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.open_after)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        self.progress = QProgressBar()
        self.progress.setObjectName("report-progress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("report-status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(_("Open PDF"))
        self.open_button.clicked.connect(lambda: self.open_pdf(self.last_path))
        self.folder_button = QPushButton(_("Show folder"))
        self.folder_button.clicked.connect(self._open_folder)
        self.open_button.hide()
        self.folder_button.hide()
        result_row = QHBoxLayout()
        result_row.addWidget(self.open_button)
        result_row.addWidget(self.folder_button)
        result_row.addWidget(self.send_button)
        result_row.addStretch(1)
        self.preview = QLabel()
        self.preview.setObjectName("report-preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.preview.setMinimumWidth(260)
        self.preview.setStyleSheet("QLabel{background:palette(alternate-base);}")

        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(kind_box)
        left.addWidget(form_box)
        left.addWidget(sections_box)
        left.addLayout(buttons)
        left.addWidget(self.progress)
        left.addWidget(self.status)
        left.addLayout(result_row)
        left.addStretch(1)
        scroll = scrolled(left, 760)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 3)
        layout.addWidget(self.preview, 2)
        self.preview.hide()
        self.kind_verslag.toggled.connect(self._remember)
        self.language.currentIndexChanged.connect(self._remember)
        self.anonymous.toggled.connect(self._remember)
        self.rehearsals.toggled.connect(self._remember)
        self.use_logo.toggled.connect(self._remember)
        for box in self.section_boxes.values():
            box.toggled.connect(self._remember)
        self.setEnabled(False)
        self.reload()

    # -- state ----------------------------------------------------------------------------
    def options(self) -> ReportOptions:
        kind = "verslag" if self.kind_verslag.isChecked() else "draaiboek"
        return ReportOptions(
            kind=kind,
            lang=self.language.currentData(),
            anonymous=self.anonymous.isChecked(),
            sections=frozenset(k for k, box in self.section_boxes.items() if box.isChecked()),
            use_logo=self.use_logo.isChecked(),
            include_rehearsals=self.rehearsals.isChecked(),
            written_on=self.ctx.clock.now().date(),
            version=" ".join(self.version.text().split()) or "1.0",
            author=" ".join(self.author.text().split()),
        )

    def file_format_choice(self) -> str:
        """The chosen format (PDF, HTML or DOCX; for the verslag and the draaiboek alike)."""
        return self.file_format.currentData()

    def _format_changed(self, *_args) -> None:
        self.file_format.setEnabled(True)

    @property
    def _settings_key(self) -> str:
        return f"report.options.{self.ctx.session_id}"

    def apply_options(self, options: ReportOptions) -> None:
        """Show `options` in the widgets (without storing them again)."""
        self._applying = True
        try:
            (self.kind_verslag if options.kind == "verslag" else self.kind_draaiboek).setChecked(
                True
            )
            self.language.setCurrentIndex(max(0, self.language.findData(options.lang)))
            self.anonymous.setChecked(options.anonymous)
            self.use_logo.setChecked(options.use_logo)
            self.rehearsals.setChecked(options.include_rehearsals)
            self.version.setText(options.version)
            self.author.setText(options.author)
            for key, box in self.section_boxes.items():
                box.setChecked(key in options.sections)
        finally:
            self._applying = False
        self._kind_changed()

    def _remember(self, *_args) -> None:
        """Store the choices for this session (a preference, so not on the undo stack)."""
        if self._applying or self.overview is None:
            return
        task = asyncio.ensure_future(
            self.ctx.db.call(set_setting, self._settings_key, self.options().to_json())
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _kind_changed(self) -> None:
        verslag = self.kind_verslag.isChecked()
        for key, box in self.section_boxes.items():
            box.setEnabled(verslag or key in RUN_SHEET_SECTIONS)
        self.use_logo.setEnabled(verslag)
        self._format_changed()

    def on_changed(self, changes: Changes) -> None:
        if changes.for_session(self.ctx.session_id):
            self.reload()  # the report reads every part of its session

    @asyncSlot()
    async def reload(self) -> None:
        try:
            overview = await self.ctx.db.call(report_overview, self.ctx.session_id)
        except RuntimeError:  # the event loop is not running (window torn down in a test)
            return
        except CommandError as err:
            if alive(self):
                self.status.setText(str(err))
            return
        if not alive(self):
            return
        first = self.overview is None
        self.overview = overview
        if first:
            try:
                saved = await self.ctx.db.call(get_setting, self._settings_key)
            except RuntimeError:
                return
            if not alive(self):
                return
            default = ReportOptions(lang=overview.report_language)
            self.apply_options(ReportOptions.from_json(saved, default))
        self.summary.setText(summary_line(overview))
        self.logo_label.setText(_("a logo is set") if overview.has_logo else _("no logo"))
        self.remove_logo.setEnabled(overview.has_logo)
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
            task = asyncio.ensure_future(self.export_to(Path(path)))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def export_to(self, path: Path, open_when_done: bool | None = None) -> BuildResult | None:
        """Load on the DB worker, lay out on the PDF thread, then show (and open) the result."""
        if self.busy:
            return None
        self.busy = True
        options = self.options()
        suffix = path.suffix.lstrip(".").lower()
        fmt = suffix if suffix in FORMATS else self.file_format_choice()
        self.make_button.setEnabled(False)
        self.send_button.hide()
        self.progress.setValue(0)
        self.progress.setFormat(_("Reading the session…"))
        self.progress.show()
        self.status.setText("")
        self.open_button.hide()
        self.folder_button.hide()
        result: BuildResult | None = None
        message = ""
        try:
            data = await self.ctx.db.call(load_report_data, self.ctx.session_id, options)
            loop = asyncio.get_running_loop()

            def emit(fraction: float, message: str) -> None:  # called on the PDF thread
                self._latest = (fraction, message)

            self._latest = (0.0, _("Reading the session…"))
            self._poll.start()
            result = await loop.run_in_executor(
                self._pdf_executor,
                functools.partial(build_pdf, data, options, path, progress=emit, fmt=fmt),
            )
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
        self.progress.hide()
        if result is None:
            self.status.setText(f"<b>{_('No PDF was made.')}</b> {escape(message, quote=False)}")
            self.finished.emit(message)
            return None
        self.last_path, self.last_result = path, result
        ready = (
            _("Ready: {path} — 1 page, {size} kB")
            if result.pages == 1
            else _("Ready: {path} — {pages} pages, {size} kB")
        )
        if fmt != "pdf":
            ready = _("Ready: {path} — {size} kB")
        size = max(1, round(result.size / 1024))
        lines = [ready.format(path=escape(str(path), quote=False), pages=result.pages, size=size)]
        lines += [f"⚠ {escape(w, quote=False)}" for w in result.warnings]
        self.status.setText("<br/>".join(lines))
        self.open_button.show()
        self.open_button.setText(_("Open PDF") if fmt == "pdf" else _("Open file"))
        self.folder_button.show()
        self.send_button.setVisible(options.kind == "verslag")
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
        task = asyncio.ensure_future(self.send_draft())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def send_draft(self) -> Path | None:
        """Write an e-mail draft (.eml) next to the report and open it in the mail program."""
        path = self.last_path
        if path is None or not path.exists():
            return None
        lang = self.last_lang
        draft = path.with_suffix(".eml")
        try:
            context = await self.ctx.db.call(mail_context, self.ctx.session_id, lang)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._pdf_executor, _write_draft, context, path, draft, lang)
        except (OSError, LookupError) as err:
            if alive(self):
                self.status.setText(
                    escape(
                        _("The e-mail draft could not be written: {error}").format(error=err),
                        quote=False,
                    )
                )
            return None
        if not alive(self):
            return draft
        self.last_draft = draft
        n = len(context.recipients)
        lines = [
            _("E-mail draft: {path} — 1 participant in BCC").format(path=draft)
            if n == 1
            else _("E-mail draft: {path} — {n} participants in BCC").format(path=draft, n=n)
        ]
        if context.skipped:
            lines.append(
                _("{n} participants with an e-mail address did not agree and are left out.").format(
                    n=context.skipped
                )
            )
        if not self.open_url(QUrl.fromLocalFile(str(draft))):
            lines.append(
                _("No mail program could be started; the draft is in {folder}.").format(
                    folder=draft.parent
                )
            )
        self.status.setText("<br/>".join(escape(line, quote=False) for line in lines))
        return draft

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(f"{message} — %p%")

    def open_pdf(self, path: Path | None) -> bool:
        """Open in the system PDF viewer; says so plainly when there is none."""
        if path is None or not path.exists():
            return False
        opened = bool(self.open_url(QUrl.fromLocalFile(str(path))))
        if not opened:
            self.status.setText(
                self.status.text()
                + "<br/>"
                + escape(
                    _("No PDF viewer could be started; the file is in {folder}.").format(
                        folder=path.parent
                    ),
                    quote=False,
                )
            )
        return opened

    def _open_folder(self) -> None:
        if self.last_path is not None:
            self.open_url(QUrl.fromLocalFile(str(self.last_path.parent)))

    async def _show_preview(self, path: Path) -> None:
        """Page 1 as a picture: with QtPdf (PySide6-Addons) or else poppler's pdftoppm."""
        loop = asyncio.get_running_loop()
        # Parsing the PDF is PDF work: on the PDF thread, never on the UI thread.
        image = await loop.run_in_executor(
            self._pdf_executor, _render_with_qtpdf, path, PREVIEW_WIDTH
        )
        if image is None:
            tool = shutil.which("pdftoppm")
            if tool is None:
                return
            png = await loop.run_in_executor(self._pdf_executor, _render_first_page, tool, path)
            if png is None or not alive(self):
                return
            image = QImage()
            if not image.loadFromData(png, "PNG"):
                return
        if not alive(self):
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
            task = asyncio.ensure_future(self.set_logo_from(Path(path)))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def set_logo_from(self, path: Path) -> bool:
        loop = asyncio.get_running_loop()
        try:
            raw = await loop.run_in_executor(self._pdf_executor, path.read_bytes)
            logo = await loop.run_in_executor(self._pdf_executor, prepare_logo, raw)
        except (OSError, CommandError) as err:
            if alive(self):
                self.status.setText(escape(str(err), quote=False))
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
            task = asyncio.ensure_future(self.export_json_to(Path(path)))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def export_json_to(self, path: Path) -> bool:
        try:
            text = await self.ctx.db.call(export_json, self.ctx.session_id)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._pdf_executor, _write_text, path, text)
        except (OSError, CommandError) as err:
            if alive(self):
                self.status.setText(
                    escape(
                        _("The export could not be written: {error}").format(error=err), quote=False
                    )
                )
            return False
        if alive(self):
            self.status.setText(
                escape(_("Session exported to {path}").format(path=path), quote=False)
            )
        return True


def _write_draft(context: MailContext, report: Path, draft: Path, lang: str) -> None:
    """The .eml written through a temporary file (never half-written)."""
    data = make_draft(context, report, lang)
    tmp = draft.with_name(f".{draft.name}.part")
    tmp.write_bytes(data)
    tmp.replace(draft)


def _write_text(path: Path, text: str) -> None:
    write_text_atomic(path, text)


def _render_with_qtpdf(pdf: Path, width: int) -> QImage | None:
    """Page 1 rendered by QtPdf, or None when QtPdf is not available or cannot read it.

    Runs on the PDF thread; the document object lives and dies there.
    """
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return None
    doc = QPdfDocument()
    try:
        if doc.load(str(pdf)) != QPdfDocument.Error.None_ or doc.pageCount() < 1:
            return None
        size = doc.pagePointSize(0)
        if size.width() <= 0:
            return None
        height = round(width * size.height() / size.width())
        image = doc.render(0, QSize(width, height))
        return None if image.isNull() else image
    finally:
        doc.close()


def _render_first_page(tool: str, pdf: Path) -> bytes | None:
    with tempfile.TemporaryDirectory(prefix="workshop-preview-") as tmp:
        target = Path(tmp) / "page"
        try:
            subprocess.run(
                [
                    tool,
                    "-png",
                    "-r",
                    "50",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(target),
                ],
                check=True,
                capture_output=True,
                timeout=20,
                env=system_open.clean_environment(),  # frozen app: not the bundle's libraries
            )
            return (Path(tmp) / "page.png").read_bytes()
        except (OSError, subprocess.SubprocessError):
            return None
