"""End to end with the real engine: the sample articles become a podcast, and rebuilds are incremental."""

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from mutagen.mp3 import MP3
from publish_helpers import published_file

from narrator.build.pipeline import build
from narrator.cast.casting import load_pool
from narrator.cli import cli
from narrator.project import Project

ROOT = Path(__file__).parent.parent
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)

pytestmark = pytest.mark.audio


@pytest.fixture(scope="module")
def podcast(tmp_path_factory):
    """A copy of the repository's podcast folder with only the seed article, built once."""
    root = tmp_path_factory.mktemp("podcast")
    shutil.copy(ROOT / "podcast.toml", root)
    shutil.copytree(ROOT / "voices", root / "voices", ignore=shutil.ignore_patterns("cast.toml"))
    (root / "articles").mkdir()
    shutil.copy(ROOT / "articles" / "hms-argyll.txt", root / "articles")
    project = Project.at(config=root / "podcast.toml")
    events = []
    report = build(project, now=NOW, executor="local", listener=events.append)
    return project, report, events


def test_seed_episode_is_two_to_five_minutes_of_cbr_mp3(podcast):
    project, report, _ = podcast
    assert not report.failed, report
    audio = MP3(published_file(project.output, "hms-argyll"))
    assert 120 <= audio.info.length <= 300
    assert audio.info.sample_rate == 44100 and audio.info.bitrate == 64000


def test_seed_quotes_are_voiced_apart_from_the_narrator(podcast):
    project, _, _ = podcast
    cast = (project.voices / "cast.toml").read_text(encoding="utf-8")
    transcript = json.loads((published_file(project.output, "hms-argyll", ".transcript.json")).read_text())
    speakers = {segment["speaker"] for segment in transcript["segments"]}
    assert {"Theresa May", "Shinzo Abe", "Alasdair Magill", "Narrator"} <= speakers
    for name in ("Theresa May", "Shinzo Abe", "Alasdair Magill"):
        assert f'[speakers."{name}"]' in cast


def test_feed_lists_the_episode_with_its_real_size(podcast):
    project, report, _ = podcast
    feed = feedparser.parse((project.output / "feed.xml").read_bytes())
    assert not feed.bozo
    (entry,) = feed.entries
    (enclosure,) = entry.enclosures
    assert int(enclosure.length) == (published_file(project.output, "hms-argyll")).stat().st_size
    assert report.problems == ()


def test_segments_shows_the_voices_the_build_synthesised_with_the_neural_narrator(podcast):
    """One casting path: what `narrator segments` shows is what the build spoke, the neural narrator
    included (tests/test_preparation.py checks every sample article with eSpeak NG voices only)."""
    project, _, _ = podcast
    article = str(project.articles / "hms-argyll.txt")
    arguments = ["segments", "--format", "json", "--config", str(project.config), article]
    shown = CliRunner().invoke(cli, arguments)
    assert shown.exit_code == 0, shown.output
    segments = json.loads(shown.stdout)["segments"]
    clips = (project.output / ".narrator" / "cache").rglob("*.json")
    synthesised = {(info["voice"], info["text"]) for info in (json.loads(p.read_text()) for p in clips)}
    assert {(s["voice"], s["spoken"]) for s in segments} <= synthesised
    pool = load_pool(project.voices / "voices.toml")
    assert {pool.get(s["voice"]).engine for s in segments if s["kind"] == "narration"} == {"piper"}


def test_rebuild_reuses_and_an_edit_rebuilds_only_that_article(podcast):
    project, first, events = podcast
    assert {type(event).__name__ for event in events} >= {"Planned", "SegmentsSpoken", "EpisodeReady"}
    again = build(project, now=NOW)
    assert [r.status for r in again.results] == ["reused"]
    guid = json.loads((project.output / ".narrator" / "episodes.json").read_text())["episodes"]["hms-argyll"]
    extra = project.articles / "extra.txt"
    extra.write_text('A second story\n\n"It works," said Jane Roe.\n', encoding="utf-8")
    third = build(project, now=NOW)
    assert {r.slug: r.status for r in third.results} == {"hms-argyll": "reused", "extra": "built"}
    after = json.loads((project.output / ".narrator" / "episodes.json").read_text())["episodes"]["hms-argyll"]
    assert after["guid"] == guid["guid"]


def decoded(path: Path, rate: int = 44100):
    import subprocess

    import numpy as np

    pcm = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "f32le", "-ac", "1", "-ar", str(rate), "-"],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(pcm, dtype="<f4")


def test_seed_episode_loudness_and_every_voice_within_2_lu_of_the_narrator(podcast):
    import numpy as np
    import pyloudnorm

    project, _, _ = podcast
    episode = published_file(project.output, "hms-argyll")
    audio = decoded(episode)
    meter = pyloudnorm.Meter(44100)
    assert meter.integrated_loudness(audio) == pytest.approx(-19.0, abs=1.0)
    transcript = json.loads((published_file(project.output, "hms-argyll", ".transcript.json")).read_text())
    by_speaker: dict[str, list] = {}
    for cue in transcript["segments"]:
        part = audio[int(cue["startTime"] * 44100) : int(cue["endTime"] * 44100)]
        by_speaker.setdefault(cue["speaker"], []).append(part)
    loudness = {name: meter.integrated_loudness(np.concatenate(parts)) for name, parts in by_speaker.items()}
    narrator = loudness.pop("Narrator")
    for name, value in loudness.items():
        assert abs(value - narrator) <= 2.0, (name, value, narrator)


def test_unchanged_articles_are_not_read_again_and_edits_are(podcast, monkeypatch):
    import narrator.preparation as preparation

    project, _, _ = podcast
    calls = []
    real = preparation.read_article

    def counted(source, **options):
        calls.append(source)
        return real(source, **options)

    monkeypatch.setattr(preparation, "read_article", counted)
    build(project, now=NOW)
    assert calls == []
    story = project.articles / "hms-argyll.txt"
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    build(project, now=NOW)
    assert [Path(p).name for p in calls] == ["hms-argyll.txt"]
    assert len(list((project.output / ".narrator" / "readings").glob("*.json"))) == len(
        list(project.articles.iterdir())
    )
