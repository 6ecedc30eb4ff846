"""Producing an episode from real eSpeak NG clips: loudness, format, tags, chapters, transcripts, pauses."""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import wave
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import srt
import webvtt
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode
from mutagen.mp4 import MP4
from PIL import Image

from narrator.config import AudioSettings, Channel
from narrator.errors import NarratorError, ProduceError
from narrator.models import Article, CastSegment, Clip, Episode, Segment, Voice
from narrator.produce.episode import (
    LIMIT_DBFS,
    limit_peaks,
    pause_between,
    plan_chapters,
    produce_episode,
    voice_gains,
)
from narrator.produce.formats import M4A

NARRATOR = Voice("narrator", "espeak", "en-us", narrator=True)
ANNA = Voice("anna", "espeak", "en+f3", pitch=60, rate=160)
PUBLISHED = datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)


def seg(
    text: str, paragraph: int, sentence: int = 0, *, block: str = "paragraph", speaker: str | None = None
):
    kind = "quote" if speaker else "narration"
    return Segment(text, text, kind, speaker=speaker, paragraph=paragraph, sentence=sentence, block=block)


SCRIPT = [
    (seg("Test Pod. The Long Voyage, by Ann Writer.", 0, block="intro"), NARRATOR),
    (seg("Leaving port", 0, block="heading"), NARRATOR),
    (seg("The ship left port at dawn.", 1), NARRATOR),
    (seg("Nobody on the quay waved.", 1, 1), NARRATOR),
    (seg("We will be back before the winter.", 1, 2, speaker="Anna Smith"), ANNA),
    (seg("The sea stayed calm for three days.", 2), NARRATOR),
    (seg("Then the wind rose.", 2, 1), NARRATOR),
    (seg("The storm", 3, block="heading"), NARRATOR),
    (seg("Waves broke over the deck all night & the crew held on.", 4), NARRATOR),
    (seg("This has been Test Pod.", 0, block="outro"), NARRATOR),
]
SENTENCE_GAP = (5, 6)
PARAGRAPH_GAP = (4, 5)
HEADING_GAP = (6, 7)

ARTICLE = Article(
    title="The Long Voyage",
    blocks=(),
    source="articles/voyage.md",
    author="Ann Writer",
    url="https://example.com/voyage",
)
CHANNEL = Channel(
    title="Test Pod",
    description="A test podcast.",
    author="Pod Author",
    owner_name="Pod Author",
    owner_email="pod@example.com",
    language="en",
    category="News",
    base_url="https://example.com/",
)


def espeak_clip(path: Path, text: str, voice: Voice) -> Clip:
    """A clip as synthesis makes it: the espeak-ng CLI's WAV with its loudness measured (pyloudnorm)."""
    subprocess.run(
        [
            "espeak-ng",
            "-v",
            voice.engine_id,
            "-s",
            str(voice.rate),
            "-p",
            str(voice.pitch),
            "-w",
            str(path),
            text,
        ],
        check=True,
    )
    with wave.open(str(path)) as wav:
        rate, data = wav.getframerate(), wav.readframes(wav.getnframes())
    samples = np.frombuffer(data, dtype="<i2") / 32768
    return Clip(path, rate, samples.size, pyloudnorm.Meter(rate).integrated_loudness(samples))


@pytest.fixture(scope="module")
def cast(tmp_path_factory) -> tuple[list[CastSegment], list[Clip]]:
    folder = tmp_path_factory.mktemp("clips")
    items = [CastSegment(segment, voice) for segment, voice in SCRIPT]
    clips = [espeak_clip(folder / f"{n}.wav", i.segment.spoken, i.voice) for n, i in enumerate(items)]
    return items, clips


