"""Deelnemers: the people of a session, check-in at the door, walk-ins, edit, remove, import.

The page composes the table (`people_table.PeopleTable`, a panel) and the import
(`people_import.PeopleImport`, a controller with its own ops); it reads the people
(`self.ops`) and turns search, keys and buttons into commands."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.kit.context import PageContext
from ui.kit.ops import BackgroundOps
from ui.pages.people_import import PeopleImport
from ui.pages.people_model import NAMED_COLUMN, PRESENCE_COLUMN
from ui.pages.people_table import PeopleTable
from ui.widgets.alive import alive
from ui.widgets.confirm import safe_default
from ui.widgets.import_preview_dialog import ImportPreviewDialog
from ui.widgets.person_dialog import PersonDialog
from workshop.changes import Entity
from workshop.commands import Changes, CommandError
from workshop.i18n import N_, _, plural
from workshop.model import Presence
from workshop.people.commands import (
    AddParticipant,
    EditParticipant,
    RemoveParticipants,
    SetPresence,
    WalkIn,
    parse_walk_in,
)
from workshop.people.importer import ImportPreview
from workshop.people.queries import PersonInfo, count_presence, list_people

#: Check-in keys on the table: key -> presence.
PRESENCE_KEYS = {
    Qt.Key.Key_Return: Presence.PRESENT.value,
    Qt.Key.Key_Enter: Presence.PRESENT.value,
    Qt.Key.Key_Space: Presence.PRESENT.value,
    Qt.Key.Key_P: Presence.PRESENT.value,
    Qt.Key.Key_A: Presence.ABSENT.value,
    Qt.Key.Key_V: Presence.LEFT.value,
    Qt.Key.Key_L: Presence.LEFT.value,
}


class ParticipantsPage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-participants")
        self.ctx = ctx
        self.people: list[PersonInfo] = []
        self._dialogs: list = []
        self.ops = BackgroundOps(self, "participants")  # reading the people
        self.ops.failed.connect(self.warn)
        self.importer = PeopleImport(self)

        self.search = QLineEdit()
        self.search.setObjectName("people-search")
        self.search.setPlaceholderText(_("Search: type part of a name, then Enter to check in"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._check_in_from_search)
        self.search.installEventFilter(self)
        self.counts = QLabel()
        self.counts.setObjectName("people-counts")
        # Who Enter in the search box will check in, before it happens.
        self.target = QLabel()
        self.target.setObjectName("check-in-target")
        self.target.setStyleSheet("font-weight:600;")
        self.target.setWordWrap(True)

        self.walk_in = QLineEdit()
        self.walk_in.setObjectName("walk-in")
        self.walk_in.setPlaceholderText(
            _("Walk-in: name, organisation — Enter adds them as present")
        )
        self.walk_in.returnPressed.connect(self._add_walk_in)

        self.add_button = QPushButton(_("Add…"))
        self.add_button.clicked.connect(self.add_person)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button = QPushButton(_("Remove…"))
        self.remove_button.setObjectName("remove-person")
        self.remove_button.setToolTip(_("Remove the selected people (Shift+Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.all_present_button = QPushButton(_("Everyone present"))
        self.all_present_button.setObjectName("all-present")
        self.all_present_button.setToolTip(
            _(
                "Check in everyone not yet checked in, for a rehearsal or a closed group; "
                "people marked absent or gone stay so (Ctrl+Z undoes it)"
            )
        )
        self.all_present_button.clicked.connect(self.everyone_present)
        self.import_button = QPushButton(_("Import list…"))
        self.import_button.setObjectName("import-people")
        self.import_button.clicked.connect(self.importer.choose_file)

        self.table = PeopleTable()
        self.model, self.proxy = self.table.people, self.table.proxy
        self.delegate = self.table.delegate
        self.delegate.chosen.connect(lambda pid, presence: self.set_presence([pid], presence))
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.clicked.connect(self._clicked)
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._show_target)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)

        hint = QLabel(
            _(
                "Check-in: click a chip, or select a person and press Enter (present), "
                "A (absent) or V (left early). Shift+Delete removes."
            )
        )
        hint.setStyleSheet("color:palette(mid);")
        hint.setWordWrap(True)

        # the search box shows its whole hint; the counts wrap beside it when space is short
        hint_width = self.search.fontMetrics().horizontalAdvance(self.search.placeholderText())
        self.search.setMinimumWidth(hint_width + 40)
        self.counts.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.counts, 1)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.all_present_button,
            self.import_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.target)
        layout.addWidget(self.walk_in)
        layout.addLayout(buttons)
        self.import_progress = self.importer.progress
        layout.addWidget(self.import_progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.reload()

    # -- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        self.ops.run(self.ctx.db.call(list_people, self.ctx.session_id), success=self._show)

    def _show(self, people: list[PersonInfo]) -> None:
        selected = {p.id for p in self.selected_people()}
        self.people = people
        self.model.set_people(people)
        self.proxy.refresh()
        counts = count_presence(people)
        self.counts.setText(
            _("{present} present · {absent} absent · {left} left · {total} in all").format(
                present=counts.present, absent=counts.absent, left=counts.left, total=counts.total
            )
        )
        self.table.reselect(selected)
        self._show_target()
        self.all_present_button.setEnabled(any(_not_set(p) for p in people))

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.PARTICIPANT, self.ctx.session_id):
            self.reload()

    # -- search and check-in --------------------------------------------------------------
    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        best = self.proxy.best_id()
        if best is not None:
            self.table.select_row(self.table.row_of(best))
        else:
            self.table.clearSelection()
        self._show_target()

    def check_in_target(self) -> PersonInfo | None:
        """The person Enter in the search box checks in: the one selected, else the best."""
        if not self.search.text().strip():
            return None
        selected = self.selected_people()
        if len(selected) == 1:
            return selected[0]
        best = self.proxy.best_id()
        return next((p for p in self.visible_people() if p.id == best), None)

    def _show_target(self, *_args) -> None:
        if not alive(self.target):
            return
        if not self.search.text().strip():
            self.target.setText("")
            self.target.hide()
            return
        person = self.check_in_target()
        if person is None:
            self.target.setText(_("Nobody found: Enter checks in no one"))
        elif person.is_present:
            self.target.setText(_("{name} is already present").format(name=person.name))
        else:
            self.target.setText(_("Enter: check in {name} as present").format(name=person.name))
        self.target.show()

    def visible_people(self) -> list[PersonInfo]:
        return self.table.visible_people()

    def selected_people(self) -> list[PersonInfo]:
        return self.table.selected_people()

    def _check_in_from_search(self) -> None:
        """Enter in the search box checks in the selected (or only) match, then clears it."""
        person = self.check_in_target()
        if person is None:
            return
        self.set_presence([person.id], Presence.PRESENT.value)
        self.search.clear()

    def everyone_present(self) -> None:
        """Everyone whose presence is not set yet, checked in as one undoable step.

        People marked absent or gone stay as they are: that was someone's deliberate choice.
        """
        todo = [p.id for p in self.people if _not_set(p)]
        if not todo:
            return
        command = SetPresence(todo, Presence.PRESENT.value)
        command.label = _("Everyone present")
        self.ctx.commands.push(command)

    def set_presence(self, ids: list[int], presence: str) -> None:
        todo = [pid for pid in ids if next((p for p in self.people if p.id == pid), None)]
        if todo:
            self.ctx.commands.push(SetPresence(todo, presence))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            # The arrows move the selection (and so whom Enter checks in); typing goes on.
            rows = self.table.selected_rows()
            current = rows[0] if rows else -1
            step = 1 if key == Qt.Key.Key_Down else -1
            self.table.select_row(max(0, min(self.proxy.rowCount() - 1, current + step)))
            self._show_target()
            return True
        if (
            watched is self.table
            and key == Qt.Key.Key_Delete
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.remove_selected()
            return True
        if watched is self.table and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            if key in PRESENCE_KEYS:
                people = self.selected_people()
                if people:
                    self.set_presence([p.id for p in people], PRESENCE_KEYS[Qt.Key(key)])
                    return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.target.setText(_("To remove someone: Shift+Delete or Remove…"))
                self.target.show()
                return True
        return False

    def _clicked(self, index) -> None:
        """One click in the “In report” column switches whether the person may be named."""
        if index.column() == NAMED_COLUMN:
            person = self.table.person_at(index)
            self.ctx.commands.push(EditParticipant(person.id, may_be_named=not person.may_be_named))

    def _double_clicked(self, index) -> None:
        if index.column() not in (NAMED_COLUMN, PRESENCE_COLUMN):
            self.edit_current()

    # -- walk-in, add, edit ---------------------------------------------------------------
    def _add_walk_in(self) -> None:
        name, organisation = parse_walk_in(self.walk_in.text())
        if not name:
            return
        try:
            self.ctx.commands.push(WalkIn(self.ctx.session_id, name, organisation))
        except CommandError as err:
            self.warn(str(err))
            return
        self.walk_in.clear()

    def add_person(self) -> None:
        dialog = PersonDialog(self)
        dialog.accepted.connect(lambda: self._store_new(dialog))
        self.open_dialog(dialog)

    def _store_new(self, dialog: PersonDialog) -> None:
        try:
            self.ctx.commands.push(AddParticipant(self.ctx.session_id, **dialog.values()))
        except CommandError as err:
            self.warn(str(err))

    def edit_current(self) -> None:
        people = self.selected_people()
        if not people:
            return
        dialog = PersonDialog(self, people[0])
        dialog.accepted.connect(lambda: self._store_edit(dialog, people[0].id))
        self.open_dialog(dialog)

    def _store_edit(self, dialog: PersonDialog, participant_id: int) -> None:
        """Store what changed in the dialog, over what it showed: refused, and said, when
        another laptop changed one of those fields while the dialog was open."""
        values = dialog.values()
        if not values:
            return
        shown = {key: getattr(dialog.person, key) for key in values}
        try:
            self.ctx.commands.push(EditParticipant(participant_id, **values).seen(**shown))
        except CommandError as err:
            self.warn(str(err))

    # -- remove ---------------------------------------------------------------------------
    def remove_selected(self) -> None:
        people = self.selected_people()
        if not people:
            return
        who = (
            people[0].name
            if len(people) == 1
            else plural(len(people), N_("{n} person"), N_("{n} people")).format(n=len(people))
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Remove {who}?").format(who=who),
            _(
                "This removes their personal data everywhere: name, contact details, group "
                "places and host or rapporteur roles. Notes they spoke stay, without their "
                "name. You can undo this with Ctrl+Z."
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("remove-warning")
        remove = box.addButton(_("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("confirm-remove")
        safe_default(box)
        ids = [p.id for p in people]
        box.buttonClicked.connect(
            lambda button: (
                self.ctx.commands.push(RemoveParticipants(ids)) if button is remove else None
            )
        )
        self.open_dialog(box)

    # -- import (`people_import`) ---------------------------------------------------------
    def choose_import_file(self) -> None:
        self.importer.choose_file()

    def import_file(self, path: str) -> None:
        self.importer.import_file(path)

    def show_preview(self, preview: ImportPreview) -> ImportPreviewDialog:
        return self.importer.show_preview(preview)

    # -- helpers --------------------------------------------------------------------------
    def open_dialog(self, dialog) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        dialog.open()

    def _forget(self, dialog) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)
        dialog.deleteLater()

    def warn(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Participants"), message, parent=self)
        self.open_dialog(box)


def _not_set(person: PersonInfo) -> bool:
    """Nobody has said yet whether this person is here (not present, absent or gone)."""
    return person.presence == Presence.UNKNOWN.value
