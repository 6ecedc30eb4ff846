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
from narrator.cast.language import article_language, phrasing_for, primary
from narrator.config import DEFAULT_LANGUAGE, DEFAULT_OUTRO, Channel, podcast_language
from narrator.ingest.reader import max_article_bytes, read_article
from narrator.models import Article, CastSegment, Segment, Voice
from narrator.normalise.lexicon import Lexicon, lexicon_allowance, load_lexicon
from narrator.normalise.style import SpeechStyle, article_style
from narrator.normalise.text import speakable
from narrator.project import Project, pool_path
from narrator.segment.script import correct_segments, read_script


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

    voice_problems: Mapping[Voice, str | None]
    """Voice of the pool → why it cannot speak here (engine or model missing), or None when it can."""
    max_article_bytes: int
    """The size limit for one source ($NARRATOR_MAX_ARTICLE_BYTES)."""
    follow_links: bool = True
    """Whether an article that is a symbolic link is read (a build reads them only when told to)."""

    @classmethod
    def here(cls, voices: Iterable[Voice], *, follow_links: bool = True) -> Machine:
        """Ask the engine registry about ``voices`` and read the size limit from the environment."""
        from narrator.engines import voice_problem

        problems = {voice: voice_problem(voice) for voice in voices}
        return cls(voice_problems=problems, max_article_bytes=max_article_bytes(), follow_links=follow_links)

    def voice_problem(self, voice: Voice) -> str | None:
        """Why ``voice`` cannot speak here, or None; a voice that was not asked about cannot."""
        return self.voice_problems.get(voice, f'voice "{voice.name}" is not in the voice pool')


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


Reader = Callable[[str, PodcastSettings, Machine], "SegmentedArticle"]
"""(source, settings, machine) → what reading the article gave: ``read_source``, or a store of readings."""


@dataclass(frozen=True)
class SegmentedArticle:
    """An article as read and segmented (its segments corrected by the producer's script), and what a
    producer should hear about it: a guessed language, a stale script merged or an empty one ignored."""

    article: Article
    segments: tuple[Segment, ...]
    notes: tuple[str, ...] = ()


def load_settings(project: Project, *, language: str | None = None) -> PodcastSettings:
    """The podcast folder's voice pool, cast, lexicon and language (each with its defaults when the
    folder does not have it, so `segments` and `read` work outside a podcast folder too).

    A build, which has read and checked all of podcast.toml already, passes its ``language``.
    """
    pool = load_pool(pool_path(project), voices_dir=project.voices)
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


def read_source(source: str | Path, settings: PodcastSettings, machine: Machine) -> SegmentedArticle:
    """Ingest and segment one source: the edge that reads the article and the producer's script beside
    it (``<name>.script.md``)."""
    article, notes = ingest_source(source, settings, machine)
    segments, script_notes = segment_text(article, settings, script_for(source))
    return SegmentedArticle(article, tuple(segments), (*notes, *script_notes))


def ingest_source(
    source: str | Path, settings: PodcastSettings, machine: Machine
) -> tuple[Article, tuple[str, ...]]:
    """Read one source into an Article in its language, and what the producer should hear about it.

    An article that does not say its language is recognised by its words; a guess other than the
    podcast's language is used (segmentation, speech rules, voices and the page follow it) with a note.
    """
    article = read_article(source, max_bytes=machine.max_article_bytes, follow_links=machine.follow_links)
    language, guess = article_language(article, settings.language)
    if guess is None:
        return article, ()
    return replace(article, language=language), (guess,)


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
    # Here, not at the top: the segmenter is large, and `narrator read` speaks the title without it.
    from narrator.segment.segmenter import split_segments

    with lexicon_allowance(article.source):
        segments = split_segments(article, settings.lexicon, style=style or settings.style(article))
    path = source_path(article.source)
    if script is None or path is None:
        return segments, ()
    return correct_segments(article, segments, script, path)


def frame_segments(
    article: Article, segments: Sequence[Segment], framing: Framing, settings: PodcastSettings
) -> list[Segment]:
    """Add the spoken intro and outro around the article's own segments, in the article's language and
    house style. A producer's own outro is kept as written; the default one is said in the language."""
    phrasing = phrasing_for(article.language or settings.language)
    by_author = phrasing.by_author.format(author=article.author) if article.author else ""
    date = article.date
    on_date = phrasing.date(date.day, date.month, date.year) if date else ""
    fields = {"podcast": framing.podcast, "title": article.title, "by_author": by_author, "on_date": on_date}
    outro = phrasing.outro if framing.outro == DEFAULT_OUTRO else framing.outro
    framed = []
    style = settings.style(article)
    for block, template in (("intro", framing.intro), ("outro", outro)):
        text = template.format(**fields).strip() if template else ""
        spoken = speakable(text, settings.lexicon, style=style)
        framed.append(Segment(text=text, spoken=spoken, kind="narration", block=block) if text else None)
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
    narrator: Voice | None = None,
) -> PreparedArticle:
    """Frame the segments and give each a voice, in the article's language or else the podcast's.

    ``narrator`` overrides the pool's choice of narrator (`narrator read --voice`)."""
    if framing is not None:
        segments = frame_segments(article, segments, framing, settings)
    casting = assign_voices(
        segments,
        settings.pool,
        settings.cast,
        language=primary(article.language or settings.language),
        check=machine.voice_problem,
        narrator=narrator,
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
    reading = (reader or read_source)(str(source), settings, machine)
    prepared = cast_article(source, reading.article, reading.segments, settings, machine, framing=framing)
    return replace(prepared, warnings=(*reading.notes, *prepared.warnings))


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
    machine = Machine.here(settings.pool.voices)
    yield from prepare_articles(sources, settings, machine)
