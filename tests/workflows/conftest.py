"""Producer workflows replayed end to end through the real CLI and the real engines.

Every step runs ``narrator`` in its own process, as a producer would, and is followed by the checks that
keep a public feed safe (``Podcast.check``): ``narrator validate`` passes, every episode published before
the step is still in feed.xml and index.html unless its article was deliberately deleted, every
enclosure length equals its file, no temporary file or staging folder is left, and the summary line and
exit code count every failure. The tests import nothing from narrator, so moving modules never breaks them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pools import leave_out_neural

ROOT = Path(__file__).resolve().parents[2]
NARRATOR = [sys.executable, "-m", "narrator"]
SUMMARY = re.compile(r"^(\d+) built, (\d+) unchanged, (\d+) failed; feed: ", re.M)
EPOCH = "1764230400"
"""SOURCE_DATE_EPOCH for every build (2025-11-27 08:00 UTC): the same inputs give the same bytes."""
PODCAST_TOML = """\
[podcast]
title = "Workflow Test Podcast"
description = "Short articles read aloud, to test what a producer does."
author = "Test Producer"
owner_name = "Test Producer"
owner_email = "producer@example.org"
language = "en"
category = "News"
explicit = false
base_url = "http://127.0.0.1:8765/"

[audio]
bitrate = 64
channels = 1
"""
# Short articles, each with quoted speakers, written for these tests.
HARBOUR = """\
Harbour ferry returns

The ferry came back to the harbour on Tuesday after a winter of repairs.

"We missed it more than we expected," said Bob Smith, a fisherman.
"""
ORCHARD = """\
Robots in the orchard

Two small robots picked apples at the hill farm this week.

"They never complain about the rain," said Alice Green, who runs the farm.
"""
LIBRARY = """\
Library opens late

The town library will stay open until nine on weekdays from March.

"Students asked for it, and we listened," said Priya Shah, the librarian.
"""
MARKET = """\
Market moves indoors

The Saturday market moves into the old railway shed for the winter.

"Nobody wants to sell cabbages in a gale," said Tom Reed, a stallholder.
"""
BRIDGE = """\
Bridge repairs finish

Repairs to the river bridge finished three weeks early.

"The crews did not lose a single day," said Jane Cole, the engineer.
"""
ARTICLES = {
    "harbour.txt": HARBOUR,
    "orchard.txt": ORCHARD,
    "library.txt": LIBRARY,
    "market.txt": MARKET,
    "bridge.txt": BRIDGE,
}


@dataclass(frozen=True)
class Run:
    """One finished CLI run."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def counts(self) -> tuple[int, int, int]:
        """(built, unchanged, failed) from the summary line."""
        found = SUMMARY.search(self.stdout)
        assert found, f"no summary line in {self.stdout!r} / {self.stderr!r}"
        built, unchanged, failed = (int(n) for n in found.groups())
        return built, unchanged, failed

    def lines(self, prefix: str) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith(prefix)]


@dataclass
class Published:
    """What the feed promised listeners: GUID → (title, enclosure file name)."""

    items: dict[str, tuple[str, str]] = field(default_factory=dict)


def narrator(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> Run:
    """The CLI in its own process, with a timeout so that a hang fails the test instead of blocking it."""
    result = subprocess.run(
        [*NARRATOR, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})},
    )
    return Run(tuple(args), result.returncode, result.stdout, result.stderr)


def feed_items(output: Path) -> dict[str, dict[str, str]]:
    """GUID → title, enclosure URL and length, page link, for every item of output/feed.xml."""
    root = ET.parse(output / "feed.xml").getroot()
    items = {}
    for item in root.iter("item"):
        enclosure = item.find("enclosure")
        assert enclosure is not None
        items[item.findtext("guid") or ""] = {
            "title": item.findtext("title") or "",
            "url": enclosure.get("url") or "",
            "length": enclosure.get("length") or "",
            "link": item.findtext("link") or "",
        }
    return items


def local_file(output: Path, url: str) -> Path:
    """The file in ``output`` that a feed URL (under the test base URL) names."""
    path = urlsplit(url).path.lstrip("/")
    return output / path


def temporary_files(root: Path) -> list[Path]:
    """Temporary files and staging folders anywhere under ``root`` (output, cache, articles, voices)."""
    found = [p for p in root.rglob("*") if ".part" in p.name]
    staging = root / "output" / ".narrator" / "cache" / "tmp"
    if staging.is_dir():
        found += list(staging.iterdir())
    found += [p for p in (root / "output" / ".narrator").glob("staging*")]
    return sorted(found)


VALIDATED: set[str] = set()
"""Outputs that `narrator validate` passed, by ``published_digest``: validate reads nothing else, so the
same bytes need no second run (the kill test meets the same output many times)."""


