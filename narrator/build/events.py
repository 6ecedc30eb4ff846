"""What a build tells its listener while it runs (the CLI's progress display), as typed values.

The library never prints: ``build`` calls a listener with these, from more than one thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ArticleResult:
    """What became of one article."""

    source: str
    slug: str | None
    status: str
    """built, reused or failed."""
    error: str | None = None
    segments: int = 0


@dataclass(frozen=True)
class Planned:
    """Every article is read and cast: how many episodes need synthesis and encoding."""

    articles: int
    to_build: int
    segments: int


@dataclass(frozen=True)
class SegmentsSpoken:
    """``done`` more segments of episode ``slug`` are synthesised."""

    slug: str
    done: int


@dataclass(frozen=True)
class EpisodeReady:
    """An episode is built, or reused unchanged."""

    result: ArticleResult


@dataclass(frozen=True)
class ArticleFailed:
    source: str
    error: str


BuildEvent = Planned | SegmentsSpoken | EpisodeReady | ArticleFailed
Listener = Callable[[BuildEvent], None]
