"""`narrator validate` checks every link the build writes, and survives absurd numbers (issue 13, items 3
and 19)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.publish.validate import link_scheme, validate_output

from .conftest import HostileBuild


@pytest.fixture
def output(hostile_build: HostileBuild, tmp_path: Path) -> Path:
    """A private copy of the hostile build's output, which validates clean."""
    copy = tmp_path / "output"
    shutil.copytree(hostile_build.output, copy, ignore=shutil.ignore_patterns(".narrator"))
    assert [p for p in validate_output(copy) if p.severity == "error"] == []
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(output: Path) -> list[str]:
    return [f"{p.rule} {p.message}" for p in validate_output(output) if p.severity == "error"]


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JavaScript:alert(1)", "java&#9;script:alert(1)", " javascript:alert(1)",
     "java&#10;script:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"],
)  # fmt: skip
def test_a_script_link_on_a_page_is_an_error(output: Path, href: str) -> None:
    edit(output / "index.html", "<main", f'<a href="{href}">x</a><main')
    found = errors(output)
    assert len(found) == 1 and found[0].startswith("page.link index.html: link"), found


def test_script_in_the_feed_html_is_an_error(output: Path) -> None:
    edit(
        output / "feed.xml",
        "<description><![CDATA[",
        '<description><![CDATA[<a href="javascript:alert(1)">x</a><img src="a.png" onerror="alert(2)">',
    )
    script = "<script>alert(3)</script>"
    edit(output / "feed.xml", "<content:encoded><![CDATA[", f"<content:encoded><![CDATA[{script}")
    funding = '<podcast:funding url="javascript:alert(4)">Give</podcast:funding>'
    edit(output / "feed.xml", "</channel>", f"{funding}</channel>")
    found = errors(output)
    assert any("javascript:alert(1)" in e for e in found), found
    assert any("onerror" in e for e in found), found
    assert any("<script>" in e for e in found), found
    assert any("javascript:alert(4)" in e for e in found), found
    assert all(e.startswith("feed.link") for e in found), found


def test_relative_and_web_links_are_fine() -> None:
    assert link_scheme("episodes/story.html") is None
    assert link_scheme("#main") is None
    assert link_scheme("../feed.xml") is None
    assert link_scheme("https://example.org/a:b") == "https"
    assert link_scheme("\x01 java\tscr\nipt:alert(1)") == "javascript"


def test_absurd_numbers_in_the_feed_are_problems_not_crashes(output: Path) -> None:
    """Item 19: int() refuses 4,300 digits, and a 5,000-digit enclosure length crashed validate."""
    huge = "9" * 5000
    feed = output / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    text = re.sub(r'length="\d+"', f'length="{huge}"', text, count=1)
    text = re.sub(r"<itunes:duration>\d+<", f"<itunes:duration>{huge}<", text, count=1)
    episode = f"<itunes:episode>{huge}</itunes:episode>"
    text = text.replace("<itunes:episodeType>", f"{episode}<itunes:episodeType>", 1)
    feed.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(output)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "[item.enclosure.length]" in result.output and "[item.duration]" in result.output
    assert all(len(line) < 400 for line in result.output.splitlines()), "messages quote numbers shortened"
