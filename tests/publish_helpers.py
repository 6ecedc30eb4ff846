"""Small real episodes for the publish, validate and serve tests: eSpeak NG speech encoded by ffmpeg,
with side files written by hand, so every test checks real MP3s (or M4As) without running the whole
pipeline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import pytest
from mutagen.id3 import APIC, ID3
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4, MP4Cover

from narrator.config import Channel
from narrator.models import Article, Block, Chapter, Cue, Episode
from narrator.produce.formats import M4A, AudioFormat
from narrator.produce.formats import MP3 as MP3_FORMAT

# A tiny valid JPEG for the ID3 cover frame (produce embeds the channel artwork the same way).
COVER = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f"
    "141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b08000100010101"
    "1100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504"
    "040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a2526"
    "2728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a83848586878889"
    "8a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5"
    "e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9"
)

needs_audio_tools = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("ffmpeg")), reason="espeak-ng and ffmpeg are needed"
)


def make_channel(base_url: str = "http://127.0.0.1:8765/", **changes: object) -> Channel:
    fields: dict[str, object] = {
        "title": "Test Podcast",
        "description": "Articles read aloud for the tests.",
        "author": "Test Author",
        "owner_name": "Test Owner",
        "owner_email": "owner@example.org",
        "language": "en",
        "category": "News",
        "subcategory": "Daily News",
        "base_url": base_url,
    }
    fields.update(changes)
    return Channel(**fields)  # type: ignore[arg-type]


def make_mp3(path: Path, text: str, title: str) -> None:
    """Speech from eSpeak NG encoded as CBR MPEG-1 Layer III with ID3 tags, like produce writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wav = path.with_suffix(".wav")
    subprocess.run(["espeak-ng", "-w", str(wav), text], check=True, capture_output=True)
    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(wav),
            "-ar",
            "44100",
            "-ac",
            "1",
            "-codec:a",
            "libmp3lame",
            "-b:a",
            "64k",
            "-id3v2_version",
            "3",
            "-metadata",
            "title=" + re.sub(r"[\x00-\x1f]", "", title),
            "-metadata",
            "artist=Test Author",
            "-metadata",
            "album=Test Podcast",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    wav.unlink()
    tags = ID3(path)
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=COVER))
    tags.save(path, v2_version=3)


