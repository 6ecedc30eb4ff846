"""Issue 12, items 1, 2 and 12: nothing a listener has is ever taken away by a failure, and the producer's
corrections survive edits to the article."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EPOCH, Podcast, feed_items, local_file

FAILING_FLITE = """#!/bin/sh
# A flite that answers questions about itself and fails every utterance, as a broken install would.
case "$1" in --version|-lv) exec /usr/bin/flite "$@";; esac
echo "flite: cannot open audio device" >&2
exit 1
"""


def speakers(podcast: Podcast, title: str) -> list[str]:
    """The speakers named in an episode's published WebVTT transcript, in order."""
    from xml.etree import ElementTree as ET

    root = ET.parse(podcast.output / "feed.xml").getroot()
    for item in root.iter("item"):
        if item.findtext("title") == title:
            for element in item.iter("{https://podcastindex.org/namespace/1.0}transcript"):
                if element.get("type") == "text/vtt":
                    text = local_file(podcast.output, element.get("url") or "").read_text(encoding="utf-8")
                    return [line.split(">", 1)[0][3:] for line in text.splitlines() if line.startswith("<v ")]
    raise AssertionError(f"no episode titled {title!r}")


def test_a_stale_correction_is_merged_and_a_broken_script_keeps_the_episode(built: Podcast) -> None:
    article, script = built.article("harbour.txt"), built.article("harbour.script.md")
    made = built.narrator("segments", str(article), "--format", "script", "-o", str(script))
    assert made.returncode == 0, made.stderr
    text = script.read_text(encoding="utf-8")
    assert "Q Bob Smith | " in text
    script.write_text(text.replace("Q Bob Smith | ", "Q Harbour Master | "), encoding="utf-8")
    built.build(built=1)
    assert "Harbour Master" in speakers(built, "Harbour ferry returns")

    # One word of the article changes: the script is stale, but its correction still fits a quote.
    article.write_text(article.read_text().replace("a winter", "a long winter"), encoding="utf-8")
    run = built.build(built=1)
    (warning,) = [line for line in run.lines("Warning: ") if "harbour.script.md" in line]
    assert "stale" in warning and "1 correction" in warning, warning
    assert "Harbour Master" in speakers(built, "Harbour ferry returns")

    # The quote itself is rewritten: that correction no longer fits and is reported, not applied silently.
    article.write_text(article.read_text().replace("more than we expected", "every day"), encoding="utf-8")
    run = built.build(built=1)
    (warning,) = [line for line in run.lines("Warning: ") if "harbour.script.md" in line]
    assert "more than we expected" in warning and "no longer" in warning, warning
    assert "Harbour Master" not in speakers(built, "Harbour ferry returns")

    # The command the warning suggests works and refreshes the script: the next build has no warning.
    command = warning.split("`")[1]
    assert command.startswith("narrator segments ") and "-o" in command, command
    refreshed = built.narrator(*command.split()[1:])
    assert refreshed.returncode == 0, refreshed.stderr
    run = built.build(built=0)
    assert not [line for line in run.lines("Warning: ") if "script" in line], run.stderr

    # A script the producer broke fails its article alone; the published episode stays as it was.
    before = feed_items(built.output)
    script.write_text(script.read_text().replace("N | ", "X | ", 1), encoding="utf-8")
    run = built.build(failed=1, built=0)
    (error,) = run.lines("Error: ")
    assert "harbour.script.md" in error and "line" in error, error
    (kept,) = [line for line in run.lines("Warning: ") if "harbour" in line]
    assert "last good episode" in kept, kept
    assert feed_items(built.output) == before


def test_the_documented_correction_command_works_as_written(podcast: Podcast) -> None:
    """README: ``narrator segments a.md --format script > a.script.md``; the shell empties the file first."""
    narrator = Path(sys.executable).parent / "narrator"
    command = f"{narrator} segments articles/harbour.txt --format script > articles/harbour.script.md"
    result = subprocess.run(
        ["sh", "-c", command], cwd=podcast.root, capture_output=True, text=True, timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert result.returncode == 0, result.stderr
    assert podcast.article("harbour.script.md").read_text().startswith("# narrator script")
    podcast.build(built=2)

    # An empty script (the producer's redirect failed half-way) is ignored, with a warning, every time.
    podcast.article("orchard.script.md").write_text("")
    for _ in range(2):
        run = podcast.build(built=0)
        (warning,) = [line for line in run.lines("Warning: ") if "orchard.script.md" in line]
        assert "empty" in warning, warning


@pytest.mark.skipif(not shutil.which("flite"), reason="flite is not installed (apt install flite)")
def test_an_engine_failure_keeps_the_last_good_episode(built: Podcast) -> None:
    before = feed_items(built.output)
    orchard = built.guid_of("Robots in the orchard")
    article = built.article("orchard.txt")
    article.write_text(
        article.read_text() + '\n"The pears are next," said Dora Flint, her neighbour.\n', encoding="utf-8"
    )
    cast = '[speakers."Dora Flint"]\nvoice = "dora"\npinned = true\n'
    (built.root / "voices" / "cast.toml").write_text(cast)
    bin_dir = built.root.parent / "bin"
    bin_dir.mkdir()
    (bin_dir / "flite").write_text(FAILING_FLITE)
    (bin_dir / "flite").chmod(0o755)

    run = built.build(failed=1, built=0, env={"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    (error,) = run.lines("Error: ")
    assert "orchard.txt" in error and "flite" in error, error
    (kept,) = [line for line in run.lines("Warning: ") if "orchard.txt" in line]
    assert "last good episode" in kept, kept
    assert feed_items(built.output)[orchard] == before[orchard]

    # Once the engine works again the new version replaces the old one under the same GUID.
    built.build(built=1)
    after = feed_items(built.output)
    assert after[orchard]["url"] != before[orchard]["url"]
    assert "Dora Flint" in speakers(built, "Robots in the orchard")


def test_a_deleted_article_leaves_the_feed_on_the_next_good_build(built: Podcast) -> None:
    orchard = built.guid_of("Robots in the orchard")
    audio = local_file(built.output, feed_items(built.output)[orchard]["url"])
    built.article("orchard.txt").unlink()
    built.forget(orchard)
    built.build(built=0)
    assert orchard not in feed_items(built.output)
    assert audio.exists(), "a listener who fetched the previous feed can still download the episode"
    built.build(built=0)
    assert not audio.exists(), "files no published feed names are removed"
