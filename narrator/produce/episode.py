"""Clips → one episode: pauses that follow the text, matched voices, one loudness pass, a tagged audio
file with chapters (MP3 or M4A, see produce.formats), and transcripts timed from the stitched samples.

Memory stays flat in article length: the stream is never held whole, nor written to a temporary WAV. It is
rendered clip by clip (the clips are small files in the segment cache) three times: to measure its
loudness (ITU-R BS.1770, block by block), to measure it again lifted and limited, and finally straight
into one ffmpeg process that resamples, catches inter-sample peaks and encodes (engines.md, Assembly).
"""

from __future__ import annotations

import errno
import math
import statistics
import wave
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import numpy.typing as npt
from mutagen import MutagenError

from narrator.audio.loudness import LoudnessMeter
from narrator.config import AudioSettings, Channel
from narrator.errors import ProduceError
from narrator.fsutil import atomic_path, disk_full, disk_full_error
from narrator.models import Article, CastSegment, Chapter, Clip, Cue, Episode, Segment
from narrator.produce.formats import (
    ChapterMark,
    Encoding,
    PcmInput,
    Tags,
    cover_mime,
    duration_of,
    find_ffmpeg,
    open_encoder,
    write_tags,
)
from narrator.produce.transcripts import (
    NARRATOR,
    render_chapters_json,
    render_srt,
    render_transcript_json,
    render_vtt,
)

Samples = npt.NDArray[np.float32]

SILENCE_DB = -50.0
"""A clip's edges quieter than this (dBFS) are engine padding and are trimmed away."""
LEAD_MARGIN = 0.015
TAIL_MARGIN = 0.04
"""Seconds kept before the first and after the last audible sample, so onsets and decays survive."""
FADE = 0.005
"""Seconds of fade at every clip edge, so no join clicks."""
LEAD_IN = 0.25
TAIL_OUT = 1.0
"""Silence at the very start and end of the episode."""
MAX_VOICE_GAIN_DB = 12.0
"""Voices differ by up to 12 LU across engines (engines.md); a larger correction means a bad measurement."""
LIMIT_DBFS = -2.0
"""Limiter ceiling: resampling and lossy decoding overshoot the limited samples, so 1 dB of margin keeps
the true peak ≤ -1 dBTP."""
ATTACK = 0.005
HOLD = 0.05
"""Limiter look-ahead and hold in seconds: gain falls before a peak and recovers after it."""
UNKNOWN_SPEAKER = "Unknown speaker"
INTRO_CHAPTER = "Introduction"
OUTRO_CHAPTER = "Closing"
_FRAMING = ("intro", "outro")
_BREAKS = ("heading", "intro", "outro")


@dataclass(frozen=True)
class Placement:
    """One clip in the stream: the silence before it and the gain that matches its voice."""

    item: CastSegment
    clip: Clip
    pause: int
    """Samples of silence before the clip."""
    gain_db: float


