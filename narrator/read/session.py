"""`narrator read`: one article read aloud now, steered from the keyboard, or written to one file.

This package is a front end over the podcast's own stages: the article is prepared as a build would
prepare it (read.reading, over narrator.preparation), synthesised by synth's planner and engine calls
(read.speech), encoded by produce.formats. What is read's own is here and beside it: a session plays
the article sentence by sentence into a sink (read.playback), obeying keys (read.keys). Sentences are
the unit of control: skip, repeat and rate changes act at the next block of audio, and a rate change
re-synthesises the sentences after the current one (eSpeak changes tempo, not pitch).

Heavy modules (numpy, the engines, produce) are imported when first needed, so the first sentence is
not kept waiting for code it does not use.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from narrator.errors import ConfigError
from narrator.models import CastSegment, Chapter
from narrator.read.keys import HELP, Controls, NoControls, TerminalControls
from narrator.read.options import Rate, ReadOptions, ReadResult
from narrator.read.places import Bookmark, Place, Places, article_key
from narrator.read.reading import (
    Reading,
    Readings,
    open_source,
    position,
    prepare_reading,
)
from narrator.read.speech import Speech, pause_before, warm_up
from narrator.read.voice_process import VoiceProcess
from narrator.synth.planning import CLIP_RATE

if TYPE_CHECKING:
    from narrator.config import AudioSettings
    from narrator.produce.formats import AudioFormat, Tags
    from narrator.read.playback import Sink

FILE_BITRATE = 64
"""kbps for ``-o`` in a lossy format: speech at the podcast's default."""


class Printer:
    """Prints each sentence as it is spoken, the speaker's name before a quotation, and under them one
    status line (paragraph, time heard, time left).

    The status line exists only on a terminal that can rewrite a line: it is redrawn in place, at each
    paragraph and after each key, never added to the scroll-back, so a screen reader reviewing the output
    meets the text alone. ``quiet`` prints neither sentences nor status; answers to keys still appear.
    Bold headings only on a colour terminal.
    """

    def __init__(self, out: TextIO, *, quiet: bool = False) -> None:
        self.out = out
        self.quiet = quiet
        terminal = out.isatty() and os.environ.get("TERM") != "dumb"
        self.styled = terminal and "NO_COLOR" not in os.environ
        self.rewrites = terminal and not quiet
        self.speaker: str | None = None
        """Who said the quotation printed last; None after narration."""
        self.status_text = ""

    def sentence(self, item: CastSegment) -> None:
        if self.quiet:
            return
        segment = item.segment
        text = " ".join(segment.text.split())
        name = None
        if segment.kind == "quote":  # produce is large: imported at the first quotation, not the title
            from narrator.produce.episode import speaker_name

            name = speaker_name(segment)
        if name is not None and name != self.speaker:
            text = f"{name}: {text}"
        self.speaker = name
        if segment.block in ("intro", "heading") and self.styled:
            text = f"\x1b[1m{text}\x1b[0m"
        self.line(text)

    def line(self, text: str) -> None:
        self.out.write(self._erase() + text + "\n" + self.status_text)
        self.out.flush()

    def status(self, text: str) -> None:
        """Show ``text`` on the status line (on a terminal that can rewrite it, unless quiet)."""
        if not self.rewrites or text == self.status_text:
            return
        width = shutil.get_terminal_size().columns - 1
        self.out.write(self._erase() + text[:width])
        self.status_text = text[:width]
        self.out.flush()

    def close(self) -> None:
        """Take the status line away, leaving the terminal as it was."""
        if self.status_text:
            self.out.write(self._erase())
            self.status_text = ""
            self.out.flush()

    def _erase(self) -> str:
        return "\r\x1b[K" if self.status_text else ""


