"""Wiring the stages together: a podcast folder in, episodes, feed and pages out.

The stages stay pure; this module owns the order of the build's steps (``build`` reads as the list of
them, each returning what the next needs), the incremental decisions (which episodes need synthesis and
encoding), the per-article error boundary and the safe publication. Executors live in cluster.py, what
is kept between builds in state.py and stores.py, progress events in events.py.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from narrator.build.cluster import check_executor, executor_for
from narrator.build.events import (
    ArticleFailed,
    ArticleResult,
    EpisodeReady,
    Listener,
    Planned,
    SegmentsSpoken,
)
from narrator.build.state import STATE_DIR, EpisodeRegistry, build_lock, cast_lock, slugify
from narrator.build.stores import EpisodeStore, LiveFeed, ReadingStore
from narrator.cast.casting import choose_narrator, load_cast, save_cast
from narrator.config import Channel, load_channel
from narrator.engines import voice_fingerprint
from narrator.errors import DiskFullError, NarratorError, shorten
from narrator.fsutil import remove_temporaries, sweep_partial_files, sweep_staging_folders
from narrator.ingest.reader import LINKS_VARIABLE, links_allowed
from narrator.models import Article, CastSegment, Episode
from narrator.preparation import (
    Framing,
    Machine,
    PodcastSettings,
    SegmentedArticle,
    cast_article,
    load_settings,
)
from narrator.project import Project
from narrator.synth.planning import cache_staging

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
PRODUCE_VERSION = "1"
"""Bumped when produce's output changes for the same input, so stored episodes are re-encoded."""


@dataclass(frozen=True)
class BuildReport:
    results: tuple[ArticleResult, ...]
    feed: Path | None
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """Information a producer should see once, such as which narrator reads (neural or eSpeak NG)."""

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


