"""Clips → one episode: pauses that follow the text, matched voices, one loudness pass, a tagged MP3
with chapters, and transcripts timed from the stitched samples.

Memory stays flat in article length: the stream is never held whole, nor written to a temporary WAV. It is
rendered clip by clip (the clips are small files in the segment cache) three times: to measure its
loudness (ITU-R BS.1770, block by block), to measure it again lifted and limited, and finally straight
into one ffmpeg process that resamples, catches inter-sample peaks and encodes (engines.md, Assembly).
"""

from __future__ import annotations

import errno
import math
import shutil
import statistics
import subprocess
import tempfile
import wave
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import numpy.typing as npt
from mutagen import MutagenError
from mutagen.id3 import APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TPE1, CTOCFlags
from mutagen.mp3 import MP3

from narrator.audio.loudness import LoudnessMeter
from narrator.config import AudioSettings, Channel
from narrator.errors import ProduceError
from narrator.fsutil import atomic_path
from narrator.models import Article, CastSegment, Chapter, Clip, Cue, Episode, Segment
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
"""Limiter ceiling: resampling and MP3 decoding overshoot the limited samples, so 1 dB of margin keeps the
true peak ≤ -1 dBTP."""
MP3_LOSS_DB = 0.45
"""libmp3lame's quantiser rounds toward zero: decoded audio reads 0.4-0.5 LU quieter at every bitrate
(measured on a 1 kHz sine and on eSpeak speech, 32-128 kbps), so the gain makes up for it."""
ENCODER_QUALITY = 5
"""LAME's -q: 5 costs about 24 CPU seconds per audio hour against 30 at its default 3 (measured), with the
psychoacoustic noise shaping that 64 kbps speech needs still on (7 and up turn it off)."""
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


def find_ffmpeg(purpose: str = "") -> str:
    """The ffmpeg program on PATH. Raises ProduceError with the install hint when there is none;
    ``purpose`` ends the message ("to write talk.mp3, or write a .wav instead")."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        hint = "ffmpeg not found on PATH; install it (Debian/Ubuntu: sudo apt install ffmpeg)"
        raise ProduceError(f"{hint} {purpose}" if purpose else hint)
    return ffmpeg


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
    """Write episodes_dir/<slug>.mp3 and its side files atomically and describe the result."""
    if len(items) != len(clips):
        raise ValueError(f"{len(items)} items but {len(clips)} clips: they must pair up one to one")
    if not items:
        raise ProduceError(
            f'article "{article.title}" has nothing to speak; check that its body is not empty'
        )
    ffmpeg = find_ffmpeg()
    rate = _stream_rate(clips)
    plan = plan_stream(items, clips, channel.audio, rate)
    # Stereo duplicates the mono stream, which reads 3 LU louder (BS.1770 sums the channels).
    target = channel.audio.target_lufs - 10 * math.log10(channel.audio.channels) + MP3_LOSS_DB
    loudness, spans = measure_stream(plan, rate)
    if not math.isfinite(loudness):
        raise ProduceError(f'episode "{slug}" is silent; check that the speech engine produces audio')
    # Limiting the peaks takes some loudness away; measuring the limited stream once more gives it back.
    gain = target - loudness
    limited, _ = measure_stream(plan, rate, gain)
    gain += target - limited

    cues = tuple(
        Cue(start / rate, end / rate, placed.item.segment.text, speaker_name(placed.item.segment))
        for placed, (start, end) in zip(plan, spans, strict=True)
        if end > start  # a clip with nothing audible (a lone symbol) gets no cue
    )
    chapters = plan_chapters(article, items, [start / rate for start, _ in spans])
    paths = {
        "vtt": episodes_dir / f"{slug}.vtt",
        "srt": episodes_dir / f"{slug}.srt",
        "transcript": episodes_dir / f"{slug}.transcript.json",
        "chapters": episodes_dir / f"{slug}.chapters.json",
    }
    audio_path = episodes_dir / f"{slug}.mp3"
    try:
        with ExitStack() as renames:
            # Every file is finished beside its target before any is renamed into place.
            tmp = renames.enter_context(atomic_path(audio_path))
            encode(plan, rate, gain, channel.audio, tmp, ffmpeg=ffmpeg, name=str(audio_path))
            duration = MP3(tmp).info.length
            write_tags(tmp, article, channel, chapters, duration, artwork=artwork, published=published)
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
        hint = "free some disk space" if getattr(exc, "errno", None) == errno.ENOSPC else "check the folder"
        raise ProduceError(f"cannot write episode {audio_path}: {_reason(exc)}; {hint}") from exc
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


def encoder_command(ffmpeg: str, rate: int, audio: AudioSettings, output: Path) -> list[str]:
    """One ffmpeg pass: resample, limiter, (stereo), CBR MP3, with nothing time- or build-dependent."""
    filters = [
        f"aresample={audio.sample_rate}",
        # Catches the peaks that resampling creates between samples. level=0: alimiter otherwise
        # re-normalises its output; latency=1 removes its look-ahead delay, keeping cue timing exact.
        f"alimiter=limit={10 ** (LIMIT_DBFS / 20):.4f}:level=0:latency=1",
    ]
    if audio.channels == 2:
        filters.append("pan=stereo|c0=c0|c1=c0")
    return [
        ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error",
        "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
        "-af", ",".join(filters),
        "-c:a", "libmp3lame", "-b:a", f"{audio.bitrate}k", "-compression_level", str(ENCODER_QUALITY),
        "-ar", str(audio.sample_rate),
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
        "-id3v2_version", "0", "-write_xing", "1",
        "-f", "mp3", "-y", str(output),
    ]  # fmt: skip


def encode(
    plan: Sequence[Placement],
    rate: int,
    gain_db: float,
    audio: AudioSettings,
    output: Path,
    *,
    ffmpeg: str,
    name: str,
) -> None:
    """Render the stream again, straight into the encoder; raises ProduceError naming the episode `name`
    with ffmpeg's reason."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            encoder_command(ffmpeg, rate, audio, output),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        assert process.stdin is not None
        try:
            try:
                for pause, samples in render(plan, rate, gain_db):
                    process.stdin.write(np.zeros(pause, dtype="<f4").tobytes())
                    process.stdin.write(samples.astype("<f4").tobytes())
                process.stdin.write(np.zeros(round(TAIL_OUT * rate), dtype="<f4").tobytes())
                process.stdin.close()
            except BrokenPipeError:
                pass  # ffmpeg stopped early; its exit status and message say why
            code = process.wait()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        if code != 0:
            errors.seek(0)
            lines = errors.read().decode("utf-8", "replace").strip().splitlines()
            reason = lines[-1] if lines else f"exit status {code}"
            raise ProduceError(f"ffmpeg could not encode {name}: {reason}")


