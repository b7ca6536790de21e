"""Instellingen › Bibliotheek: choose a team library on a PostgreSQL server for this laptop.

Host, port, database and user; the password goes to the system keyring or `~/.pgpass`
(workshop/store/team_address.py), never into a settings file. "Verbinding testen" connects
on a worker thread (an unreachable server takes seconds to time out; the window stays
responsive) and says in one line what is wrong or that the library is ready. "Gebruiken"
keeps the password and makes this laptop open that library from the next start on
(`library.url` in its local settings; `--db` and `WORKSHOP_DB` still go first). "Lokaal
bestand" goes back to the library file in the user's data folder.
"""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ui.kit import theme
from ui.kit.ops import off_thread
from ui.widgets.alive import alive
from workshop import local_settings
from workshop.i18n import _
from workshop.store.team_address import (
    DEFAULT_PORT,
    CheckResult,
    TeamAddress,
    check,
    store_password,
)

LIBRARY_KEY = local_settings.LIBRARY_KEY  # read by workshop.cli.common.db_url at start


class LibraryDialog(QDialog):
    def __init__(self, current_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library-dialog")
        self.setWindowTitle(_("Library"))
        self.setMinimumWidth(480)
        self.checked: TeamAddress | None = None  # the address the last good test was for
        self.testing: asyncio.Future | None = None

        intro = QLabel(
            _(
                "A team library lives on a PostgreSQL server, so several facilitators work "
                "in the same sessions. The password is kept in the system keyring or in "
                "~/.pgpass, never in Workshop's settings."
            )
        )
        intro.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setObjectName("library-host")
        self.host.setPlaceholderText("db.bureau.lan")
        self.port = QSpinBox()
        self.port.setObjectName("library-port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit()
        self.database.setObjectName("library-database")
        self.database.setPlaceholderText("workshop")
        self.user = QLineEdit()
        self.user.setObjectName("library-user")
        self.password = QLineEdit()
        self.password.setObjectName("library-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("empty: from ~/.pgpass"))
        form = QFormLayout()
        form.addRow(_("Server"), self.host)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Database"), self.database)
        form.addRow(_("User"), self.user)
        form.addRow(_("Password"), self.password)

        self.result = QLabel()
        self.result.setObjectName("library-result")
        self.result.setWordWrap(True)
        self.now_label = QLabel()
        self.now_label.setObjectName("library-now")
        self.now_label.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.test_button = QPushButton(_("Test the connection"))
        self.test_button.setObjectName("library-test")
        self.use_button = QPushButton(_("Use this library"))
        self.use_button.setObjectName("library-use")
        self.use_button.setEnabled(False)
        self.local_button = QPushButton(_("Local file"))
        self.local_button.setObjectName("library-local")
        self.local_button.setToolTip(_("Go back to the library file on this laptop"))
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.local_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self.test)
        self.use_button.clicked.connect(self.use)
        self.local_button.clicked.connect(self.use_local)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addWidget(self.now_label)
        layout.addWidget(buttons)
        for edit in (self.host, self.database, self.user, self.password):
            edit.textEdited.connect(self._address_edited)
        self.port.valueChanged.connect(self._address_edited)
        self._fill(current_url)

    def _fill(self, current_url: str) -> None:
        chosen = local_settings.get(LIBRARY_KEY)
        address = TeamAddress.from_url(current_url) or TeamAddress.from_url(chosen)
        if address is not None:
            self.host.setText(address.host)
            self.port.setValue(address.port)
            self.database.setText(address.database)
            self.user.setText(address.user)
        shown = TeamAddress.from_url(current_url)
        self.now_label.setText(
            _("Now open: {where}").format(
                where=shown.key if shown else _("the library file on this laptop")
            )
        )

    def address(self) -> TeamAddress:
        return TeamAddress(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
        )

    def _address_edited(self, *_args) -> None:
        self.checked = None
        self.use_button.setEnabled(False)

    def _say(self, line: str, ok: bool) -> None:
        self.result.setText(line)
        self.result.setStyleSheet("" if ok else theme.style("error"))

    @asyncSlot()
    async def test(self) -> None:
        """Connect on a worker thread and say in one line how it went."""
        address = self.address()
        missing = address.problem()
        if missing:
            self._say(missing, ok=False)
            return
        self.test_button.setEnabled(False)
        self._say(_("Connecting to {where}…").format(where=address.key), ok=True)
        # connection checks and the keyring run on the kit's worker threads, never on
        # qasync's default executor (its QThreads abort the interpreter at exit mid-check)
        self.testing = asyncio.ensure_future(off_thread(check, address, self.password.text()))
        try:
            result: CheckResult = await self.testing
        finally:
            self.testing = None
        if not alive(self):
            return
        self.test_button.setEnabled(True)
        self._say(result.line, result.ok)
        if result.ok and address == self.address():
            self.checked = address
            self.use_button.setEnabled(True)

    @asyncSlot()
    async def use(self) -> None:
        """Keep the password (keyring or ~/.pgpass) and open this library from the next start."""
        address = self.checked
        if address is None:
            return
        where = ""
        password = self.password.text()
        try:
            if password:
                where = await off_thread(store_password, address, password)
            await off_thread(local_settings.put, LIBRARY_KEY, address.url())
        except OSError as err:
            if alive(self):
                self._say(_("Not kept: {error}").format(error=err), ok=False)
            return
        if not alive(self):
            return
        self.password.clear()
        line = _("Workshop opens {where} from the next start.").format(where=address.key)
        if where == "keyring":
            line += " " + _("The password is in the system keyring.")
        elif where:
            line += " " + _("The password is in {path}.").format(path=where)
        self._say(line, ok=True)
        self.use_button.setEnabled(False)

    @asyncSlot()
    async def use_local(self) -> None:
        try:
            await off_thread(local_settings.put, LIBRARY_KEY, "")
        except OSError as err:
            if alive(self):
                self._say(_("Not kept: {error}").format(error=err), ok=False)
            return
        if alive(self):
            self._say(
                _("Workshop opens the library file on this laptop from the next start."), True
            )