def clock(seconds: float) -> str:
    minutes, second = divmod(round(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}" if hours else f"{minute}:{second:02d}"


def spoken_seconds(items: Sequence[CastSegment]) -> list[float]:
    """An estimate, before synthesis, of the seconds from the start to the end of each sentence: its
    words at its voice's rate, and the pauses."""
    ends, total = [], 0.0
    for index, item in enumerate(items):
        total += pause_before(items, index, index == 0) / CLIP_RATE
        total += 60 * len(item.segment.spoken.split()) / max(1, item.voice.rate)
        ends.append(total)
    return ends


class Session:
    """Plays an article into a sink, one sentence at a time, obeying the listener's commands.

    It starts on the first stage of the Readings and moves to each later one at a sentence boundary.
    """

    def __init__(self, readings: Readings, speech: Speech, sink: Sink, controls: Controls, printer: Printer,
                 rate: Rate, bookmark: Bookmark | None = None) -> None:
        self.readings = readings
        self.bookmark = bookmark
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
        self.status_due = True
        """Redraw the status line at the next sentence, not only at the next paragraph."""

    def voiced(self) -> list[CastSegment]:
        self._ends: list[float] | None = None  # estimated again for the new sentences or rate
        return [replace(item, voice=self.rate.apply(item.voice)) for item in self.reading.items]

    def status(self) -> str:
        """Paragraph n of N (numbered as --start-at numbers them), time heard and time left; the totals
        only once the whole article is known."""
        reading = self.reading
        text = [i for i in reading.paragraphs if self.items[i].segment.block not in ("intro", "heading")]
        number = max(1, sum(1 for i in text if i <= self.index))
        if self._ends is None:
            self._ends = spoken_seconds(self.items)
        heard = self._ends[self.index - 1] if self.index else 0.0
        if not reading.complete:
            return f"Paragraph {number} · {clock(heard)}"
        left = self._ends[-1] - heard
        return f"Paragraph {number} of {len(text)} · {clock(heard)} · about {clock(left)} left"

    def place(self) -> Place | None:
        """Where to go on from, were the reading stopped now: the paragraph or heading being read."""
        from narrator.produce.episode import heading_text

        reading = self.reading
        unit = max((i for i in reading.paragraphs if i <= self.index), default=0)
        block = self.items[unit].segment.block
        if block == "intro":
            return None
        if block == "heading":
            heading = heading_text(self.items, unit)
            return Place(heading, f'the heading "{heading}"')
        text = [i for i in reading.paragraphs if self.items[i].segment.block not in ("intro", "heading")]
        number = text.index(unit) + 1
        return Place(str(number), f"paragraph {number}" + (f" of {len(text)}" if reading.complete else ""))

    def run(self) -> bool:
        """Play to the end or until quit; True when the listener quit."""
        self.speech.plan(self.items, self.index, waiting=True)
        first = True
        while True:
            self._advance(wait=self.index >= len(self.items))
            if self.index >= len(self.items):
                if self.bookmark is not None:
                    self.bookmark.put(None)  # read to the end: nothing to go on from
                return False
            pcm = self.speech.pcm_parts(self.items[self.index])
            silence = b"\0\0" * pause_before(self.items, self.index, first)
            first = False
            outcome = self._play(silence, pcm)
            if outcome == "quit":
                return True
            if outcome is None:
                self.index += 1
            else:
                self.index = outcome
                self.speech.plan(self.items, self.index, waiting=True)

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
        keys = {position(item): i for i, item in enumerate(newer.items)}
        old = self.items
        if self.index < len(old) and position(old[self.index]) in keys:
            index = keys[position(old[self.index])]
        elif 0 < self.index <= len(old) and position(old[self.index - 1]) in keys:
            index = keys[position(old[self.index - 1])] + 1
        else:
            index = next((i for i in newer.paragraphs if i >= min(self.index, len(newer.items))),
                         len(newer.items))
        self.reading, self.index = newer, index
        self.items = self.voiced()
        self.speech.plan(self.items, self.index)

    def _play(self, silence: bytes, pcm: Iterator[bytes]) -> str | int | None:
        """Hand one sentence (its pause, then its audio, part by part as it is made) to the sink in
        blocks, checking for commands before each block. Returns "quit", the sentence to jump to, or None
        when the sentence is done."""
        seconds = self.sink.block_seconds
        block = 2 * max(1, round(seconds * self.sink.rate)) if seconds else None
        for number, part in enumerate(chain([silence], pcm)):
            if number == 1:  # the sentence itself begins
                self.printer.sentence(self.items[self.index])
                # Not before the first sentence is under way: the estimate needs produce's pauses, a large
                # import that would keep the first sentence waiting.
                if self.frames and (self.status_due or self.index in self.reading.paragraphs):
                    self.printer.status(self.status())
                    self.status_due = False
                if self.bookmark is not None and self.index in self.reading.paragraphs:
                    self.bookmark.put(self.place())
                self.spoken = position(self.items[self.index])
                self.sentences += 1
            size = block or max(1, len(part))
            for offset in range(0, len(part), size):
                outcome = self._commands()
                if outcome is not None:
                    return outcome
                chunk = part[offset : offset + size]
                self.sink.write(chunk)
                if not self.frames:
                    self.readings.release()
                    warm_up()
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
            self.status_due = True
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
            spoken = [i for i, item in enumerate(self.items) if position(item) == self.spoken]
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
    voices: VoiceProcess | None = None,
) -> ReadResult:
    """Read one article (a file, an http(s) URL or "-" for stdin) aloud now, or into ``options.output``.

    ``sink`` defaults to ``options.device`` (the system output unless told otherwise); ``controls`` to
    the keyboard when standard input is a terminal and not the source. Each sentence is printed to ``out``
    as it is spoken. ``speech`` lets sessions share synthesised sentences (the caller closes it).
    ``voices`` is the narrator's voice process when the caller started it (the CLI does, before
    importing this module); without ``speech`` it is started here, and closed here in either case.
    Raises PlaybackError (before any synthesis) when nothing can play the audio.
    """
    out = out or sys.stdout
    own_speech = speech is None
    # The narrator's model loads in a process of its own while this one reads the source (the neural
    # model takes the longer); forked first, while this process has no other thread. A file, or the
    # caller's Speech, has every voice spoken in this process.
    streaming = own_speech and options.output is None
    if voices is None and streaming:
        voices = VoiceProcess.start(options)
    elif voices is not None and not streaming:
        voices.close()
        voices = None
    try:
        if options.output is not None and not options.output.absolute().parent.is_dir():
            # Checked before any synthesis; a typo in -o must not create folders either.
            raise ConfigError(f"{options.output.parent}: no such folder; create it, or give -o a path in one")
        # The source first: what is wrong with it is the real cause, whatever else is missing (a sound
        # card).
        opened = open_source(source, options)
        if options.output is None and sink is None:
            from narrator.read.playback import open_sink

            sink = open_sink(options.device, CLIP_RATE)
    except BaseException:
        if voices is not None:
            voices.close()
        raise
    speech = speech or Speech(context=str(source), voices=voices)
    readings: Readings | None = None
    try:
        if options.output is not None:
            # Nobody waits for the first sentence of a file: plan the whole article in large windows,
            # which starts each engine as rarely as possible.
            warm_up()
            return write_reading(prepare_reading(opened, options), speech, options.rate, options.output)
        assert sink is not None
        if controls is None:
            keyboard = source != "-" and sys.stdin.isatty()
            controls = TerminalControls(sys.stdin) if keyboard else NoControls()
        printer = Printer(out, quiet=options.quiet)
        terminal = controls if isinstance(controls, TerminalControls) else None
        bookmark = None
        with terminal or contextlib.nullcontext():
            if terminal is not None:
                printer.line(HELP)
                # Places are kept for a listener at the keyboard, who can be asked whether to go on.
                bookmark = Bookmark(Places(), article_key(opened.article))
                if options.start_at is None:
                    options = offer_place(bookmark, terminal, printer, options)
            readings = Readings(opened, options)
            session = Session(readings, speech, sink, controls, printer, options.rate, bookmark)
            try:
                quit_early = session.run()
            finally:
                printer.close()
        if quit_early:
            sink.abort()
        else:
            sink.close()
        sink = None
        return ReadResult(sentences=session.sentences, duration=session.frames / CLIP_RATE)
    finally:
        if readings is not None:
            readings.release()  # a session that ended before its first audio leaves no thread waiting
        if sink is not None:
            sink.abort()
        if own_speech:
            speech.close()


