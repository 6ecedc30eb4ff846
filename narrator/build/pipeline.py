"""Wiring the stages together: a podcast folder in, episodes, feed and pages out.

The stages stay pure; this module owns the order, the shared executor, the incremental decisions
(which episodes need synthesis and encoding) and the per-article error boundary.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
import json
import multiprocessing
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from narrator.build.lifetime import pool_worker_started
from narrator.build.state import STATE_DIR, EpisodeRegistry, build_lock, cast_lock, slugify
from narrator.cast.casting import VoicePool, assign_voices, load_cast, load_pool, save_cast
from narrator.config import Channel, load_channel
from narrator.errors import NarratorError, shorten
from narrator.fsutil import atomic_write_text, remove_temporaries, sweep_partial_files, sweep_staging_folders
from narrator.ingest.reader import read_article
from narrator.models import Article, Block, CastSegment, Chapter, Cue, Episode, Segment, Skipped
from narrator.normalise.lexicon import Lexicon, load_lexicon
from narrator.normalise.text import MONTHS, speakable
from narrator.project import Project, pool_path
from narrator.segment.segmenter import script_path, segment_with_script
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
        # Attribution confidence shapes nothing a listener gets: a refreshed script must not re-encode.
        digest.update(repr(replace(item.segment, confidence=0.0)).encode())
        digest.update(repr(item.voice).encode())
    digest.update(hashlib.sha256(artwork).digest())
    return digest.hexdigest()


EXECUTORS = ("local", "process", "thread")
STOP_SECONDS = 1.0
"""How long an interrupted build waits for its pool workers to delete their temporary files."""


def check_executor(spec: str | None) -> str:
    """The executor spec, checked before any work: a local name or a well-formed scheduler address."""
    spec = spec or "local"
    if spec.startswith(("dask://", "tcp://")):
        from narrator.build.cluster import scheduler_address

        scheduler_address(spec)
        return spec
    if spec not in EXECUTORS:
        close = difflib.get_close_matches(spec, EXECUTORS, n=1)
        hint = f'did you mean "{close[0]}"? ' if close else ""
        raise NarratorError(f'unknown executor "{spec}"; {hint}use local, thread or dask://HOST:PORT')
    return spec


def make_executor(spec: str) -> Executor:
    """A local executor: ``local`` (or ``process``) is a process pool, ``thread`` a thread pool."""
    if check_executor(spec) == "thread":
        return ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
    return process_pool()


class LocalPool(ProcessPoolExecutor):
    """A process pool whose workers die with the build and can be stopped at once (Ctrl-C)."""

    def __init__(self, workers: int, context: Any) -> None:
        self._others = set(multiprocessing.active_children())
        super().__init__(
            max_workers=workers, mp_context=context, initializer=pool_worker_started, initargs=(os.getpid(),)
        )
        self.submit(int).result()

    def stop(self) -> None:
        """Cancel what is queued and end the workers now; each deletes its temporary files first, which
        this waits for (briefly: when this process exits, the kernel kills them anyway)."""
        workers = [p for p in multiprocessing.active_children() if p not in self._others]
        self.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for worker in workers:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                worker.join(max(0.0, deadline - time.monotonic()))


def process_pool() -> LocalPool:
    """A local pool, its workers started at once.

    Forking is the cheapest start (no re-import, no ``__main__`` guard needed in a caller's script) but
    is safe only while this process has one thread: a fork from a driver thread once deadlocked a
    worker on a lock held at that moment. A fork-context pool launches every worker on its first
    submit, so that submit is made here, before the build starts its threads; a caller that already
    runs threads gets forkserver workers instead.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform == "linux" and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    return LocalPool(os.cpu_count() or 2, multiprocessing.get_context(method))


@contextmanager
def executor_for(
    spec: str | None, *, shared: Sequence[Path] = (), engines: Iterable[str] = ()
) -> Iterator[Executor]:
    """The executor for synthesis and encoding, shut (and a Dask client closed) when the block ends.

    ``dask://HOST:PORT`` runs tasks on a Dask cluster whose workers must see the ``shared`` folders and
    run the same versions of ``engines`` (narrator.build.cluster checks both before the first task).
    An interrupt (Ctrl-C) stops a local pool's workers at once instead of waiting for their tasks.
    """
    spec = check_executor(spec)
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
    except Exception:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    except BaseException:
        if isinstance(executor, LocalPool):
            executor.stop()
        else:
            executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


EPISODE_FILES = {"audio": ".mp3", "vtt": ".vtt", "srt": ".srt", "transcript": ".transcript.json",
                 "chapters": ".chapters.json"}
"""What produce writes per episode, by the suffix after its file stem."""


def episode_file_stem(name: str) -> str | None:
    """The stem of an episode file's name (``story-0123456789`` for its .transcript.json), else None."""
    return next((name.removesuffix(s) for s in EPISODE_FILES.values() if name.endswith(s)), None)


class EpisodeStore:
    """What produce made of each version of each episode, so an unchanged one is neither synthesised nor
    encoded again, and a failed article's last good episode can be published again as it was.

    A version's files are named ``<slug>-<tag>.*``, the tag taken from the episode key: a changed episode
    gets new files, and the live feed's files are never overwritten under a listener (issue 12).
    """

    def __init__(self, output_dir: Path) -> None:
        self.folder = output_dir / STATE_DIR / "episodes"
        self.episodes_dir = output_dir / "episodes"

    @staticmethod
    def stem(slug: str, key: str) -> str:
        return f"{slug}-{key[:10]}"

    def load(self, prepared: Prepared) -> Episode | None:
        """The stored episode for exactly this version, if its files are all in place."""
        episode = self.read(self.stem(prepared.slug, prepared.key))
        if episode is None:
            return None
        return replace(episode, title=prepared.article.title, article=prepared.article, guid=prepared.guid,
                       published=prepared.published)

    def read(self, stem: str) -> Episode | None:
        try:
            data = json.loads((self.folder / f"{stem}.json").read_text(encoding="utf-8"))
            audio = self.episodes_dir / data["audio"]
            side_files = {name: self.episodes_dir / file for name, file in data["side_files"].items()}
            if not audio.is_file() or audio.stat().st_size != data["size"]:
                return None
            if not all(p.is_file() for p in side_files.values()):
                return None
            return Episode(
                slug=data["slug"],
                title=data["article"]["title"],
                article=_article_from(data["article"]),
                audio=audio,
                duration=data["duration"],
                size=data["size"],
                chapters=tuple(Chapter(**c) for c in data["chapters"]),
                cues=tuple(Cue(**c) for c in data["cues"]),
                side_files=side_files,
                guid=data["guid"],
                published=datetime.fromisoformat(data["published"]) if data["published"] else None,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, damaged or from an older version: made again

    def save(self, episode: Episode) -> None:
        data = {
            "slug": episode.slug,
            "audio": episode.audio.name,
            "duration": episode.duration,
            "size": episode.size,
            "chapters": [asdict(c) for c in episode.chapters],
            "cues": [asdict(c) for c in episode.cues],
            "side_files": {name: p.name for name, p in episode.side_files.items()},
            "guid": episode.guid,
            "published": episode.published.isoformat() if episode.published else None,
            "article": asdict(episode.article),
        }
        text = json.dumps(data, default=str, ensure_ascii=False) + "\n"
        atomic_write_text(self.folder / f"{episode.audio.stem}.json", text)

    def prune(self, keep: Collection[str]) -> None:
        """Delete the stored versions and episode files whose stems are not in ``keep``, and the pages of
        episodes no longer published (only while holding the build lock)."""
        slugs = {stem.rsplit("-", 1)[0] for stem in keep}
        for record in self.folder.glob("*.json"):
            if record.stem not in keep:
                record.unlink(missing_ok=True)
        for path in self.episodes_dir.glob("*"):
            if path.name.startswith(".") or not path.is_file():
                continue
            stem = episode_file_stem(path.name)
            page = stem is None and path.suffix == ".html"
            if (stem is not None and stem not in keep) or (page and path.stem not in slugs):
                path.unlink(missing_ok=True)


class LiveFeed:
    """Which episode versions the live feed lists: ``.narrator/published.json``, written right after the
    feed, so that a failed article can keep the episode listeners have."""

    def __init__(self, output_dir: Path) -> None:
        self.path = output_dir / STATE_DIR / "published.json"
        self.feed = output_dir / "feed.xml"

    def stems(self) -> dict[str, str]:
        """slug → file stem of each episode in the live feed."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(slug): str(stem) for slug, stem in data["episodes"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def files(self) -> set[str]:
        """The stems of every episode file the live feed.xml names (the feed itself is the authority)."""
        try:
            root = etree.parse(str(self.feed), etree.XMLParser(resolve_entities=False, no_network=True))
        except (OSError, etree.XMLSyntaxError):
            return set()
        names = set()
        for element in root.iter("enclosure", "{*}transcript", "{*}chapters"):
            name = urlsplit(element.get("url") or "").path.rsplit("/", 1)[-1]
            stem = episode_file_stem(name)
            if stem is not None:
                names.add(stem)
        return names

    def save(self, episodes: Sequence[Episode]) -> None:
        data = {"episodes": {ep.slug: ep.audio.stem for ep in sorted(episodes, key=lambda e: e.slug)}}
        atomic_write_text(self.path, json.dumps(data, indent=2) + "\n")


@dataclass(frozen=True)
class Settings:
    """Everything a build reads from the podcast folder, loaded and checked in full before any work."""

    channel: Channel
    pool: VoicePool
    lexicon: Lexicon
    executor: str


def load_settings(project: Project, *, base_url: str | None, executor: str | None) -> Settings:
    """podcast.toml, voices.toml, cast.toml, lexicon.toml and the executor option, or the first error."""
    channel = load_channel(project.config)
    if base_url:
        channel = channel.with_base_url(base_url)
    pool = load_pool(pool_path(project))
    load_cast(project.voices / "cast.toml", pool)  # read again, under its lock, when the build casts
    lexicon = load_lexicon(project.voices / "lexicon.toml")
    return Settings(channel, pool, lexicon, check_executor(executor))


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when it is set (reproducible-builds.org): the same articles built at
    another time then give the same feed, tags and GUIDs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(timezone.utc)
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise NarratorError(
            f'SOURCE_DATE_EPOCH "{shorten(epoch, 40)}" is not a number of seconds since 1970; unset it'
        ) from None


def build(
    project: Project,
    *,
    now: datetime | None = None,
    base_url: str | None = None,
    executor: str | None = None,
    listener: Listener | None = None,
) -> BuildReport:
    """Build every article into an episode, then publish the feed and pages if they validate.

    Publisher safety (issue 12): settings are checked before any work; an article that fails keeps its
    last good episode in the feed; episode files are in place before any feed names them, and a changed
    episode gets new files; the new feed and pages replace the live ones only once they validate, the
    feed last; files are removed only when neither the live feed nor the one before it names them.
    """
    from narrator.publish.artwork import artwork_bytes

    emit = listener or (lambda name, details: None)
    # Tasks may run on other machines (--executor dask://), where only absolute paths name the same folder.
    project = replace(project, output=project.output.absolute(), cache=project.cache.absolute())
    settings = load_settings(project, base_url=base_url, executor=executor)
    now = now or build_time()
    sources = find_articles(project.articles)
    if not sources:
        raise NarratorError(f"no articles in {project.articles}; add .txt, .md or .html files")
    artwork = artwork_bytes(settings.channel)
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
        sweep(project)
        registry = EpisodeRegistry.load(project.output)
        readings = ReadingStore(project.output)
        prepared, failures, warnings = prepare_all(
            sources, project, settings, registry, readings, artwork, now
        )
        registry.save()
        readings.prune()
        for source, error in failures.items():
            emit("article-failed", {"source": source, "error": error})
        store = EpisodeStore(project.output)
        stored = {item.slug: store.load(item) for item in prepared}
        pending = [item for item in prepared if stored[item.slug] is None]
        emit("prepared", {
            "articles": len(prepared),
            "to_build": len(pending),
            "segments": sum(len(p.items) for p in pending),
        })
        built, produce_failures = produce_all(pending, project, settings, artwork, emit)
        failures.update(produce_failures)
        results = {str(s): ArticleResult(str(s), None, "failed", failures[str(s)]) for s in sources
                   if str(s) in failures}
        episodes = []
        for item in prepared:
            episode = stored[item.slug] or built.get(item.slug)
            if episode is not None:
                status = "reused" if stored[item.slug] else "built"
                results[item.article.source] = ArticleResult(item.article.source, item.slug, status,
                                                              segments=len(item.items))
                episodes.append(episode)
                if status == "reused":
                    emit("episode", asdict(results[item.article.source]))
        live = LiveFeed(project.output)
        kept, notes = keep_last_good(failures, prepared, registry, live, store)
        warnings += notes
        feed, problems = publish_safely(settings.channel, [*episodes, *kept], project.output, now, artwork,
                                        live, store)
        ordered = tuple(results[str(s)] for s in sources if str(s) in results)
        return BuildReport(ordered, feed, tuple(problems), tuple(warnings))


def sweep(project: Project) -> None:
    """Delete what builds killed mid-write left behind; no other writer can be running now."""
    state = project.output / STATE_DIR
    for folder in (project.output, project.output / "episodes", state, state / "episodes",
                   state / "readings"):
        sweep_partial_files(folder)
    sweep_staging_folders(SegmentCache(project.cache).staging)


def prepare_all(
    sources: Sequence[Path],
    project: Project,
    settings: Settings,
    registry: EpisodeRegistry,
    readings: ReadingStore,
    artwork: bytes,
    now: datetime,
) -> tuple[list[Prepared], dict[str, str], list[str]]:
    """Read, segment and cast every article and claim its identity; the failures by source; warnings.

    Two articles with the same text would publish the same episode twice: the one already published
    (else the first by name) is built and the other fails, naming both.
    """
    failures: dict[str, str] = {}
    warnings: list[str] = []
    read: dict[Path, tuple[Article, list[Segment], str]] = {}
    for source in sources:
        try:
            article, segments, notes = readings.read(source, settings.lexicon)
        except NarratorError as exc:
            failures[str(source)] = str(exc)
            continue
        warnings += notes
        read[source] = (article, segments, text_fingerprint(article))
    present = {str(source.resolve()) for source in sources}
    by_text: dict[str, list[Path]] = {}
    for source, (_, _, fingerprint) in read.items():
        by_text.setdefault(fingerprint, []).append(source)
    for copies in by_text.values():
        owner = next((s for s in copies if registry.source_slug(str(s.resolve()))), copies[0])
        for copy in copies:
            if copy != owner:
                failures[str(copy)] = (
                    f"{copy}: has the same text as {owner}, which is built instead; a copy would publish "
                    "the same episode twice (delete one of them, or change its text)"
                )
                del read[copy]
    channel, lexicon = settings.channel, settings.lexicon
    namespace = uuid.UUID(channel.guid)
    prepared = []
    with cast_lock(project.voices):
        sweep_partial_files(project.voices)
        cast = load_cast(project.voices / "cast.toml", settings.pool)
        for source, (article, segments, fingerprint) in read.items():
            framed = frame_segments(article, segments, channel, lexicon)
            items, cast = assign_voices(framed, settings.pool, cast,
                                        language=article.language or channel.language, warnings=warnings)
            record = registry.claim(str(source.resolve()), fingerprint, slugify(source.stem), now,
                                    present=present, namespace=namespace)
            published = article.date or datetime.fromisoformat(record.first_published)
            if published.tzinfo is None:
                published = published.replace(tzinfo=timezone.utc)
            key = episode_key(article, items, channel, artwork)
            prepared.append(Prepared(article, tuple(items), record.slug, record.guid, published, key))
        save_cast(project.voices / "cast.toml", cast)
    return prepared, failures, warnings


def text_fingerprint(article: Article) -> str:
    """What identifies an article across renames and edits of its title: the text of its body."""
    return hashlib.sha256("\n".join(b.text for b in article.blocks).encode()).hexdigest()


def produce_all(
    pending: Sequence[Prepared], project: Project, settings: Settings, artwork: bytes, emit: Listener
) -> tuple[dict[str, Episode], dict[str, str]]:
    """Synthesise and encode the episodes that need it, two or more articles at a time; the executor is
    started only when there is work, so a cluster is never contacted for an unchanged podcast."""
    if not pending:
        return {}, {}
    from narrator.publish.site import write_artwork

    cache = SegmentCache(project.cache)
    store = EpisodeStore(project.output)
    # Artwork goes first: produce embeds it as the MP3's cover.
    cover = write_artwork(project.output, artwork)
    built: dict[str, Episode] = {}
    failures: dict[str, str] = {}
    lock = threading.Lock()

    def build_one(item: Prepared, pool_executor: Executor) -> None:
        from narrator.produce.episode import produce_episode  # large: imported only when needed

        clips = synthesise(
            item.items,
            cache,
            executor=pool_executor,
            context=item.article.source,
            progress=lambda n: emit("segments", {"slug": item.slug, "done": n}),
        )
        stem = store.stem(item.slug, item.key)
        episode = pool_executor.submit(
            produce_episode, item.article, item.items, clips, settings.channel, store.episodes_dir, stem,
            artwork=cover, published=item.published,
        ).result()
        episode = replace(episode, slug=item.slug, guid=item.guid, published=item.published)
        store.save(episode)
        with lock:
            built[item.slug] = episode
        result = ArticleResult(item.article.source, item.slug, "built", segments=len(item.items))
        emit("episode", asdict(result))

    shared = (project.cache, project.output)
    engines = {voice.engine for voice in settings.pool.voices}
    with executor_for(settings.executor, shared=shared, engines=engines) as pool_executor:
        # A cluster runs more tasks at once than two articles keep busy (narrator.build.cluster: slots).
        drivers = ThreadPoolExecutor(max_workers=max(2, getattr(pool_executor, "slots", 2)))
        interrupted = True
        try:
            futures = {drivers.submit(build_one, item, pool_executor): item for item in pending}
            for future, item in futures.items():
                source = item.article.source
                try:
                    future.result()
                except BrokenExecutor as exc:
                    failures[source] = f"{source}: a worker died while encoding ({exc}); run the build again"
                except NarratorError as exc:
                    failures[source] = str(exc)
                else:
                    continue
                emit("article-failed", {"source": source, "error": failures[source]})
            interrupted = False
        finally:
            if interrupted:
                remove_temporaries()
            drivers.shutdown(wait=not interrupted, cancel_futures=True)
    return built, failures


def keep_last_good(
    failures: Mapping[str, str],
    prepared: Sequence[Prepared],
    registry: EpisodeRegistry,
    live: LiveFeed,
    store: EpisodeStore,
) -> tuple[list[Episode], list[str]]:
    """The live feed's episodes of the articles that failed, so a failure never takes one away."""
    slugs = {item.article.source: item.slug for item in prepared}
    stems = live.stems()
    kept, notes = [], []
    for source in failures:
        slug = slugs.get(source) or registry.source_slug(str(Path(source).resolve()))
        episode = store.read(stems[slug]) if slug in stems else None
        if episode is not None:
            kept.append(episode)
            notes.append(
                f"{source}: failed, so its last good episode ({episode.audio.name}) stays in the feed"
            )
    return kept, notes


def publish_safely(
    channel: Channel,
    episodes: Sequence[Episode],
    output: Path,
    now: datetime,
    artwork: bytes,
    live: LiveFeed,
    store: EpisodeStore,
) -> tuple[Path | None, list[str]]:
    """Render the feed and pages, validate them, and only then replace the live ones (feed last); the
    feed's path, or None with the problems that kept it from being published."""
    from narrator.publish.site import render_publication, write_artwork, write_publication
    from narrator.publish.validate import validate_feed, validate_pages

    if not episodes:
        return None, []
    write_artwork(output, artwork)
    publication = render_publication(channel, episodes, output, now)
    problems = [
        f"{p.rule}: {p.message}"
        for p in [*validate_feed(publication.feed.encode("utf-8"), output),
                  *validate_pages(publication.pages, output, coming=("feed.xml",))]
        if p.severity == "error"
    ]
    if problems:
        return None, problems
    previous = live.files()
    write_publication(publication, output)
    live.save(episodes)
    store.prune({ep.audio.stem for ep in episodes} | previous)
    return output / "feed.xml", []


UNDERSTANDING = ("ingest", "normalise", "segment", "models.py")
"""The code that decides what an article becomes; a change to any of it invalidates the readings."""


@functools.cache
def _understanding_code() -> bytes:
    digest = hashlib.sha256()
    package = Path(__file__).parent.parent
    for name in UNDERSTANDING:
        for path in sorted((package / name).rglob("*.py")) if (package / name).is_dir() else [package / name]:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
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

    def read(self, source: Path, lexicon: Lexicon) -> tuple[Article, list[Segment], list[str]]:
        """The article, its segments and what the producer should know about its script."""
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
                segments = [Segment(**s) for s in data["segments"]]
                return _article_from(data["article"]), segments, [str(n) for n in data["notes"]]
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged entry is made again
        article = read_article(source)
        segments, notes = segment_with_script(article, lexicon, source)
        if key is not None:
            data = {"article": asdict(article), "segments": [asdict(s) for s in segments], "notes": notes}
            atomic_write_text(self.folder / f"{key}.json", json.dumps(data, default=str, ensure_ascii=False))
        return article, segments, notes

    @staticmethod
    def _key(source: Path, lexicon: Lexicon) -> str:
        digest = hashlib.sha256(_understanding_code())
        script = script_path(source)
        for part in (str(source.resolve()).encode(), source.read_bytes(), repr(lexicon).encode(),
                     b"script:" + script.read_bytes() if script.exists() else b"no script",
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


@dataclass(frozen=True)
class SegmentView:
    """What `narrator segments` prints for one article."""

    source: str
    article: Article
    items: tuple[CastSegment, ...] = field(default=())


def segment_sources(
    sources: Sequence[str], project: Project, notes: list[str] | None = None
) -> Iterator[SegmentView]:
    """Segment and cast articles without synthesis and without writing the cast; what the producer
    should know about their scripts is appended to ``notes``."""
    pool = load_pool(pool_path(project))
    cast = load_cast(project.voices / "cast.toml", pool)
    lexicon = load_lexicon(project.voices / "lexicon.toml")
    for source in sources:
        article = read_article(source)
        path = Path(source) if source != "-" and "://" not in source else None
        segments, found = segment_with_script(article, lexicon, path)
        if notes is not None:
            notes.extend(found)
        items, cast = assign_voices(segments, pool, cast, language=article.language or "en")
        yield SegmentView(source, article, tuple(items))
