"""The library API: what the ``narrator`` command does, as functions (re-exported by ``narrator``).

Each takes the podcast's settings file, as the command's ``--config`` does; voices/ and articles/ sit
beside it. Errors are ``NarratorError``s whose messages are safe to show.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from narrator.build.pipeline import BuildReport, Listener, build
from narrator.preparation import PreparedArticle, segment_sources
from narrator.project import Project
from narrator.project import init_podcast as init_folder
from narrator.read.options import Rate, ReadOptions, ReadResult
from narrator.read.session import read_aloud

__all__ = ["build_podcast", "init_podcast", "read_to_file", "segment_article"]


def init_podcast(directory: str | Path) -> list[Path]:
    """A new podcast folder: podcast.toml, voices/ and articles/ with an example (`narrator init`);
    returns the files written. A producer's files are never overwritten."""
    return init_folder(Path(directory))


def build_podcast(
    config: str | Path = "podcast.toml",
    *,
    articles: str | Path | None = None,
    output: str | Path | None = None,
    base_url: str | None = None,
    executor: str = "local",
    now: datetime | None = None,
    listener: Listener | None = None,
) -> BuildReport:
    """Build every article into an episode, then the feed, pages and validation (`narrator build`).

    ``listener(event)`` hears the build's progress (narrator.build.events); ``now`` fixes the clock.
    """
    project = Project.at(
        config=Path(config),
        articles=Path(articles) if articles else None,
        output=Path(output) if output else None,
    )
    return build(project, now=now, base_url=base_url, executor=executor, listener=listener)


def segment_article(source: str | Path, *, config: str | Path = "podcast.toml") -> PreparedArticle:
    """One article (a file, an http(s) URL or "-") split into segments, each with its speaker and the
    voice a build would give it (`narrator segments`); nothing is synthesised or written."""
    (prepared,) = segment_sources([str(source)], Project.at(config=Path(config)))
    return prepared


def read_to_file(
    source: str | Path,
    output: str | Path,
    *,
    config: str | Path = "podcast.toml",
    rate: str | None = None,
    voice: str | None = None,
    single_voice: bool = False,
    start_at: str | None = None,
) -> ReadResult:
    """Read one article into an audio file whose suffix names the format (.mp3, .m4a, .m4b for an
    audiobook with chapters, .wav, .ogg), with a WebVTT transcript beside it (`narrator read -o`)."""
    options = ReadOptions(
        rate=Rate.parse(rate) if rate else Rate(),
        voice=voice,
        single_voice=single_voice,
        start_at=start_at,
        output=Path(output),
        config=Path(config),
    )
    return read_aloud(str(source), options)
