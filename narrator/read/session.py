"""`narrator read`: one article read aloud now, steered from the keyboard, or written to one file.

The article goes through the podcast's own stages (ingest, segment, cast), then a reading session plays
it sentence by sentence: synthesis runs ahead on worker threads in windows that start with one sentence
and double, so the first sentence is heard as soon as it alone is spoken, whatever the article's length.
Sentences are the unit of control: skip, repeat and rate changes act at the next block of audio, and a
rate change re-synthesises the sentences after the current one (eSpeak changes tempo, not pitch).

Heavy modules (numpy, the engines, produce) are imported when first needed, so the first sentence is
not kept waiting for code it does not use.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from narrator.errors import ConfigError, EngineError, ProduceError, SynthesisError
from narrator.models import Article, CastSegment, Segment, Voice

if TYPE_CHECKING:
    from narrator.cast.casting import VoicePool
    from narrator.read.playback import Sink

CLIP_RATE = 22050
"""The rate every clip is made at (synth.synthesis.CLIP_RATE); repeated here to keep start-up light."""
RATE_STEP = 25
"""Words per minute added or taken away by one press of + or -."""
MIN_WPM, MAX_WPM = 80, 450
"""eSpeak clamps rates below 80 wpm; Voice refuses rates above 450."""
FORMATS = {".mp3": "mp3", ".wav": "wav", ".ogg": "ogg"}
STREAM_WINDOW_LIMIT = 32
"""Largest window of sentences synthesised together (one engine process per voice in it)."""
SYNTH_TIMEOUT = 60.0

# ---------------------------------------------------------------------------------------------- options


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
    """Write .mp3, .wav or .ogg (with a .vtt beside it) instead of playing."""
    device: str | None = None
    """Where to play: None/"default", "file:PATH.wav", or a route named in read.playback.open_sink."""
    voices_dir: Path = Path("voices")
    """Where voices.toml, cast.toml and lexicon.toml are looked for; the package's pool otherwise."""

    def __post_init__(self) -> None:
        problems = []
        if self.output is not None and self.output.suffix.lower() not in FORMATS:
            problems.append(f"output {self.output} must end in .mp3, .wav or .ogg")
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


# ---------------------------------------------------------------------------------------------- the text


@dataclass(frozen=True)
class Reading:
    """An article ready to read: its voiced sentences in order, where to start, and its landmarks."""

    article: Article
    items: tuple[CastSegment, ...]
    start: int
    paragraphs: tuple[int, ...]
    """Index of the first sentence of every paragraph (headings and the title included)."""
    headings: tuple[int, ...]
    """Index of the first sentence of the title and of every heading."""
    complete: bool = True
    """False for an early stage that holds only the opening of the article."""

    @property
    def narrator(self) -> Voice:
        narration = (item.voice for item in self.items if item.segment.kind == "narration")
        return next(narration, self.items[0].voice)


OPENING_WORDS = 120
"""Words segmented first, so the opening can play while the rest of a long article is segmented."""


