"""Wiring the stages together: a podcast folder in, episodes, feed and pages out.

The stages stay pure; this module owns the order, the shared executor, the incremental decisions
(which episodes need synthesis and encoding) and the per-article error boundary.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from narrator.cast.casting import Cast, VoicePool, assign_voices, load_cast, load_pool, pool_path_in, save_cast
from narrator.config import Channel, load_channel
from narrator.errors import NarratorError
from narrator.fsutil import atomic_write_text, sweep_partial_files
from narrator.ingest.reader import read_article
from narrator.models import Article, Block, CastSegment, Chapter, Cue, Episode, Segment, Skipped, Voice
from narrator.normalise.text import MONTHS, speakable
from narrator.normalise.lexicon import Lexicon, load_lexicon
from narrator.segment.segmenter import script_path, segment_article
from narrator.build.state import STATE_DIR, EpisodeRegistry, build_lock, slugify
from narrator.project import Project, pool_path
from narrator.synth.synthesis import SegmentCache, synthesise

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
PRODUCE_VERSION = "1"
"""Bumped when produce's output changes for the same input, so stored episodes are re-encoded."""


@dataclass(frozen=True)
class ArticleResult:
    source: str
    slug: str | None
    status: str
    """built, reused or failed."""
    error: str | None = None
    segments: int = 0


@dataclass(frozen=True)
class BuildReport:
    results: tuple[ArticleResult, ...]
    feed: Path | None
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return any(r.status == "failed" for r in self.results) or bool(self.problems)


@dataclass(frozen=True)
class Prepared:
    """An article ready for synthesis: segmented, cast, and with its stored identity."""

    article: Article
    items: tuple[CastSegment, ...]
    slug: str
    guid: str
    published: datetime
    key: str
    """Fingerprint of everything that determines the episode's audio and tags."""


Listener = Callable[[str, dict], None]
"""Receives build events (name, details) so the CLI can show progress; the library never prints."""


def find_articles(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise NarratorError(f"articles folder {folder} does not exist; pass --articles DIR")
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.endswith(".script.md")
    )


def frame_segments(
    article: Article, segments: Sequence[Segment], channel: Channel, lexicon: Lexicon | None
) -> list[Segment]:
    """Add the spoken intro and outro around the article's own segments."""
    by_author = f", by {article.author}" if article.author else ""
    date = article.date
    on_date = f", published {date.day} {MONTHS[date.month - 1]} {date.year}" if date else ""
    fields = {"podcast": channel.title, "title": article.title, "by_author": by_author, "on_date": on_date}
    framed = []
    for block, template in (("intro", channel.intro), ("outro", channel.outro)):
        text = template.format(**fields).strip() if template else ""
        framed.append(
            Segment(text=text, spoken=speakable(text, lexicon), kind="narration", block=block)
            if text
            else None
        )
    intro, outro = framed
    return [s for s in (intro, *segments, outro) if s is not None]


def episode_key(article: Article, items: Sequence[CastSegment], channel: Channel, artwork: bytes) -> str:
    """Fingerprint of everything that shapes the episode's audio, tags and side files.

    The values are frozen dataclasses of plain fields, whose reprs are complete and stable (and ten
    times cheaper than asdict plus JSON, which an unchanged rebuild of many articles would pay).
    """
    digest = hashlib.sha256(PRODUCE_VERSION.encode())
    for fact in (article.title, article.author, article.date, article.url, article.language,
                 channel.title, channel.author, channel.audio):
        digest.update(repr(fact).encode())
    for item in items:
        digest.update(repr(item.segment).encode())
        digest.update(repr(item.voice).encode())
    digest.update(hashlib.sha256(artwork).digest())
    return digest.hexdigest()


def make_executor(spec: str) -> Executor:
    """A local executor: ``local`` (or ``process``) is a process pool, ``thread`` a thread pool."""
    if spec in ("local", "process"):
        return process_pool()
    if spec == "thread":
        return ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
    raise NarratorError(f'unknown executor "{spec}"; use local, thread or dask://HOST:PORT')


