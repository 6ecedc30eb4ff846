"""A hung encoder fails its episode (or its reading) clearly instead of holding the build for ever
(issue 13, item 8). ffmpeg is replaced by a script that never reads its input, and the time limit is
shortened so the test takes seconds."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

import narrator.produce.episode as episode
import narrator.produce.formats as formats
from narrator.errors import PlaybackError, ProduceError
from narrator.models import Article, Block
from narrator.read.options import ReadOptions
from narrator.read.session import read_aloud

ROOT = Path(__file__).parent.parent.parent
LIMIT = 3.0


@pytest.fixture
def hung_ffmpeg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An ffmpeg on PATH that writes its pid and sleeps without reading; the file holding that pid."""
    tools = tmp_path / "bin"
    tools.mkdir()
    pid_file = tmp_path / "ffmpeg.pid"
    script = tools / "ffmpeg"
    script.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 600\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(formats, "ENCODER_SECONDS", LIMIT)
    monkeypatch.setattr(formats, "ENCODER_SECONDS_PER_AUDIO_SECOND", 0.0)
    return pid_file


def assert_gone(pid_file: Path) -> None:
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_the_time_limit_grows_with_the_audio() -> None:
    assert formats.encoder_timeout(0) == formats.ENCODER_SECONDS
    assert formats.encoder_timeout(3600) > formats.encoder_timeout(60) > formats.encoder_timeout(0)


@pytest.mark.audio
def test_a_hung_encoder_fails_the_episode(hung_ffmpeg: Path, tmp_path: Path) -> None:
    from narrator.cast.casting import Cast, load_pool
    from narrator.config import load_channel
    from narrator.preparation import Framing, Machine, PodcastSettings, cast_article, segment_text
    from narrator.synth.synthesis import SegmentCache, synthesise

    body = Block("paragraph", "The encoder never answers. " * 20)
    article = Article(title="Hung", blocks=(body,), source="x")
    channel = load_channel(ROOT / "podcast.toml")
    settings = PodcastSettings(load_pool(ROOT / "voices" / "voices.toml"), Cast())
    machine = Machine({voice: None for voice in settings.pool.voices}, max_article_bytes=1_000_000)
    segments, _ = segment_text(article, settings, None)
    framing = Framing.for_channel(channel)
    items = cast_article("x", article, segments, settings, machine, framing=framing).items
    clips = synthesise(items, SegmentCache(tmp_path / "cache"))
    out = tmp_path / "episodes"
    out.mkdir()
    with pytest.raises(ProduceError, match=rf"did not finish encoding .*hung\.mp3 within {LIMIT:.0f} s"):
        episode.produce_episode(article, items, clips, channel, out, "hung",
                                published=datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert_gone(hung_ffmpeg)
    assert list(out.iterdir()) == []


@pytest.mark.audio
def test_a_hung_encoder_fails_read_to_a_file(hung_ffmpeg: Path, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("A story\n\n" + "The encoder never answers. " * 40 + "\n", encoding="utf-8")
    target = tmp_path / "story.mp3"
    options = replace(ReadOptions(config=ROOT / "podcast.toml"), output=target)
    with pytest.raises(ProduceError, match="ffmpeg did not finish encoding story.mp3 within 3 s; killed it"):
        read_aloud(str(article), options)
    assert_gone(hung_ffmpeg)
    assert not target.exists()


def test_no_subprocess_call_lacks_a_time_limit() -> None:
    """Every run() and communicate() of an external program in the package names a timeout; Popen users
    are the streaming encoders and workers above, each with its own watchdog."""
    calls = subprocess.run(
        ["grep", "-rn", "-E", r"subprocess\.run\(|\.communicate\(", str(ROOT / "narrator")],
        capture_output=True, text=True, check=False,
    ).stdout.splitlines()  # fmt: skip
    for call in calls:
        path, line_number, _ = call.split(":", 2)
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        statement = " ".join(lines[int(line_number) - 1 : int(line_number) + 3])
        assert "timeout" in statement, call


def test_a_stuck_player_is_killed_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A player that stops reading its pipe used to block the reader's write for ever."""
    import narrator.read.playback as playback

    player = tmp_path / "aplay"
    player.write_text("#!/bin/sh\nexec sleep 600\n")
    player.chmod(0o755)
    monkeypatch.setattr(playback, "STALL_SECONDS", 1.0)
    sink = playback.ProgramSink(str(player), 22050)
    block = bytes(2 * 1102)
    with pytest.raises(PlaybackError, match="aplay took no audio for 1 s"):
        for _ in range(2000):  # about 40 s of audio: far more than the pipe holds
            sink.write(block)
    assert sink._process.poll() is not None