def iter_readings(source: str, options: ReadOptions, *, early: bool = True) -> Iterator[Reading]:
    """Ingest, segment and cast one article the way a podcast build does (the cast file is not written):
    a producer's ``<name>.script.md`` beside a file source replaces the automatic segmentation.

    With ``early`` (and no ``--start-at``) the article comes in stages, each a longer prefix of the last:
    the title alone, then the opening paragraphs, then everything, so playback need not wait for the
    attribution of a long article. A script covers only the whole article, so with one the opening
    stage is skipped. The last reading is always the whole article.
    """
    from narrator.cast.casting import assign_voices, load_cast
    from narrator.ingest.reader import read_article
    from narrator.normalise.lexicon import load_lexicon
    from narrator.normalise.style import article_style
    from narrator.normalise.text import speakable
    from narrator.segment.segmenter import script_path, segment_article, split_segments

    pool = load_reading_pool(options.voices_dir)
    if options.voice is not None:
        chosen = pool.get(options.voice)
        pool = replace(
            pool,
            voices=tuple(replace(v, narrator=v.name == chosen.name) for v in pool.voices),
            narrator=replace(chosen, narrator=True),
        )
    lexicon = load_lexicon(options.voices_dir / "lexicon.toml")
    cast = load_cast(options.voices_dir / "cast.toml")
    article = read_article(source)
    style = article_style(article)
    title = Segment(text=article.title, spoken=speakable(article.title, lexicon, style=style),
                    kind="narration", block="intro")

    path = Path(source) if source != "-" and "://" not in source else None
    scripted = path is not None and script_path(path).exists()

    def reading(blocks: int | None) -> Reading:
        opening = replace(article, blocks=article.blocks[:blocks or 0])
        body = segment_article(article, lexicon, path, style) if blocks is None else \
            split_segments(opening, lexicon, style=style) if blocks else []
        items = list(assign_voices([title, *body], pool, cast, language=article.language or "en")[0])
        if options.single_voice:
            items = [replace(item, voice=items[0].voice) for item in items]
        paragraphs = [i for i, item in enumerate(items) if i == 0 or _unit(items[i - 1]) != _unit(item)]
        headings = [i for i in paragraphs if items[i].segment.block in ("intro", "heading")]
        start = find_start(items, paragraphs, options.start_at) if blocks is None else 0
        return Reading(article, tuple(items), start, tuple(paragraphs), tuple(headings), blocks is None)

    if early and options.start_at is None:
        yield reading(0)
        words = 0
        for count, block in enumerate(article.blocks, start=1):
            words += len(block.text.split())
            if words >= OPENING_WORDS:
                if count < len(article.blocks) and not scripted:
                    yield reading(count)
                break
    yield reading(None)


def prepare_reading(source: str, options: ReadOptions) -> Reading:
    """The whole article, segmented and cast, starting where ``options.start_at`` says."""
    *_, whole = iter_readings(source, options, early=False)
    return whole


class Readings:
    """Runs iter_readings on a thread, so a session can start on the first stage and take later ones
    as they arrive; errors surface when the stage that failed is asked for."""

    def __init__(self, source: str, options: ReadOptions) -> None:
        self._queue: queue.Queue[Reading | BaseException] = queue.Queue()
        self.final = False
        """True once the whole article has been handed out."""
        thread = threading.Thread(target=self._run, args=(source, options), daemon=True,
                                  name="narrator-prepare")
        thread.start()

    def _run(self, source: str, options: ReadOptions) -> None:
        try:
            for reading in iter_readings(source, options):
                self._queue.put(reading)
        except BaseException as error:  # handed to the session's thread and raised there
            self._queue.put(error)

    def next(self, wait: bool) -> Reading | None:
        """The next stage (waiting for it when ``wait``), or None when none is ready or all were taken."""
        if self.final:
            return None
        try:
            got = self._queue.get(block=wait)
        except queue.Empty:
            return None
        if isinstance(got, BaseException):
            self.final = True
            raise got
        self.final = got.complete
        return got

    def first(self) -> Reading:
        reading = self.next(wait=True)
        assert reading is not None, "iter_readings always yields the whole article"
        return reading


def load_reading_pool(voices_dir: Path) -> VoicePool:
    """The folder's voices.toml when there is one, else the pool that ships with narrator."""
    from narrator.cast.casting import load_pool, pool_path_in

    return load_pool(pool_path_in(voices_dir))


def _unit(item: CastSegment) -> tuple[str, int]:
    return item.segment.block, item.segment.paragraph


def find_start(items: Sequence[CastSegment], paragraphs: Sequence[int], start_at: str | None) -> int:
    """The sentence where ``--start-at`` points: paragraph N of the text (headings not counted) or the
    first heading whose text matches (exactly, else by its beginning, ignoring case)."""
    if start_at is None:
        return 0
    wanted = start_at.strip()
    text_paragraphs = [i for i in paragraphs if items[i].segment.block not in ("intro", "heading")]
    if wanted.isdigit():
        number = int(wanted)
        if not 1 <= number <= len(text_paragraphs):
            raise ConfigError(
                f"--start-at {number}: the article has {len(text_paragraphs)} paragraphs; give 1-"
                f"{len(text_paragraphs)} or a heading's text"
            )
        return text_paragraphs[number - 1]
    from narrator.produce.episode import heading_text

    headings = {i: heading_text(items, i) for i in paragraphs if items[i].segment.block == "heading"}
    folded = wanted.casefold()
    for match in (lambda h: h.casefold() == folded, lambda h: h.casefold().startswith(folded)):
        for index, heading in headings.items():
            if match(heading):
                return index
    known = "; ".join(f'"{h}"' for h in headings.values()) or "none"
    raise ConfigError(f'--start-at "{start_at}": no heading matches; headings: {known}')


