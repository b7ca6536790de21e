"""The Agenda page's toolbar: the edit actions (with their keys, also on the table) as
buttons on the left, templates, import and export on the right; one row on a wide page,
two on a narrow one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QMenu, QPushButton, QToolButton

from workshop.i18n import _

if TYPE_CHECKING:
    from ui.agenda.page import AgendaPage


class AgendaToolbar(QBoxLayout):
    """Actions on the page (and its table) and the buttons that trigger them."""

    def __init__(self, page: AgendaPage) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight)
        self._page = page
        self.add_action = self._action(
            _("Add item"), ["Ctrl+Return", "Insert"], page.add_item, "agenda-add"
        )
        self.duplicate_action = self._action(
            _("Duplicate"), ["Ctrl+D"], page.duplicate_selected, "agenda-duplicate"
        )
        self.remove_action = self._action(
            _("Remove item"), ["Delete"], page.remove_selected, "agenda-remove", on_table=True
        )
        self.up_action = self._action(
            _("Move up"), ["Ctrl+Up"], lambda: page.move_selected(-1), "agenda-up", on_table=True
        )
        self.paste_action = self._action(
            _("Paste rows"), ["Ctrl+V"], page.paste_rows, "agenda-paste", on_table=True
        )
        self.down_action = self._action(
            _("Move down"),
            ["Ctrl+Down"],
            lambda: page.move_selected(1),
            "agenda-down",
            on_table=True,
        )
        bar = QHBoxLayout()
        self.add_button = _button(self.add_action, "agenda-add-button")
        self.duplicate_button = _button(self.duplicate_action, "agenda-duplicate-button")
        self.remove_button = _button(self.remove_action, "agenda-remove-button")
        self.up_button = _button(self.up_action, "agenda-up-button")
        self.up_button.setText("↑")
        self.up_button.setAccessibleName(self.up_action.text())
        self.down_button = _button(self.down_action, "agenda-down-button")
        self.down_button.setText("↓")
        self.down_button.setAccessibleName(self.down_action.text())
        for b in (self.up_button, self.down_button):
            b.setFixedWidth(40)
        for b in (
            self.add_button,
            self.duplicate_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        self.template_menu = QMenu(page)
        self.template_menu.setObjectName("agenda-template-menu")
        self.template_menu.aboutToShow.connect(page._fill_template_menu)
        self.template_button = QToolButton()
        self.template_button.setObjectName("agenda-templates-button")
        self.template_button.setText(_("Templates"))
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.template_button.setMenu(self.template_menu)
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setObjectName("agenda-import-button")
        self.import_button.setToolTip(
            _("Add an agenda from a CSV or Excel file (or paste rows from Excel with Ctrl+V)")
        )
        self.import_button.clicked.connect(page.choose_import_file)
        self.export_button = QPushButton(_("Export CSV…"))
        self.export_button.setObjectName("agenda-export-button")
        self.export_button.clicked.connect(page.choose_export_file)
        files = QHBoxLayout()
        files.addStretch(1)  # right-aligned, also when they wrap under the edit buttons
        for w in (self.template_button, self.import_button, self.export_button):
            files.addWidget(w)
        self.addLayout(bar, 1)
        self.addLayout(files)

    def _action(
        self, text: str, keys: list[str], slot: Callable[[], object], name: str, on_table=False
    ) -> QAction:
        page = self._page
        action = QAction(text, page)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        if on_table:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            page.table.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            page.addAction(action)
        if keys:
            action.setToolTip(
                f"{text} ({QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        return action

    def set_enabled(self, has_selection: bool, has_rows: bool) -> None:
        """The tools for chosen rows need a choice; export needs rows."""
        for action in (self.duplicate_action, self.remove_action, self.up_action, self.down_action):
            action.setEnabled(has_selection)
        for button in (self.duplicate_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has_selection)
        self.export_button.setEnabled(has_rows)

    def set_one_row(self, one_row: bool) -> None:
        self.setDirection(
            QBoxLayout.Direction.LeftToRight if one_row else QBoxLayout.Direction.TopToBottom
        )


def _button(action: QAction, name: str) -> QPushButton:
    button = QPushButton(action.text())
    button.setObjectName(name)
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    return button
