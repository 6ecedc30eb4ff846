"""Segments to verified audio clips, through the engines and a content-addressed cache.

Every clip is a mono 16-bit WAV at ``CLIP_RATE``, resampled when it is created so that joining never
mixes rates (the ffmpeg concat demuxer garbles mixed rates). The cache key covers the engine and its
version, the voice settings and the spoken text, so lexicon changes re-synthesise exactly the segments
whose spoken text they change. Writes are atomic, so processes and hosts can share one cache folder.

Work is cut into batches of segments that share a voice (synth.planning, the planner `narrator read`
uses too) and dispatched through a ``concurrent.futures.Executor``. The task function is top-level and
takes only picklable values, so a Dask executor can run it on other machines; the task verifies each WAV
(``speak_batch``, which `narrator read` shares) and publishes it into the cache itself. Engines speak
every clip as if it were their first (``Engine.synthesise``), so how work is batched and where it lands
never changes a byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import wave
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import numpy as np

from narrator.audio.loudness import measure_loudness
from narrator.engines import Engine, get_engine, voice_fingerprint
from narrator.errors import DiskFullError, EngineError, SynthesisError, shorten
from narrator.fsutil import disk_full, disk_full_error, staging_folder, write_error
from narrator.models import CastSegment, Clip, Voice
from narrator.synth.planning import (
    CLIP_RATE,
    SILENT_SECONDS,
    UTTERANCE_TIMEOUT,
    Batch,
    cache_staging,
    plan_batches,
    pronounceable,
)

WAV_HEADER_BYTES = 44
"""The header ``write_wav`` writes before the samples."""


@dataclass
class CacheStats:
    """What one cache object has seen in this process: the tests count engine work with it."""

    hits: int = 0
    synthesised: int = 0
    batches: int = 0


@dataclass
class SegmentCache:
    """A folder of ``<key>.wav`` plus ``<key>.json`` (samples, loudness) sharded by key prefix.

    The JSON is written after the WAV, so its presence marks a complete entry.
    """

    directory: Path
    stats: CacheStats = field(default_factory=CacheStats)

    def __post_init__(self) -> None:
        self.directory = Path(self.directory)

    def key(self, voice: Voice, text: str) -> str:
        return cache_key(voice, text, voice_fingerprint(voice))

    def paths(self, key: str) -> tuple[Path, Path]:
        folder = self.directory / key[:2]
        return folder / f"{key}.wav", folder / f"{key}.json"

    def get(self, key: str) -> Clip | None:
        """The cached clip, or None. A damaged entry (its JSON unreadable or incomplete, its WAV missing or
        not the length the JSON states) is discarded, so the clip is synthesised again."""
        wav, meta = self.paths(key)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            info = None
        try:
            samples, loudness = int(info["samples"]), info["loudness"]  # type: ignore[index]
            loudness = None if loudness is None else float(loudness)
            intact = wav.stat().st_size == WAV_HEADER_BYTES + 2 * samples
        except (OSError, KeyError, TypeError, ValueError):
            intact = False
        if not intact:
            meta.unlink(missing_ok=True)
            return None
        return Clip(path=wav, sample_rate=CLIP_RATE, samples=samples, loudness=loudness)

    def put(self, key: str, samples: np.ndarray, description: dict[str, object]) -> Clip:
        """Store 16-bit samples at CLIP_RATE under ``key``; returns the clip.

        Both files are written in a staging folder and renamed into place, the JSON last: a writer killed
        midway leaves nothing in the shards, and its staging folder is swept by the next build.
        """
        wav, meta = self.paths(key)
        loudness = measure_loudness(samples, CLIP_RATE)
        info = {"samples": int(len(samples)), "loudness": loudness, **description}
        with staging_folder(self.staging) as folder:
            try:
                write_wav(folder / wav.name, samples, CLIP_RATE)
                (folder / meta.name).write_text(json.dumps(info, ensure_ascii=False, sort_keys=True), "utf-8")
                wav.parent.mkdir(parents=True, exist_ok=True)
                os.replace(folder / wav.name, wav)
                os.replace(folder / meta.name, meta)
            except OSError as exc:
                raise write_error(wav, exc) from None
        return Clip(path=wav, sample_rate=CLIP_RATE, samples=int(len(samples)), loudness=loudness)

    @property
    def staging(self) -> Path:
        return cache_staging(self.directory)


def cache_key(voice: Voice, text: str, engine_version: str) -> str:
    """sha256 over everything that changes the sound; the voice's name is left out on purpose.

    ``engine_version`` is ``voice_fingerprint(voice)``: the engine's version and, for model-based
    engines, the model's hash, so a swapped model is synthesised again.
    """
    material = {
        "engine": voice.engine,
        "version": engine_version,
        "id": voice.engine_id,
        "rate": voice.rate,
        "pitch": voice.pitch,
        "volume": voice.volume,
        "text": text,
        "clip": [CLIP_RATE, 1, 16],
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------- WAV files


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(np.asarray(samples, dtype="<i2").tobytes())


def read_engine_wav(path: Path) -> np.ndarray:
    """Read an engine's WAV as 16-bit samples at CLIP_RATE; EngineError if it is not mono 16-bit PCM."""
    try:
        with wave.open(str(path), "rb") as handle:
            channels, width, rate = handle.getnchannels(), handle.getsampwidth(), handle.getframerate()
            frames = handle.readframes(handle.getnframes())
    except FileNotFoundError:
        raise EngineError("the engine wrote no file") from None
    except (wave.Error, EOFError) as error:
        raise EngineError(f"the engine wrote an invalid WAV ({error})") from None
    if channels != 1 or width != 2:
        raise EngineError(
            f"the engine wrote {channels} channel(s) of {8 * width}-bit audio; need mono 16-bit"
        )
    samples = np.frombuffer(frames, dtype="<i2")
    if rate != CLIP_RATE and samples.size:
        samples = resample(samples, rate, CLIP_RATE)
    return samples


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Band-limited resampling by FFT (clips are sentence-sized, so one transform is cheap).

    Zero padding keeps the transform's circular wrap-around out of the clip; scipy would cost 0.9 s of
    import in every worker.
    """
    pad = rate // 10
    padded = np.concatenate((samples.astype(np.float64), np.zeros(pad)))
    length = round(len(padded) * target / rate)
    spectrum = np.fft.rfft(padded)
    bins = length // 2 + 1
    if bins > len(spectrum):
        spectrum = np.concatenate((spectrum, np.zeros(bins - len(spectrum), dtype=complex)))
    out = np.fft.irfft(spectrum[:bins], length) * (length / len(padded))
    out = out[: round(len(samples) * target / rate)]
    return np.clip(np.round(out), -32768, 32767).astype("<i2")


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def check_duration(samples: int, text: str, voice: Voice) -> None:
    """Reject durations no speaker could produce for the text: empty, truncated or runaway audio.

    Bounds are loose because numbers, initials and URLs are spelt out: at least a third of the time the
    word count needs at the voice's rate, at most four times that plus 0.25 s per character of symbols.
    """
    seconds = samples / CLIP_RATE
    words = word_count(text)
    expected = words * 60.0 / voice.rate
    lowest = 0.3 * expected
    highest = 4.0 * expected + 0.12 * len(text) + 2.0
    if seconds <= 0:
        raise EngineError("the engine wrote no audio")
    if seconds < lowest or seconds > highest:
        raise EngineError(
            f"{seconds:.2f} s of audio for {words} words at {voice.rate} wpm is implausible "
            f"(expected {lowest:.2f}-{highest:.2f} s)"
        )


# ---------------------------------------------------------------------------------------------- tasks


def synthesise_batch(
    cache_dir: str, voice: Voice, jobs: Sequence[tuple[str, str]], timeout: float
) -> list[Clip]:
    """Task run by an executor: speak ``jobs`` (key, text) with one voice, verify, publish to the cache.

    Top-level and picklable for process pools and Dask. Segments another worker finished meanwhile are
    taken from the cache. Raises SynthesisError naming the sentence.
    """
    cache = SegmentCache(Path(cache_dir))
    clips: dict[str, Clip] = {}
    todo = []
    for key, text in jobs:
        found = cache.get(key)
        if found is not None:
            clips[key] = found
        elif not pronounceable(text):
            clips[key] = cache.put(key, silence(), _describe(voice, text))
        else:
            todo.append((key, text))
    if todo:
        texts = [text for _, text in todo]
        try:
            with staging_folder(cache.staging) as staging:
                samples = speak_batch(voice, texts, staging, timeout)
        except DiskFullError:
            raise disk_full_error(cache.directory) from None
        for (key, text), clip_samples in zip(todo, samples, strict=True):
            clips[key] = cache.put(key, clip_samples, _describe(voice, text))
    return [clips[key] for key, _ in jobs]


def silence() -> np.ndarray:
    """The clip for text with nothing to pronounce."""
    return np.zeros(round(SILENT_SECONDS * CLIP_RATE), dtype="<i2")


def speak_batch(voice: Voice, texts: Sequence[str], staging: Path, timeout: float) -> list[np.ndarray]:
    """Speak ``texts`` with one voice in one engine run; verified 16-bit samples at CLIP_RATE, in order.

    Text with nothing to pronounce becomes a short silence without the engine. A file that fails
    verification is spoken once more, alone in a fresh engine process: pyttsx3 occasionally writes an
    empty or truncated file (shared/engines.md); a second failure raises SynthesisError naming the
    sentence, as does an engine that fails outright. A full disk raises DiskFullError at once: every
    other sentence would fail the same way.
    """
    engine = get_engine(voice.engine)
    spoken = [index for index, text in enumerate(texts) if pronounceable(text)]
    results: dict[int, np.ndarray] = {index: silence() for index in range(len(texts)) if index not in spoken}
    failed = _speak_and_verify(engine, voice, texts, spoken, staging, results, timeout)
    for index, _ in failed:
        again = _speak_and_verify(engine, voice, texts, [index], staging, results, timeout)
        if again:
            raise SynthesisError(f'"{shorten(texts[index])}" with voice "{voice.name}": {again[0][1]}')
    return [results[index] for index in range(len(texts))]


def _speak_and_verify(
    engine: Engine,
    voice: Voice,
    texts: Sequence[str],
    indexes: Sequence[int],
    staging: Path,
    results: dict[int, np.ndarray],
    timeout: float,
) -> list[tuple[int, EngineError]]:
    """Speak and verify ``texts[i]`` for each i in ``indexes`` into ``results``; return the failures."""
    paths = {index: staging / f"{index}.wav" for index in indexes}
    for path in paths.values():
        path.unlink(missing_ok=True)
    try:
        engine.synthesise(voice, [(texts[index], paths[index]) for index in indexes], timeout)
    except Exception as error:
        # An engine that cannot write its file on a full disk fails in its own way (pyttsx3 used to hang
        # until its timeout); a full disk is what the whole build must hear about, at once.
        if isinstance(error, DiskFullError) or disk_full(staging):
            raise disk_full_error(staging) from None
        _raise_engine_failure(error, voice, [texts[index] for index in indexes])
    failed = []
    for index in indexes:
        try:
            samples = read_engine_wav(paths[index])
            check_duration(len(samples), texts[index], voice)
        except EngineError as error:
            if disk_full(staging):
                raise disk_full_error(staging) from None
            failed.append((index, error))
            continue
        results[index] = samples
        paths[index].unlink(missing_ok=True)
    return failed


def _describe(voice: Voice, text: str) -> dict[str, object]:
    return {"voice": voice.name, "engine": voice.engine, "engine_id": voice.engine_id, "text": text}


# ---------------------------------------------------------------------------------------------- planning


def _raise_engine_failure(error: Exception, voice: Voice, texts: Sequence[str]) -> NoReturn:
    """SynthesisError naming the sentence an engine failed on."""
    if isinstance(error, EngineError):
        if any(shorten(text, 60)[:40] in str(error) for text in texts):
            raise SynthesisError(str(error)) from None
        raise SynthesisError(f'"{shorten(texts[0])}": {error}') from None
    # A third-party engine's own bug must fail its segments, not the build.
    raise SynthesisError(
        f'"{shorten(texts[0])}": engine "{voice.engine}" failed ({type(error).__name__}: {error})'
    ) from None


def _plan(
    items: Sequence[CastSegment], cache: SegmentCache, *, workers: int, streaming: bool
) -> tuple[list[str], dict[str, Clip], list[Batch[str]]]:
    """Keys per item, clips already cached, and the batches that make the rest (each key once)."""
    fingerprints: dict[Voice, str] = {}
    keys = []
    for item in items:
        if item.voice not in fingerprints:
            fingerprints[item.voice] = voice_fingerprint(item.voice)
        keys.append(cache_key(item.voice, item.segment.spoken, fingerprints[item.voice]))
    cached: dict[str, Clip] = {}
    for key in dict.fromkeys(keys):
        clip = cache.get(key)
        if clip is not None:
            cached[key] = clip
    engines = {item.voice.engine for item in items}
    limits = {name: size for name in engines if (size := getattr(get_engine(name), "batch_size", None))}
    batches = plan_batches(
        items, keys, workers=workers, streaming=streaming, done=cached, batch_limits=limits
    )
    return keys, cached, batches


def iter_synthesise(
    items: Sequence[CastSegment],
    cache: SegmentCache,
    *,
    executor: Executor | None = None,
    context: str = "",
    timeout: float = UTTERANCE_TIMEOUT,
    progress: Callable[[int], None] | None = None,
    streaming: bool = True,
) -> Iterator[Clip]:
    """Yield each item's clip in order as soon as it is ready, synthesising ahead of the reader.

    With ``streaming`` the earliest segments are batched small so the first clip arrives quickly
    (``narrator read``); without it batches are sized to keep every core busy (``narrator build``).
    ``progress`` is called with the number of segments finished since the last call.
    """
    # A cluster executor says how many tasks it runs at once; batches are sized to keep them all busy.
    workers = getattr(executor, "slots", None) or os.cpu_count() or 1
    keys, clips, batches = _plan(items, cache, workers=workers, streaming=streaming)
    cache.stats.hits += sum(1 for key in set(keys) if key in clips)
    if progress and clips:
        progress(sum(1 for key in keys if key in clips))
    if not batches:
        for key in keys:
            yield clips[key]
        return
    own = executor is None
    pool = executor or ProcessPoolExecutor(max_workers=min(workers, len(batches)))
    futures: dict[str, Future[list[Clip]]] = {}
    try:
        submitted = []
        for batch in batches:
            jobs = list(zip(batch.keys, batch.texts, strict=True))
            future = pool.submit(synthesise_batch, str(cache.directory), batch.voice, jobs, timeout)
            submitted.append((batch, future))
            for key in batch.keys:
                futures[key] = future
        cache.stats.batches += len(batches)
        cache.stats.synthesised += sum(len(batch.keys) for batch in batches)
        done: set[int] = set()
        for key, item in zip(keys, items, strict=True):
            if key not in clips:
                future = futures[key]
                clips.update(_result(future, context, item))
                if progress and id(future) not in done:
                    done.add(id(future))
                    batch = next(b for b, f in submitted if f is future)
                    progress(sum(1 for k in keys if k in batch.keys))
            yield clips[key]
    finally:
        for future in futures.values():
            future.cancel()
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[list[Clip]], context: str, item: CastSegment) -> dict[str, Clip]:
    try:
        results = future.result()
    except BrokenExecutor as error:
        where = f'"{context}": ' if context else ""
        raise SynthesisError(
            f'{where}a synthesis worker died while speaking "{shorten(item.segment.spoken)}" ({error}); '
            "run the build again, and report the article if it happens every time"
        ) from None
    except SynthesisError as error:
        where = f'"{context}": ' if context else ""
        raise SynthesisError(f"{where}could not synthesise {error}") from None
    except EngineError as error:
        where = f'"{context}": ' if context else ""
        raise SynthesisError(
            f'{where}could not synthesise "{shorten(item.segment.spoken)}": {error}'
        ) from None
    return {Path(clip.path).stem: clip for clip in results}


def synthesise(
    items: Sequence[CastSegment],
    cache: SegmentCache,
    *,
    executor: Executor | None = None,
    context: str = "",
    timeout: float = UTTERANCE_TIMEOUT,
    progress: Callable[[int], None] | None = None,
) -> list[Clip]:
    """One verified clip per item, in input order; cached clips are not synthesised again.

    A failure raises SynthesisError naming ``context`` (the article) and the sentence.
    """
    return list(
        iter_synthesise(
            items,
            cache,
            executor=executor,
            context=context,
            timeout=timeout,
            progress=progress,
            streaming=False,
        )
    )

