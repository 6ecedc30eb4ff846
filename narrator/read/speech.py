"""Speech for `narrator read`: sentences synthesised ahead of the listener, each waited for only by itself.

The batches are synth.planning's (streaming: each voice's first sentence alone, then doubling) and each
is spoken by synth.synthesis's ``speak_batch``, the same engine call, WAV checks, resampling and retry a
build uses. What is read's own is the scheduling: batches run on worker threads in this process (an
engine that loads a model keeps it loaded between sentences), clips stay in a private folder for the
session, and re-planning after a jump or a rate change cancels queued batches it no longer needs while
keeping every sentence already spoken. Clips are kept as WAV files, so writing a file (``-o``) hands
them to produce's levelling as they are. A sentence the listener is waiting for (the first, or where a
jump lands) that is not spoken yet is made in two parts, its first words alone (``lead_clause``): a
neural voice needs ~0.2 s of CPU per second of speech, so the first words are heard while the rest is
made.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from narrator.models import CastSegment, Clip, Voice
from narrator.read.voice_process import VoiceProcess, speak_clips
from narrator.synth.planning import CLIP_RATE, UTTERANCE_TIMEOUT, Batch, plan_batches

SpeechKey = tuple[Voice, str]
"""A clip in a session: the voice and the words it speaks."""

LEAD_WORDS = 4
"""Words a waited-for sentence starts with when spoken in two parts (about a second of speech)."""
PAUSE_MARKS = (",", ";", ":", "\u2014", "\u2013")


def lead_clause(text: str) -> tuple[str, str] | None:
    """``text`` as its first words and the rest: cut after a pause mark among the first 2 x LEAD_WORDS
    words when there is one, else after LEAD_WORDS words; None when the sentence is too short to gain."""
    words = text.split()
    if len(words) <= 2 * LEAD_WORDS:
        return None
    pauses = [i for i in range(2, 2 * LEAD_WORDS + 1) if words[i - 1].endswith(PAUSE_MARKS)]
    cut = pauses[0] if pauses else LEAD_WORDS
    return " ".join(words[:cut]), " ".join(words[cut:])


class Speech:
    """Synthesises a reading's sentences on worker threads, in the order they will be heard."""

    def __init__(
        self,
        *,
        context: str,
        workers: int | None = None,
        timeout: float = UTTERANCE_TIMEOUT,
        voices: VoiceProcess | None = None,
    ) -> None:
        """``voices`` speaks the voices of the narrator's engine in a process of its own (closed with
        this Speech); every other voice is spoken on this process's worker threads."""
        self.context = context
        self._voices = voices
        self.timeout = timeout
        self.workers = workers or max(2, os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="narrator-speech")
        self._folder = Path(tempfile.mkdtemp(prefix="narrator-read-"))
        self._lock = threading.Lock()
        self._clips: dict[SpeechKey, tuple[Future[None], Path]] = {}
        self._batches: list[tuple[Future[None], Batch[SpeechKey]]] = []
        self._parts: dict[SpeechKey, tuple[SpeechKey, SpeechKey]] = {}
        """Sentences spoken in two parts (``lead_clause``): the clips that make each."""
        self._count = 0
        if voices is None or voices.engine() is None:
            # (A voice process speaks the first sentence: this process waits for it, leaving it the cores.)
            self._pool.submit(_preload)

    def plan(
        self, items: Sequence[CastSegment], start: int, *, streaming: bool = True, waiting: bool = False
    ) -> None:
        """Synthesise ``items[start:]`` in order, after the batches already queued that it still needs.

        Without ``streaming`` (writing a file, where nobody waits for the first sentence) batches are as
        large as keeps every worker busy, so engines start as rarely as possible. With ``waiting`` (the
        listener waits for ``items[start]``) that sentence, when not spoken yet, is made in two parts.
        """
        rest = items[start:]
        keys = [(item.voice, item.segment.spoken) for item in rest]
        with self._lock:
            needed = set(keys)
            needed.update(part for key in keys for part in self._parts.get(key, ()))
            for future, batch in self._batches:
                if needed.isdisjoint(batch.keys):
                    future.cancel()
            self._clips = {key: entry for key, entry in self._clips.items() if not entry[0].cancelled()}
            self._parts = {key: parts for key, parts in self._parts.items()
                           if all(part in self._clips for part in parts)}
            self._batches = [(future, batch) for future, batch in self._batches if not future.done()]
            if waiting and streaming and rest and keys[0] not in self._clips and keys[0] not in self._parts:
                self._split(rest[0].voice, keys[0])
            batches = plan_batches(rest, keys, workers=self.workers, streaming=streaming,
                                   done=self._clips.keys() | self._parts.keys())
            for batch in batches:
                self._batches.append((self._submit(batch), batch))

    def _split(self, voice: Voice, key: SpeechKey) -> None:
        """Queue the sentence ``key`` as its lead clause and the rest, each alone (one per worker)."""
        parts = lead_clause(key[1])
        if parts is None:
            return
        keys = ((voice, parts[0]), (voice, parts[1]))
        for part in keys:
            if part not in self._clips:
                batch = Batch(voice, (part,), (part[1],), 0)
                self._batches.append((self._submit(batch), batch))
        self._parts[key] = keys

    def _submit(self, batch: Batch[SpeechKey]) -> Future[None]:
        paths = []
        for _ in batch.keys:
            self._count += 1
            paths.append(self._folder / f"{self._count}.wav")
        if self._voices is not None and self._voices.speaks(batch.voice):
            future = self._voices.submit(batch.voice, batch.texts, paths, self.timeout, self.context)
        else:
            future = self._pool.submit(speak_clips, batch.voice, batch.texts, paths, self.timeout,
                                       self.context)
        for key, path in zip(batch.keys, paths, strict=True):
            self._clips[key] = (future, path)
        return future

    def _path(self, item: CastSegment) -> Path:
        """The sentence's WAV, made whole, waiting for it to be synthesised (planning it if nobody did)."""
        key = (item.voice, item.segment.spoken)
        with self._lock:
            if key not in self._clips:
                self._submit(Batch(item.voice, (key,), (item.segment.spoken,), 0))
            future, path = self._clips[key]
        future.result()
        return path

    def pcm(self, item: CastSegment) -> bytes:
        """The sentence's 16-bit PCM at CLIP_RATE."""
        return _frames(self._path(item))

    def pcm_parts(self, item: CastSegment) -> Iterator[bytes]:
        """The sentence's 16-bit PCM in the parts it was made in (two for a waited-for sentence, see
        ``plan``), each as soon as it is ready."""
        key = (item.voice, item.segment.spoken)
        with self._lock:
            parts = self._parts.get(key)
            entries = [self._clips[part] for part in parts] if parts else None
        if entries is None:
            yield self.pcm(item)
            return
        for future, path in entries:
            future.result()
            yield _frames(path)

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
        if self._voices is not None:
            self._voices.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def _frames(path: Path) -> bytes:
    import wave

    with wave.open(str(path), "rb") as handle:
        return handle.readframes(handle.getnframes())


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
