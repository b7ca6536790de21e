"""Synthesize chime.wav: a soft bell of about 0.7 s (run: python resources/sounds/make_chime.py).

A struck bell is a handful of inharmonic partials that each die away exponentially, the
higher ones faster. A short raised-cosine attack avoids a click; the level stays well
below full scale so the chime is gentle in a quiet room.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
SECONDS = 0.7
BASE = 784.0  # G5: bright enough to be heard over talk, not shrill
# (frequency ratio, relative amplitude, decay per second)
PARTIALS = ((1.0, 1.0, 5.0), (2.0, 0.35, 7.0), (2.76, 0.22, 9.0), (5.4, 0.08, 14.0))
PEAK = 0.32
ATTACK = 0.006


def sample(t: float) -> float:
    attack = 0.5 - 0.5 * math.cos(math.pi * min(1.0, t / ATTACK))
    tail = min(1.0, (SECONDS - t) / 0.08)  # fade the last 80 ms to true silence
    value = sum(a * math.exp(-d * t) * math.sin(2 * math.pi * BASE * r * t) for r, a, d in PARTIALS)
    return attack * max(0.0, tail) * value


def render(path: Path) -> None:
    n = int(RATE * SECONDS)
    raw = [sample(i / RATE) for i in range(n)]
    scale = PEAK / max(abs(v) for v in raw)
    frames = b"".join(struct.pack("<h", round(v * scale * 32767)) for v in raw)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


if __name__ == "__main__":
    render(Path(__file__).resolve().parent / "chime.wav")
