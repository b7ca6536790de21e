"""The Groepen page's planner box: how to form the groups, and the buttons that act on them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
)

from workshop.grouping.session_plan import PlanOptions
from workshop.i18n import _

#: The panel's widgets the page (and its tests) reach by name.
WIDGETS = (
    "by_size",
    "size_box",
    "by_count",
    "count",
    "by_choice",
    "team_max",
    "rounds",
    "mix_org",
    "mix_role",
    "by_theme",
    "hosts_stay",
    "pairs_button",
    "history",
    "keep_themes",
    "plan_button",
    "absorb_button",
    "print_button",
)


class PlannerPanel(QGroupBox):
    """Group size or count, rounds, what to spread, pairs; Plan, Absorb, Print."""

    def __init__(self) -> None:
        super().__init__(_("Planner"))
        self.together: tuple[tuple[int, int], ...] = ()
        self.apart: tuple[tuple[int, int], ...] = ()
        self.by_size = QRadioButton(_("Groups of"))
        self.by_size.setChecked(True)
        self.size_box = QSpinBox()
        self.size_box.setObjectName("plan-size")
        self.size_box.setRange(2, 50)
        self.size_box.setValue(6)
        self.by_count = QRadioButton(_("Number of groups"))
        self.count = QSpinBox()
        self.count.setObjectName("plan-count")
        self.count.setRange(1, 200)
        self.count.setValue(5)
        self.by_choice = QRadioButton(_("Teams by choice"))
        self.by_choice.setObjectName("plan-by-choice")
        self.by_choice.setToolTip(
            _(
                "One team per initiative (the Initiative column), hosted by whoever brings it. "
                "Each person's chosen case is their preferred theme (then second theme), "
                "first come first served; the rest fill the smallest teams."
            )
        )
        self.team_max = QSpinBox()
        self.team_max.setObjectName("plan-team-max")
        self.team_max.setRange(1, 50)
        self.team_max.setValue(6)
        self.team_max.setPrefix(_("max.") + " ")
        self.team_max.setSuffix(" " + _("per team"))
        widest = self.team_max.fontMetrics().horizontalAdvance(
            self.team_max.prefix() + "50" + self.team_max.suffix()
        )
        self.team_max.setMinimumWidth(widest + 48)  # the arrows and the frame
        self.rounds = QSpinBox()
        self.rounds.setObjectName("plan-rounds")
        self.rounds.setRange(1, 20)
        self.mix_org = QCheckBox(_("Spread organisations"))
        self.mix_org.setChecked(True)
        self.mix_role = QCheckBox(_("Spread roles"))
        self.by_theme = QCheckBox(_("By preferred theme"))
        self.hosts_stay = QCheckBox(_("Hosts stay at their table"))
        self.hosts_stay.setToolTip(
            _("World Café: the current hosts keep their table in every round; others move")
        )
        self.pairs_button = QPushButton(_("Together / apart…"))
        # a meeting of a series only (`set_in_series`): who met at its earlier meetings
        self.history = QCheckBox(_("Count who met at earlier meetings of the series"))
        self.history.setObjectName("plan-series-history")
        self.history.setChecked(True)
        self.keep_themes = QCheckBox(_("Keep themed tables as they are"))
        self.keep_themes.setObjectName("plan-keep-themes")
        self.set_in_series(False)
        self.plan_button = QPushButton(_("Plan"))
        self.plan_button.setObjectName("plan-groups")
        self.plan_button.setDefault(True)
        self.plan_button.setToolTip(_("Form the groups; locked groups stay as they are"))
        self.plan_button.setStyleSheet("font-weight:600;padding:4px 18px;")
        self.absorb_button = QPushButton(_("Absorb arrivals and departures"))
        self.absorb_button.setObjectName("absorb-changes")
        self.absorb_button.setToolTip(
            _("Seat late arrivals and free the seats of people who left, moving as few as possible")
        )
        self.print_button = QPushButton(_("Print table cards…"))
        self.print_button.setObjectName("print-cards")

        grid = QGridLayout(self)
        grid.addWidget(self.by_size, 0, 0)
        grid.addWidget(self.size_box, 0, 1)
        grid.addWidget(self.by_count, 0, 2)
        grid.addWidget(self.count, 0, 3)
        grid.addWidget(QLabel(_("Rounds")), 0, 4)
        grid.addWidget(self.rounds, 0, 5)
        grid.addWidget(self.mix_org, 1, 0, 1, 2)
        grid.addWidget(self.mix_role, 1, 2, 1, 2)
        grid.addWidget(self.by_theme, 1, 4, 1, 2)
        grid.addWidget(self.hosts_stay, 2, 0, 1, 2)
        grid.addWidget(self.pairs_button, 2, 2, 1, 2)
        choice_row = QHBoxLayout()  # a row of its own: the spin box says "max. 6 per team"
        choice_row.addWidget(self.by_choice)
        choice_row.addWidget(self.team_max)
        choice_row.addStretch(1)
        grid.addLayout(choice_row, 3, 0, 1, 7)
        grid.setColumnStretch(6, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.plan_button)
        actions.addWidget(self.absorb_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        grid.addLayout(actions, 4, 0, 1, 7)
        grid.addWidget(self.history, 5, 0, 1, 4)
        grid.addWidget(self.keep_themes, 5, 4, 1, 3)

    def set_in_series(self, in_series: bool) -> None:
        self.history.setVisible(in_series)
        self.keep_themes.setVisible(in_series)

    def set_pairs(self, together, apart) -> None:
        self.together, self.apart = tuple(together), tuple(apart)
        self.pairs_button.setText(
            _("Together / apart ({n})…").format(n=len(self.together) + len(self.apart))
        )

    def show_options(self, options: PlanOptions, settings: dict) -> None:
        """The options a stored round was planned with (`settings`: the round's settings)."""
        if options.group_count:
            self.by_count.setChecked(True)
            self.count.setValue(options.group_count)
        else:
            self.by_size.setChecked(True)
            self.size_box.setValue(options.group_size or 6)
        self.rounds.setValue(options.rounds)
        self.mix_org.setChecked("organisation" in options.mix_on)
        self.mix_role.setChecked("role" in options.mix_on)
        self.by_theme.setChecked(options.by_theme)
        self.hosts_stay.setChecked(bool(options.hosts))
        self.history.setChecked(options.series_history)
        self.keep_themes.setChecked(options.keep_themes_stable)
        self.together = options.keep_together
        self.apart = options.keep_apart
        if settings.get("method") == "self_select":
            self.by_choice.setChecked(True)
            self.team_max.setValue(int(settings.get("max_per_team", 6)))

    def options(self, hosts: tuple[tuple[int, int], ...]) -> PlanOptions:
        """What Plan asks of the planner; `hosts`: (host, table position) pairs kept when
        "Hosts stay at their table" is ticked."""
        mix = tuple(
            name
            for name, box in (("organisation", self.mix_org), ("role", self.mix_role))
            if box.isChecked()
        )
        return PlanOptions(
            rounds=self.rounds.value(),
            group_size=self.size_box.value() if self.by_size.isChecked() else None,
            group_count=self.count.value() if self.by_count.isChecked() else None,
            mix_on=mix,
            by_theme=self.by_theme.isChecked(),
            keep_together=self.together,
            keep_apart=self.apart,
            hosts=hosts if self.hosts_stay.isChecked() else (),
            series_history=self.history.isChecked(),
            keep_themes_stable=self.history.isChecked() and self.keep_themes.isChecked(),
        )
