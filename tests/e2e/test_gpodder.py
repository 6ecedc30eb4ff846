"""gPodder's `gpo` subscribes over loopback, downloads every episode intact, and sees exactly one new
episode after a rebuild: a real client, not our own parser, reading the feed and the server."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from publish_helpers import make_channel, make_episode, needs_audio_tools

from narrator.publish.serve import OutputServer, start_server
from narrator.publish.site import publish
from narrator.publish.validate import validate_output

pytestmark = [
    pytest.mark.slow,
    needs_audio_tools,
    pytest.mark.skipif(
        shutil.which("gpo") is None, reason="gPodder's gpo is not installed (apt install gpodder)"
    ),
]


def gpo(env: dict[str, str], *args: str) -> str:
    # gpo exits 0 even when a download fails, so callers check the files, not the exit code.
    result = subprocess.run(["gpo", *args], env=env, capture_output=True, text=True, timeout=180, check=True)
    return result.stdout


def digests(folder: Path, suffix: str = ".mp3") -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.glob(f"*{suffix}")}


def test_gpodder_subscribes_downloads_and_updates(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    server = start_server(out)
    try:
        channel = make_channel(base_url=server.url)
        day = datetime(2024, 4, 1, 9, tzinfo=timezone.utc)
        episodes = [
            make_episode(out, "first-story", "First story", day),
            make_episode(out, "second-story", "Second & <last> story", day.replace(day=2)),
        ]
        publish(channel, episodes, out, day.replace(day=3))
        env = {
            **os.environ,
            "GPODDER_HOME": str(tmp_path / "gpodder-home"),
            "GPODDER_DOWNLOAD_DIR": str(tmp_path / "downloads"),
        }
        gpo(env, "subscribe", server.url + "feed.xml")
        gpo(env, "download")
        folder = tmp_path / "downloads" / channel.title
        assert not list((tmp_path / "downloads").rglob("*.partial"))
        assert digests(folder) == digests(out / "episodes")

        episodes.append(make_episode(out, "third-story", "Third story", day.replace(day=4)))
        publish(channel, episodes, out, day.replace(day=5))
        assert "1 new episode" in gpo(env, "update")
        pending = [line.strip() for line in gpo(env, "pending").splitlines() if line.startswith("  ")]
        assert pending == ["Third story"]
        gpo(env, "download")
        assert not list((tmp_path / "downloads").rglob("*.partial"))
        assert digests(folder) == digests(out / "episodes")
        assert len(digests(folder)) == 3
    finally:
        server.shutdown()
        server.server_close()


def test_gpodder_downloads_a_built_m4a_podcast(m4a_site: OutputServer, tmp_path: Path) -> None:
    """`[audio] format = "m4a"` end to end: built, 0 problems, and gPodder fetches the AAC file intact."""
    out = m4a_site.root
    assert validate_output(out) == []
    env = {
        **os.environ,
        "GPODDER_HOME": str(tmp_path / "gpodder-home"),
        "GPODDER_DOWNLOAD_DIR": str(tmp_path / "downloads"),
    }
    gpo(env, "subscribe", m4a_site.url + "feed.xml")
    gpo(env, "download")
    assert not list((tmp_path / "downloads").rglob("*.partial"))
    (folder,) = [path for path in (tmp_path / "downloads").iterdir() if path.is_dir()]
    assert digests(folder, ".m4a") == digests(out / "episodes", ".m4a")
    assert len(digests(folder, ".m4a")) == 1
