"""What the Verslag page writes: the document (verslag or draaiboek), the file format,
language, naming, logo, version and author, and the sections."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.report.labels import FORMAT_LABELS, RUN_SHEET_SECTIONS, SECTION_LABELS
from workshop.i18n import _
from workshop.reports.data import FORMATS, SECTIONS, ReportOptions


class ReportOptionsPanel(QWidget):
    """The choices as widgets; `changed` when the user changed one (not while applying)."""

    changed = Signal()
    choose_logo_requested = Signal()
    remove_logo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._applying = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._kind_box())
        layout.addWidget(self._form_box())
        layout.addWidget(self._sections_box())
        self.kind_verslag.toggled.connect(self._kind_changed)
        for signal in (
            self.kind_verslag.toggled,
            self.language.currentIndexChanged,
            self.anonymous.toggled,
            self.rehearsals.toggled,
            self.use_logo.toggled,
            self.version.editingFinished,
            self.author.editingFinished,
            *(box.toggled for box in self.section_boxes.values()),
        ):
            signal.connect(self._changed)

    def _kind_box(self) -> QGroupBox:
        self.kind_verslag = QRadioButton(_("Report (verslag) — after the session, to publish"))
        self.kind_draaiboek = QRadioButton(_("Run sheet (draaiboek) — for the team, before"))
        self.kind_verslag.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.kind_verslag)
        kinds.addButton(self.kind_draaiboek)
        box = QGroupBox(_("Document"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.kind_verslag)
        layout.addWidget(self.kind_draaiboek)
        return box

    def _form_box(self) -> QGroupBox:
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
        self.choose_logo.clicked.connect(self.choose_logo_requested)
        self.remove_logo = QPushButton(_("Remove logo"))
        self.remove_logo.clicked.connect(self.remove_logo_requested)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.use_logo)
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        self.file_format = QComboBox()
        self.file_format.setObjectName("report-format")
        for fmt in FORMATS:
            self.file_format.addItem(_(FORMAT_LABELS[fmt][0]), fmt)
        box = QGroupBox(_("Options"))
        form = QFormLayout(box)
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
        return box

    def _sections_box(self) -> QGroupBox:
        self.section_boxes: dict[str, QCheckBox] = {}
        box = QGroupBox(_("Sections"))
        grid = QGridLayout(box)
        for n, key in enumerate(SECTIONS):
            check = QCheckBox(_(SECTION_LABELS[key]))
            check.setObjectName(f"section-{key}")
            check.setChecked(True)
            self.section_boxes[key] = check
            grid.addWidget(check, n // 2, n % 2)
        return box

    def options(self, written_on: date) -> ReportOptions:
        kind = "verslag" if self.kind_verslag.isChecked() else "draaiboek"
        return ReportOptions(
            kind=kind,
            lang=self.language.currentData(),
            anonymous=self.anonymous.isChecked(),
            sections=frozenset(k for k, box in self.section_boxes.items() if box.isChecked()),
            use_logo=self.use_logo.isChecked(),
            include_rehearsals=self.rehearsals.isChecked(),
            written_on=written_on,
            version=" ".join(self.version.text().split()) or "1.0",
            author=" ".join(self.author.text().split()),
        )

    def file_format_choice(self) -> str:
        """The chosen format (PDF, HTML or DOCX; for the verslag and the draaiboek alike)."""
        return self.file_format.currentData()

    def apply_options(self, options: ReportOptions) -> None:
        """Show `options` in the widgets (without `changed`)."""
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

    def show_logo(self, has_logo: bool) -> None:
        self.logo_label.setText(_("a logo is set") if has_logo else _("no logo"))
        self.remove_logo.setEnabled(has_logo)

    def _changed(self, *_args) -> None:
        if not self._applying:
            self.changed.emit()

    def _kind_changed(self) -> None:
        verslag = self.kind_verslag.isChecked()
        for key, box in self.section_boxes.items():
            box.setEnabled(verslag or key in RUN_SHEET_SECTIONS)
        self.use_logo.setEnabled(verslag)
        self.file_format.setEnabled(True)