def write_tags(
    path: Path,
    article: Article,
    channel: Channel,
    chapters: Sequence[Chapter],
    duration: float,
    *,
    artwork: Path | None = None,
    published: datetime | None = None,
) -> None:
    """ID3v2.3 tags (the version most podcast apps read chapters from), deterministic for equal inputs."""
    tags = ID3()
    tags.add(TIT2(encoding=3, text=article.title))
    tags.add(TPE1(encoding=3, text=article.author or channel.author))
    tags.add(TALB(encoding=3, text=channel.title))
    tags.add(TCON(encoding=3, text="Podcast"))
    when = published or article.date
    if when is not None:
        if when.tzinfo is not None:
            when = when.astimezone(timezone.utc)
        tags.add(TDRC(encoding=3, text=when.strftime("%Y-%m-%dT%H:%M:%S")))
    source_url = article.url or (
        article.source if article.source.startswith(("http://", "https://")) else None
    )
    if source_url:
        tags.add(COMM(encoding=3, lang="eng", desc="", text=source_url))
    if artwork is not None:
        tags.add(_cover(artwork))
    ids = [f"chp{index}" for index in range(len(chapters))]
    ends = [chapter.start for chapter in chapters[1:]] + [duration]
    for chapter_id, chapter, end in zip(ids, chapters, ends, strict=True):
        tags.add(
            CHAP(
                element_id=chapter_id,
                start_time=round(chapter.start * 1000),
                end_time=round(end * 1000),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    if chapters:
        tags.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text="Chapters")],
            )
        )
    tags.save(path, v2_version=3)


def _cover(artwork: Path) -> APIC:
    try:
        data = artwork.read_bytes()
    except OSError as exc:
        raise ProduceError(f"cannot read artwork {artwork}: {_reason(exc)}") from exc
    if data.startswith(b"\xff\xd8\xff"):
        mime = "image/jpeg"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    else:
        raise ProduceError(f"artwork {artwork} is neither JPEG nor PNG; convert it to one of them")
    return APIC(encoding=3, mime=mime, type=3, desc="Cover", data=data)


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