def make_m4a(path: Path, text: str, title: str) -> None:
    """Speech from eSpeak NG encoded as AAC in MP4 (index first) with iTunes atoms and a cover."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wav = path.with_suffix(".wav")
    subprocess.run(["espeak-ng", "-w", str(wav), text], check=True, capture_output=True)
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(wav), "-ar", "44100", "-ac", "1",
         "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", "-f", "ipod", str(path)],
        check=True, capture_output=True,
    )  # fmt: skip
    wav.unlink()
    tags = MP4(path)
    tags["\xa9nam"] = [re.sub(r"[\x00-\x1f]", "", title)]
    tags["\xa9ART"] = ["Test Author"]
    tags["\xa9alb"] = ["Test Podcast"]
    tags["covr"] = [MP4Cover(COVER, imageformat=MP4Cover.FORMAT_JPEG)]
    tags.save()


def make_episode(
    output_dir: Path,
    slug: str,
    title: str,
    published: datetime | None = None,
    *,
    text: str = "Hello. This is a short test episode.",
    url: str | None = "https://example.org/articles/story?id=1&lang=en",
    script: Sequence[tuple[str, str, str]] | None = None,
    language: str | None = None,
    audio_format: AudioFormat = MP3_FORMAT,
) -> Episode:
    """An episode with its audio (MP3, or M4A with ``audio_format``), VTT, SRT, JSON transcript and
    chapters under output_dir/episodes.

    ``script`` is (block, speaker, text) per cue, spoken in order and timed in proportion to the text's
    length; each heading starts a chapter.
    """
    episodes = output_dir / "episodes"
    audio = episodes / f"{slug}{audio_format.suffix}"
    if script:
        text = " ".join(line for _, _, line in script)
    if audio_format is M4A:
        make_m4a(audio, text, title)
        duration = MP4(audio).info.length
    else:
        make_mp3(audio, text, title)
        duration = MP3(audio).info.length
    half = round(duration / 2, 3)
    if script:
        cues, chapters = _timed(script, duration, title)
    else:
        cues = (
            Cue(0.0, half, "Hello.", "Narrator"),
            Cue(half, round(duration, 3), "This is a short test episode.", "Anna Smith"),
        )
        chapters = (Chapter(0.0, "Start"), Chapter(half, "Second half"))
    vtt = episodes / f"{slug}.vtt"
    vtt.write_text(
        "WEBVTT\n\n" + "\n".join(f"{_ts(c.start)} --> {_ts(c.end)}\n<v {c.speaker}>{c.text}\n" for c in cues),
        encoding="utf-8",
    )
    srt = episodes / f"{slug}.srt"
    srt.write_text(
        "\n".join(
            f"{n}\n{_ts(c.start, ',')} --> {_ts(c.end, ',')}\n{c.speaker}: {c.text}\n"
            for n, c in enumerate(cues, 1)
        ),
        encoding="utf-8",
    )
    transcript = episodes / f"{slug}.transcript.json"
    transcript.write_text(
        json.dumps(
            {
                "version": "1.0.0",
                "segments": [
                    {"speaker": c.speaker, "startTime": c.start, "endTime": c.end, "body": c.text}
                    for c in cues
                ],
            }
        ),
        encoding="utf-8",
    )
    chapters_file = episodes / f"{slug}.chapters.json"
    chapters_file.write_text(
        json.dumps(
            {"version": "1.2.0", "chapters": [{"startTime": c.start, "title": c.title} for c in chapters]}
        ),
        encoding="utf-8",
    )
    article = Article(
        title=title,
        blocks=_blocks(script) if script else (Block("paragraph", text),),
        source=f"articles/{slug}.txt",
        author="Jane Writer",
        url=url,
        language=language,
    )
    return Episode(
        slug=slug,
        title=title,
        article=article,
        audio=audio,
        duration=duration,
        size=audio.stat().st_size,
        chapters=chapters,
        cues=cues,
        side_files={"vtt": vtt, "srt": srt, "transcript": transcript, "chapters": chapters_file},
        guid=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, slug)}",
        published=published or datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc),
        format=audio_format,
    )


def _blocks(script: Sequence[tuple[str, str, str]]) -> tuple[Block, ...]:
    return tuple(
        Block("heading", line, 2) if kind == "heading" else Block("paragraph", line)
        for kind, _, line in script
    )


def _timed(
    script: Sequence[tuple[str, str, str]], duration: float, title: str
) -> tuple[tuple[Cue, ...], tuple[Chapter, ...]]:
    total = sum(len(line) + 1 for _, _, line in script)
    cues, chapters = [], [Chapter(0.0, title)]
    position, paragraph = 0.0, 0
    for index, (block, speaker, line) in enumerate(script):
        end = position + duration * (len(line) + 1) / total
        if index and block != script[index - 1][0]:
            paragraph += 1
        cues.append(Cue(round(position, 3), round(end, 3), line, speaker, block, paragraph))
        if block == "heading":
            chapters.append(Chapter(round(position, 3), line))
        position = end
    return tuple(cues), tuple(chapters)


def _ts(seconds: float, sep: str = ".") -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{ms:03d}"


def published_file(output: Path, slug: str, suffix: str = ".mp3") -> Path:
    """The live feed's file of episode ``slug``: builds name each version ``<slug>-<tag>`` (issue 12)."""
    import xml.etree.ElementTree as ET

    for enclosure in ET.parse(output / "feed.xml").getroot().iter("enclosure"):
        name = (enclosure.get("url") or "").rsplit("/", 1)[-1]
        if re.fullmatch(rf"{re.escape(slug)}-[0-9a-f]{{10}}\.mp3", name):
            return output / "episodes" / (name.removesuffix(".mp3") + suffix)
    raise AssertionError(f"the feed has no episode {slug}")


ROOT = Path(__file__).resolve().parents[1]
STORY = """---
title: The harbour reopens
author: Jane Writer
---

The harbour reopened on Monday after a month of repairs. Fishing boats left before dawn.

## What the harbour master said

"We expect a calm week," said Jane Smith, the harbour master. She thanked the crews for their patience.
"""


def build_podcast(root: Path, base_url: str, audio_format: str = "m4a") -> Path:
    """A one-article podcast built by the real pipeline (eSpeak NG, ffmpeg) into root/output, for
    ``base_url``; returns the output folder."""
    from narrator.build.pipeline import build
    from narrator.project import Project

    root.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "podcast.toml").read_text(encoding="utf-8")
    assert "\n[audio]\n" in config, "the sample podcast.toml has an [audio] table"
    config = config.replace("\n[audio]\n", f'\n[audio]\nformat = "{audio_format}"\n', 1)
    (root / "podcast.toml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "voices", root / "voices", ignore=shutil.ignore_patterns("cast.toml"))
    (root / "articles").mkdir()
    (root / "articles" / "harbour.md").write_text(STORY, encoding="utf-8")
    project = Project.at(config=root / "podcast.toml")
    report = build(project, base_url=base_url, now=datetime(2024, 4, 1, 9, tzinfo=timezone.utc))
    assert not report.failed, report
    return project.output
