"""Builds killed with SIGKILL at several points, a second build while one runs, and stale temp files: the
published feed is valid after every step, never references a partial file, and the lock never goes stale."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from .conftest import assert_feed_sound, assert_one_line_error, narrator, partial_files

NEW_ARTICLE = "Council votes on the harbour wall\n\n" + " ".join(
    f'Speaker number {n} spoke at length about item {n} on the agenda. "Item {n} matters," said Ann Lee.'
    for n in range(1, 9)
)
HANGING_FLITE = """#!/bin/sh
# A flite that answers questions about itself and then hangs on every utterance.
case "$1" in --version|-lv) exec /usr/bin/flite "$@";; esac
exec sleep 120
"""


def start_build(
    root: Path, env: dict[str, str] | None = None, argv: list[str] | None = None
) -> subprocess.Popen:
    """A build in its own process group, so SIGKILL reaches its worker processes and engines too."""
    return subprocess.Popen(
        argv or [sys.executable, "-m", "narrator", "build", "--quiet"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )


def kill_when(process: subprocess.Popen, ready: Callable[[], bool], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, f"build ended before the kill point: {process.stderr.read()}"
        assert time.monotonic() < deadline, "kill point never reached"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def new_clips(cache: Path, before: set[Path]) -> bool:
    return any(p not in before for p in cache.rglob("*.json"))


def test_builds_killed_at_each_stage_leave_a_valid_feed_and_an_unstuck_lock(podcast_copy: Path) -> None:
    root, output = podcast_copy, podcast_copy / "output"
    first = assert_feed_sound(output)
    (root / "articles" / "council.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    cache = output / ".narrator" / "cache"
    before = set(cache.rglob("*.json"))

    # 1. During synthesis, held there by an engine that hangs; meanwhile a second build is refused.
    bin_dir = root / "bin"
    bin_dir.mkdir()
    (bin_dir / "flite").write_text(HANGING_FLITE)
    (bin_dir / "flite").chmod(0o755)
    (root / "voices" / "cast.toml").write_text('[speakers."Ann Lee"]\nvoice = "dora"\npinned = true\n')
    build = start_build(root, env={"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    lock = output / ".narrator" / "build.lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text() == f"pid {build.pid}" and new_clips(cache, before)):
        assert build.poll() is None, build.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    second = narrator("build", "--quiet", cwd=root)
    assert_one_line_error(second.returncode, second.stderr, str(output), f"pid {build.pid}", "wait")
    kill_when(build, lambda: True)
    assert assert_feed_sound(output) == first
    assert not list((output / "episodes").glob("council-*.mp3"))

    # 2. Mid-encode: as soon as the first temporary MP3 appears beside the episodes.
    (root / "voices" / "cast.toml").unlink()
    build = start_build(root)
    episodes = output / "episodes"
    kill_when(build, lambda: any(p.name.startswith(".council-") and ".mp3." in p.name
                                 for p in episodes.iterdir()))
    assert assert_feed_sound(output) == first
    assert not list((output / "episodes").glob("council-*.mp3"))

    # 3. During publish: killed between writing the pages and renaming the new feed into place.
    killer = textwrap.dedent(
        """
        import os, signal, sys
        import narrator.publish.site as publish
        real = publish.atomic_write_text
        def write(path, text):
            if path.name == "feed.xml":
                (path.parent / ".feed.xml.killed00.part.xml").write_text(text[: len(text) // 2])
                os.kill(os.getpid(), signal.SIGKILL)
            real(path, text)
        publish.atomic_write_text = write
        from narrator.cli import main
        sys.argv = ["narrator", "build", "--quiet"]
        main()
        """
    )
    build = start_build(root, argv=[sys.executable, "-c", killer])
    assert build.wait(timeout=180) == -signal.SIGKILL, build.stderr.read()
    assert assert_feed_sound(output) == first  # pages may be new; the feed is the old, complete one
    assert (output / ".feed.xml.killed00.part.xml").exists()

    # 4. The rerun finishes, lists the new episode with its real length, and sweeps the debris.
    final = narrator("build", "--quiet", cwd=root, timeout=180)
    assert final.returncode == 0, final.stderr
    assert narrator("validate", "output", cwd=root, timeout=60).returncode == 0
    items = assert_feed_sound(output)
    assert len(items) == 3 and any(path.name.startswith("council-") for path, _ in items.values())
    assert partial_files(output) == []
