"""Output formats: the one place that maps a format to its codec, container, MIME type, suffix and tags.

pydub's ``AudioSegment.export(format=...)`` is the model. Produce (episodes) and read (``-o FILE``) hand
PCM to ``open_encoder`` and a ``Tags`` value to ``write_tags``; the feed, the pages, validate, serve and
the configuration ask an ``AudioFormat`` for its MIME type, suffix and allowed settings. A new format is
a new entry in ``FORMATS`` (plus its feed rules in validate).

Every encoding is reproducible byte for byte: no encoder version string, no metadata copied from the
input, no creation time (``-fflags +bitexact``, ``-map_metadata -1``; an MP4's header times stay 0).
The values load with nothing but the standard library's basics, and the encoding machinery (subprocess,
mutagen) only when used, because models, the configuration and the command's start-up import them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from narrator.errors import ProduceError

if TYPE_CHECKING:
    import subprocess

MP3_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
AAC_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 256, 320)
MP3_SAMPLE_RATES = (32000, 44100, 48000)
AAC_SAMPLE_RATES = (22050, 24000, 32000, 44100, 48000)
LAME_QUALITY = 5
"""LAME's -q for episodes: 5 costs about 24 CPU seconds per audio hour against 30 at its default 3
(measured), with the psychoacoustic noise shaping that 64 kbps speech needs still on (7 and up turn it
off)."""
LAME_FAST_QUALITY = 7
"""LAME's -q for a file someone is waiting for (``narrator read -o``): about half the time of -q 5; at
64 kbps speech the difference is hard to hear."""
ENCODER_SECONDS = 60.0
ENCODER_SECONDS_PER_AUDIO_SECOND = 0.25
"""ffmpeg's time limits: a minute for each step (a write, a probe), and for finishing a minute plus a
quarter of the audio's length. LAME needs about 1 % of it on one core (shared/engines.md), so a busy
machine stays far inside, and a hung encoder fails its episode in minutes instead of holding the build
for ever."""


def encoder_timeout(audio_seconds: float) -> float:
    return ENCODER_SECONDS + ENCODER_SECONDS_PER_AUDIO_SECOND * audio_seconds


@dataclass(frozen=True)
class AudioFormat:
    """An output format: what podcast.toml, ``read -o``, the feed, validate and serve know it by."""

    name: str
    """As written in podcast.toml (``[audio] format``)."""
    label: str
    """For people: "MP3", "M4A"."""
    suffix: str
    mime: str
    """The enclosure type and the Content-Type (Apple's list: audio/mpeg, audio/x-m4a)."""
    codec: str
    """ffmpeg's encoder."""
    container: str
    """ffmpeg's muxer."""
    bitrates: tuple[int, ...] = ()
    """Allowed constant bitrates in kbps; empty when the format has none to choose."""
    sample_rates: tuple[int, ...] = ()
    episode: bool = False
    """True when podcast apps accept it as an episode's enclosure."""
    tags: Literal["id3", "mp4", ""] = ""
    """Which tag writer it takes (ID3v2.3 with CHAP/CTOC, or MP4 atoms with chapter marks)."""
    audiobook: bool = False
    """Marked as an audiobook (MP4 media kind 2), so players keep the place and list the chapters."""
    loudness_loss_db: float = 0.0
    """How much quieter the decoded file reads than the samples encoded; produce's gain makes it up."""

    def encoder_options(self, *, bitrate: int, sample_rate: int | None, fast: bool = False) -> list[str]:
        """ffmpeg output options after the input: codec, bitrate, rate and container."""
        rate = ["-ar", str(sample_rate)] if sample_rate else []
        if self.name == "mp3":
            quality = LAME_FAST_QUALITY if fast else LAME_QUALITY
            return ["-c:a", self.codec, "-b:a", f"{bitrate}k", "-compression_level", str(quality), *rate,
                    "-id3v2_version", "0", "-write_xing", "1", "-f", self.container]  # fmt: skip
        if self.tags == "mp4":
            # The index goes first (faststart), so a browser or app can start playing while downloading.
            # ffmpeg's default two-loop AAC coder overshoots speech peaks by up to 2 dB at 64 kbps (true
            # peaks at 0 dBTP from a -2 dBFS limiter); its fast coder keeps them under -1.7 dBTP.
            return ["-c:a", self.codec, "-aac_coder", "fast", "-b:a", f"{bitrate}k", *rate,
                    "-movflags", "+faststart", "-f", self.container]  # fmt: skip
        if self.name == "ogg":
            return [*rate, *_ogg_codec(), "-f", self.container]  # Opus's own rate, when it is Opus, wins
        return ["-c:a", self.codec, *rate, "-f", self.container]


MP3 = AudioFormat(
    "mp3", "MP3", ".mp3", "audio/mpeg", "libmp3lame", "mp3", MP3_BITRATES, MP3_SAMPLE_RATES,
    episode=True, tags="id3",
    # libmp3lame's quantiser rounds toward zero: decoded audio reads 0.4-0.5 LU quieter at every bitrate
    # (measured on a 1 kHz sine and on eSpeak speech, 32-128 kbps).
    loudness_loss_db=0.45,
)  # fmt: skip
M4A = AudioFormat(
    # The ipod muxer writes the "M4A " brand Apple's apps expect of an .m4a.
    "m4a", "M4A", ".m4a", "audio/x-m4a", "aac", "ipod", AAC_BITRATES, AAC_SAMPLE_RATES,
    episode=True, tags="mp4",
    # Decoded AAC reads 0.1-0.2 LU quieter than its input (measured on the three sample articles,
    # 48-128 kbps, mono and stereo).
    loudness_loss_db=0.15,
)  # fmt: skip
M4B = AudioFormat(
    "m4b", "M4B audiobook", ".m4b", "audio/x-m4b", "aac", "ipod", AAC_BITRATES, AAC_SAMPLE_RATES,
    tags="mp4", audiobook=True,
)  # fmt: skip
WAV = AudioFormat("wav", "WAV", ".wav", "audio/wav", "pcm_s16le", "wav")
OGG = AudioFormat("ogg", "Ogg", ".ogg", "audio/ogg", "libvorbis", "ogg")

FORMATS: dict[str, AudioFormat] = {f.name: f for f in (MP3, M4A, M4B, WAV, OGG)}
EPISODE_FORMATS = tuple(f for f in FORMATS.values() if f.episode)


def format_named(name: str) -> AudioFormat:
    """The format called ``name`` (podcast.toml's ``[audio] format``)."""
    found = FORMATS.get(name.lower())
    if found is None:
        raise KeyError(name)
    return found


def format_for(path: Path | str) -> AudioFormat | None:
    """The format a file name's suffix stands for, or None."""
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS.values() if f.suffix == suffix), None)


