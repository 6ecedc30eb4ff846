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
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from narrator.errors import ConfigError
from narrator.models import CastSegment, Chapter
from narrator.read.keys import HELP, Controls, NoControls, TerminalControls
from narrator.read.options import Rate, ReadOptions, ReadResult
from narrator.read.reading import Reading, Readings, position, prepare_reading
from narrator.read.speech import Speech, pause_before, warm_up
from narrator.synth.planning import CLIP_RATE

if TYPE_CHECKING:
    from narrator.produce.formats import Tags
    from narrator.read.playback import Sink

FILE_BITRATE = 64
"""kbps for ``-o`` in a lossy format: speech at the podcast's default."""


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

    def _play(self, silence: bytes, pcm: bytes) -> str | int | None:
        """Hand one sentence (its pause, then its audio) to the sink in blocks, checking for commands
        before each block. Returns "quit", the sentence to jump to, or None when the sentence is done."""
        seconds = self.sink.block_seconds
        block = 2 * max(1, round(seconds * self.sink.rate)) if seconds else len(silence) + len(pcm)
        for part, speaking in ((silence, False), (pcm, True)):
            if speaking:
                self.printer.sentence(self.items[self.index])
                self.spoken = position(self.items[self.index])
                self.sentences += 1
            for offset in range(0, len(part), block):
                outcome = self._commands()
                if outcome is not None:
                    return outcome
                chunk = part[offset : offset + block]
                self.sink.write(chunk)
                if not self.frames:
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
) -> ReadResult:
    """Read one article (a file, an http(s) URL or "-" for stdin) aloud now, or into ``options.output``.

    ``sink`` defaults to ``options.device`` (the system output unless told otherwise); ``controls`` to
    the keyboard when standard input is a terminal and not the source. Each sentence is printed to ``out``
    as it is spoken. ``speech`` lets sessions share synthesised sentences (the caller closes it).
    Raises PlaybackError (before any synthesis) when nothing can play the audio.
    """
    out = out or sys.stdout
    if options.output is not None and not options.output.absolute().parent.is_dir():
        # Checked before any synthesis; a typo in -o must not create folders either.
        raise ConfigError(f"{options.output.parent}: no such folder; create it, or give -o a path in one")
    if options.output is None and sink is None:
        from narrator.read.playback import open_sink

        sink = open_sink(options.device, CLIP_RATE)
    own_speech = speech is None
    speech = speech or Speech(context=str(source))
    try:
        if options.output is not None:
            # Nobody waits for the first sentence of a file: plan the whole article in large windows,
            # which starts each engine as rarely as possible.
            warm_up()
            return write_reading(prepare_reading(source, options), speech, options.rate, options.output)
        assert sink is not None
        if controls is None:
            keyboard = source != "-" and sys.stdin.isatty()
            controls = TerminalControls(sys.stdin) if keyboard else NoControls()
        printer = Printer(out)
        session = Session(Readings(source, options), speech, sink, controls, printer, options.rate)
        with controls if isinstance(controls, TerminalControls) else contextlib.nullcontext():
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


# ---------------------------------------------------------------------------------------------- to a file


def write_reading(reading: Reading, speech: Speech, rate: Rate, path: Path) -> ReadResult:
    """Write the reading as playback would sound it (same sentences, voices, rate and pauses) in the
    format its suffix names (produce.formats), tagged with the title and the headings as chapters, with a
    WebVTT transcript beside it; both files appear only when both are done."""
    from narrator.fsutil import atomic_path
    from narrator.models import Cue
    from narrator.produce.episode import speaker_name
    from narrator.produce.formats import Encoding, PcmInput, format_for, open_encoder, write_tags
    from narrator.produce.transcripts import render_vtt

    audio_format = format_for(path)
    assert audio_format is not None, "ReadOptions accepts only the suffixes of known formats"
    items = [replace(item, voice=rate.apply(item.voice)) for item in reading.items]
    speech.plan(items, reading.start, streaming=False)
    transcript = path.with_suffix(".vtt")
    cues = []
    written = 0
    with atomic_path(path) as tmp, atomic_path(transcript) as tmp_transcript:
        encoding = Encoding(audio_format, bitrate=FILE_BITRATE, fast=True)
        purpose = f"to write {path.name}, or write a .wav"
        with open_encoder(encoding, PcmInput(CLIP_RATE), tmp, name=path.name, purpose=purpose) as write:
            for index in range(reading.start, len(items)):
                silence = pause_before(items, index, index == reading.start)
                pcm = speech.pcm(items[index])
                write(b"\0\0" * silence + pcm)
                start = written + silence
                written = start + len(pcm) // 2
                segment = items[index].segment
                cues.append(Cue(start / CLIP_RATE, written / CLIP_RATE, segment.text, speaker_name(segment),
                                segment.block, segment.paragraph))
        duration = written / CLIP_RATE
        write_tags(audio_format, tmp, reading_tags(reading, [cue.start for cue in cues], duration))
        tmp_transcript.write_text(render_vtt(cues), encoding="utf-8")
    return ReadResult(sentences=len(cues), duration=duration, output=path, transcript=transcript)


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
