"""One path from an article to voiced segments, shared by `narrator build`, `segments` and `read`.

    source ──ingest──▶ Article ──segment (and the producer's script)──▶ [Segment]
           ──frame (intro, outro)──▶ ──cast──▶ [CastSegment]

What the podcast says (voice pool, cast, lexicon, language) comes in as ``PodcastSettings``; what this
machine offers (the engines that run here, the size limit for one source) as ``Machine``. Both are read
at the edge (``load_settings``, ``Machine.here``), as are the article and its script (``read_source``),
so segmenting, framing and casting stay pure, and the three commands cannot disagree about who speaks
with which voice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.cast.casting import Cast, VoicePool, assign_voices, load_cast, load_pool
from narrator.config import DEFAULT_LANGUAGE, Channel, podcast_language
from narrator.errors import IngestError
from narrator.ingest.reader import max_bytes_setting, read_article
from narrator.models import Article, CastSegment, Segment
from narrator.normalise.lexicon import Lexicon, load_lexicon
from narrator.normalise.text import MONTHS, speakable
from narrator.project import Project, pool_path
from narrator.segment.segmenter import apply_script, script_path, split_segments


@dataclass(frozen=True)
class PodcastSettings:
    """What a podcast folder says about turning an article into voiced segments."""

    pool: VoicePool
    cast: Cast
    lexicon: Lexicon | None = None
    language: str = DEFAULT_LANGUAGE
    """The podcast's language: an article that does not name its own is read in it."""


@dataclass(frozen=True)
class Machine:
    """What this machine offers the preparation, asked once at the edge."""

    engines: Mapping[str, bool]
    """Engine name → whether it runs here; voices of engines that do not are stood in for."""
    max_article_bytes: int
    """The size limit for one source ($NARRATOR_MAX_ARTICLE_BYTES)."""

    @classmethod
    def here(cls, engines: Iterable[str]) -> Machine:
        """Ask the engine registry about ``engines`` and read the size limit from the environment."""
        from narrator.engines import get_engine

        available = {name: get_engine(name).is_available() for name in sorted(set(engines))}
        return cls(engines=available, max_article_bytes=max_bytes_setting())

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


Reader = Callable[[str, "Lexicon | None", int], tuple[Article, list[Segment]]]
"""(source, lexicon, size limit) → the article and its segments: ``read_source``, or a store of them."""


def load_settings(project: Project) -> PodcastSettings:
    """The podcast folder's voice pool, cast, lexicon and language (each with its defaults when the
    folder does not have it, so `segments` and `read` work outside a podcast folder too)."""
    pool = load_pool(pool_path(project))
    return PodcastSettings(
        pool=pool,
        cast=load_cast(project.voices / "cast.toml", pool),
        lexicon=load_lexicon(project.voices / "lexicon.toml"),
        language=podcast_language(project.config),
    )


def source_path(source: str | Path) -> Path | None:
    """The file a source names; None for standard input ("-") and URLs."""
    text = str(source)
    return None if text == "-" or "://" in text else Path(text)


def read_script(source: str | Path) -> str | None:
    """The producer's corrected script beside a file source (``<name>.script.md``), if there is one."""
    path = source_path(source)
    if path is None:
        return None
    script = script_path(path)
    try:
        return script.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"{script}: cannot read the script ({exc}); fix or delete it") from None


def read_source(source: str | Path, lexicon: Lexicon | None, max_bytes: int) -> tuple[Article, list[Segment]]:
    """Ingest and segment one source: the edge that reads the article and the script beside it."""
    article = read_article(source, max_bytes=max_bytes)
    return article, segment_text(article, lexicon, read_script(source))


def segment_text(article: Article, lexicon: Lexicon | None, script: str | None) -> list[Segment]:
    """The article's segments, with kinds and speakers from the producer's script when there is one."""
    segments = split_segments(article, lexicon)
    return apply_script(article, segments, script) if script is not None else segments


def frame_segments(
    article: Article, segments: Sequence[Segment], framing: Framing, lexicon: Lexicon | None
) -> list[Segment]:
    """Add the spoken intro and outro around the article's own segments."""
    by_author = f", by {article.author}" if article.author else ""
    date = article.date
    on_date = f", published {date.day} {MONTHS[date.month - 1]} {date.year}" if date else ""
    fields = {"podcast": framing.podcast, "title": article.title, "by_author": by_author, "on_date": on_date}
    framed = []
    for block, template in (("intro", framing.intro), ("outro", framing.outro)):
        text = template.format(**fields).strip() if template else ""
        framed.append(
            Segment(text=text, spoken=speakable(text, lexicon), kind="narration", block=block)
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
        segments = frame_segments(article, segments, framing, settings.lexicon)
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
    article, segments = (reader or read_source)(str(source), settings.lexicon, machine.max_article_bytes)
    return cast_article(source, article, segments, settings, machine, framing=framing)


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
