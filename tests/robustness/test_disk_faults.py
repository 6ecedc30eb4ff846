"""A full disk and a read-only output folder: a clear one-line error, and the previous feed intact.

The output folder is a small tmpfs mounted by the test (root with mount rights, as in CI's container);
elsewhere the tests skip, saying why."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import cli

from .conftest import assert_feed_sound, narrator


def mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=10)


@pytest.fixture
def output_on_tmpfs(podcast_copy: Path) -> Iterator[tuple[Path, Path]]:
    """The built podcast with its output folder moved onto a tmpfs just big enough to hold it."""
    root, output = podcast_copy, podcast_copy / "output"
    used = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    saved = root / "saved-output"
    output.rename(saved)
    output.mkdir()
    try:
        mount("-t", "tmpfs", "-o", f"size={used + 4 * 1024 * 1024}", "tmpfs", str(output))
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a small tmpfs here ({exc}); needs root with mount rights")
    try:
        shutil.copytree(saved, output, dirs_exist_ok=True, symlinks=True)
        yield root, output
    finally:
        subprocess.run(["umount", "-l", str(output)], capture_output=True, timeout=10)


def build(root: Path):
    result = CliRunner().invoke(
        cli, ["build", "--config", str(root / "podcast.toml"), "--executor", "thread", "--quiet"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def fill(output: Path) -> None:
    """Leave no free block on the file system."""
    fd = os.open(output / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 20, 1 << 12, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)


def test_a_full_disk_fails_cleanly_and_keeps_the_feed(output_on_tmpfs: tuple[Path, Path]) -> None:
    root, output = output_on_tmpfs
    feed = (output / "feed.xml").read_bytes()
    (root / "articles" / "long.txt").write_text(
        "A long new story\n\n" + "The harbour wall was rebuilt with new stone this week. " * 40,
        encoding="utf-8",
    )
    fill(output)
    result = build(root)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert errors and all("No space left on device" in e and "free some disk space" in e for e in errors)
    assert (output / "feed.xml").read_bytes() == feed
    (output / "filler").unlink()
    assert_feed_sound(output)


def test_a_full_disk_at_publish_keeps_the_feed(output_on_tmpfs: tuple[Path, Path]) -> None:
    root, output = output_on_tmpfs
    feed = (output / "feed.xml").read_bytes()
    config = root / "podcast.toml"
    config.write_text(config.read_text().replace('title = "Narrator Sample Podcast"', 'title = "Renamed"'))
    fill(output)
    result = build(root)
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr, result.stderr
    assert (output / "feed.xml").read_bytes() == feed
    (output / "filler").unlink()
    assert_feed_sound(output)


def test_a_read_only_output_folder(output_on_tmpfs: tuple[Path, Path]) -> None:
    root, output = output_on_tmpfs
    feed = (output / "feed.xml").read_bytes()
    (root / "articles" / "new.txt").write_text("News\n\nSomething new happened today.\n", encoding="utf-8")
    mount("-o", "remount,ro", str(output))
    result = build(root)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot write to output folder"), result.stderr
    assert str(output) in lines[0]
    assert (output / "feed.xml").read_bytes() == feed
    assert_feed_sound(output)


def test_a_full_disk_stops_the_build_at_once_with_one_line(output_on_tmpfs: tuple[Path, Path]) -> None:
    """Issue 13, item 10: eight articles on a full disk took 382 s, two saying ENOSPC and six "pyttsx3 did
    not finish within 60 s" (its worker hung on the WAV it could not write). The first full write now stops
    the build, which says so once."""
    root, output = output_on_tmpfs
    feed = (output / "feed.xml").read_bytes()
    for number in range(4):
        (root / "articles" / f"new-{number}.txt").write_text(
            f"New story {number}\n\n" + f"Story {number} says the tide came in early today. " * 12,
            encoding="utf-8",
        )
    fill(output)
    # Room for the articles' readings and the registry, not for their audio: the disk fills mid-synthesis.
    filler = output / "filler"
    os.truncate(filler, filler.stat().st_size - 400_000)
    result = narrator("build", "--quiet", cwd=root, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    assert "No space left on device" in errors[0] and "free some disk space" in errors[0]
    assert "did not finish" not in result.stderr
    assert (output / "feed.xml").read_bytes() == feed
