"""What `narrator read` is asked for: the rate, the voices, where to start, and where the audio goes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from narrator.errors import ConfigError
from narrator.models import Voice
from narrator.produce.formats import FORMATS

RATE_STEP = 25
"""Words per minute added or taken away by one press of + or -."""
MIN_WPM, MAX_WPM = 80, 450
"""eSpeak clamps rates below 80 wpm; Voice refuses rates above 450."""
OUTPUT_SUFFIXES = tuple(audio_format.suffix for audio_format in FORMATS.values())
"""What ``-o`` can write: every format narrator encodes."""


@dataclass(frozen=True)
class Rate:
    """How fast every voice speaks: fixed words per minute, or a multiple of each voice's own rate.

    ``steps`` counts the listener's +/- presses; each moves every voice by ``RATE_STEP`` wpm.
    """

    wpm: int | None = None
    factor: float = 1.0
    steps: int = 0

    def __post_init__(self) -> None:
        if self.wpm is not None and not MIN_WPM <= self.wpm <= MAX_WPM:
            raise ConfigError(
                f"rate {self.wpm} wpm is out of range; give {MIN_WPM}-{MAX_WPM} words per minute"
            )
        if not 0.25 <= self.factor <= 4:
            raise ConfigError(f"rate factor {self.factor:g}x is out of range; give 0.25x-4x")

    @classmethod
    def parse(cls, text: str) -> Rate:
        """``"180"`` (words per minute), ``"1.25x"`` or ``"125%"`` (a multiple of each voice's rate)."""
        value = text.strip().lower()
        try:
            if value.endswith("x"):
                return cls(factor=float(value[:-1]))
            if value.endswith("%"):
                return cls(factor=float(value[:-1]) / 100)
            return cls(wpm=int(value))
        except ValueError:
            raise ConfigError(
                f'rate "{text}" is not understood; give words per minute (180) or a multiple (1.25x, 125%)'
            ) from None

    def wpm_for(self, voice: Voice) -> int:
        base = self.wpm if self.wpm is not None else round(voice.rate * self.factor)
        return max(MIN_WPM, min(MAX_WPM, base + self.steps * RATE_STEP))

    def apply(self, voice: Voice) -> Voice:
        wpm = self.wpm_for(voice)
        return voice if wpm == voice.rate else replace(voice, rate=wpm)

    def step(self, delta: int, narrator: Voice) -> Rate:
        """One press of + (1) or - (-1); unchanged when the narrator is already at the limit."""
        moved = replace(self, steps=self.steps + delta)
        return self if moved.wpm_for(narrator) == self.wpm_for(narrator) else moved


@dataclass(frozen=True)
class ReadOptions:
    """What `narrator read` was asked for; the CLI builds one and passes it whole."""

    rate: Rate = field(default_factory=Rate)
    voice: str | None = None
    """Name of the pool voice that narrates (default: the pool's narrator)."""
    single_voice: bool = False
    """Read quotes with the narrator's voice too."""
    start_at: str | None = None
    """A paragraph number (1 = the first paragraph of text) or a heading's text."""
    output: Path | None = None
    """Write the audio (any suffix in OUTPUT_SUFFIXES: .m4b for an audiobook with chapters) and a .vtt
    transcript beside it, instead of playing."""
    device: str | None = None
    """Where to play: None/"default", "file:PATH.wav", or a route named in read.playback.open_sink."""
    quiet: bool = False
    """Print neither the sentences nor the status line: only answers to keys and errors (for a screen reader
    that would otherwise speak over the reading)."""
    config: Path = Path("podcast.toml")
    """The podcast whose voices, cast, lexicon and language the reading uses (voices/ beside it); outside
    a podcast folder, narrator's own voices, in English."""

    def __post_init__(self) -> None:
        problems = []
        if self.output is not None and self.output.suffix.lower() not in OUTPUT_SUFFIXES:
            allowed = ", ".join(OUTPUT_SUFFIXES[:-1]) + f" or {OUTPUT_SUFFIXES[-1]}"
            problems.append(f"output {self.output} must end in {allowed}")
        if self.start_at is not None and not self.start_at.strip():
            problems.append("--start-at must be a paragraph number or a heading's text")
        if problems:
            raise ConfigError("; ".join(problems))


@dataclass(frozen=True)
class ReadResult:
    """What a reading did: the sentences heard (or written), and the files written with -o."""

    sentences: int
    duration: float
    """Seconds of audio handed to the device or written."""
    output: Path | None = None
    transcript: Path | None = None
