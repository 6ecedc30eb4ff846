"""Which sentences an engine speaks together: the one planner behind `narrator build` and `narrator read`.

A batch is consecutive work for one voice, spoken by one engine process whose settings are fixed before
the first utterance (shared/engines.md: pyttsx3 gets rates wrong when they change mid-process). Two
policies:

- streaming (someone is listening): each voice's first sentence goes alone, so playback can start after
  one short utterance; later batches double in size, keeping the engine ahead of the listener while
  amortising its start-up;
- bulk (a build, or a file someone waits for): batches as large as keeps every worker busy.

Batches come out in the order the text first needs them. This module imports nothing heavy, so
`narrator read` can plan before numpy and the engines are loaded.
"""

from __future__ import annotations

import math
from collections.abc import Container, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from narrator.models import CastSegment, Voice

CLIP_RATE = 22050
"""The rate every clip is made at: mono 16-bit, resampled when it is created."""
MAX_BATCH = 48
"""Sentences per engine process: large enough to amortise start-up, small enough to spread over cores."""
SILENT_SECONDS = 0.1
"""Length of the clip for text with nothing to pronounce (a lone dash or symbol)."""
UTTERANCE_TIMEOUT = 60.0
"""Seconds an engine may take over one sentence before it is stopped."""

Key = TypeVar("Key", bound=Hashable)


def cache_staging(cache_directory: Path) -> Path:
    """Where engines write, in private folders on the segment cache's file system (swept by a build)."""
    return cache_directory / "tmp"


@dataclass(frozen=True)
class Batch(Generic[Key]):
    """Sentences one voice speaks in one engine run."""

    voice: Voice
    keys: tuple[Key, ...]
    """What the caller files each clip under (a cache key, or voice and text)."""
    texts: tuple[str, ...]
    first: int
    """Position of the earliest item that needs this batch."""


def plan_batches(
    items: Sequence[CastSegment],
    keys: Sequence[Key],
    *,
    workers: int,
    streaming: bool,
    done: Container[Key] = (),
    batch_limits: Mapping[str, int] | None = None,
) -> list[Batch[Key]]:
    """Batches that speak every item whose key is not ``done``, each key once, in the order needed.

    ``keys[i]`` names ``items[i]``'s clip; equal keys are the same clip, spoken once. ``batch_limits``
    caps the batch size per engine: one that keeps its model loaded in the worker (Piper) asks for small
    tasks, which cost nothing to start and keep every core busy to the end of the article.
    """
    groups: dict[Voice, list[tuple[int, Key, str]]] = {}
    seen: set[Key] = set()
    for index, (item, key) in enumerate(zip(items, keys, strict=True)):
        if key in seen or key in done:
            continue
        seen.add(key)
        groups.setdefault(item.voice, []).append((index, key, item.segment.spoken))
    total = sum(len(group) for group in groups.values())
    size = max(1, min(MAX_BATCH, math.ceil(total / max(1, workers))))
    batches: list[Batch[Key]] = []
    for voice, group in groups.items():
        if streaming:
            chunks, start, step = [], 0, 1
            while start < len(group):
                chunks.append(group[start : start + step])
                start += step
                step = min(MAX_BATCH, step * 2)
        else:
            step = min(size, (batch_limits or {}).get(voice.engine, size))
            chunks = [group[i : i + step] for i in range(0, len(group), step)]
        for chunk in chunks:
            batches.append(
                Batch(voice, tuple(k for _, k, _ in chunk), tuple(t for _, _, t in chunk), chunk[0][0])
            )
    batches.sort(key=lambda batch: batch.first)
    return batches


def pronounceable(text: str) -> bool:
    """Whether the text has anything an engine would say; the rest becomes SILENT_SECONDS of silence."""
    return any(ch.isalnum() for ch in text)
