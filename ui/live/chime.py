"""The soft chime at zero (and one minute before), played with QtMultimedia.

QtMultimedia (and its FFmpeg backend) is loaded when the chime is first needed, not when
a session opens: it costs a tenth of a second and most of a session never chimes.

QtMultimedia may be missing (a stripped install) or have no audio device (a server, a
broken PulseAudio): then the chime stays silent with one logged warning; the timer itself
never depends on sound.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl

from workshop.paths import resource

log = logging.getLogger(__name__)

CHIME_FILE = resource("sounds", "chime.wav")
VOLUME = 0.6


class ChimePlayer(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.muted = False
        self.played = 0  # how many chimes were asked to sound (tests, selftest)
        self._effect = None
        self._warned = False
        self._loaded = False

    def _load(self) -> None:
        """Create the sound effect the first time it is needed."""
        if self._loaded:
            return
        self._loaded = True
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as err:  # QtMultimedia or its system libraries missing
            self._warn(f"QtMultimedia cannot load ({err}); the chime stays silent")
            return
        if not CHIME_FILE.exists():
            self._warn(f"chime sound {CHIME_FILE} is missing; the chime stays silent")
            return
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(CHIME_FILE)))
        effect.setVolume(VOLUME)
        self._effect = effect

    @property
    def available(self) -> bool:
        self._load()
        if self._effect is None:
            return False
        from PySide6.QtMultimedia import QSoundEffect

        return self._effect.status() != QSoundEffect.Status.Error

    def play(self) -> None:
        self.played += 1
        if self.muted:
            return
        self._load()
        if self._effect is None:
            return
        if not self.available:
            self._warn("no audio device for the chime; it stays silent")
            return
        self._effect.play()

    def _warn(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            log.warning(message)
