"""Damaged build state that is only a cache: discarded and rebuilt, never a traceback (issue 13, item 17)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from narrator.synth.synthesis import SegmentCache

from .conftest import assert_feed_sound, narrator


def test_damaged_clip_and_episode_entries_are_rebuilt(podcast_copy: Path) -> None:
    """Valid JSON without its fields (`{}`) raised KeyError: 'samples' and aborted the build."""
    state = podcast_copy / "output" / ".narrator"
    clips = sorted((state / "cache").glob("*/*.json"))
    episodes = sorted((state / "episodes").glob("*.json"))
    assert clips and episodes
    damage = ["{}", "[]", '{"samples": "many", "loudness": -20}', "not json", '{"samples": 5, "loudness": 1}']
    for number, path in enumerate(clips):
        path.write_text(damage[number % len(damage)], encoding="utf-8")
    for number, path in enumerate(episodes):
        path.write_text(["[]", '{"side_files": 7}'][number % 2], encoding="utf-8")
    result = narrator("build", "--quiet", cwd=podcast_copy)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert_feed_sound(podcast_copy / "output")
    for path in clips:
        info = json.loads(path.read_text(encoding="utf-8"))
        wav = path.with_suffix(".wav")
        assert wav.stat().st_size == 44 + 2 * info["samples"], path


def test_a_truncated_clip_is_discarded(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path)
    key = "ab" + "0" * 62
    cache.put(key, np.ones(22050, dtype="<i2"), {"text": "x"})
    assert cache.get(key) is not None
    wav, meta = cache.paths(key)
    with open(wav, "r+b") as handle:
        handle.truncate(1000)
    assert cache.get(key) is None
    assert not meta.exists()