def _ogg_codec() -> list[str]:
    """Vorbis, or Opus where this ffmpeg has no Vorbis encoder."""
    import subprocess

    listing = [find_ffmpeg(), "-hide_banner", "-encoders"]
    try:
        encoders = subprocess.run(listing, capture_output=True, text=True, timeout=encoder_timeout(0)).stdout
    except subprocess.TimeoutExpired:
        raise ProduceError(f"{listing[0]} -encoders did not answer; check the ffmpeg installation") from None
    if "libvorbis" in encoders:
        return ["-c:a", "libvorbis", "-q:a", "4"]
    if "libopus" in encoders:
        return ["-c:a", "libopus", "-b:a", "48k", "-ar", "24000"]
    raise ProduceError("this ffmpeg has neither libvorbis nor libopus; write .mp3, .m4a or .wav instead")


def find_ffmpeg(purpose: str = "") -> str:
    """The ffmpeg program on PATH. Raises ProduceError with the install hint when there is none;
    ``purpose`` ends the message ("to write talk.mp3, or write a .wav instead")."""
    import shutil

    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        hint = "ffmpeg not found on PATH; install it (Debian/Ubuntu: sudo apt install ffmpeg)"
        raise ProduceError(f"{hint} {purpose}" if purpose else hint)
    return ffmpeg


# ---------------------------------------------------------------------------------------------- encoding


@dataclass(frozen=True)
class PcmInput:
    """What is piped into the encoder: raw mono samples at one rate."""

    rate: int
    sample_format: Literal["s16le", "f32le"] = "s16le"


