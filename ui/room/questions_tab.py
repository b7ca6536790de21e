"""The Telefoons page's "Questions" tab: ask the room a question (word cloud, choice, scale,
dot-voting, moderated open text), see the questions with their counts, put one's results
on the projector, close or reopen it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.kit.context import PageContext
from ui.kit.ops import BackgroundOps
from ui.room.service import RoomService
from ui.widgets.alive import alive
from workshop.errors import CommandError
from workshop.i18n import N_, _

KINDS = (
    ("word", N_("One word (word cloud)")),
    ("choice", N_("Multiple choice")),
    ("scale", N_("Scale")),
    ("dots", N_("Dot-voting on the points")),
    ("text", N_("Open text (moderated)")),
)


class QuestionsTab(QWidget):
    """The question form and the list of questions asked in this session."""

    def __init__(self, ctx: PageContext, service: RoomService) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = service
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(_(label), key)
        self.prompt = QLineEdit()
        self.prompt.setPlaceholderText(_("Question for the room"))
        self.options = QLineEdit()
        self.options.setPlaceholderText(_("Choices separated by ;"))
        self.options.setToolTip(_("Multiple choice: the choices separated by ; — scale: 1-5"))
        self.dots = QSpinBox()
        self.dots.setRange(1, 10)
        self.dots.setValue(3)
        self.dots.setToolTip(_("Dots per phone"))
        self.ask_button = QPushButton(_("Ask"))
        self.ask_button.clicked.connect(self._ask)
        self.ask_error = QLabel()
        self.ask_error.setWordWrap(True)
        self.ask_error.setStyleSheet("color:#b00020")
        self.questions = QListWidget()
        self.questions.setObjectName("room-questions")
        self.project_button = QPushButton()
        self.project_button.clicked.connect(self._project)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_close)
        self.questions.currentRowChanged.connect(lambda _row: self._buttons())
        self.ops = BackgroundOps(self, "room questions")  # storing asked questions
        self.ops.failed.connect(self.ask_error.setText)
        al = QVBoxLayout(self)
        al.addWidget(self.kind)
        ask_row = QHBoxLayout()
        ask_row.addWidget(self.prompt, 1)
        ask_row.addWidget(self.ask_button)
        al.addLayout(ask_row)
        options_row = QHBoxLayout()
        options_row.addWidget(self.options, 1)
        options_row.addWidget(self.dots)
        al.addLayout(options_row)
        al.addWidget(self.ask_error)
        al.addWidget(self.questions, 1)
        row = QHBoxLayout()
        row.addWidget(self.project_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        al.addLayout(row)

    # -- asking ------------------------------------------------------------------------------
    def _ask(self) -> None:
        """Read the form at once (the next question may be typed while this one is stored)."""
        kind = self.kind.currentData()
        prompt, dots, item = self.prompt.text(), self.dots.value(), self._item()
        text = self.options.text().strip()
        self.prompt.clear()
        self.options.clear()
        self.ops.run(self._store_question(kind, prompt, text, dots, item))

    async def _store_question(
        self, kind: str, prompt: str, text: str, dots: int, item: int | None
    ) -> None:
        from workshop.room.commands import AddQuestion
        from workshop.room.queries import votable_points

        options: list = []
        try:
            if kind == "choice":
                options = [o.strip() for o in text.replace("\n", ";").split(";") if o.strip()]
            elif kind == "scale":
                low, _sep, high = (text or "1-5").partition("-")
                if not (low.strip().isdigit() and high.strip().isdigit()):
                    raise CommandError(_("A scale runs from a low to a high number, 0 to 10"))
                options = [int(low), int(high)]
            elif kind == "dots":
                options = await self.ctx.db.call(votable_points, self.ctx.session_id, item)
            command = AddQuestion(
                self.ctx.session_id, kind, prompt, options, dots=dots, item_id=item
            )
        except CommandError as err:
            if alive(self):
                self.ask_error.setText(str(err))
                self.prompt.setText(prompt)
                self.options.setText(text)
            return
        if not alive(self):
            return
        self.ask_error.setText("")
        self.ctx.commands.push(command)

    def _item(self) -> int | None:
        live = self.ctx.session_services.live
        engine = getattr(live, "engine", None)
        current = getattr(engine, "current", None)
        return current.id if current is not None else None

    # -- the questions asked -----------------------------------------------------------------
    def show_questions(self) -> None:
        """Refill the list from the service's data, keeping the current question current."""
        current = self._current_question()
        self.questions.blockSignals(True)
        self.questions.clear()
        kinds = dict(KINDS)
        for q in self.service.data.questions:
            res = q["results"]
            parts = [_(kinds.get(q["kind"], q["kind"])), _("open") if q["open"] else _("closed")]
            parts.append(_("{n} in").format(n=res["count"]))
            if res["pending"]:
                parts.append(_("{n} waiting").format(n=res["pending"]))
            if q["id"] == self.service.projected_id:
                parts.append(_("on the projector"))
            item = QListWidgetItem(f"{q['prompt']}  ·  " + " · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, q["id"])
            self.questions.addItem(item)
            if q["id"] == current:
                self.questions.setCurrentItem(item)
        self.questions.blockSignals(False)
        if self.questions.currentRow() < 0 and self.questions.count():
            self.questions.setCurrentRow(self.questions.count() - 1)
        self._buttons()

    def _current_question(self) -> int | None:
        item = self.questions.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _question(self) -> dict | None:
        qid = self._current_question()
        return next((q for q in self.service.data.questions if q["id"] == qid), None)

    def _buttons(self) -> None:
        q = self._question()
        shown = q is not None and q["id"] == self.service.projected_id
        self.project_button.setText(
            _("Take off the projector") if shown else _("Show results on the projector")
        )
        self.open_button.setText(_("Close the question") if q and q["open"] else _("Open again"))
        self.project_button.setEnabled(q is not None)
        self.open_button.setEnabled(q is not None)

    def _project(self) -> None:
        q = self._question()
        if q is not None:
            self.service.project(None if q["id"] == self.service.projected_id else q["id"])

    def _open_close(self) -> None:
        from workshop.room.commands import SetQuestion

        q = self._question()
        if q is not None:
            self.ctx.commands.push(SetQuestion(q["id"], open=not q["open"]))
