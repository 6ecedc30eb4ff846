"""The article as `narrator read` moves through it: voiced sentences with their paragraph and heading
landmarks, prepared by the podcast's own path (narrator.preparation) and handed over in stages.

A long article is heard before it is fully segmented: the title comes first, then the opening paragraphs,
then the whole, each stage a longer prefix of the last.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from narrator.errors import ConfigError
from narrator.models import Article, CastSegment, Voice
from narrator.read.options import ReadOptions

if TYPE_CHECKING:
    from narrator.preparation import Machine, PodcastSettings

OPENING_WORDS = 120
"""Words segmented first, so the opening can play while the rest of a long article is segmented."""


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


def position(item: CastSegment) -> tuple[str, int, int]:
    """Where a sentence sits in the article; the same in every stage of a reading."""
    return item.segment.block, item.segment.paragraph, item.segment.sentence


@dataclass(frozen=True)
class Source:
    """An article read from its source, with the podcast settings and machine that prepare it."""

    name: str
    """As given: a file, an http(s) URL or "-" for standard input."""
    article: Article
    settings: PodcastSettings
    machine: Machine
    script: str | None = None
    narrator: Voice | None = None
    """The pool voice ``--voice`` names, which narrates instead of the pool's narrator."""


def open_source(source: str, options: ReadOptions) -> Source:
    """Read the podcast's settings and the article (and a producer's script beside it): everything that can
    be wrong with what the listener asked for is found here, before a sound device is opened."""
    from narrator.preparation import Machine, ingest_source, load_settings, script_for
    from narrator.project import Project

    settings = load_settings(Project.at(config=options.config))
    chosen = settings.pool.get(options.voice) if options.voice is not None else None
    machine = Machine.here(settings.pool.voices)
    article, _ = ingest_source(source, settings, machine)
    return Source(source, article, settings, machine, script_for(source), chosen)


def iter_readings(source: Source, options: ReadOptions, *, early: bool = True) -> Iterator[Reading]:
    """Segment and cast one article exactly as a build of the podcast in ``options.config`` would
    (its script, voices, cast and language; the cast file is not written), framed by its title.

    With ``early`` (and no ``--start-at``) the article comes in stages, each a longer prefix of the last:
    the title alone, then the opening paragraphs, then everything, so playback need not wait for the
    attribution of a long article. A script covers only the whole article, so with one the opening
    stage is skipped. The last reading is always the whole article.
    """
    from narrator.preparation import TITLE_ONLY, cast_article, segment_text

    article, settings, machine, script = source.article, source.settings, source.machine, source.script
    style = settings.style(article)  # the whole article's, for every stage

    def reading(blocks: int | None) -> Reading:
        if blocks is None:
            body, _ = segment_text(article, settings, script)  # a build reports the script's notes
        else:
            opening = replace(article, blocks=article.blocks[:blocks])
            body = segment_text(opening, settings, None, style=style)[0] if blocks else []
        prepared = cast_article(source.name, article, body, settings, machine, framing=TITLE_ONLY,
                                narrator=source.narrator)
        items = list(prepared.items)
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
                if count < len(article.blocks) and script is None:
                    yield reading(count)
                break
    yield reading(None)


def prepare_reading(source: str | Source, options: ReadOptions) -> Reading:
    """The whole article, segmented and cast, starting where ``options.start_at`` says."""
    opened = source if isinstance(source, Source) else open_source(source, options)
    *_, whole = iter_readings(opened, options, early=False)
    return whole


def likely_narrator(options: ReadOptions) -> Voice:
    """The voice that will narrate, known from the podcast's pool and language before the article is
    read: ``--voice``, else the narrator of the podcast's language that can speak here. (An article in
    another language gets its own narrator later; preparation decides, this only guesses early.)"""
    from narrator.cast.casting import choose_narrator, load_pool
    from narrator.config import podcast_language
    from narrator.engines import voice_problem
    from narrator.project import Project, pool_path

    project = Project.at(config=options.config)
    pool = load_pool(pool_path(project), voices_dir=project.voices)
    if options.voice is not None:
        return pool.get(options.voice)
    narrator, _ = choose_narrator(pool, podcast_language(project.config), voice_problem)
    return narrator


class Readings:
    """Runs iter_readings on a thread, so a session can start on the first stage and take later ones
    as they arrive; errors surface when the stage that failed is asked for.

    The later stages wait for ``release`` (the first audio is out, or someone waits for a later stage):
    preparing them needs the interpreter, and the listener needs the first sentence sooner than the
    session needs the rest of the article.
    """

    def __init__(self, source: Source, options: ReadOptions) -> None:
        self._queue: queue.Queue[Reading | BaseException] = queue.Queue()
        self.final = False
        """True once the whole article has been handed out."""
        self._released = threading.Event()
        thread = threading.Thread(target=self._run, args=(source, options), daemon=True,
                                  name="narrator-prepare")
        thread.start()

    def _run(self, source: Source, options: ReadOptions) -> None:
        try:
            for reading in iter_readings(source, options):
                self._queue.put(reading)
                self._released.wait()
        except BaseException as error:  # handed to the session's thread and raised there
            self._queue.put(error)

    def release(self) -> None:
        """Let the later stages be prepared (idempotent)."""
        self._released.set()

    def next(self, wait: bool) -> Reading | None:
        """The next stage (waiting for it when ``wait``), or None when none is ready or all were taken."""
        if self.final:
            return None
        if wait:
            self.release()  # a later stage is needed now
        return self._take(wait)

    def first(self) -> Reading:
        reading = self._take(True)
        assert reading is not None, "iter_readings always yields the whole article"
        return reading

    def _take(self, wait: bool) -> Reading | None:
        try:
            got = self._queue.get(block=wait)
        except queue.Empty:
            return None
        if isinstance(got, BaseException):
            self.final = True
            raise got
        self.final = got.complete
        return got


def _unit(item: CastSegment) -> tuple[str, int]:
    return item.segment.block, item.segment.paragraph


def find_start(items: Sequence[CastSegment], paragraphs: Sequence[int], start_at: str | None) -> int:
    """The sentence where ``--start-at`` points: paragraph N of the text (headings not counted) or the
    first heading that matches the words given: all of it, else its beginning, else any part of it
    ("wall you can" finds "A wall you can see over"), ignoring case and punctuation."""
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
    folded = _words(wanted)
    if folded.strip():
        for match in (str.__eq__, str.startswith, str.__contains__):
            for index, heading in headings.items():
                if match(_words(heading), folded):
                    return index
    known = "; ".join(f'"{h}"' for h in headings.values()) or "none"
    raise ConfigError(f'--start-at "{start_at}": no heading matches; headings: {known}')


def _words(text: str) -> str:
    """Text as lower-case words between single spaces (" a wall you "), for matching whole words of a
    heading however it was typed."""
    return " " + " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split()) + " "