@dataclass(frozen=True)
class Encoding:
    """How to encode: the format and its settings, and the filters applied on the way."""

    format: AudioFormat
    bitrate: int = 64
    sample_rate: int | None = None
    """Output rate; None keeps the input's."""
    filters: tuple[str, ...] = ()
    """ffmpeg audio filters (resampling, limiting, mono to stereo)."""
    fast: bool = False
    """Trade a little quality for encoding speed (a file someone waits for)."""


def encoder_command(ffmpeg: str, pcm: PcmInput, encoding: Encoding, output: Path) -> list[str]:
    """One ffmpeg pass from PCM on stdin to ``output``, with nothing time- or build-dependent in it."""
    filters = ["-af", ",".join(encoding.filters)] if encoding.filters else []
    options = encoding.format.encoder_options(
        bitrate=encoding.bitrate, sample_rate=encoding.sample_rate, fast=encoding.fast
    )
    return [
        ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error",
        "-f", pcm.sample_format, "-ar", str(pcm.rate), "-ac", "1", "-i", "pipe:0",
        *filters, *options,
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
        "-y", str(output),
    ]  # fmt: skip


class Watchdog:
    """Kills a process that makes no progress: each step of the work (a write, the finish) gets a
    deadline, and a process still in that step when its deadline passes is killed (a hung ffmpeg would
    otherwise block a write for ever once the pipe is full). Between steps no clock runs, so a caller
    may take its time to produce the next block."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        import threading

        self.process = process
        self.expired: float | None = None
        """The time limit that ran out, if one did."""
        self._limit = 0.0
        self._deadline: float | None = None
        self._stopped = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._watch, daemon=True, name="narrator-watchdog")
        self._thread.start()

    def allow(self, seconds: float) -> None:
        """The process has ``seconds`` from now for its next step."""
        import time

        with self._changed:
            self._limit, self._deadline = seconds, time.monotonic() + seconds
            self._changed.notify()

    def rest(self) -> None:
        """The step is done; the next one gets its own deadline."""
        with self._changed:
            self._deadline = None

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify()
        self._thread.join()

    def _watch(self) -> None:
        import time

        with self._changed:
            while not self._stopped:
                if self._deadline is None:
                    self._changed.wait()
                    continue
                remaining = self._deadline - time.monotonic()
                if remaining <= 0:
                    self.expired = self._limit
                    self.process.kill()
                    return
                self._changed.wait(remaining)


@contextlib.contextmanager
def open_encoder(
    encoding: Encoding, pcm: PcmInput, output: Path, *, name: str, purpose: str = ""
) -> Iterator[Callable[[bytes], None]]:
    """``with open_encoder(...) as write:`` takes PCM and leaves the encoded file at ``output``.

    WAV without filters is written directly; everything else goes through one ffmpeg process, which has
    ENCODER_SECONDS for each write and ``encoder_timeout`` of the audio to finish. Raises ProduceError
    naming ``name`` with ffmpeg's reason (DiskFullError when the disk is full), or saying it was killed
    for taking too long; ``purpose`` ends the message when ffmpeg is missing. On an exception inside the
    block the encoder is stopped and the file is left unfinished (callers write to a temporary path and
    rename).
    """
    import subprocess
    import tempfile
    import wave

    from narrator.fsutil import disk_full, disk_full_error

    if encoding.format is WAV and not encoding.filters and pcm.sample_format == "s16le":
        with wave.open(str(output), "wb") as handle:
            handle.setnchannels(1)
            handle.setsampwidth(2)
            handle.setframerate(pcm.rate)
            yield handle.writeframes
        return
    ffmpeg = find_ffmpeg(purpose)
    bytes_per_second = pcm.rate * (2 if pcm.sample_format == "s16le" else 4)
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            encoder_command(ffmpeg, pcm, encoding, output),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        assert process.stdin is not None
        watchdog = Watchdog(process)
        fed = 0
        stopped = False

        def write(data: bytes) -> None:
            nonlocal fed, stopped
            if stopped:
                return
            watchdog.allow(ENCODER_SECONDS)
            try:
                process.stdin.write(data)
            except BrokenPipeError:
                stopped = True  # ffmpeg stopped early (or was killed); its exit status and message say why
            watchdog.rest()
            fed += len(data)

        try:
            yield write
            watchdog.allow(encoder_timeout(fed / bytes_per_second))
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
            code = process.wait()
        finally:
            watchdog.stop()
            if process.poll() is None:
                process.kill()
                process.wait()
        if watchdog.expired is not None:
            limit = watchdog.expired
            raise ProduceError(f"ffmpeg did not finish encoding {name} within {limit:.0f} s; killed it")
        if code != 0:
            errors.seek(0)
            lines = errors.read().decode("utf-8", "replace").strip().splitlines()
            reason = lines[-1] if lines else f"exit status {code}"
            if disk_full(output.parent):
                raise disk_full_error(Path(name), reason)
            raise ProduceError(f"ffmpeg could not encode {name}: {reason}")


def duration_of(audio_format: AudioFormat, path: Path) -> float:
    """Seconds of audio in an encoded file, as podcast apps will read it."""
    if audio_format.tags == "id3":
        from mutagen.mp3 import MP3 as MP3File

        return float(MP3File(path).info.length)
    if audio_format.tags == "mp4":
        from mutagen.mp4 import MP4

        return float(MP4(path).info.length)
    from mutagen import File as AudioFile

    opened = AudioFile(path)
    if opened is None:
        raise ProduceError(f"{path}: not a recognised audio file")
    return float(opened.info.length)


# ---------------------------------------------------------------------------------------------- tags


@dataclass(frozen=True)
class ChapterMark:
    start: float
    end: float
    title: str


@dataclass(frozen=True)
class Tags:
    """What an audio file says about itself; each tag writer maps it to its own frames or atoms."""

    title: str
    artist: str | None = None
    album: str | None = None
    genre: str | None = None
    date: datetime | None = None
    """In UTC."""
    comment: str | None = None
    """The source article's address."""
    cover: bytes | None = None
    """JPEG or PNG."""
    chapters: tuple[ChapterMark, ...] = ()


