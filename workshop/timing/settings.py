"""Timer preferences (library-wide): warning thresholds, which chimes sound, mute."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from workshop.model import Setting
from workshop.store.library import Library
from workshop.timing.countdown import Thresholds

PREFIX = "timing."


@dataclass(frozen=True)
class TimingSettings:
    amber_seconds: int = 120  # amber at 2 minutes left
    red_seconds: int = 0  # red at zero
    chime_at_zero: bool = True
    chime_one_minute: bool = False  # a soft chime one minute before zero
    muted: bool = False

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(self.amber_seconds, self.red_seconds)


def _parse(kind: type, text: str):
    if kind is bool:
        return text.strip().lower() in ("1", "true", "yes", "ja")
    return int(text)


def load_timing_settings(library: Library) -> TimingSettings:
    """Stored preferences; a value that cannot be read keeps its default."""
    defaults = TimingSettings()
    values = {}
    with library.read() as db:
        for f in fields(TimingSettings):
            row = db.get(Setting, PREFIX + f.name)
            if row is None:
                continue
            try:
                values[f.name] = _parse(type(getattr(defaults, f.name)), row.value)
            except ValueError:
                continue
    settings = replace(defaults, **values)
    if settings.amber_seconds < settings.red_seconds or settings.amber_seconds < 0:
        settings = replace(settings, amber_seconds=defaults.amber_seconds)
    return settings


def save_timing_settings(library: Library, settings: TimingSettings) -> None:
    with library.unit_of_work() as db:
        for f in fields(TimingSettings):
            value = getattr(settings, f.name)
            text = ("1" if value else "0") if isinstance(value, bool) else str(value)
            row = db.get(Setting, PREFIX + f.name)
            if row is None:
                db.add(Setting(key=PREFIX + f.name, value=text))
            else:
                row.value = text
