"""Issue 12, items 7 and 13: a text article keeps its date, and two builds never lose each other's cast."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from .conftest import EPOCH, NARRATOR, ORCHARD, Podcast

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


DATED = {
    "published.txt": "Published 2 April 2025",
    "with-time.txt": "Published: Wednesday 2 April 2025, 09:15",
    "american.txt": "April 2, 2025",
    "iso.txt": "2025-04-02",
    "updated.txt": "Updated 2 April 2025",
}


def test_a_text_article_keeps_its_date_line_or_dateline(tmp_path) -> None:
    articles = {
        # Each article's own body: the same text twice would be a copy, which a build refuses.
        name: ORCHARD.replace("Robots in the orchard", f"Robots {n}").replace("this week", f"on day {n}")
        .replace("\n\n", f"\n\n{line}\n\n", 1)
        for n, (name, line) in enumerate(DATED.items())
    }
    articles["wire.txt"] = ORCHARD.replace("Robots in the orchard", "Robots on the wire").replace(
        "Two small robots", "HEREFORD, April 2, 2025 — Two small robots", 1
    )
    podcast = Podcast.create(tmp_path / "podcast", articles)
    podcast.build(built=len(articles))
    items = ET.parse(podcast.output / "feed.xml").getroot().iter("item")
    dates = {item.findtext("title"): parsedate_to_datetime(item.findtext("pubDate")).date() for item in items}
    assert len(dates) == len(articles) and {d.isoformat() for d in dates.values()} == {"2025-04-02"}, dates
    for name in articles:
        spoken = podcast.narrator("segments", f"articles/{name}").stdout.split("Skipped:")[0]
        assert "2025" not in spoken, f"{name}: the date is read aloud"


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
