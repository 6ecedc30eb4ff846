"""One path from an article to voiced segments, shared by `narrator build`, `segments` and `read`.

    source ──ingest──▶ Article ──segment (and the producer's script)──▶ [Segment]
           ──frame (intro, outro)──▶ ──cast──▶ [CastSegment]

What the podcast says (voice pool, cast, lexicon, language) comes in as ``PodcastSettings``; what this
machine offers (the engines that run here, the size limit for one source, whether links are followed)
as ``Machine``. Both are read at the edge (``load_settings``, ``Machine.here``), as are the article and
its script (``read_source``), so segmenting, framing and casting stay pure, and the three commands
cannot disagree about what is said, in which house style, by whom and in which voice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.cast.casting import Cast, VoicePool, assign_voices, load_cast, load_pool
from narrator.config import DEFAULT_LANGUAGE, Channel, podcast_language
from narrator.ingest.reader import max_article_bytes, read_article
from narrator.models import Article, CastSegment, Segment
from narrator.normalise.lexicon import Lexicon, lexicon_allowance, load_lexicon
from narrator.normalise.style import SpeechStyle, article_style
from narrator.normalise.text import MONTHS, speakable
from narrator.project import Project, pool_path
from narrator.segment.script import correct_segments, read_script
from narrator.segment.segmenter import split_segments


@dataclass(frozen=True)
class PodcastSettings:
    """What a podcast folder says about turning an article into voiced segments."""

    pool: VoicePool
    cast: Cast
    lexicon: Lexicon | None = None
    language: str = DEFAULT_LANGUAGE
    """The podcast's language: an article that does not name its own is read in it (its voices, and
    its house style for numbers and dates)."""

    def style(self, article: Article) -> SpeechStyle:
        """How the article's numbers and dates are said: its own language, else the podcast's."""
        return article_style(article, self.language)


@dataclass(frozen=True)
class Machine:
    """What this machine offers the preparation, asked once at the edge."""

    engines: Mapping[str, bool]
    """Engine name → whether it runs here; voices of engines that do not are stood in for."""
    max_article_bytes: int
    """The size limit for one source ($NARRATOR_MAX_ARTICLE_BYTES)."""
    follow_links: bool = True
    """Whether an article that is a symbolic link is read (a build reads them only when told to)."""

    @classmethod
    def here(cls, engines: Iterable[str], *, follow_links: bool = True) -> Machine:
        """Ask the engine registry about ``engines`` and read the size limit from the environment."""
        from narrator.engines import get_engine

        available = {name: get_engine(name).is_available() for name in sorted(set(engines))}
        return cls(engines=available, max_article_bytes=max_article_bytes(), follow_links=follow_links)

    def available(self, engine: str) -> bool:
        return self.engines.get(engine, False)


@dataclass(frozen=True)
class Framing:
    """What is spoken around the article. Templates may use {podcast}, {title}, {by_author} and
    {on_date}; an empty template says nothing."""

    intro: str = ""
    outro: str = ""
    podcast: str = ""

    @classmethod
    def for_channel(cls, channel: Channel) -> Framing:
        """An episode's: the podcast's intro and outro from podcast.toml."""
        return cls(intro=channel.intro or "", outro=channel.outro or "", podcast=channel.title)


TITLE_ONLY = Framing(intro="{title}")
"""`narrator read`'s framing: the article's title, then the article."""


@dataclass(frozen=True)
class PreparedArticle:
    """One article ready for synthesis: what it says, each segment with its voice, and the cast with
    any new speakers added."""

    source: str
    article: Article
    items: tuple[CastSegment, ...]
    cast: Cast
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segmented:
    """An article as read from its source, its segments corrected by the producer's script, and what the
    producer should know about that script (stale, so merged; empty, so ignored)."""

    article: Article
    segments: tuple[Segment, ...]
    notes: tuple[str, ...] = ()


Reader = Callable[[str, PodcastSettings, Machine], Segmented]
"""(source, settings, machine) → the article and its segments: ``read_source``, or a store of them."""


def load_settings(project: Project, *, language: str | None = None) -> PodcastSettings:
    """The podcast folder's voice pool, cast, lexicon and language (each with its defaults when the
    folder does not have it, so `segments` and `read` work outside a podcast folder too).

    A build, which has read and checked all of podcast.toml already, passes its ``language``.
    """
    pool = load_pool(pool_path(project))
    return PodcastSettings(
        pool=pool,
        cast=load_cast(project.voices / "cast.toml", pool),
        lexicon=load_lexicon(project.voices / "lexicon.toml"),
        language=language or podcast_language(project.config),
    )


def source_path(source: str | Path) -> Path | None:
    """The file a source names; None for standard input ("-") and URLs."""
    text = str(source)
    return None if text == "-" or "://" in text else Path(text)


def read_source(source: str | Path, settings: PodcastSettings, machine: Machine) -> Segmented:
    """Ingest and segment one source: the edge that reads the article and the producer's script beside
    it (``<name>.script.md``)."""
    article = read_article(source, max_bytes=machine.max_article_bytes, follow_links=machine.follow_links)
    segments, notes = segment_text(article, settings, script_for(source))
    return Segmented(article, tuple(segments), notes)


def script_for(source: str | Path) -> str | None:
    """The producer's script beside a file source (``<name>.script.md``), if there is one."""
    path = source_path(source)
    return read_script(path) if path is not None else None