def published_digest(output: Path) -> str:
    """One digest over every name and byte that `narrator validate` reads (not the hidden build state)."""
    digest = hashlib.sha256()
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            digest.update(str(relative).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Podcast:
    """A podcast folder under test and what its live feed has promised so far."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.output = root / "output"
        self.published = Published()
        self.last: Run | None = None

    @classmethod
    def create(cls, root: Path, articles: dict[str, str], *, neural: bool = False) -> Podcast:
        """The repository's voices, without the neural ones unless ``neural``: these stories are about
        files, feeds and processes, which every engine shares; those about processes keep it."""
        (root / "articles").mkdir(parents=True)
        (root / "voices").mkdir()
        (root / "podcast.toml").write_text(PODCAST_TOML, encoding="utf-8")
        for name in ("voices.toml", "lexicon.toml"):
            shutil.copy(ROOT / "voices" / name, root / "voices" / name)
        if not neural:
            leave_out_neural(root / "voices" / "voices.toml")
        for name, text in articles.items():
            (root / "articles" / name).write_text(text, encoding="utf-8")
        return cls(root)

    def article(self, name: str) -> Path:
        return self.root / "articles" / name

    def narrator(self, *args: str, env: dict[str, str] | None = None, timeout: float = 300) -> Run:
        return narrator(*args, cwd=self.root, env=env, timeout=timeout)

    def build(
        self,
        *args: str,
        failed: int = 0,
        built: int | None = None,
        invalid: bool = False,
        env: dict[str, str] | None = None,
    ) -> Run:
        """``narrator build``: the summary counts ``failed`` failures, one ``Error:`` line each, an
        ``Invalid:`` line per problem when the new feed was refused, and the exit code is 1 exactly when
        something failed; then (for a valid result) the publisher-safety checks."""
        run = self.narrator("build", *args, env=env)
        self.last = run
        assert "Traceback" not in run.stderr, run.stderr
        got_built, _, got_failed = run.counts
        assert got_failed == failed, run.stderr
        assert len(run.lines("Error: ")) == failed, run.stderr
        assert bool(run.lines("Invalid: ")) == invalid, run.stderr
        assert run.returncode == (1 if failed or invalid else 0), run.stderr
        if built is not None:
            assert got_built == built, run.stderr
        if not invalid:
            self.check()
        return run

    def forget(self, guid: str) -> None:
        """The producer deleted this episode's article: the next good build may drop it."""
        del self.published.items[guid]

    def guid_of(self, title: str) -> str:
        (guid,) = [guid for guid, item in feed_items(self.output).items() if item["title"] == title]
        return guid

    def check(self) -> dict[str, dict[str, str]]:
        """The live feed is valid, keeps every promised episode, and matches the files; nothing temporary
        is left behind."""
        published = published_digest(self.output)
        if published not in VALIDATED:
            validate = self.narrator("validate", "output")
            assert validate.returncode == 0, validate.stdout + validate.stderr
            VALIDATED.add(published)
        items = feed_items(self.output)
        missing = sorted(set(self.published.items) - set(items))
        assert not missing, f"episodes taken away from listeners: {missing}; {self.last}"
        index = (self.output / "index.html").read_text(encoding="utf-8")
        for guid, item in items.items():
            audio = local_file(self.output, item["url"])
            assert audio.is_file(), item
            assert audio.stat().st_size == int(item["length"]), item
            page = local_file(self.output, item["link"])
            assert page.is_file(), item
            assert f'episodes/{page.name}"' in index, f"{page.name} is not on index.html"
            assert f'episodes/{audio.name}"' in index, f"{audio.name} is not on index.html"
            self.published.items[guid] = (item["title"], audio.name)
        assert temporary_files(self.root) == []
        return items


@pytest.fixture
def podcast(tmp_path: Path) -> Podcast:
    """Two short articles, not yet built."""
    return Podcast.create(tmp_path / "podcast", {k: ARTICLES[k] for k in ("harbour.txt", "orchard.txt")})


@pytest.fixture(scope="session")
def built_pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-article podcast built once; tests copy it (output, state and cache) before changing it."""
    root = tmp_path_factory.mktemp("built") / "podcast"
    podcast = Podcast.create(root, {k: ARTICLES[k] for k in ("harbour.txt", "orchard.txt")})
    podcast.build(built=2)
    return root


@pytest.fixture
def built(built_pair: Path, tmp_path: Path) -> Podcast:
    """A private copy of the built two-article podcast, its published episodes recorded."""
    root = tmp_path / "podcast"
    shutil.copytree(built_pair, root, symlinks=True)
    podcast = Podcast(root)
    podcast.check()
    return podcast
