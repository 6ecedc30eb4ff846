"""Issue 12, item 3: a copied article never publishes duplicate episodes, and a feed that fails validation
never replaces the live one."""

from __future__ import annotations

import shutil

from .conftest import LIBRARY, Podcast, feed_items


def test_a_copied_article_is_refused_by_name_and_the_original_stays(built: Podcast) -> None:
    before = feed_items(built.output)
    shutil.copy(built.article("harbour.txt"), built.article("harbour-copy.txt"))
    run = built.build(failed=1, built=0)
    (error,) = run.lines("Error: ")
    assert "harbour-copy.txt" in error and "harbour.txt" in error, error
    assert feed_items(built.output) == before

    # Removing the copy ends the failure; the original was never touched.
    built.article("harbour-copy.txt").unlink()
    built.build(built=0)
    assert feed_items(built.output) == before


def test_an_invalid_result_leaves_the_live_feed_and_pages_byte_identical(built: Podcast) -> None:
    live = {name: (built.output / name).read_bytes() for name in ("feed.xml", "index.html")}
    built.article("library.txt").write_text(LIBRARY, encoding="utf-8")
    # A file the producer dropped into the output folder with a name podcast hosts mangle.
    stray = built.output / "Notes für später.txt"
    stray.write_text("to do")
    run = built.build(built=1, invalid=True)
    (problem,) = run.lines("Invalid: ")
    assert "Notes" in problem, problem
    assert "feed: not updated" in run.stdout, run.stdout
    assert {name: (built.output / name).read_bytes() for name in live} == live

    stray.unlink()
    built.check()
    built.build(built=0)
    assert "Library opens late" in [item["title"] for item in feed_items(built.output).values()]
