"""The values that flow between stages: plain frozen dataclasses, validated when built.

source ──ingest──▶ Article ──segment──▶ [Segment] ──cast──▶ [CastSegment] ──synth──▶ [Clip]
      ──produce──▶ Episode (audio in an AudioFormat, side files) ──publish──▶ feed.xml, pages
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from narrator.produce.formats import MP3, AudioFormat

BlockKind = Literal["heading", "paragraph", "blockquote"]
SegmentKind = Literal["narration", "quote"]


@dataclass(frozen=True)
class Block:
    """One unit of the article body as a reader sees it."""

    kind: BlockKind
    text: str
    level: int = 0
    """Heading level (1-6) for headings; 0 otherwise."""


@dataclass(frozen=True)
class Skipped:
    """A piece of the source that a human reader would skip, and why (for the skip report)."""

    text: str
    reason: str
    """Short, stable reason key: caption, kicker, byline, dateline, credit, notice, author-note,
    page-furniture, advertisement, read-more, teaser, share, newsletter, footnote-marker, url, email, code,
    table, repeated-title, markup, divider."""


@dataclass(frozen=True)
class Article:
    """A cleaned article: metadata plus body blocks, with the skip report."""

    title: str
    blocks: tuple[Block, ...]
    source: str
    """The path or URL it was read from."""
    author: str | None = None
    date: datetime | None = None
    url: str | None = None
    language: str | None = None
    image: str | None = None
    description: str | None = None
    skipped: tuple[Skipped, ...] = ()
    site: str | None = None
    """The name of the site it was published on ("The Example Times"), for the source line."""
    season: int | None = None
    episode: int | None = None
    """The episode's own season and number (front matter ``season:`` and ``episode:``), for the feed."""

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ValueError("Article.title must not be empty")
        for name in ("season", "episode"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ValueError(f"Article.{name} must be a positive whole number, not {value!r}")


@dataclass(frozen=True)
class Segment:
    """One stretch of speech in reading order: narration or a quotation by one speaker."""

    text: str
    """As written (the scorer aligns on this)."""
    spoken: str
    """Normalised for speech: what the engine is given."""
    kind: SegmentKind
    speaker: str | None = None
    """Canonical speaker name for quotes (None for narration, or a quote of unknown source)."""
    confidence: float = 1.0
    """Confidence of the speaker attribution, 0-1."""
    paragraph: int = 0
    """Index of the body block this segment comes from (0-based)."""
    sentence: int = 0
    """Index of the segment within its paragraph (0-based)."""
    heading: str | None = None
    """The heading whose section this segment belongs to."""
    block: str = "paragraph"
    """The kind of block it comes from: heading, paragraph or blockquote."""
    speaker_gender: str | None = None
    """"f", "m" or None: what attribution learned about the speaker (honorifics, pronouns, names)."""


@dataclass(frozen=True)
class Voice:
    """A named voice from voices/voices.toml."""

    name: str
    engine: str
    engine_id: str
    rate: int = 170
    """Words per minute."""
    pitch: int = 50
    """0-99, eSpeak's scale."""
    volume: float = 1.0
    gender: str | None = None
    language: str = "en"
    narrator: bool = False

    def __post_init__(self) -> None:
        if self.gender not in (None, "f", "m"):
            raise ValueError(f'voice "{self.name}": gender must be "f" or "m", not {self.gender!r}')
        if not 80 <= self.rate <= 450:
            raise ValueError(f'voice "{self.name}": rate must be 80-450 words per minute, not {self.rate}')
        if not 0 <= self.pitch <= 99:
            raise ValueError(f'voice "{self.name}": pitch must be 0-99, not {self.pitch}')
        if not 0 < self.volume <= 2:
            raise ValueError(f'voice "{self.name}": volume must be in (0, 2], not {self.volume}')


@dataclass(frozen=True)
class CastSegment:
    """A segment and the voice that will speak it."""

    segment: Segment
    voice: Voice


@dataclass(frozen=True)
class Clip:
    """The verified audio of one segment: a mono 16-bit WAV in the segment cache."""

    path: Path
    sample_rate: int
    samples: int
    loudness: float | None = None
    """Integrated loudness in LUFS, None when the clip is too short to measure."""

    @property
    def duration(self) -> float:
        return self.samples / self.sample_rate


@dataclass(frozen=True)
class Chapter:
    start: float
    title: str


@dataclass(frozen=True)
class Cue:
    """One transcript cue, timed from the real stitched audio."""

    start: float
    end: float
    text: str
    speaker: str
    block: str = "paragraph"
    """The kind of block the words come from (heading, paragraph, blockquote, intro, outro), so a
    transcript can set headings apart from the text."""
    paragraph: int = 0
    """The body block's index, so a transcript can keep the article's paragraphs."""


@dataclass(frozen=True)
class Episode:
    """A produced episode: the audio file with its side files and the facts the feed needs."""

    slug: str
    title: str
    article: Article
    audio: Path
    duration: float
    size: int
    chapters: tuple[Chapter, ...] = ()
    cues: tuple[Cue, ...] = ()
    side_files: dict[str, Path] = field(default_factory=dict)
    """Format name (vtt, srt, transcript, chapters) → path."""
    guid: str = ""
    published: datetime | None = None
    format: AudioFormat = MP3
    """The audio file's format: its suffix, and the enclosure's MIME type."""