# ---------------------------------------------------------------------------------------------- synthesis


class Speech:
    """Synthesises sentences ahead of the listener on worker threads; each sentence waits only for itself.

    Work is planned in windows of consecutive sentences, one engine call per voice in a window. The
    windows grow 1, 2, 4… so the first sentence is ready after one short utterance while later windows
    amortise the engine's start-up. Re-planning (a jump, a rate change) cancels queued windows it no
    longer needs and keeps every sentence already spoken. Engines, WAV checks and resampling are
    narrator.synth.synthesis's; clips live in a private folder for the session.
    """

    def __init__(self, *, context: str, workers: int | None = None, timeout: float = SYNTH_TIMEOUT) -> None:
        self.context = context
        self.timeout = timeout
        self.workers = workers or max(2, os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="narrator-speech")
        self._folder = Path(tempfile.mkdtemp(prefix="narrator-read-"))
        self._lock = threading.Lock()
        self._clips: dict[tuple[Voice, str], tuple[Future[None], Path]] = {}
        self._windows: list[tuple[Future[None], list[tuple[Voice, str]]]] = []
        self._count = 0
        self._pool.submit(_preload)

    def plan(self, items: Sequence[CastSegment], start: int, *, streaming: bool = True) -> None:
        """Synthesise ``items[start:]`` in order, after the windows already queued that it still needs.

        Without ``streaming`` (writing a file, where nobody waits for the first sentence) each voice's
        sentences go in one window, so each engine starts once while the voices run side by side.
        """
        with self._lock:
            needed = {(item.voice, item.segment.spoken) for item in items[start:]}
            for window, keys in self._windows:
                if needed.isdisjoint(keys):
                    window.cancel()
            self._clips = {key: entry for key, entry in self._clips.items() if not entry[0].cancelled()}
            todo: list[tuple[Voice, str]] = []
            for item in items[start:]:
                key = (item.voice, item.segment.spoken)
                if key not in self._clips and key not in todo:
                    todo.append(key)
            self._windows = [(w, k) for w, k in self._windows if not w.done()]
            for window in self._streaming_windows(todo) if streaming else self._bulk_windows(todo):
                self._windows.append((self._submit(window), window))

    @staticmethod
    def _streaming_windows(todo: list[tuple[Voice, str]]) -> Iterator[list[tuple[Voice, str]]]:
        begin, size = 0, 1
        while begin < len(todo):
            yield todo[begin : begin + size]
            begin += size
            size = min(STREAM_WINDOW_LIMIT, size * 2)

    @staticmethod
    def _bulk_windows(todo: list[tuple[Voice, str]]) -> Iterator[list[tuple[Voice, str]]]:
        by_voice: dict[Voice, list[tuple[Voice, str]]] = {}
        for key in todo:
            by_voice.setdefault(key[0], []).append(key)
        yield from by_voice.values()

    def _submit(self, window: list[tuple[Voice, str]]) -> Future[None]:
        paths = []
        for _ in window:
            self._count += 1
            paths.append(self._folder / f"{self._count}.pcm")
        future = self._pool.submit(self._speak, window, paths)
        for key, path in zip(window, paths, strict=True):
            self._clips[key] = (future, path)
        return future

    def _speak(self, window: list[tuple[Voice, str]], paths: list[Path]) -> None:
        """Worker: one engine call per voice in the window, each WAV verified and kept as raw PCM."""
        from narrator.synth.synthesis import SILENT_SECONDS

        by_voice: dict[Voice, list[tuple[str, Path]]] = {}
        for (voice, text), path in zip(window, paths, strict=True):
            by_voice.setdefault(voice, []).append((text, path))
        for voice, jobs in by_voice.items():
            spoken = [(text, path) for text, path in jobs if any(ch.isalnum() for ch in text)]
            for text, path in jobs:
                if (text, path) not in spoken:
                    path.write_bytes(b"\0\0" * round(SILENT_SECONDS * CLIP_RATE))  # as synth does
            if not spoken:
                continue
            try:
                self._run_engine(voice, spoken)
            except EngineError:
                # pyttsx3 on eSpeak now and then loses an utterance's last buffer (an empty or short
                # WAV); one sentence at a time, twice, gets past it.
                for job in spoken:
                    for attempt in (1, 2):
                        try:
                            self._run_engine(voice, [job])
                            break
                        except EngineError as error:
                            if attempt == 2:
                                raise SynthesisError(f'"{self.context}": could not synthesise with voice '
                                                     f'"{voice.name}": {error}') from None

    def _run_engine(self, voice: Voice, jobs: list[tuple[str, Path]]) -> None:
        from narrator.engines import get_engine
        from narrator.synth.synthesis import check_duration, read_engine_wav

        wavs = [(text, path.with_suffix(".wav")) for text, path in jobs]
        get_engine(voice.engine).synthesise(voice, wavs, self.timeout)
        for (text, wav), (_, path) in zip(wavs, jobs, strict=True):
            samples = read_engine_wav(wav)
            check_duration(len(samples), text, voice)
            samples.astype("<i2").tofile(path)
            wav.unlink()

    def pcm(self, item: CastSegment) -> bytes:
        """The sentence's 16-bit PCM, waiting for it to be synthesised (planning it if nobody did)."""
        key = (item.voice, item.segment.spoken)
        with self._lock:
            entry = self._clips.get(key) or (self._submit([key]), None)
            if entry[1] is None:
                entry = self._clips[key]
        future, path = entry
        future.result()
        return path.read_bytes()

    def close(self) -> None:
        with self._lock:
            for window, _ in self._windows:
                window.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._folder, ignore_errors=True)


