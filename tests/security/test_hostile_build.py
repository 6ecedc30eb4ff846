"""A build over hostile articles: each bad one fails alone in one line, nothing secret or scripted is
published, and the feed that comes out passes every rule (issue 13, items 3, 4, 6, 7, 12, 13, 14, 22)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from narrator.publish.validate import validate_output

from .conftest import HostileBuild, error_lines, published_text

FAILING = {
    "alias-bomb.md": "aliases (*a) are not allowed",
    "bad-date.md": 'date "2024-13-01" in the front matter is not a date',
    "alarm.txt": 'lexicon rule 1 (regex "(a|aa)+$") ran out of time',
    "bad-script.script.md": "not text",
    "forged\\nError: all is well.txt": "the article is empty",
}


def test_each_bad_article_fails_alone_in_one_line(hostile_build: HostileBuild) -> None:
    """A name with a newline is shown escaped: it cannot forge a second Error: line (item 20)."""
    result = hostile_build.result
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    errors = error_lines(result.stderr)
    expected = dict(FAILING)
    if hostile_build.unreadable:
        expected["unreadable.txt"] = "cannot read it (Permission denied)"
    for name, reason in expected.items():
        matching = [line for line in errors if name in line]
        assert len(matching) == 1 and reason in matching[0], (name, errors)
    assert len(errors) == len(expected), errors
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith(f"8 built, 0 unchanged, {len(expected)} failed"), summary


def test_the_feed_of_a_hostile_build_passes_every_rule(hostile_build: HostileBuild) -> None:
    problems = [p for p in validate_output(hostile_build.output) if p.severity == "error"]
    assert not problems, problems
    titles = {item.findtext("title") for item in ET.parse(hostile_build.output / "feed.xml").iter("item")}
    assert {"A ferry returns", "Hugo style header", "Prices went up", "Café reopens"} <= titles


def test_script_links_are_never_published(hostile_build: HostileBuild) -> None:
    """Item 3: a javascript: url in front matter, og:url or a canonical link (even with a tab inside)
    used to become <a href="javascript:..."> on the pages and in the feed."""
    published = published_text(hostile_build.output)
    assert not re.search(r"java\s*script", published, re.IGNORECASE)
    assert "Script in the link" in published and "Tabbed script link" in published


def test_a_linked_article_is_refused_with_a_warning(hostile_build: HostileBuild) -> None:
    """Item 4: articles/passwd.txt -> /etc/passwd used to be published as an episode."""
    stderr = hostile_build.result.stderr
    warnings = [line for line in stderr.splitlines() if line.startswith("Warning: ") and "passwd.txt" in line]
    assert len(warnings) == 1 and "NARRATOR_FOLLOW_ARTICLE_LINKS=1" in warnings[0], stderr
    published = published_text(hostile_build.output)
    assert "secret account" not in published and "root:x:0:0" not in published
    assert not list(hostile_build.output.rglob("passwd*"))


def test_lone_surrogates_are_replaced_not_fatal(hostile_build: HostileBuild) -> None:
    """Item 12: YAML escapes made lone surrogates, and writing them raised UnicodeEncodeError."""
    titles = [item.findtext("title") for item in ET.parse(hostile_build.output / "feed.xml").iter("item")]
    assert "Broken \ufffd title" in titles


def test_tables_are_not_read_aloud_and_toml_front_matter_is_read(hostile_build: HostileBuild) -> None:
    """Item 22: Markdown tables were read as pipes; +++ front matter was taken as the title."""
    transcripts = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in (hostile_build.output / "episodes").glob("*.transcript.json")
    }
    spoken = {name: " ".join(s["body"] for s in data["segments"]) for name, data in transcripts.items()}
    table = next(text for name, text in spoken.items() if name.startswith("table"))
    assert "shop raised its prices" in table and "Customers were not pleased" in table
    assert "|" not in table and "Cake" not in table
    hugo = next(text for name, text in spoken.items() if name.startswith("hugo"))
    assert "+++" not in hugo and "title =" not in hugo


def test_a_cp1252_script_and_a_very_long_name_build(hostile_build: HostileBuild) -> None:
    """Item 14: a non-UTF-8 .script.md and a name near 255 bytes (whose script path is too long) each
    aborted the whole build."""
    names = {path.stem for path in (hostile_build.output / "episodes").glob("*.mp3")}
    assert any(name.startswith("cafe") for name in names), names
    assert any(name.startswith("xxxxxxxx") for name in names), names


def test_the_unreadable_article_is_named(hostile_build: HostileBuild) -> None:
    if not hostile_build.unreadable:
        pytest.skip("running as root without setpriv: chmod 000 does not stop root")
    assert any("unreadable.txt" in line for line in error_lines(hostile_build.result.stderr))
