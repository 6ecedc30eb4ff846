"""Numbers longer than Python will convert (4,300 digits) in an article: `segments`, the build's reading of
an article and `read` all carry on, and such a number is read digit by digit (issue 13, item 11)."""

from __future__ import annotations

import json
from pathlib import Path

from narrator.build.stores import ReadingStore
from narrator.cast.casting import Cast, load_pool
from narrator.normalise.lexicon import Lexicon
from narrator.preparation import Machine, PodcastSettings
from narrator.read.options import ReadOptions
from narrator.read.reading import prepare_reading

from .conftest import ROOT, narrator

DIGITS = 4_400
HUGE = "7" * DIGITS


def huge_article(folder: Path) -> Path:
    path = folder / "huge.md"
    path.write_text(
        f"---\ntitle: A number of {HUGE} digits\n---\n\n"
        f"The meter read {HUGE} units, then -{HUGE}.5 and £{HUGE}m by the {HUGE}th day.\n",
        encoding="utf-8",
    )
    return path


def assert_read_digit_by_digit(spoken: str) -> None:
    assert not any(ch.isdigit() for ch in spoken)
    assert spoken.count("seven") >= 4 * DIGITS


def test_segments_reads_a_huge_number_digit_by_digit(tmp_path: Path) -> None:
    result = narrator("segments", str(huge_article(tmp_path)), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    segments = json.loads(result.stdout)["segments"]
    assert_read_digit_by_digit(" ".join(s["spoken"] for s in segments))
    assert HUGE in " ".join(s["text"] for s in segments)


def test_the_build_reads_an_article_with_a_huge_number(tmp_path: Path) -> None:
    settings = PodcastSettings(load_pool(ROOT / "voices" / "voices.toml"), Cast(), Lexicon(), "en-gb")
    machine = Machine(voice_problems={}, max_article_bytes=1_000_000)
    reading = ReadingStore(tmp_path / "output").read(str(huge_article(tmp_path)), settings, machine)
    article, segments = reading.article, reading.segments
    assert HUGE in article.title
    assert_read_digit_by_digit(" ".join(s.spoken for s in segments))


def test_read_prepares_an_article_with_a_huge_number(tmp_path: Path) -> None:
    reading = prepare_reading(str(huge_article(tmp_path)), ReadOptions(config=ROOT / "podcast.toml"))
    spoken = " ".join(item.segment.spoken for item in reading.items)
    assert_read_digit_by_digit(spoken)
    assert HUGE in reading.items[0].segment.text
