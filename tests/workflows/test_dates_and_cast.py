"""Issue 12, items 7 and 13: a text article keeps its date, and two builds never lose each other's cast."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from .conftest import EPOCH, NARRATOR, ORCHARD, Podcast, feed_items

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.mark.parametrize(
    "date_line",
    ["Published 2 April 2025", "Published: Wednesday 2 April 2025, 09:15", "April 2, 2025", "2025-04-02",
     "Updated 2 April 2025"],
)
def test_a_text_article_keeps_its_date_line(tmp_path, date_line: str) -> None:
    article = ORCHARD.replace("\n\n", f"\n\n{date_line}\n\n", 1)
    podcast = Podcast.create(tmp_path / "podcast", {"orchard.txt": article})
    podcast.build(built=1)
    assert len(feed_items(podcast.output)) == 1
    item = ET.parse(podcast.output / "feed.xml").getroot().find("channel/item")
    assert parsedate_to_datetime(item.findtext("pubDate")).date().isoformat() == "2025-04-02"
    segments = podcast.narrator("segments", "articles/orchard.txt")
    assert "2025" not in segments.stdout.split("Skipped:")[0], "the date line is not read aloud"


def test_a_wire_dateline_gives_the_date(tmp_path) -> None:
    article = ORCHARD.replace("Two small robots", "HEREFORD, April 2, 2025 — Two small robots", 1)
    podcast = Podcast.create(tmp_path / "podcast", {"orchard.txt": article})
    podcast.build(built=1)
    item = ET.parse(podcast.output / "feed.xml").getroot().find("channel/item")
    assert parsedate_to_datetime(item.findtext("pubDate")).date().isoformat() == "2025-04-02"


def test_two_builds_sharing_voices_keep_both_casts(tmp_path) -> None:
    podcast = Podcast.create(tmp_path / "podcast", {})
    for name, text in (("one", ORCHARD), ("two", ORCHARD.replace("Alice Green", "Bella Brown"))):
        (podcast.root / name).mkdir()
        (podcast.root / name / "story.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    builds = [
        subprocess.Popen([*NARRATOR, "build", "--quiet", "--articles", name, "--output", f"out-{name}"],
                         cwd=podcast.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("one", "two")
    ]
    for build in builds:
        _, stderr = build.communicate(timeout=300)
        assert build.returncode == 0, stderr
    cast = tomllib.loads((podcast.root / "voices" / "cast.toml").read_text())["speakers"]
    assert {"Alice Green", "Bella Brown"} <= set(cast)