def find_articles(folder: Path, warnings: list[str]) -> list[Path]:
    """The article files in ``folder``; links are left out with a warning unless links_allowed()."""
    if not folder.is_dir():
        raise NarratorError(f"articles folder {folder} does not exist; pass --articles DIR")
    found = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.endswith(".script.md")
    )
    if links_allowed():
        return found
    for link in (p for p in found if p.is_symlink()):
        warnings.append(
            f"{link} is a symbolic link (to {os.readlink(link)}) and was not read; put the file itself "
            f"in {folder}, or set {LINKS_VARIABLE}=1 to follow links"
        )
    return [p for p in found if not p.is_symlink()]


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
    for voice in dict.fromkeys(item.voice for item in items):
        digest.update(voice_fingerprint(voice).encode())  # a swapped model changes the audio
    digest.update(hashlib.sha256(artwork).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class BuildSettings:
    """Everything a build reads from the podcast folder and this machine, loaded and checked in full
    before any work."""

    channel: Channel
    podcast: PodcastSettings
    """What preparation needs: voice pool, cast (read again under its lock when the build casts),
    lexicon and language."""
    machine: Machine
    executor: str


def load_build_settings(project: Project, *, base_url: str | None, executor: str | None) -> BuildSettings:
    """podcast.toml, voices.toml, cast.toml, lexicon.toml and the executor option, or the first error."""
    channel = load_channel(project.config)
    if base_url:
        channel = channel.with_base_url(base_url)
    podcast = load_settings(project, language=channel.language)
    checked = check_executor(executor)
    machine = Machine.here(podcast.pool.voices, follow_links=links_allowed())
    return BuildSettings(channel, podcast, machine, checked)


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

    emit = listener or (lambda event: None)
    # Tasks may run on other machines (--executor dask://), where only absolute paths name the same folder.
    project = replace(project, output=project.output.absolute(), cache=project.cache.absolute())
    settings = load_build_settings(project, base_url=base_url, executor=executor)
    _, narrator_notice = choose_narrator(settings.podcast.pool, settings.channel.language,
                                         settings.machine.voice_problem)
    now = now or build_time()
    skipped_links: list[str] = []
    sources = find_articles(project.articles, skipped_links)
    if not sources:
        raise NarratorError(f"no articles in {project.articles}; add .txt, .md or .html files")
    artwork = artwork_bytes(settings.channel)
    open_output(project.output)
    with build_lock(project.output):
        sweep(project)
        registry = EpisodeRegistry.load(project.output)
        preparation = prepare_all(sources, project, settings, registry, artwork, now)
        registry.save()
        for source, error in preparation.failures.items():
            emit(ArticleFailed(source, error))
        store = EpisodeStore(project.output)
        stored = {item.slug: reuse(store, item) for item in preparation.prepared}
        pending = [item for item in preparation.prepared if stored[item.slug] is None]
        emit(Planned(len(preparation.prepared), len(pending), sum(len(p.items) for p in pending)))
        for item in preparation.prepared:
            if stored[item.slug] is not None:
                emit(EpisodeReady(ArticleResult(item.article.source, item.slug, "reused", None,
                                                len(item.items))))
        production = produce_all(pending, project, settings, artwork, emit)
        episodes = {**{slug: ep for slug, ep in stored.items() if ep is not None}, **production.episodes}
        failures = {**preparation.failures, **production.failures}
        live = LiveFeed(project.output)
        kept, notes = keep_last_good(failures, preparation.prepared, registry, live, store)
        feed, problems = publish_safely(
            settings.channel, [*episodes.values(), *kept], project.output, now, artwork, live, store
        )
        results = article_results(sources, preparation.prepared, stored, episodes, failures)
        warnings = dict.fromkeys((*skipped_links, *preparation.warnings, *notes))
        return BuildReport(results, feed, tuple(problems), tuple(warnings), (narrator_notice,))


def reuse(store: EpisodeStore, item: Prepared) -> Episode | None:
    """The stored episode of exactly this version of the article, with its current facts."""
    episode = store.load(item.slug, item.key)
    if episode is None:
        return None
    return replace(episode, title=item.article.title, article=item.article, guid=item.guid,
                   published=item.published)


def open_output(output: Path) -> None:
    """Create the output folder and its state folder, or say why they cannot be written."""
    try:
        output.mkdir(parents=True, exist_ok=True)
        state = output / STATE_DIR
        state.mkdir(exist_ok=True)
        if not os.access(state, os.W_OK):
            raise PermissionError(state)
    except OSError as exc:
        raise NarratorError(f"cannot write to output folder {output}: {exc.strerror or exc}") from None


def sweep(project: Project) -> None:
    """Delete what builds killed mid-write left behind; no other writer can be running now."""
    state = project.output / STATE_DIR
    for folder in (project.output, project.output / "episodes", state, state / "episodes",
                   state / "readings"):
        sweep_partial_files(folder)
    sweep_staging_folders(cache_staging(project.cache))


@dataclass(frozen=True)
class Preparation:
    """The articles ready for synthesis, the failures by source, and what the producer should know."""

    prepared: tuple[Prepared, ...]
    failures: dict[str, str]
    warnings: tuple[str, ...]


def prepare_all(
    sources: Sequence[Path],
    project: Project,
    settings: BuildSettings,
    registry: EpisodeRegistry,
    artwork: bytes,
    now: datetime,
) -> Preparation:
    """Read, segment and cast every article (narrator.preparation's path, in two steps) and claim its
    identity.

    Two articles with the same text would publish the same episode twice: the one already published
    (else the first by name) is built and the other fails, naming both. Casting runs under the lock of
    voices/, on cast.toml read again there, so builds of other output folders keep each other's speakers.
    """
    failures: dict[str, str] = {}
    warnings: list[str] = []
    readings = ReadingStore(project.output)
    read: dict[Path, SegmentedArticle] = {}
    for source in sources:
        try:
            segmented = readings.read(str(source), settings.podcast, settings.machine)
        except DiskFullError:
            raise  # every other article would fail the same way: stop and say so once
        except NarratorError as exc:
            failures[str(source)] = str(exc)
            continue
        warnings += segmented.notes
        read[source] = segmented
    readings.prune()
    fingerprints = {source: text_fingerprint(segmented.article) for source, segmented in read.items()}
    for copy, owner in copies(fingerprints, registry).items():
        failures[str(copy)] = (
            f"{copy}: has the same text as {owner}, which is built instead; a copy would publish "
            "the same episode twice (delete one of them, or change its text)"
        )
        del read[copy]
    channel = settings.channel
    framing = Framing.for_channel(channel)
    present = {str(source.resolve()) for source in sources}
    namespace = uuid.UUID(channel.guid)
    prepared = []
    with cast_lock(project.voices):
        sweep_partial_files(project.voices)
        cast = load_cast(project.voices / "cast.toml", settings.podcast.pool)
        podcast = replace(settings.podcast, cast=cast)
        for source, segmented in read.items():
            done = cast_article(source, segmented.article, segmented.segments, podcast, settings.machine,
                                framing=framing)
            podcast = replace(podcast, cast=done.cast)
            warnings += done.warnings
            article = done.article
            record = registry.claim(str(source.resolve()), fingerprints[source], slugify(source.stem), now,
                                    present=present, namespace=namespace)
            published = article.date or datetime.fromisoformat(record.first_published)
            if published.tzinfo is None:
                published = published.replace(tzinfo=timezone.utc)
            key = episode_key(article, done.items, channel, artwork)
            prepared.append(Prepared(article, done.items, record.slug, record.guid, published, key))
        save_cast(project.voices / "cast.toml", podcast.cast)
    return Preparation(tuple(prepared), failures, tuple(warnings))


def copies(fingerprints: Mapping[Path, str], registry: EpisodeRegistry) -> dict[Path, Path]:
    """Each article whose text another article has, mapped to the one that is built: the one already
    published, else the first by name."""
    by_text: dict[str, list[Path]] = {}
    for source, fingerprint in fingerprints.items():
        by_text.setdefault(fingerprint, []).append(source)
    found = {}
    for same in by_text.values():
        owner = next((s for s in same if registry.source_slug(str(s.resolve()))), same[0])
        found.update({copy: owner for copy in same if copy != owner})
    return found


def text_fingerprint(article: Article) -> str:
    """What identifies an article across renames and edits of its title: the text of its body."""
    return hashlib.sha256("\n".join(b.text for b in article.blocks).encode()).hexdigest()


@dataclass(frozen=True)
class Production:
    """The episodes built, and the failures by source."""

    episodes: dict[str, Episode]
    failures: dict[str, str]


def produce_all(
    pending: Sequence[Prepared], project: Project, settings: BuildSettings, artwork: bytes, emit: Listener
) -> Production:
    """Synthesise and encode the episodes that need it, two or more articles at a time; the executor is
    started only when there is work, so a cluster is never contacted for an unchanged podcast."""
    if not pending:
        return Production({}, {})
    from narrator.publish.site import write_artwork
    from narrator.synth.synthesis import SegmentCache, synthesise

    cache = SegmentCache(project.cache)
    store = EpisodeStore(project.output)
    # Artwork goes first: produce embeds it as the MP3's cover.
    cover = write_artwork(project.output, artwork)

    def build_one(item: Prepared, pool_executor: Executor) -> Episode:
        from narrator.produce.episode import produce_episode  # large: imported only when needed

        clips = synthesise(
            item.items,
            cache,
            executor=pool_executor,
            context=item.article.source,
            progress=lambda n: emit(SegmentsSpoken(item.slug, n)),
        )
        stem = store.stem(item.slug, item.key)
        episode = pool_executor.submit(
            produce_episode, item.article, item.items, clips, settings.channel, store.episodes_dir, stem,
            artwork=cover, published=item.published,
        ).result()
        episode = replace(episode, slug=item.slug, guid=item.guid, published=item.published)
        store.save(episode)
        emit(EpisodeReady(ArticleResult(item.article.source, item.slug, "built", None, len(item.items))))
        return episode

    shared = (project.cache, project.output)
    engines = {voice.engine for voice in settings.podcast.pool.voices}
    finished = False
    try:
        with executor_for(settings.executor, shared=shared, engines=engines) as pool_executor:
            # A cluster runs more tasks at once than two articles keep busy (narrator.build.cluster: slots).
            drivers = ThreadPoolExecutor(max_workers=max(2, getattr(pool_executor, "slots", 2)))
            try:
                futures = {drivers.submit(build_one, item, pool_executor): item for item in pending}
                production = collect(futures, emit)
                finished = True
            finally:
                if not finished:  # Ctrl-C or a bug: leave nothing half-written, wait for nothing
                    remove_temporaries()
                drivers.shutdown(wait=finished, cancel_futures=True)
    finally:
        if not finished:  # the workers are stopped now: sweep what they were killed writing
            sweep(project)
    return production


def collect(futures: Mapping[Future[Episode], Prepared], emit: Listener) -> Production:
    """Each article's episode, or its failure (announced as it is met); a full disk stops them all."""
    episodes: dict[str, Episode] = {}
    failures: dict[str, str] = {}
    for future, item in futures.items():
        source = item.article.source
        try:
            episodes[item.slug] = future.result()
            continue
        except DiskFullError:
            raise  # every other episode would fail the same way: stop and say so once
        except BrokenExecutor as exc:
            failures[source] = f"{source}: a worker died while encoding ({exc}); run the build again"
        except NarratorError as exc:
            failures[source] = str(exc)
        emit(ArticleFailed(source, failures[source]))
    return Production(episodes, failures)


def keep_last_good(
    failures: Mapping[str, str],
    prepared: Sequence[Prepared],
    registry: EpisodeRegistry,
    live: LiveFeed,
    store: EpisodeStore,
) -> tuple[list[Episode], list[str]]:
    """The live feed's episodes of the articles that failed, so a failure never takes one away, and a
    warning for each."""
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
    from narrator.publish.site import is_live, render_publication, write_artwork, write_publication
    from narrator.publish.validate import validate_feed, validate_pages

    if not episodes:
        return None, []
    write_artwork(output, artwork)
    publication = render_publication(channel, episodes, output, now)
    if not is_live(publication, output):  # what is live was validated when it was published
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


def article_results(
    sources: Sequence[Path],
    prepared: Sequence[Prepared],
    stored: Mapping[str, Episode | None],
    episodes: Mapping[str, Episode],
    failures: Mapping[str, str],
) -> tuple[ArticleResult, ...]:
    """One result per article, in the order of ``sources``."""
    results = {source: ArticleResult(source, None, "failed", error) for source, error in failures.items()}
    for item in prepared:
        if item.slug in episodes and item.article.source not in failures:
            status = "reused" if stored[item.slug] is not None else "built"
            results[item.article.source] = ArticleResult(
                item.article.source, item.slug, status, None, len(item.items)
            )
    return tuple(results[str(s)] for s in sources if str(s) in results)