def offer_place(bookmark: Bookmark, controls: TerminalControls, printer: Printer,
                options: ReadOptions) -> ReadOptions:
    """Ask whether to go on from where the listener stopped last time; the options to read with."""
    place = bookmark.get()
    if place is None:
        return options
    question = (f"You stopped at {place.label}. Press r to go on from there, "
                "or any other key to start from the beginning.")
    if controls.ask(lambda: printer.line(question)) != "r":
        return options
    printer.line(f"Going on from {place.label}.")
    return replace(options, start_at=place.start_at)


# ---------------------------------------------------------------------------------------------- to a file


def write_reading(reading: Reading, speech: Speech, rate: Rate, path: Path) -> ReadResult:
    """Write the reading in the format its suffix names, levelled and encoded as an episode is
    (produce.episode: voices matched, the episodes' loudness target, peaks limited so the true peak stays
    under -1 dBTP), tagged with the title, author and the headings as chapters, with a WebVTT transcript
    beside it; both files appear only when both are done."""
    from narrator.fsutil import atomic_path
    from narrator.produce.episode import encode, level_stream, stream_cues
    from narrator.produce.formats import duration_of, format_for, write_tags
    from narrator.produce.transcripts import render_vtt

    audio_format = format_for(path)
    assert audio_format is not None, "ReadOptions accepts only the suffixes of known formats"
    items = [replace(item, voice=rate.apply(item.voice)) for item in reading.items[reading.start :]]
    speech.plan(items, 0, streaming=False)
    audio = file_audio(audio_format)
    stream = level_stream(items, [speech.clip(item) for item in items], audio, name=path.name)
    cues = stream_cues(stream)
    transcript = path.with_suffix(".vtt")
    with atomic_path(path) as tmp, atomic_path(transcript) as tmp_transcript:
        encode(stream, audio, tmp, name=path.name, fast=True, purpose=f"to write {path.name}")
        duration = duration_of(audio_format, tmp)
        write_tags(audio_format, tmp, reading_tags(reading, stream.starts, duration))
        tmp_transcript.write_text(render_vtt(cues), encoding="utf-8")
    return ReadResult(sentences=len(cues), duration=duration, output=path, transcript=transcript)


def file_audio(audio_format: AudioFormat) -> AudioSettings:
    """An episode's audio settings (loudness target, pauses, sample rate) in the format ``-o`` names."""
    from narrator.config import AudioSettings

    return AudioSettings(format=audio_format, bitrate=FILE_BITRATE)


def reading_tags(reading: Reading, starts: list[float], duration: float) -> Tags:
    """The file's title and author, and a chapter for the opening and for each heading from the start
    on: what an audiobook player lists."""
    from narrator.produce.episode import heading_text
    from narrator.produce.formats import ChapterMark, Tags

    article, items = reading.article, reading.items
    chapters = [
        Chapter(starts[index - reading.start], heading_text(items, index))
        for index in reading.headings
        if index >= reading.start and items[index].segment.block == "heading"
    ]
    if not chapters or chapters[0].start > 0:
        chapters.insert(0, Chapter(0.0, article.title))
    ends = [chapter.start for chapter in chapters[1:]] + [duration]
    return Tags(
        title=article.title,
        artist=article.author,
        album=article.title,
        comment=article.url,
        chapters=tuple(ChapterMark(c.start, end, c.title) for c, end in zip(chapters, ends, strict=True)),
    )