def _preload() -> None:
    """Import the engines while the article is read, so the first sentence starts sooner."""
    import narrator.engines
    import narrator.synth.synthesis  # noqa: F401


def pause_before(items: Sequence[CastSegment], index: int, first: bool) -> int:
    """Samples of silence before sentence ``index``: the podcast's pauses, none before the first heard."""
    if first or index == 0:
        return 0
    from narrator.config import AudioSettings
    from narrator.produce.episode import pause_between

    return round(pause_between(items[index - 1], items[index], AudioSettings()) * CLIP_RATE)


def _warm_up() -> None:
    """Import what the pauses need while the first sentence plays (produce is large)."""
    import importlib

    threading.Thread(target=importlib.import_module, args=("narrator.produce.episode",), daemon=True).start()


# ---------------------------------------------------------------------------------------------- controls

COMMANDS = {
    " ": "pause",
    "n": "next",
    "p": "previous",
    "N": "next-heading",
    "P": "previous-heading",
    "+": "faster",
    "=": "faster",
    "-": "slower",
    "_": "slower",
    "r": "repeat",
    "q": "quit",
}
HELP = "Keys: space pause/resume, n/p paragraph, N/P heading, +/- rate, r repeat, q quit"


class Controls(Protocol):
    """Where the listener's commands come from."""

    def get(self, timeout: float | None) -> str | None:
        """The next command (a COMMANDS value), waiting up to ``timeout`` seconds; None if none came."""
        ...


class NoControls:
    """No keyboard (standard input is not a terminal): the article is read straight through."""

    def get(self, timeout: float | None) -> str | None:
        return None


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


class TerminalControls:
    """Single keys from a terminal in cbreak mode (no echo, no Enter; Ctrl-C still interrupts).

    Used as a context manager: the terminal's settings are restored on exit, however the reading ends.
    """

    def __init__(self, stream: TextIO) -> None:
        self.fd = stream.fileno()
        self._commands: queue.Queue[str] = queue.Queue()
        self._stop = threading.Event()
        self._saved: Any = None
        self._sigterm: Any = None
        self._thread = threading.Thread(target=self._read, daemon=True, name="narrator-keys")

    def __enter__(self) -> TerminalControls:
        import signal
        import termios
        import tty

        self._saved = termios.tcgetattr(self.fd)
        if threading.current_thread() is threading.main_thread():
            # A plain kill must restore the terminal too: turn SIGTERM into an exit that unwinds.
            self._sigterm = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        tty.setcbreak(self.fd)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        import signal
        import termios

        self._stop.set()
        self._thread.join(timeout=1)
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
        if self._sigterm is not None:
            signal.signal(signal.SIGTERM, self._sigterm)

    def _read(self) -> None:
        import select

        while not self._stop.is_set():
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 64)
            except OSError:
                return
            if not data:
                return
            keys = data.decode("utf-8", "ignore")
            if keys.startswith("\x1b"):
                continue  # arrow and function keys: not ours
            for key in keys:
                if key in COMMANDS:
                    self._commands.put(COMMANDS[key])

    def get(self, timeout: float | None) -> str | None:
        try:
            return self._commands.get(timeout=timeout) if timeout else self._commands.get_nowait()
        except queue.Empty:
            return None