def segment_text(
    article: Article, settings: PodcastSettings, script: str | None, *, style: SpeechStyle | None = None
) -> tuple[list[Segment], tuple[str, ...]]:
    """The article's segments in its house style (``style``: the whole article's, when only its opening
    is segmented), with kinds and speakers from the producer's script when there is one (``script``,
    the text of the one beside the article's file), and what the producer should know about it."""
    with lexicon_allowance(article.source):
        segments = split_segments(article, settings.lexicon, style=style or settings.style(article))
    path = source_path(article.source)
    if script is None or path is None:
        return segments, ()
    return correct_segments(article, segments, script, path)


def frame_segments(
    article: Article, segments: Sequence[Segment], framing: Framing, settings: PodcastSettings
) -> list[Segment]:
    """Add the spoken intro and outro around the article's own segments, in the article's house style."""
    by_author = f", by {article.author}" if article.author else ""
    date = article.date
    on_date = f", published {date.day} {MONTHS[date.month - 1]} {date.year}" if date else ""
    fields = {"podcast": framing.podcast, "title": article.title, "by_author": by_author, "on_date": on_date}
    framed = []
    style = settings.style(article)
    for block, template in (("intro", framing.intro), ("outro", framing.outro)):
        text = template.format(**fields).strip() if template else ""
        spoken = speakable(text, settings.lexicon, style=style)
        framed.append(
            Segment(text=text, spoken=spoken, kind="narration", block=block)
            if text
            else None
        )
    intro, outro = framed
    return [s for s in (intro, *segments, outro) if s is not None]


def cast_article(
    source: str | Path,
    article: Article,
    segments: Sequence[Segment],
    settings: PodcastSettings,
    machine: Machine,
    *,
    framing: Framing | None = None,
) -> PreparedArticle:
    """Frame the segments and give each a voice, in the article's language or else the podcast's."""
    if framing is not None:
        segments = frame_segments(article, segments, framing, settings)
    casting = assign_voices(
        segments,
        settings.pool,
        settings.cast,
        language=article.language or settings.language,
        available=machine.available,
    )
    return PreparedArticle(str(source), article, casting.items, casting.cast, casting.warnings)


def prepare_article(
    source: str | Path,
    settings: PodcastSettings,
    machine: Machine,
    *,
    framing: Framing | None = None,
    reader: Reader | None = None,
) -> PreparedArticle:
    """Ingest, segment, frame and cast one article (a file, an http(s) URL or "-" for stdin).

    ``reader`` stands in for ``read_source`` (a build keeps what it read of unchanged articles).
    """
    segmented = (reader or read_source)(str(source), settings, machine)
    prepared = cast_article(source, segmented.article, segmented.segments, settings, machine, framing=framing)
    return replace(prepared, warnings=(*segmented.notes, *prepared.warnings))


def prepare_articles(
    sources: Iterable[str | Path],
    settings: PodcastSettings,
    machine: Machine,
    *,
    framing: Framing | None = None,
) -> Iterator[PreparedArticle]:
    """Prepare articles in order, each one's new speakers known to the casting of the next."""
    for source in sources:
        prepared = prepare_article(source, settings, machine, framing=framing)
        settings = replace(settings, cast=prepared.cast)
        yield prepared


def segment_sources(sources: Sequence[str], project: Project) -> Iterator[PreparedArticle]:
    """`narrator segments`: articles segmented and cast as a build of ``project`` would, without the
    intro and outro, without synthesis and without writing the cast."""
    settings = load_settings(project)
    machine = Machine.here(voice.engine for voice in settings.pool.voices)
    yield from prepare_articles(sources, settings, machine)