def process_pool() -> ProcessPoolExecutor:
    """A local pool, its workers started at once.

    Forking is the cheapest start (no re-import, no ``__main__`` guard needed in a caller's script) but
    is safe only while this process has one thread: a fork from a driver thread once deadlocked a
    worker on a lock held at that moment. A fork-context pool launches every worker on its first
    submit, so that submit is made here, before the build starts its threads; a caller that already
    runs threads gets forkserver workers instead.
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform == "linux" and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 2, mp_context=context)
    pool.submit(int).result()
    return pool


@contextmanager
def executor_for(
    spec: str | None, *, shared: Sequence[Path] = (), engines: Iterable[str] = ()
) -> Iterator[Executor]:
    """The executor for synthesis and encoding, shut (and a Dask client closed) when the block ends.

    ``dask://HOST:PORT`` runs tasks on a Dask cluster whose workers must see the ``shared`` folders and
    run the same versions of ``engines`` (narrator.build.cluster checks both before the first task).
    """
    spec = spec or "local"
    if spec.startswith(("dask://", "tcp://")):
        from narrator.build.cluster import dask_executor
        from narrator.engines import get_engine

        versions = {name: get_engine(name).version() for name in sorted(set(engines))}
        with dask_executor(spec, shared=shared, engines=versions) as executor:
            yield executor
        return
    executor = make_executor(spec)
    try:
        yield executor
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


class EpisodeStore:
    """Stored results of produce, so an unchanged episode is neither synthesised nor encoded again."""

    def __init__(self, output_dir: Path) -> None:
        self.folder = output_dir / STATE_DIR / "episodes"

    def load(self, prepared: Prepared, episodes_dir: Path) -> Episode | None:
        path = self.folder / f"{prepared.slug}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        audio = episodes_dir / f"{prepared.slug}.mp3"
        side_files = {name: episodes_dir / file for name, file in data.get("side_files", {}).items()}
        if data.get("key") != prepared.key or not audio.exists() or audio.stat().st_size != data.get("size"):
            return None
        if not all(p.exists() for p in side_files.values()):
            return None
        return Episode(
            slug=prepared.slug,
            title=prepared.article.title,
            article=prepared.article,
            audio=audio,
            duration=data["duration"],
            size=data["size"],
            chapters=tuple(Chapter(**c) for c in data["chapters"]),
            cues=tuple(Cue(**c) for c in data["cues"]),
            side_files=side_files,
            guid=prepared.guid,
            published=prepared.published,
        )

    def save(self, prepared: Prepared, episode: Episode) -> None:
        data = {
            "key": prepared.key,
            "duration": episode.duration,
            "size": episode.size,
            "chapters": [asdict(c) for c in episode.chapters],
            "cues": [asdict(c) for c in episode.cues],
            "side_files": {name: p.name for name, p in episode.side_files.items()},
        }
        atomic_write_text(self.folder / f"{prepared.slug}.json", json.dumps(data) + "\n")


def build(
    project: Project,
    *,
    now: datetime | None = None,
    base_url: str | None = None,
    executor: str | None = None,
    listener: Listener | None = None,
) -> BuildReport:
    """Build every article into an episode, then the feed and pages, then validate them."""
    from narrator.publish.artwork import artwork_bytes
    from narrator.publish.site import publish, write_artwork
    from narrator.publish.validate import validate_output

    emit = listener or (lambda name, details: None)
    # Tasks may run on other machines (--executor dask://), where only absolute paths name the same folder.
    project = replace(project, output=project.output.absolute(), cache=project.cache.absolute())
    now = now or datetime.now(timezone.utc)
    channel = load_channel(project.config)
    if base_url:
        channel = channel.with_base_url(base_url)
    pool = load_pool(pool_path(project))
    cast = load_cast(project.voices / "cast.toml", pool)
    lexicon = load_lexicon(project.voices / "lexicon.toml")
    sources = find_articles(project.articles)
    if not sources:
        raise NarratorError(f"no articles in {project.articles}; add .txt, .md or .html files")
    try:
        project.output.mkdir(parents=True, exist_ok=True)
        probe = project.output / STATE_DIR
        probe.mkdir(exist_ok=True)
        if not os.access(probe, os.W_OK):
            raise PermissionError(probe)
    except OSError as exc:
        raise NarratorError(
            f"cannot write to output folder {project.output}: {exc.strerror or exc}"
        ) from None

    with build_lock(project.output):
        # Temporary files of a build that was killed mid-write; no other writer can be running now.
        for folder in (project.output, project.output / "episodes", project.output / STATE_DIR,
                       project.output / STATE_DIR / "episodes"):
            sweep_partial_files(folder)
        registry = EpisodeRegistry.load(project.output)
        readings = ReadingStore(project.output)
        artwork = artwork_bytes(channel)
        results: dict[str, ArticleResult] = {}
        prepared: list[Prepared] = []
        warnings: list[str] = []
        for source in sources:
            try:
                item, cast, notes = prepare(source, channel, pool, cast, lexicon, registry, artwork, now,
                                            readings)
            except NarratorError as exc:
                results[str(source)] = ArticleResult(str(source), None, "failed", str(exc))
                emit("article-failed", {"source": str(source), "error": str(exc)})
                continue
            warnings += notes
            prepared.append(item)
        registry.save()
        readings.prune()
        save_cast(project.voices / "cast.toml", cast)
        store = EpisodeStore(project.output)
        episodes_dir = project.output / "episodes"
        stored = {item.slug: store.load(item, episodes_dir) for item in prepared}
        emit("prepared", {
            "articles": len(prepared),
            "to_build": sum(stored[p.slug] is None for p in prepared),
            "segments": sum(len(p.items) for p in prepared if stored[p.slug] is None),
        })
        cache = SegmentCache(project.cache)
        episodes: list[Episode] = []
        lock = threading.Lock()

        def build_one(item: Prepared, pool_executor: Executor) -> None:
            reused = stored[item.slug]
            if reused is not None:
                result = ArticleResult(item.article.source, item.slug, "reused", segments=len(item.items))
            else:
                from narrator.produce.episode import produce_episode  # large: imported only when needed

                clips = synthesise(
                    item.items,
                    cache,
                    executor=pool_executor,
                    context=item.article.source,
                    progress=lambda n: emit("segments", {"slug": item.slug, "done": n}),
                )
                reused = pool_executor.submit(
                    produce_episode,
                    item.article,
                    item.items,
                    clips,
                    channel,
                    episodes_dir,
                    item.slug,
                    artwork=cover,
                    published=item.published,
                ).result()
                reused = replace(reused, guid=item.guid, published=item.published)
                store.save(item, reused)
                result = ArticleResult(item.article.source, item.slug, "built", segments=len(item.items))
            with lock:
                episodes.append(reused)
                results[item.article.source] = result
            emit("episode", asdict(result))

        # Artwork goes first: produce embeds it as the MP3's cover.
        cover = write_artwork(project.output, artwork)
        shared = (project.cache, project.output)
        engines = {voice.engine for voice in pool.voices}
        with (
            executor_for(executor, shared=shared, engines=engines) as pool_executor,
            # A cluster runs more tasks at once than two articles keep busy (narrator.build.cluster: slots).
            ThreadPoolExecutor(max_workers=max(2, getattr(pool_executor, "slots", 2))) as drivers,
        ):
            synthesise_shared(
                [item for item in prepared if stored[item.slug] is None], cache, pool_executor
            )
            futures = {drivers.submit(build_one, item, pool_executor): item for item in prepared}
            for future, item in futures.items():
                try:
                    future.result()
                except BrokenExecutor as exc:
                    source = item.article.source
                    error = f"{source}: a worker died while encoding ({exc}); run the build again"
                    results[source] = ArticleResult(source, item.slug, "failed", error)
                    emit("article-failed", {"source": item.article.source, "error": error})
                except NarratorError as exc:
                    results[item.article.source] = ArticleResult(
                        item.article.source, item.slug, "failed", str(exc)
                    )
                    emit("article-failed", {"source": item.article.source, "error": str(exc)})

        feed = None
        problems: list[str] = []
        if episodes:
            publish(channel, episodes, project.output, now, artwork=artwork)
            feed = project.output / "feed.xml"
            problems = [
                f"{p.rule}: {p.message}" for p in validate_output(project.output) if p.severity == "error"
            ]
        ordered = tuple(results[str(s)] for s in sources if str(s) in results)
        return BuildReport(ordered, feed, tuple(problems), tuple(warnings))


def synthesise_shared(pending: Sequence[Prepared], cache: SegmentCache, executor: Executor) -> None:
    """Speak sentences that several articles share (the outro, a repeated line) once, before the
    articles are built side by side.

    eSpeak's output for a sentence shifts by a few samples with what its process spoke before, so a
    shared sentence raced for by two articles' batches would make a build's audio depend on timing.
    """
    counts: Counter[tuple[Voice, str]] = Counter()
    examples: dict[tuple[Voice, str], CastSegment] = {}
    for item in pending:
        keys = {(c.voice, c.segment.spoken): c for c in item.items}
        counts.update(keys.keys())
        for key, cast_segment in keys.items():
            examples.setdefault(key, cast_segment)
    shared = [examples[key] for key, count in counts.items() if count > 1]
    # On failure each article synthesises, and reports, its own copy.
    with contextlib.suppress(NarratorError):
        synthesise(shared, cache, executor=executor, context="sentences shared by several articles")


UNDERSTANDING = (
    "ingest/reader.py", "normalise/text.py", "normalise/lexicon.py", "segment/segmenter.py",
    "segment/attribution.py", "models.py",
)
"""The modules whose code decides what an article becomes; a change to any invalidates the readings."""


@functools.cache
def _understanding_code() -> bytes:
    digest = hashlib.sha256()
    for name in UNDERSTANDING:
        digest.update((Path(__file__).parent.parent / name).read_bytes())
    return digest.digest()


class ReadingStore:
    """What ingest and segment made of each article, so a rebuild does not parse unchanged ones again.

    Keyed by the article's bytes and path, its script, the lexicon and the code that reads articles.
    """

    def __init__(self, output_dir: Path) -> None:
        self.folder = output_dir / STATE_DIR / "readings"
        self._used: set[str] = set()

    def prune(self) -> None:
        """Forget the readings no article of this build used (edited, renamed or removed articles)."""
        for stored in self.folder.glob("*.json"):
            if stored.stem not in self._used:
                stored.unlink(missing_ok=True)

    def read(self, source: Path, lexicon: Lexicon) -> tuple[Article, list[Segment]]:
        try:
            key: str | None = self._key(source, lexicon)
        except OSError:
            key = None  # an unreadable source: read_article below reports it
        stored = self.folder / f"{key}.json"
        if key is not None:
            self._used.add(key)
        if key is not None and stored.exists():
            try:
                data = json.loads(stored.read_text(encoding="utf-8"))
                return _article_from(data["article"]), [Segment(**s) for s in data["segments"]]
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged entry is made again
        article = read_article(source)
        segments = segment_article(article, lexicon, source)
        if key is not None:
            data = {"article": asdict(article), "segments": [asdict(s) for s in segments]}
            atomic_write_text(self.folder / f"{key}.json", json.dumps(data, default=str, ensure_ascii=False))
        return article, segments

    @staticmethod
    def _key(source: Path, lexicon: Lexicon) -> str:
        digest = hashlib.sha256(_understanding_code())
        script = script_path(source)
        for part in (str(source.resolve()).encode(), source.read_bytes(), repr(lexicon).encode(),
                     script.read_bytes() if script.exists() else b"",
                     os.environ.get("NARRATOR_MAX_ARTICLE_BYTES", "").encode()):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()


def _article_from(data: dict) -> Article:
    return Article(**{
        **data,
        "blocks": tuple(Block(**block) for block in data["blocks"]),
        "skipped": tuple(Skipped(**skipped) for skipped in data["skipped"]),
        "date": datetime.fromisoformat(data["date"]) if data["date"] else None,
    })


def prepare(
    source: Path,
    channel: Channel,
    pool: VoicePool,
    cast: Cast,
    lexicon: Lexicon,
    registry: EpisodeRegistry,
    artwork: bytes,
    now: datetime,
    readings: ReadingStore,
) -> tuple[Prepared, Cast, list[str]]:
    """Ingest, segment and cast one article, and claim its stored identity."""
    article, segments = readings.read(source, lexicon)
    segments = frame_segments(article, segments, channel, lexicon)
    warnings: list[str] = []
    items, cast = assign_voices(segments, pool, cast, language=article.language or channel.language,
                                warnings=warnings)
    fingerprint = hashlib.sha256("\n".join(b.text for b in article.blocks).encode()).hexdigest()
    record = registry.claim(str(source.resolve()), fingerprint, slugify(source.stem), now)
    published = article.date or datetime.fromisoformat(record.first_published)
    if published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    key = episode_key(article, items, channel, artwork)
    item = Prepared(article, tuple(items), record.slug, record.guid, published, key)
    return item, cast, warnings


@dataclass(frozen=True)
class SegmentView:
    """What `narrator segments` prints for one article."""

    source: str
    article: Article
    items: tuple[CastSegment, ...] = field(default=())


def segment_sources(sources: Sequence[str], project: Project) -> Iterator[SegmentView]:
    """Segment and cast articles without synthesis and without writing the cast."""
    pool = load_pool(pool_path(project))
    cast = load_cast(project.voices / "cast.toml", pool)
    lexicon = load_lexicon(project.voices / "lexicon.toml")
    for source in sources:
        article = read_article(source)
        path = Path(source) if source != "-" and "://" not in source else None
        segments = segment_article(article, lexicon, path)
        items, cast = assign_voices(segments, pool, cast, language=article.language or "en")
        yield SegmentView(source, article, tuple(items))