# ---------------------------------------------------------------------------------------------- playing


class Printer:
    """Prints each sentence as it is spoken: plain lines, bold headings only on a colour terminal."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.styled = out.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"

    def sentence(self, item: CastSegment) -> None:
        text = " ".join(item.segment.text.split())
        if item.segment.block in ("intro", "heading") and self.styled:
            text = f"\x1b[1m{text}\x1b[0m"
        self.line(text)

    def line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


def _key(item: CastSegment) -> tuple[str, int, int]:
    """Where a sentence sits in the article; the same in every stage of a Reading."""
    return item.segment.block, item.segment.paragraph, item.segment.sentence


class Session:
    """Plays an article into a sink, one sentence at a time, obeying the listener's commands.

    It starts on the first stage of the Readings and moves to each later one at a sentence boundary.
    """

    def __init__(self, readings: Readings, speech: Speech, sink: Sink, controls: Controls, printer: Printer,
                 rate: Rate) -> None:
        self.readings = readings
        self.speech = speech
        self.sink = sink
        self.controls = controls
        self.printer = printer
        self.rate = rate
        self.reading = readings.first()
        self.items = self.voiced()
        self.index = self.reading.start
        self.spoken: tuple[str, int, int] | None = None
        """The sentence whose audio was last begun: what r repeats during the pause after it."""
        self.paused = False
        self.frames = 0
        self.sentences = 0

    def voiced(self) -> list[CastSegment]:
        return [replace(item, voice=self.rate.apply(item.voice)) for item in self.reading.items]

    def run(self) -> bool:
        """Play to the end or until quit; True when the listener quit."""
        self.speech.plan(self.items, self.index)
        first = True
        while True:
            self._advance(wait=self.index >= len(self.items))
            if self.index >= len(self.items):
                return False
            pcm = self.speech.pcm(self.items[self.index])
            silence = b"\0\0" * pause_before(self.items, self.index, first)
            first = False
            outcome = self._play(silence, pcm)
            if outcome == "quit":
                return True
            if outcome is None:
                self.index += 1
            else:
                self.index = outcome
                self.speech.plan(self.items, self.index)

    def _advance(self, wait: bool) -> None:
        """Move to the newest stage of the article, keeping the place by sentence position."""
        newer = self.readings.next(wait)
        while newer is not None:
            later = self.readings.next(False)
            if later is None:
                break
            newer = later
        if newer is None:
            return
        keys = {_key(item): i for i, item in enumerate(newer.items)}
        old = self.items
        if self.index < len(old) and _key(old[self.index]) in keys:
            index = keys[_key(old[self.index])]
        elif 0 < self.index <= len(old) and _key(old[self.index - 1]) in keys:
            index = keys[_key(old[self.index - 1])] + 1
        else:
            index = next((i for i in newer.paragraphs if i >= min(self.index, len(newer.items))),
                         len(newer.items))
        self.reading, self.index = newer, index
        self.items = self.voiced()
        self.speech.plan(self.items, self.index)

    def _play(self, silence: bytes, pcm: bytes) -> str | int | None:
        """Hand one sentence (its pause, then its audio) to the sink in blocks, checking for commands
        before each block. Returns "quit", the sentence to jump to, or None when the sentence is done."""
        seconds = self.sink.block_seconds
        block = 2 * max(1, round(seconds * self.sink.rate)) if seconds else len(silence) + len(pcm)
        for part, speaking in ((silence, False), (pcm, True)):
            if speaking:
                self.printer.sentence(self.items[self.index])
                self.spoken = _key(self.items[self.index])
                self.sentences += 1
            for offset in range(0, len(part), block):
                outcome = self._commands()
                if outcome is not None:
                    return outcome
                chunk = part[offset : offset + block]
                self.sink.write(chunk)
                if not self.frames:
                    _warm_up()
                self.frames += len(chunk) // 2
        return None

    def _commands(self) -> str | int | None:
        """Apply every waiting command, blocking while paused; returns "quit", a jump, or None."""
        jump: int | None = None
        while True:
            command = self.controls.get(0.1 if self.paused else None)
            if command is None:
                if self.paused:
                    continue
                return jump
            if command == "quit":
                return "quit"
            if command == "pause":
                self.paused = not self.paused
                self.printer.line("Paused. Press space to resume." if self.paused else "Resumed.")
            elif command in ("faster", "slower"):
                self._change_rate(1 if command == "faster" else -1)
            else:
                target = self._target(command, self.index if jump is None else jump)
                if target is None and not self.readings.final:
                    self._advance(wait=True)  # the rest of the article may hold it
                    target = self._target(command, self.index if jump is None else jump)
                if target is None:
                    missing = "heading" if command == "next-heading" else "paragraph"
                    self.printer.line(f"No later {missing}.")
                else:
                    jump = target

    def _change_rate(self, delta: int) -> None:
        """Takes effect from the next sentence, which is synthesised again at the new rate."""
        narrator = self.reading.narrator
        rate = self.rate.step(delta, narrator)
        if rate != self.rate:
            self.rate = rate
            self.items = self.voiced()
            self.speech.plan(self.items, self.index + 1)
        self.printer.line(f"Rate: {self.rate.wpm_for(narrator)} words per minute.")

    def _target(self, command: str, current: int) -> int | None:
        """The sentence a navigation command leads to from ``current``; None when there is none."""
        reading = self.reading
        if command == "repeat":
            spoken = [i for i, item in enumerate(self.items) if _key(item) == self.spoken]
            return spoken[0] if spoken else current
        paragraph = max((i for i in reading.paragraphs if i <= current), default=0)
        section = max((i for i in reading.headings if i <= current), default=0)
        if command == "next":
            return next((i for i in reading.paragraphs if i > current), None)
        if command == "previous":
            return max((i for i in reading.paragraphs if i < paragraph), default=0)
        if command == "next-heading":
            return next((i for i in reading.headings if i > current), None)
        return max((i for i in reading.headings if i < section), default=0)


def read_aloud(
    source: str,
    options: ReadOptions,
    *,
    sink: Sink | None = None,
    controls: Controls | None = None,
    out: TextIO | None = None,
    speech: Speech | None = None,
) -> ReadResult:
    """Read one article (a file, an http(s) URL or "-" for stdin) aloud now, or into ``options.output``.

    ``sink`` defaults to ``options.device`` (the system output unless told otherwise); ``controls`` to
    the keyboard when standard input is a terminal and not the source. Each sentence is printed to ``out``
    as it is spoken. ``speech`` lets sessions share synthesised sentences (the caller closes it).
    Raises PlaybackError (before any synthesis) when nothing can play the audio.
    """
    out = out or sys.stdout
    if options.output is None and sink is None:
        from narrator.read.playback import open_sink

        sink = open_sink(options.device, CLIP_RATE)
    own_speech = speech is None
    speech = speech or Speech(context=str(source))
    try:
        if options.output is not None:
            # Nobody waits for the first sentence of a file: plan the whole article in large windows,
            # which starts each engine as rarely as possible.
            _warm_up()
            return write_reading(prepare_reading(source, options), speech, options.rate, options.output)
        assert sink is not None
        if controls is None:
            keyboard = source != "-" and sys.stdin.isatty()
            controls = TerminalControls(sys.stdin) if keyboard else NoControls()
        printer = Printer(out)
        session = Session(Readings(source, options), speech, sink, controls, printer, options.rate)
        with controls if isinstance(controls, TerminalControls) else _nothing():
            if isinstance(controls, TerminalControls):
                printer.line(HELP)
            quit_early = session.run()
        if quit_early:
            sink.abort()
        else:
            sink.close()
        sink = None
        return ReadResult(sentences=session.sentences, duration=session.frames / CLIP_RATE)
    finally:
        if sink is not None:
            sink.abort()
        if own_speech:
            speech.close()


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: object) -> None:
        return None


# ---------------------------------------------------------------------------------------------- to a file


def write_reading(reading: Reading, speech: Speech, rate: Rate, path: Path) -> ReadResult:
    """Write the reading as playback would sound it (same sentences, voices, rate and pauses) to an
    .mp3, .wav or .ogg, with a WebVTT transcript beside it; both files appear only when both are done."""
    from narrator.fsutil import atomic_path
    from narrator.models import Cue
    from narrator.produce.transcripts import render_vtt

    items = [replace(item, voice=rate.apply(item.voice)) for item in reading.items]
    speech.plan(items, reading.start, streaming=False)
    transcript = path.with_suffix(".vtt")
    cues = []
    position = 0
    with atomic_path(path) as tmp, atomic_path(transcript) as tmp_transcript:
        with encoder(FORMATS[path.suffix.lower()], tmp, path) as write:
            for index in range(reading.start, len(items)):
                silence = pause_before(items, index, index == reading.start)
                pcm = speech.pcm(items[index])
                write(b"\0\0" * silence + pcm)
                start = position + silence
                position = start + len(pcm) // 2
                cues.append(Cue(start / CLIP_RATE, position / CLIP_RATE, items[index].segment.text,
                                _speaker(items[index].segment)))
        tmp_transcript.write_text(render_vtt(cues), encoding="utf-8")
    return ReadResult(sentences=len(cues), duration=position / CLIP_RATE, output=path, transcript=transcript)


def _speaker(segment: Segment) -> str:
    from narrator.produce.episode import speaker_name

    return speaker_name(segment)


class encoder:
    """``with encoder(format, tmp, target) as write:`` takes 16-bit PCM at CLIP_RATE and writes the
    file: WAV directly, MP3 and OGG through one ffmpeg process. Raises ProduceError with ffmpeg's reason."""

    def __init__(self, fmt: str, tmp: Path, target: Path) -> None:
        self.fmt = fmt
        self.tmp = tmp
        self.target = target
        self._wav: wave.Wave_write | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._errors: Any = None

    def __enter__(self) -> Callable[[bytes], None]:
        if self.fmt == "wav":
            self._wav = wave.open(str(self.tmp), "wb")
            self._wav.setnchannels(1)
            self._wav.setsampwidth(2)
            self._wav.setframerate(CLIP_RATE)
            return self._wav.writeframes
        from narrator.produce.episode import find_ffmpeg

        ffmpeg = find_ffmpeg(f"to write {self.target.name}, or write a .wav")
        self._errors = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "s16le", "-ar", str(CLIP_RATE),
             "-ac", "1", "-i", "pipe:0", *codec_options(self.fmt, ffmpeg), "-map_metadata", "-1", "-y",
             str(self.tmp)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._errors,
        )  # fmt: skip
        return self._feed

    def _feed(self, pcm: bytes) -> None:
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(pcm)
        except BrokenPipeError:
            self._fail()

    def _fail(self) -> None:
        assert self._process is not None
        self._process.wait()
        self._errors.seek(0)
        lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else f"exit status {self._process.returncode}"
        raise ProduceError(f"ffmpeg could not write {self.target.name}: {reason}")

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        if self._wav is not None:
            self._wav.close()
            return
        assert self._process is not None and self._process.stdin is not None
        try:
            if exc_type is not None:
                self._process.kill()
                self._process.wait()
                return
            with contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()
            if self._process.wait() != 0:
                self._fail()
        finally:
            self._errors.close()


def codec_options(fmt: str, ffmpeg: str) -> list[str]:
    """ffmpeg output options: MP3 64 kbps mono; OGG as Vorbis, or Opus where ffmpeg has no Vorbis."""
    if fmt == "mp3":
        # LAME -q 7: about half the encoding time of the podcast's -q 5 (produce.ENCODER_QUALITY), for a
        # file someone is waiting for; at 64 kbps speech the difference is hard to hear.
        return ["-c:a", "libmp3lame", "-b:a", "64k", "-compression_level", "7", "-f", "mp3"]
    encoders = subprocess.run([ffmpeg, "-hide_banner", "-encoders"], capture_output=True, text=True).stdout
    if "libvorbis" in encoders:
        return ["-c:a", "libvorbis", "-q:a", "4", "-f", "ogg"]
    if "libopus" in encoders:
        return ["-c:a", "libopus", "-b:a", "48k", "-ar", "24000", "-f", "ogg"]
    raise ProduceError("this ffmpeg has neither libvorbis nor libopus; write .mp3 or .wav instead")
