"""Speech for `narrator read`: sentences synthesised ahead of the listener, each waited for only by itself.

The batches are synth.planning's (streaming: each voice's first sentence alone, then doubling) and each
is spoken by synth.synthesis's ``speak_batch``, the same engine call, WAV checks, resampling and retry a
build uses. What is read's own is the scheduling: batches run on worker threads in this process (an
engine that loads a model keeps it loaded between sentences), clips stay in a private folder for the
session, and re-planning after a jump or a rate change cancels queued batches it no longer needs while
keeping every sentence already spoken. Clips are kept as WAV files, so writing a file (``-o``) hands
them to produce's levelling as they are.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from narrator.errors import SynthesisError
from narrator.models import CastSegment, Clip, Voice
from narrator.synth.planning import CLIP_RATE, UTTERANCE_TIMEOUT, Batch, plan_batches

SpeechKey = tuple[Voice, str]
"""A clip in a session: the voice and the words it speaks."""


class Speech:
    """Synthesises a reading's sentences on worker threads, in the order they will be heard."""

    def __init__(
        self, *, context: str, workers: int | None = None, timeout: float = UTTERANCE_TIMEOUT
    ) -> None:
        self.context = context
        self.timeout = timeout
        self.workers = workers or max(2, os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="narrator-speech")
        self._folder = Path(tempfile.mkdtemp(prefix="narrator-read-"))
        self._lock = threading.Lock()
        self._clips: dict[SpeechKey, tuple[Future[None], Path]] = {}
        self._batches: list[tuple[Future[None], Batch[SpeechKey]]] = []
        self._count = 0
        self._pool.submit(_preload)

    def plan(self, items: Sequence[CastSegment], start: int, *, streaming: bool = True) -> None:
        """Synthesise ``items[start:]`` in order, after the batches already queued that it still needs.

        Without ``streaming`` (writing a file, where nobody waits for the first sentence) batches are as
        large as keeps every worker busy, so engines start as rarely as possible.
        """
        rest = items[start:]
        keys = [(item.voice, item.segment.spoken) for item in rest]
        with self._lock:
            needed = set(keys)
            for future, batch in self._batches:
                if needed.isdisjoint(batch.keys):
                    future.cancel()
            self._clips = {key: entry for key, entry in self._clips.items() if not entry[0].cancelled()}
            self._batches = [(future, batch) for future, batch in self._batches if not future.done()]
            batches = plan_batches(rest, keys, workers=self.workers, streaming=streaming, done=self._clips)
            for batch in batches:
                self._batches.append((self._submit(batch), batch))

    def _submit(self, batch: Batch[SpeechKey]) -> Future[None]:
        paths = []
        for _ in batch.keys:
            self._count += 1
            paths.append(self._folder / f"{self._count}.wav")
        future = self._pool.submit(self._speak, batch, paths)
        for key, path in zip(batch.keys, paths, strict=True):
            self._clips[key] = (future, path)
        return future

    def _speak(self, batch: Batch[SpeechKey], paths: list[Path]) -> None:
        """Worker: one engine run for the batch, each clip kept as a mono 16-bit WAV at CLIP_RATE."""
        import wave

        from narrator.synth.synthesis import speak_batch

        staging = Path(tempfile.mkdtemp(dir=self._folder))
        try:
            clips = speak_batch(batch.voice, batch.texts, staging, self.timeout)
        except SynthesisError as error:
            raise SynthesisError(f'"{self.context}": could not synthesise {error}') from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        for samples, path in zip(clips, paths, strict=True):
            with wave.open(str(path), "wb") as handle:
                handle.setnchannels(1)
                handle.setsampwidth(2)
                handle.setframerate(CLIP_RATE)
                handle.writeframes(samples.astype("<i2").tobytes())

    def _path(self, item: CastSegment) -> Path:
        """The sentence's WAV, waiting for it to be synthesised (planning it if nobody did)."""
        key = (item.voice, item.segment.spoken)
        with self._lock:
            if key not in self._clips:
                self._submit(Batch(item.voice, (key,), (item.segment.spoken,), 0))
            future, path = self._clips[key]
        future.result()
        return path

    def pcm(self, item: CastSegment) -> bytes:
        """The sentence's 16-bit PCM at CLIP_RATE."""
        import wave

        with wave.open(str(self._path(item)), "rb") as handle:
            return handle.readframes(handle.getnframes())

    def clip(self, item: CastSegment) -> Clip:
        """The sentence as a Clip with its loudness measured, as produce's levelling takes it."""
        import numpy as np

        from narrator.audio.loudness import measure_loudness

        path = self._path(item)
        samples = np.frombuffer(self.pcm(item), dtype="<i2")
        return Clip(path, CLIP_RATE, samples.size, measure_loudness(samples, CLIP_RATE))

    def close(self) -> None:
        with self._lock:
            for future, _ in self._batches:
                future.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._folder, ignore_errors=True)


def _preload() -> None:
    """Import the engines while the article is read, so the first sentence starts sooner."""
    import narrator.engines
    import narrator.synth.synthesis  # noqa: F401


def pause_before(items: Sequence[CastSegment], index: int, first: bool) -> int:
    """Samples of silence before sentence ``index``: the podcast's pauses, none before the first heard."""
    if first or index == 0:
        return 0
    from narrator.config import AudioSettings
    from narrator.produce.episode import pause_between

    return round(pause_between(items[index - 1], items[index], AudioSettings()) * CLIP_RATE)


def warm_up() -> None:
    """Import what the pauses need while the first sentence plays (produce is large)."""
    import importlib

    threading.Thread(target=importlib.import_module, args=("narrator.produce.episode",), daemon=True).start()