def produce_episode(
    article: Article,
    items: Sequence[CastSegment],
    clips: Sequence[Clip],
    channel: Channel,
    episodes_dir: Path,
    slug: str,
    *,
    artwork: Path | None = None,
    published: datetime | None = None,
) -> Episode:
    """Write episodes_dir/<slug>.mp3 (or the channel's other format) and its side files atomically, and
    describe the result."""
    if len(items) != len(clips):
        raise ValueError(f"{len(items)} items but {len(clips)} clips: they must pair up one to one")
    if not items:
        raise ProduceError(
            f'article "{article.title}" has nothing to speak; check that its body is not empty'
        )
    find_ffmpeg()  # before any work: the one clear error when it is missing
    audio_format = channel.audio.format
    stream = level_stream(items, clips, channel.audio, name=f'episode "{slug}"')
    cues = stream_cues(stream)
    chapters = plan_chapters(article, items, stream.starts)
    paths = {
        "vtt": episodes_dir / f"{slug}.vtt",
        "srt": episodes_dir / f"{slug}.srt",
        "transcript": episodes_dir / f"{slug}.transcript.json",
        "chapters": episodes_dir / f"{slug}.chapters.json",
    }
    audio_path = episodes_dir / f"{slug}{audio_format.suffix}"
    try:
        with ExitStack() as renames:
            # Every file is finished beside its target before any is renamed into place.
            tmp = renames.enter_context(atomic_path(audio_path))
            encode(stream, channel.audio, tmp, name=str(audio_path))
            encoded = duration_of(audio_format, tmp)
            tags = episode_tags(article, channel, chapters, encoded, artwork=artwork, published=published)
            write_tags(audio_format, tmp, tags)
            # As apps will read it: an MP4's chapter track can end a fraction of a millisecond later.
            duration = duration_of(audio_format, tmp)
            side_texts = {
                "vtt": render_vtt(cues),
                "srt": render_srt(cues),
                "transcript": render_transcript_json(cues),
                "chapters": render_chapters_json(chapters),
            }
            for name, text in side_texts.items():
                side_tmp = renames.enter_context(atomic_path(paths[name]))
                side_tmp.write_text(text, encoding="utf-8")
    except (OSError, MutagenError) as exc:
        if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or disk_full(episodes_dir):
            raise disk_full_error(audio_path, _reason(exc)) from None
        raise ProduceError(f"cannot write episode {audio_path}: {_reason(exc)}; check the folder") from exc
    return Episode(
        slug=slug,
        title=article.title,
        article=article,
        audio=audio_path,
        duration=duration,
        size=audio_path.stat().st_size,
        chapters=tuple(chapters),
        cues=cues,
        side_files=paths,
        published=published,
        format=audio_format,
    )


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _stream_rate(clips: Sequence[Clip]) -> int:
    rates = sorted({clip.sample_rate for clip in clips})
    if len(rates) != 1:
        raise ProduceError(
            f"clips have mixed sample rates {rates}; synthesis must resample every clip to one rate"
        )
    return rates[0]


# --- the plan: pauses and voice gains ---------------------------------------------------------------


def pause_between(before: CastSegment, after: CastSegment, audio: AudioSettings) -> float:
    """Seconds of silence between two segments, read from the structure of the text."""
    a, b = before.segment, after.segment
    if (a.block != b.block and (a.block in _BREAKS or b.block in _BREAKS)) or (
        a.block == b.block == "heading" and a.paragraph != b.paragraph
    ):
        return audio.heading_pause
    pause = audio.paragraph_pause if a.paragraph != b.paragraph else audio.sentence_pause
    if before.voice.name != after.voice.name:
        pause = max(pause, audio.speaker_pause)
    return pause


def voice_gains(items: Sequence[CastSegment], clips: Sequence[Clip]) -> dict[str, float]:
    """A gain (dB) per voice name that brings its median clip loudness to the narrator's.

    Matching before joining keeps the episode's single normalisation from leaving one voice loud and
    another quiet (engines.md, Loudness).
    """
    by_voice: dict[str, list[Clip]] = {}
    for item, clip in zip(items, clips, strict=True):
        by_voice.setdefault(item.voice.name, []).append(clip)
    medians = {name: _median_loudness(voice_clips) for name, voice_clips in by_voice.items()}
    reference = medians.get(_narrator_name(items))
    gains: dict[str, float] = {}
    for name, median in medians.items():
        if reference is None or median is None:
            gains[name] = 0.0
        else:
            gains[name] = max(-MAX_VOICE_GAIN_DB, min(MAX_VOICE_GAIN_DB, reference - median))
    return gains


def _narrator_name(items: Sequence[CastSegment]) -> str:
    for item in items:
        if item.voice.narrator:
            return item.voice.name
    narration = [item for item in items if item.segment.kind == "narration"] or list(items)
    return narration[0].voice.name


def _median_loudness(clips: Sequence[Clip]) -> float | None:
    # Synthesis leaves loudness None only for clips too short to measure; they follow their voice's gain.
    known = [clip.loudness for clip in clips if clip.loudness is not None]
    return statistics.median(known) if known else None