def cover_mime(data: bytes) -> str | None:
    """image/jpeg or image/png by the file's signature; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def write_tags(audio_format: AudioFormat, path: Path, tags: Tags) -> None:
    """Tag ``path`` (title, artist, album, date, cover, chapters) the way its format's players read them;
    deterministic for equal inputs. Formats without tags (WAV, Ogg) are left as they are."""
    if audio_format.tags == "id3":
        _write_id3(path, tags)
    elif audio_format.tags == "mp4":
        _write_mp4(path, tags, audio_format)


def _write_id3(path: Path, tags: Tags) -> None:
    """ID3v2.3 (the version most podcast apps read chapters from) with CHAP frames and a CTOC."""
    from mutagen.id3 import APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TPE1, CTOCFlags

    frames = ID3()
    frames.add(TIT2(encoding=3, text=tags.title))
    if tags.artist:
        frames.add(TPE1(encoding=3, text=tags.artist))
    if tags.album:
        frames.add(TALB(encoding=3, text=tags.album))
    if tags.genre:
        frames.add(TCON(encoding=3, text=tags.genre))
    if tags.date is not None:
        frames.add(TDRC(encoding=3, text=tags.date.strftime("%Y-%m-%dT%H:%M:%S")))
    if tags.comment:
        frames.add(COMM(encoding=3, lang="eng", desc="", text=tags.comment))
    if tags.cover is not None:
        frames.add(APIC(encoding=3, mime=cover_mime(tags.cover), type=3, desc="Cover", data=tags.cover))
    ids = [f"chp{index}" for index in range(len(tags.chapters))]
    for chapter_id, chapter in zip(ids, tags.chapters, strict=True):
        frames.add(
            CHAP(
                element_id=chapter_id,
                start_time=round(chapter.start * 1000),
                end_time=round(chapter.end * 1000),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    if tags.chapters:
        frames.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text="Chapters")],
            )
        )
    frames.save(path, v2_version=3)
    if len(tags.chapters) > 1:
        _chapter_frames_in_time_order(path)


def _chapter_frames_in_time_order(path: Path) -> None:
    """Put the tag's CHAP frames in order of start time, in place.

    mutagen writes frames of one kind shortest first, and ffmpeg (so ffprobe, and players built on it)
    lists chapters in the order their frames are stored, which put "Closing" first. The frames keep
    their bytes and the tag its size; only their order changes. Works on the ID3v2.3 tag that
    ``_write_id3`` has just written (no unsynchronisation, no extended header; frame sizes are plain
    32-bit numbers in v2.3).
    """
    with path.open("r+b") as handle:
        header = handle.read(10)
        if len(header) < 10 or header[:3] != b"ID3" or header[3] != 3 or header[5] & 0xC0:
            raise ProduceError(f"{path.name}: the ID3 tag just written is not a plain ID3v2.3 tag")
        size = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9]
        body = handle.read(size)
        frames, offset = [], 0
        while offset + 10 <= len(body) and body[offset] != 0:  # zeros: the padding after the frames
            end = offset + 10 + int.from_bytes(body[offset + 4 : offset + 8], "big")
            frames.append(body[offset:end])
            offset = end

        def start_ms(frame: bytes) -> int:
            element_end = frame.index(b"\0", 10)  # the element id, then start and end in milliseconds
            return int.from_bytes(frame[element_end + 1 : element_end + 5], "big")

        chapters = iter(sorted((frame for frame in frames if frame[:4] == b"CHAP"), key=start_ms))
        ordered = b"".join(next(chapters) if frame[:4] == b"CHAP" else frame for frame in frames)
        handle.seek(10)
        handle.write(ordered)


MP4_PODCAST, MP4_AUDIOBOOK = 21, 2
"""iTunes media kinds (the ``stik`` atom)."""


def _write_mp4(path: Path, tags: Tags, audio_format: AudioFormat) -> None:
    """Chapter marks muxed in by ffmpeg (a QuickTime chapter track, which Apple's apps read, and a Nero
    ``chpl`` list, which most others read), then iTunes atoms and the cover written by mutagen."""
    from mutagen.mp4 import MP4, MP4Cover

    if tags.chapters:
        _mux_chapters(path, tags.chapters, audio_format)
    file = MP4(path)
    if file.tags is None:
        file.add_tags()
    atoms = file.tags
    assert atoms is not None
    atoms["\xa9nam"] = [tags.title]
    for key, value in (("\xa9ART", tags.artist), ("\xa9alb", tags.album), ("\xa9gen", tags.genre),
                       ("\xa9cmt", tags.comment)):
        if value:
            atoms[key] = [value]
    if tags.date is not None:
        atoms["\xa9day"] = [tags.date.strftime("%Y-%m-%dT%H:%M:%SZ")]
    atoms["stik"] = [MP4_AUDIOBOOK if audio_format.audiobook else MP4_PODCAST]
    if tags.cover is not None:
        kind = MP4Cover.FORMAT_PNG if cover_mime(tags.cover) == "image/png" else MP4Cover.FORMAT_JPEG
        atoms["covr"] = [MP4Cover(tags.cover, imageformat=kind)]
    file.save()


def _mux_chapters(path: Path, chapters: Sequence[ChapterMark], audio_format: AudioFormat) -> None:
    """Copy the audio into a new MP4 with the chapters, in place of ``path``."""
    import subprocess
    import tempfile

    from narrator.fsutil import atomic_path

    ffmpeg = find_ffmpeg()
    lines = [";FFMETADATA1"]
    for chapter in chapters:
        title = chapter.title.replace("\\", "\\\\")
        for special in "=;#\n":
            title = title.replace(special, "\\" + special)
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(chapter.start * 1000)}",
                  f"END={round(chapter.end * 1000)}", f"title={title}"]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="narrator-chapters-") as scratch, atomic_path(path) as muxed:
        metadata = Path(scratch) / "chapters.txt"
        metadata.write_text("\n".join(lines) + "\n", encoding="utf-8")
        # Global tags come from the (empty) metadata file: the tag writer sets them afterwards.
        command = [
            ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(path),
            "-f", "ffmetadata", "-i", str(metadata), "-map", "0:a", "-map_chapters", "1",
            "-map_metadata", "1", "-c", "copy", "-fflags", "+bitexact", "-movflags", "+faststart",
            "-f", audio_format.container, "-y", str(muxed),
        ]  # fmt: skip
        limit = encoder_timeout(chapters[-1].end)
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=limit)
        except subprocess.TimeoutExpired:
            raise ProduceError(f"ffmpeg did not add chapters to {path.name} within {limit:.0f} s") from None
        if result.returncode != 0:
            errors = result.stderr.strip().splitlines()
            reason = errors[-1] if errors else f"exit status {result.returncode}"
            raise ProduceError(f"ffmpeg could not add chapters to {path.name}: {reason}")