@pytest.fixture(scope="module")
def artwork(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("art") / "cover.jpg"
    Image.new("RGB", (64, 64), (200, 40, 40)).save(path, "JPEG")
    return path


@pytest.fixture(scope="module")
def episode(cast, artwork, tmp_path_factory) -> Episode:
    items, clips = cast
    out = tmp_path_factory.mktemp("episodes")
    return produce_episode(
        ARTICLE, items, clips, CHANNEL, out, "voyage", artwork=artwork, published=PUBLISHED
    )


def ebur128(path: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) as ffmpeg measures the decoded file."""
    result = subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "ebur128=peak=true",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = result.stderr[result.stderr.rindex("Summary:") :]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


def decode(path: Path) -> tuple[np.ndarray, int]:
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768, 44100


@pytest.mark.audio
def test_loudness_is_on_target_with_headroom(episode: Episode):
    integrated, true_peak = ebur128(episode.audio)
    assert abs(integrated - CHANNEL.audio.target_lufs) <= 1.0
    assert true_peak <= -1.0


@pytest.mark.audio
def test_stereo_is_louder_target_and_two_channels(cast, tmp_path: Path):
    items, clips = cast
    stereo = replace(CHANNEL, audio=AudioSettings(channels=2, bitrate=96))
    produced = produce_episode(ARTICLE, items, clips, stereo, tmp_path, "stereo")
    integrated, true_peak = ebur128(produced.audio)
    assert abs(integrated - (-16.0)) <= 1.0
    assert true_peak <= -1.0
    info = MP3(produced.audio).info
    assert (info.channels, info.bitrate) == (2, 96000)


@pytest.mark.audio
def test_mp3_is_cbr_64k_mono_44k(episode: Episode):
    info = MP3(episode.audio).info
    assert (info.version, info.layer) == (1, 3)
    assert info.bitrate_mode == BitrateMode.CBR
    assert (info.bitrate, info.sample_rate, info.channels) == (64000, 44100, 1)
    assert episode.duration == pytest.approx(info.length)
    assert episode.size == episode.audio.stat().st_size
    assert 10 < episode.duration < 60


@pytest.mark.audio
def test_tags_and_id3_chapters(episode: Episode, artwork: Path):
    tags = ID3(episode.audio)
    assert tags["TIT2"].text == ["The Long Voyage"]
    assert tags["TPE1"].text == ["Ann Writer"]
    assert tags["TALB"].text == ["Test Pod"]
    assert str(tags["TDRC"].text[0]).startswith("2024-05-01")
    assert tags.getall("COMM")[0].text == ["https://example.com/voyage"]
    cover = tags.getall("APIC")[0]
    assert (cover.mime, cover.data) == ("image/jpeg", artwork.read_bytes())
    chapters = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
    assert [frame.sub_frames["TIT2"].text[0] for frame in chapters] == [
        "Introduction",
        "Leaving port",
        "The storm",
        "Closing",
    ]
    assert [frame.start_time for frame in chapters] == [round(c.start * 1000) for c in episode.chapters]
    toc = tags.getall("CTOC")[0]
    assert list(toc.child_element_ids) == [frame.element_id for frame in chapters]
    # ffmpeg lists chapters in the order their frames are stored; mutagen alone stores the shortest first.
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(episode.audio)],
                           capture_output=True, text=True, check=True)
    listed = json.loads(probe.stdout)["chapters"]
    assert [(c["tags"]["title"], float(c["start_time"])) for c in listed] == [
        (c.title, pytest.approx(c.start, abs=0.001)) for c in episode.chapters
    ]


@pytest.mark.audio
def test_chapters_json(episode: Episode):
    data = json.loads(episode.side_files["chapters"].read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0"
    starts = [chapter["startTime"] for chapter in data["chapters"]]
    assert starts[0] == 0
    assert starts == sorted(starts)
    assert all(start < episode.duration for start in starts)
    assert [chapter["title"] for chapter in data["chapters"]][1] == "Leaving port"


@pytest.mark.audio
def test_transcripts_parse_and_name_speakers(episode: Episode):
    side = episode.side_files
    assert set(side) == {"vtt", "srt", "transcript", "chapters"}
    assert all(
        path.parent == episode.audio.parent and path.name.startswith("voyage.") for path in side.values()
    )
    captions = webvtt.read(str(side["vtt"])).captions
    assert [caption.voice for caption in captions] == [cue.speaker for cue in episode.cues]
    assert captions[4].voice == "Anna Smith" and captions[0].voice == "Narrator"
    assert html.unescape(captions[8].text) == SCRIPT[8][0].text  # "&" is escaped in WebVTT
    # The page's transcript sets headings apart and keeps paragraphs, so each cue says where it came from.
    assert [(cue.block, cue.paragraph) for cue in episode.cues] == [
        (segment.block, segment.paragraph) for segment, _ in SCRIPT
    ]
    subtitles = list(srt.parse(side["srt"].read_text(encoding="utf-8")))
    assert len(subtitles) == len(SCRIPT)
    assert subtitles[4].content == "Anna Smith: We will be back before the winter."
    transcript = json.loads(side["transcript"].read_text(encoding="utf-8"))
    assert transcript["version"] == "1.0.0"
    assert [s["body"] for s in transcript["segments"]] == [segment.text for segment, _ in SCRIPT]
    ends = [s["endTime"] for s in transcript["segments"]]
    starts = [s["startTime"] for s in transcript["segments"]]
    assert all(a < b <= c for a, b, c in zip(starts, ends, starts[1:] + [episode.duration], strict=True))


@pytest.mark.audio
def test_cues_match_the_decoded_audio(episode: Episode):
    samples, rate = decode(episode.audio)
    for cue in episode.cues:
        window = samples[int((cue.start - 0.1) * rate) : int((cue.start + 0.3) * rate)]
        onset = cue.start - 0.1 + np.flatnonzero(np.abs(window) > 0.003)[0] / rate
        assert abs(onset - cue.start) < 0.05


def silent_run(samples: np.ndarray, rate: int, around: float) -> float:
    """Length in seconds of the near-silent stretch of decoded audio containing `around`."""
    quiet = np.abs(samples) < 10 ** (-45 / 20)
    middle = int(around * rate)
    start = middle - np.argmin(quiet[middle::-1])
    end = middle + np.argmin(quiet[middle:])
    return (end - start) / rate


@pytest.mark.audio
def test_pauses_follow_the_text(episode: Episode):
    samples, rate = decode(episode.audio)
    cues = episode.cues

    def gap(pair: tuple[int, int]) -> float:
        before, after = cues[pair[0]], cues[pair[1]]
        return silent_run(samples, rate, (before.end + after.start) / 2)

    audio = CHANNEL.audio
    sentence, paragraph, heading = gap(SENTENCE_GAP), gap(PARAGRAPH_GAP), gap(HEADING_GAP)
    assert sentence < paragraph < heading
    assert sentence == pytest.approx(audio.sentence_pause, abs=0.1)
    assert paragraph == pytest.approx(audio.paragraph_pause, abs=0.1)
    assert heading == pytest.approx(audio.heading_pause, abs=0.1)


@pytest.mark.audio
def test_builds_are_byte_identical(cast, artwork, episode: Episode, tmp_path: Path):
    items, clips = cast
    again = produce_episode(
        ARTICLE, items, clips, CHANNEL, tmp_path, "voyage", artwork=artwork, published=PUBLISHED
    )
    digest = [hashlib.sha256(path.read_bytes()).hexdigest() for path in (episode.audio, again.audio)]
    assert digest[0] == digest[1]
    for name, path in episode.side_files.items():
        assert path.read_bytes() == again.side_files[name].read_bytes()


@pytest.mark.audio
def test_missing_ffmpeg_is_one_clear_error(cast, tmp_path: Path, monkeypatch):
    items, clips = cast
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ProduceError, match=r"^ffmpeg not found on PATH; install it"):
        produce_episode(ARTICLE, items, clips, CHANNEL, tmp_path / "out", "voyage")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.audio
def test_encoder_failure_leaves_the_old_episode_and_no_partial_files(cast, tmp_path: Path, monkeypatch):
    items, clips = cast
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "ffmpeg"
    fake.write_text("#!/bin/sh\necho 'voyage.mp3: No space left on device' >&2\nexit 1\n")
    fake.chmod(0o755)
    out = tmp_path / "out"
    out.mkdir()
    (out / "voyage.mp3").write_bytes(b"old episode")
    monkeypatch.setenv("PATH", str(tools))
    with pytest.raises(ProduceError) as error:
        produce_episode(ARTICLE, items, clips, CHANNEL, out, "voyage")
    assert (
        str(error.value)
        == f"ffmpeg could not encode {out / 'voyage.mp3'}: voyage.mp3: No space left on device"
    )
    assert sorted(path.name for path in out.iterdir()) == ["voyage.mp3"]
    assert (out / "voyage.mp3").read_bytes() == b"old episode"


@pytest.mark.audio
def test_unwritable_episodes_folder_is_one_clear_error(cast, tmp_path: Path):
    items, clips = cast
    blocked = tmp_path / "episodes"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(
        NarratorError, match=r"^cannot write .*voyage\.mp3: File exists; check that the folder exists"
    ):
        produce_episode(ARTICLE, items, clips, CHANNEL, blocked, "voyage")


M4A_CHANNEL = replace(CHANNEL, audio=AudioSettings(format=M4A))


@pytest.fixture(scope="module")
def m4a_episode(cast, artwork, tmp_path_factory) -> Episode:
    items, clips = cast
    out = tmp_path_factory.mktemp("m4a")
    return produce_episode(
        ARTICLE, items, clips, M4A_CHANNEL, out, "voyage", artwork=artwork, published=PUBLISHED
    )


@pytest.mark.audio
def test_m4a_is_aac_in_mp4_on_target_with_chapters_tags_and_cover(m4a_episode: Episode, artwork: Path):
    assert m4a_episode.audio.name == "voyage.m4a" and m4a_episode.format is M4A
    audio = MP4(m4a_episode.audio)
    assert audio.info.codec == "mp4a.40.2"  # AAC-LC
    assert 32_000 < audio.info.bitrate <= 72_000  # AAC averages under its 64 kbps over the pauses
    assert m4a_episode.duration == pytest.approx(audio.info.length)
    assert m4a_episode.size == m4a_episode.audio.stat().st_size
    integrated, true_peak = ebur128(m4a_episode.audio)
    assert abs(integrated - CHANNEL.audio.target_lufs) <= 1.0
    assert true_peak <= -1.0
    tags = audio.tags
    assert tags["\xa9nam"] == ["The Long Voyage"] and tags["\xa9ART"] == ["Ann Writer"]
    assert tags["\xa9alb"] == ["Test Pod"]
    assert tags["\xa9day"][0].startswith("2024-05-01") and tags["stik"] == [21]
    assert bytes(tags["covr"][0]) == artwork.read_bytes()
    # Nero chapters (what mutagen and most apps read) at the episode's chapter starts...
    assert [(round(c.start, 3), c.title) for c in audio.chapters] == [
        (round(c.start, 3), c.title) for c in m4a_episode.chapters
    ]
    # ...and a QuickTime chapter track (what Apple's apps read), which ffmpeg reads back.
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-show_streams", "-of", "json", str(m4a_episode.audio)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = json.loads(probe.stdout)
    assert [s["codec_tag_string"] for s in found["streams"]][:2] == ["mp4a", "text"]
    # The sample entry says 2 channels (QuickTime's habit); the AAC configuration, which decoders use, 1.
    assert (found["streams"][0]["sample_rate"], found["streams"][0]["channels"]) == ("44100", 1)
    assert [c["tags"]["title"] for c in found["chapters"]] == [c.title for c in m4a_episode.chapters]
    assert set(m4a_episode.side_files) == {"vtt", "srt", "transcript", "chapters"}


@pytest.mark.audio
def test_m4a_cues_match_the_decoded_audio_and_builds_are_byte_identical(
    cast, artwork, m4a_episode: Episode, tmp_path: Path
):
    samples, rate = decode(m4a_episode.audio)  # the encoder's priming is cut by the MP4 edit list
    for cue in m4a_episode.cues:
        window = samples[int((cue.start - 0.1) * rate) : int((cue.start + 0.3) * rate)]
        onset = cue.start - 0.1 + np.flatnonzero(np.abs(window) > 0.003)[0] / rate
        assert abs(onset - cue.start) < 0.05
    items, clips = cast
    again = produce_episode(
        ARTICLE, items, clips, M4A_CHANNEL, tmp_path, "voyage", artwork=artwork, published=PUBLISHED
    )
    assert again.audio.read_bytes() == m4a_episode.audio.read_bytes()


def test_unreadable_clip_names_the_file(tmp_path: Path):
    bad = tmp_path / "bad.wav"
    bad.write_text("not audio")
    item = CastSegment(seg("Hello.", 0), NARRATOR)
    with pytest.raises(ProduceError, match=r"cannot read clip .*bad\.wav"):
        produce_episode(ARTICLE, [item], [Clip(bad, 22050, 100)], CHANNEL, tmp_path / "out", "bad")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_pauses_rank_sentence_speaker_paragraph_heading():
    audio = AudioSettings()
    a = CastSegment(seg("One.", 1), NARRATOR)
    assert pause_between(a, CastSegment(seg("Two.", 1, 1), NARRATOR), audio) == audio.sentence_pause
    assert pause_between(a, CastSegment(seg("Hi.", 1, 1, speaker="Anna"), ANNA), audio) == audio.speaker_pause
    assert pause_between(a, CastSegment(seg("Three.", 2), NARRATOR), audio) == audio.paragraph_pause
    assert (
        pause_between(a, CastSegment(seg("Part two", 2, block="heading"), NARRATOR), audio)
        == audio.heading_pause
    )
    heading = CastSegment(seg("Part two", 2, block="heading"), NARRATOR)
    assert pause_between(heading, CastSegment(seg("Text.", 3), NARRATOR), audio) == audio.heading_pause
    intro = CastSegment(seg("Welcome.", 0, block="intro"), NARRATOR)
    assert pause_between(intro, a, audio) == audio.heading_pause


def test_voice_gains_match_medians_to_the_narrator(tmp_path: Path):
    items = [CastSegment(seg("x", 0), NARRATOR)] * 3 + [CastSegment(seg("y", 1, speaker="A"), ANNA)] * 2
    loudness = [-20.0, -21.0, None, -14.0, -16.0]
    clips = [Clip(tmp_path / f"{n}.wav", 22050, 22050, value) for n, value in enumerate(loudness)]
    assert voice_gains(items, clips) == {"narrator": 0.0, "anna": pytest.approx(-5.5)}


def test_limiter_keeps_peaks_under_the_ceiling_and_quiet_audio_untouched():
    rate = 22050
    t = np.arange(rate) / rate
    loud = (1.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    limited = limit_peaks(loud, rate)
    assert np.abs(limited).max() <= 10 ** (LIMIT_DBFS / 20) + 1e-6
    quiet = loud * np.float32(0.1)
    assert limit_peaks(quiet, rate) is quiet


def test_chapters_without_headings_are_intro_article_and_closing():
    items = [
        CastSegment(seg("Welcome.", 0, block="intro"), NARRATOR),
        CastSegment(seg("Body.", 0), NARRATOR),
        CastSegment(seg("More.", 1), NARRATOR),
        CastSegment(seg("Bye.", 0, block="outro"), NARRATOR),
    ]
    chapters = plan_chapters(ARTICLE, items, [0.25, 2.0, 4.0, 6.0])
    assert [(c.start, c.title) for c in chapters] == [
        (0.0, "Introduction"),
        (2.0, "The Long Voyage"),
        (6.0, "Closing"),
    ]


def test_window_filters_match_scipy_ndimage():
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    from narrator.produce.episode import window_mean, window_min

    rng = np.random.default_rng(3)
    for size in (1, 7, 5000):
        x = rng.random(size).astype(np.float32)
        expected = minimum_filter1d(x, size=1213, origin=1102 - 1213 // 2, mode="nearest")
        assert np.array_equal(window_min(x, 1102, 110), expected)
        smooth = uniform_filter1d(expected, size=111, mode="nearest")
        assert np.allclose(window_mean(expected, 55, 55), smooth, atol=1e-6)