def plan_stream(
    items: Sequence[CastSegment], clips: Sequence[Clip], audio: AudioSettings, rate: int
) -> list[Placement]:
    """Where each clip goes and how loud: the part of stitching that needs no audio."""
    gains = voice_gains(items, clips)
    plan = []
    for index, (item, clip) in enumerate(zip(items, clips, strict=True)):
        pause = LEAD_IN if index == 0 else pause_between(items[index - 1], item, audio)
        plan.append(Placement(item, clip, round(pause * rate), gains[item.voice.name]))
    return plan


# --- rendering and measuring the stream --------------------------------------------------------------


def read_clip(clip: Clip) -> Samples:
    """The clip's samples as float32 in [-1, 1); raises ProduceError naming a missing or bad file."""
    try:
        with wave.open(str(clip.path), "rb") as wav:
            params = wav.getparams()
            data = wav.readframes(params.nframes)
    except (OSError, EOFError, wave.Error) as exc:
        raise ProduceError(
            f"cannot read clip {clip.path}: {_reason(exc)}; delete it to re-synthesise"
        ) from exc
    if params.nchannels != 1 or params.sampwidth != 2 or params.framerate != clip.sample_rate:
        raise ProduceError(
            f"clip {clip.path} is {params.nchannels} channel(s), {8 * params.sampwidth}-bit, "
            f"{params.framerate} Hz; expected mono 16-bit at {clip.sample_rate} Hz"
        )
    return np.frombuffer(data, dtype="<i2").astype(np.float32) / np.float32(32768)


