"""Shared pieces of the robustness suite: small podcast folders, the CLI as a subprocess, feed checks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).parent.parent.parent
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"

SPECIAL_TITLE = "Fish & Chips <b>bold</b> ]]> {{ title }} %s %(x)s {0}"
SPECIAL_AUTHOR = "Tom & Jerry <tj@example.org> ]]> {{ author }} %d"
ARTICLES = {
    # A file name with a space, an ampersand and non-ASCII letters; a title and author full of
    # characters that are special in XML, HTML, Jinja and Python format strings.
    "Fish & chips ünï ✓.md": (
        f"---\ntitle: '{SPECIAL_TITLE}'\nauthor: '{SPECIAL_AUTHOR}'\n---\n\n"
        '"Salt & vinegar <always>," said Jane Roe. The shop opened on Monday.\n'
    ),
    "harbour.txt": (
        'Ferry returns to the harbour\n\nThe ferry came back on Tuesday. "We missed it," said Bob Smith.\n'
    ),
}


def make_podcast(root: Path, articles: dict[str, str] | None = None) -> Path:
    """A podcast folder at ``root`` (the repository's settings and voices) with short articles."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "podcast.toml", root)
    (root / "voices").mkdir(exist_ok=True)
    for name in ("voices.toml", "lexicon.toml"):
        shutil.copy(ROOT / "voices" / name, root / "voices")
    (root / "articles").mkdir(exist_ok=True)
    for name, text in (ARTICLES if articles is None else articles).items():
        (root / "articles" / name).write_text(text, encoding="utf-8")
    return root


def narrator(
    *args: str, cwd: Path, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would, in its own process, with a timeout so a hang fails the test (generous,
    as the workflows' is: a starved machine once took over 120 s to build the fixture podcast)."""
    return subprocess.run(
        [sys.executable, "-m", "narrator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_error(returncode: int, stderr: str, *fragments: str) -> str:
    """Exit 1 with exactly one ``Error: ...`` line holding every fragment, and no traceback."""
    assert returncode == 1, stderr
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def enclosures(output: Path) -> dict[str, tuple[Path, int]]:
    """Each feed item's enclosure: the local file its URL names and the length the feed states."""
    root = ET.parse(output / "feed.xml").getroot()
    base = (
        urlparse(root.find("channel/link").text or "").path if root.find("channel/link") is not None else ""
    )
    found = {}
    for item in root.iter("item"):
        enclosure = item.find("enclosure")
        path = urlparse(enclosure.get("url")).path
        relative = path[len(base) :] if base and path.startswith(base) else path.lstrip("/")
        found[item.findtext("guid")] = (output / relative, int(enclosure.get("length")))
    return found


def assert_feed_sound(output: Path) -> dict[str, tuple[Path, int]]:
    """The feed is well-formed, passes every feed rule, and each enclosure exists with its stated length."""
    from narrator.publish.validate import validate_output

    errors = [p for p in validate_output(output) if p.severity == "error"]
    assert not errors, errors
    items = enclosures(output)
    for path, length in items.values():
        assert path.is_file(), path
        assert path.stat().st_size == length, path
        assert not path.name.startswith("."), path
    return items


def partial_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob(".*.part*") if "cache" not in p.parts)


@pytest.fixture(scope="session")
def built_podcast(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-article podcast, built once with the real engine; tests copy it before changing it."""
    root = make_podcast(tmp_path_factory.mktemp("built") / "podcast")
    result = narrator("build", "--quiet", cwd=root)
    assert result.returncode == 0, result.stderr
    assert_feed_sound(root / "output")
    return root


@pytest.fixture
def podcast_copy(built_podcast: Path, tmp_path: Path) -> Path:
    """A private copy of the built podcast (output, state and segment cache included)."""
    target = tmp_path / "podcast"
    shutil.copytree(built_podcast, target, symlinks=True)
    return target