def shape_clip(samples: Samples, rate: int, gain_db: float, *, limit: bool = False) -> Samples:
    """Trim the engine's silent padding, fade both edges, apply the gain and, if asked, the limiter."""
    audible = np.flatnonzero(np.abs(samples) > 10 ** (SILENCE_DB / 20))
    if audible.size == 0:
        return samples[:0]
    start = max(0, int(audible[0]) - round(LEAD_MARGIN * rate))
    end = min(samples.size, int(audible[-1]) + 1 + round(TAIL_MARGIN * rate))
    shaped = samples[start:end] * np.float32(10 ** (gain_db / 20))
    fade = min(round(FADE * rate), shaped.size // 2)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, endpoint=False, dtype=np.float32)
        shaped[:fade] *= ramp
        shaped[-fade:] *= ramp[::-1]
    return limit_peaks(shaped, rate) if limit else shaped


def limit_peaks(samples: Samples, rate: int) -> Samples:
    """A look-ahead brick-wall limiter at LIMIT_DBFS.

    Done here rather than only in ffmpeg so the loudness measured is the loudness encoded: eSpeak peaks
    at 0 dBFS, so lifting speech to -19 LUFS pushes its peaks 2-5 dB over the ceiling.
    """
    ceiling = np.float32(10 ** (LIMIT_DBFS / 20))
    peaks = np.abs(samples)
    if samples.size == 0 or peaks.max() <= ceiling:
        return samples
    needed = np.minimum(np.float32(1), ceiling / np.maximum(peaks, ceiling))
    attack, hold = round(ATTACK * rate), round(HOLD * rate)
    # Each sample takes the smallest gain needed from `hold` samples back to `attack` samples ahead;
    # the moving average then stays within that window, so every peak still ends up under the ceiling.
    gain = window_min(needed, hold, attack)
    gain = window_mean(gain, (attack + 1) // 2, attack - (attack + 1) // 2)
    return np.clip(samples * gain, -ceiling, ceiling)


def window_min(x: Samples, before: int, after: int) -> Samples:
    """The minimum of ``x[i - before : i + after + 1]`` for every i, edges extended (van Herk/Gil-Werman:
    prefix and suffix minima over blocks of the window's length, so linear in the clip's length)."""
    width = before + after + 1
    total = x.size + width - 1
    total += -total % width
    blocks = np.concatenate([np.full(before, x[0]), x, np.full(total - x.size - before, x[-1])])
    blocks = blocks.reshape(-1, width)
    prefix = np.minimum.accumulate(blocks, axis=1).ravel()
    suffix = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(suffix[: x.size], prefix[width - 1 : width - 1 + x.size])


def window_mean(x: Samples, before: int, after: int) -> Samples:
    """The mean of ``x[i - before : i + after + 1]`` for every i, edges extended."""
    width = before + after + 1
    padded = np.concatenate([np.full(before, x[0]), x, np.full(after, x[-1])]).astype(np.float64)
    sums = np.concatenate([[0.0], np.cumsum(padded)])
    return ((sums[width:] - sums[:-width]) / width).astype(x.dtype)


def render(
    plan: Sequence[Placement], rate: int, gain_db: float | None = None
) -> Iterator[tuple[int, Samples]]:
    """(silence before, audio) per clip in stream order; the same every time for the same inputs.

    Without a gain the clips are only voice-matched; with one they are lifted to it and limited.
    """
    for placed in plan:
        samples = read_clip(placed.clip)
        if gain_db is None:
            yield placed.pause, shape_clip(samples, rate, placed.gain_db)
        else:
            yield placed.pause, shape_clip(samples, rate, placed.gain_db + gain_db, limit=True)


@dataclass(frozen=True)
class LevelledStream:
    """A stream planned and measured: where each clip goes, and the gain that brings it to the target."""

    plan: tuple[Placement, ...]
    rate: int
    gain_db: float
    spans: tuple[tuple[int, int], ...]
    """Each clip's audible (start, end) in samples; start == end for a clip with nothing audible."""

    @property
    def starts(self) -> list[float]:
        """Seconds from the start of the file to each clip's first audible sample."""
        return [start / self.rate for start, _ in self.spans]


def stream_cues(stream: LevelledStream) -> tuple[Cue, ...]:
    """A cue per clip with something audible (a lone symbol may have nothing), timed in the stream."""
    return tuple(
        Cue(
            start / stream.rate,
            end / stream.rate,
            placed.item.segment.text,
            speaker_name(placed.item.segment),
            placed.item.segment.block,
            placed.item.segment.paragraph,
        )
        for placed, (start, end) in zip(stream.plan, stream.spans, strict=True)
        if end > start
    )


def level_stream(
    items: Sequence[CastSegment], clips: Sequence[Clip], audio: AudioSettings, *, name: str
) -> LevelledStream:
    """Match the voices, then find the one gain that puts the limited stream on the target loudness for
    ``audio`` (-19 LUFS mono, -16 stereo, plus what its codec loses). An episode and a `narrator read -o`
    file are levelled here alike; ``name`` ('episode "x"') names the stream when it is silent."""
    rate = _stream_rate(clips)
    plan = tuple(plan_stream(items, clips, audio, rate))
    # Stereo duplicates the mono stream, which reads 3 LU louder (BS.1770 sums the channels).
    target = audio.target_lufs - 10 * math.log10(audio.channels) + audio.format.loudness_loss_db
    loudness, spans = measure_stream(plan, rate)
    if not math.isfinite(loudness):
        raise ProduceError(f"{name} is silent; check that the speech engine produces audio")
    # Limiting the peaks takes some loudness away; measuring the limited stream once more gives it back.
    gain = target - loudness
    limited, _ = measure_stream(plan, rate, gain)
    gain += target - limited
    return LevelledStream(plan, rate, gain, tuple(spans))


def measure_stream(
    plan: Sequence[Placement], rate: int, gain_db: float | None = None
) -> tuple[float, list[tuple[int, int]]]:
    """The stitched stream's integrated loudness and each clip's (start, end) in samples."""
    meter = LoudnessMeter(rate)
    spans = []
    position = 0
    for pause, audio in render(plan, rate, gain_db):
        meter.add(np.zeros(pause, dtype=np.float32))
        start = position + pause
        meter.add(audio)
        position = start + audio.size
        spans.append((start, position))
    meter.add(np.zeros(round(TAIL_OUT * rate), dtype=np.float32))
    return meter.integrated(), spans


# --- encoding and tags --------------------------------------------------------------------------------


def encoding_for(audio: AudioSettings, *, fast: bool = False) -> Encoding:
    """The episode's encoding: resampled, its inter-sample peaks caught, and (for stereo) duplicated;
    ``fast`` for a file someone is waiting for (``narrator read -o``)."""
    filters = [
        f"aresample={audio.sample_rate}",
        # Catches the peaks that resampling creates between samples. level=0: alimiter otherwise
        # re-normalises its output; latency=1 removes its look-ahead delay, keeping cue timing exact.
        f"alimiter=limit={10 ** (LIMIT_DBFS / 20):.4f}:level=0:latency=1",
    ]
    if audio.channels == 2:
        filters.append("pan=stereo|c0=c0|c1=c0")
    return Encoding(
        audio.format, bitrate=audio.bitrate, sample_rate=audio.sample_rate, filters=tuple(filters), fast=fast
    )


def encode(
    stream: LevelledStream, audio: AudioSettings, output: Path, *, name: str, fast: bool = False,
    purpose: str = "",
) -> None:
    """Render the stream again, straight into the encoder; raises ProduceError naming the file `name`
    with ffmpeg's reason (``purpose`` ends the message when ffmpeg is missing)."""
    encoding = encoding_for(audio, fast=fast)
    with open_encoder(encoding, PcmInput(stream.rate, "f32le"), output, name=name, purpose=purpose) as write:
        for pause, samples in render(stream.plan, stream.rate, stream.gain_db):
            write(np.zeros(pause, dtype="<f4").tobytes())
            write(samples.astype("<f4").tobytes())
        write(np.zeros(round(TAIL_OUT * stream.rate), dtype="<f4").tobytes())


def episode_tags(
    article: Article,
    channel: Channel,
    chapters: Sequence[Chapter],
    duration: float,
    *,
    artwork: Path | None = None,
    published: datetime | None = None,
) -> Tags:
    """What the episode's file says about itself: title, author, podcast, date, source, cover, chapters."""
    when = published or article.date
    if when is not None and when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    source_url = article.url or (
        article.source if article.source.startswith(("http://", "https://")) else None
    )
    ends = [chapter.start for chapter in chapters[1:]] + [duration]
    return Tags(
        title=article.title,
        artist=article.author or channel.author,
        album=channel.title,
        genre="Podcast",
        date=when,
        comment=source_url,
        cover=_cover(artwork) if artwork is not None else None,
        chapters=tuple(
            ChapterMark(chapter.start, end, chapter.title)
            for chapter, end in zip(chapters, ends, strict=True)
        ),
    )


def _cover(artwork: Path) -> bytes:
    try:
        data = artwork.read_bytes()
    except OSError as exc:
        raise ProduceError(f"cannot read artwork {artwork}: {_reason(exc)}") from exc
    if cover_mime(data) is None:
        raise ProduceError(f"artwork {artwork} is neither JPEG nor PNG; convert it to one of them")
    return data


# --- chapters and speakers ----------------------------------------------------------------------------


def speaker_name(segment: Segment) -> str:
    if segment.kind == "narration":
        return NARRATOR
    return segment.speaker or UNKNOWN_SPEAKER


def plan_chapters(article: Article, items: Sequence[CastSegment], starts: Sequence[float]) -> list[Chapter]:
    """Chapters for the intro, the article's start, each heading and the outro, at their first words.

    The first chapter starts at 0 so an app's chapter list covers the whole file.
    """
    chapters: list[Chapter] = []
    previous: Segment | None = None
    for index, (item, start) in enumerate(zip(items, starts, strict=True)):
        segment = item.segment
        if previous is None or segment.block != previous.block or segment.paragraph != previous.paragraph:
            title = None
            if segment.block == "intro":
                title = INTRO_CHAPTER
            elif segment.block == "outro":
                title = OUTRO_CHAPTER
            elif segment.block == "heading":
                title = heading_text(items, index)
            elif previous is None or previous.block in _FRAMING:
                title = article.title
            if title and not (chapters and chapters[-1].title == title):
                chapters.append(Chapter(start=0.0 if not chapters else start, title=title))
        previous = segment
    return chapters


def heading_text(items: Sequence[CastSegment], index: int) -> str:
    """The text of the heading whose first sentence is ``items[index]`` (all its sentences, joined)."""
    first = items[index].segment
    words = []
    for item in items[index:]:
        segment = item.segment
        if segment.block != "heading" or segment.paragraph != first.paragraph:
            break
        words.append(segment.text.strip())
    return " ".join(words)
