"""What a build keeps between runs besides the registry (state.py): the encoded episodes, which of them
the live feed lists, and the readings of unchanged articles. Each store is a folder of JSON files under
``output/.narrator``, written atomically; a missing or damaged entry is made again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Collection, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from narrator.build.state import STATE_DIR
from narrator.fsutil import atomic_write_text
from narrator.models import Article, Block, Chapter, Cue, Episode, Segment, Skipped
from narrator.preparation import Machine, PodcastSettings, SegmentedArticle, read_source
from narrator.produce.formats import EPISODE_FORMATS, MP3, format_for
from narrator.segment.script import script_path

EPISODE_SUFFIXES = (
    *(f.suffix for f in EPISODE_FORMATS), ".vtt", ".srt", ".transcript.json", ".chapters.json"
)
"""What produce writes per episode (its audio in any episode format, and side files), after the file stem."""


def episode_file_stem(name: str) -> str | None:
    """The stem of an episode file's name (``story-0123456789`` for its .transcript.json), else None."""
    return next((name.removesuffix(s) for s in EPISODE_SUFFIXES if name.endswith(s)), None)


class EpisodeStore:
    """What produce made of each version of each episode, so an unchanged one is neither synthesised nor
    encoded again, and a failed article's last good episode can be published again as it was.

    A version's files are named ``<slug>-<tag>.*``, the tag taken from the episode key: a changed episode
    gets new files, and the live feed's files are never overwritten under a listener (issue 12).
    """

    def __init__(self, output_dir: Path) -> None:
        self.folder = output_dir / STATE_DIR / "episodes"
        self.episodes_dir = output_dir / "episodes"

    @staticmethod
    def stem(slug: str, key: str) -> str:
        return f"{slug}-{key[:10]}"

    def load(self, slug: str, key: str) -> Episode | None:
        """The stored episode for exactly this version (slug and episode key), if its files are in place."""
        return self.read(self.stem(slug, key))

    def read(self, stem: str) -> Episode | None:
        try:
            data = json.loads((self.folder / f"{stem}.json").read_text(encoding="utf-8"))
            audio = self.episodes_dir / data["audio"]
            side_files = {name: self.episodes_dir / file for name, file in data["side_files"].items()}
            if not audio.is_file() or audio.stat().st_size != data["size"]:
                return None
            if not all(p.is_file() for p in side_files.values()):
                return None
            return Episode(
                slug=data["slug"],
                title=data["article"]["title"],
                article=article_from(data["article"]),
                audio=audio,
                duration=data["duration"],
                size=data["size"],
                chapters=tuple(Chapter(**c) for c in data["chapters"]),
                cues=tuple(Cue(**c) for c in data["cues"]),
                side_files=side_files,
                guid=data["guid"],
                published=datetime.fromisoformat(data["published"]) if data["published"] else None,
                format=format_for(audio) or MP3,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, damaged or from an older version: made again

    def save(self, episode: Episode) -> None:
        data = {
            "slug": episode.slug,
            "audio": episode.audio.name,
            "duration": episode.duration,
            "size": episode.size,
            "chapters": [asdict(c) for c in episode.chapters],
            "cues": [asdict(c) for c in episode.cues],
            "side_files": {name: p.name for name, p in episode.side_files.items()},
            "guid": episode.guid,
            "published": episode.published.isoformat() if episode.published else None,
            "article": asdict(episode.article),
        }
        text = json.dumps(data, default=str, ensure_ascii=False) + "\n"
        atomic_write_text(self.folder / f"{episode.audio.stem}.json", text)

    def prune(self, keep: Collection[str]) -> None:
        """Delete the stored versions and episode files whose stems are not in ``keep``, and the pages of
        episodes no longer published (only while holding the build lock)."""
        slugs = {stem.rsplit("-", 1)[0] for stem in keep}
        for record in self.folder.glob("*.json"):
            if record.stem not in keep:
                record.unlink(missing_ok=True)
        for path in self.episodes_dir.glob("*"):
            if path.name.startswith(".") or not path.is_file():
                continue
            stem = episode_file_stem(path.name)
            page = stem is None and path.suffix == ".html"
            if (stem is not None and stem not in keep) or (page and path.stem not in slugs):
                path.unlink(missing_ok=True)


class LiveFeed:
    """Which episode versions the live feed lists: ``.narrator/published.json``, written right after the
    feed, so that a failed article can keep the episode listeners have."""

    def __init__(self, output_dir: Path) -> None:
        self.path = output_dir / STATE_DIR / "published.json"
        self.feed = output_dir / "feed.xml"

    def stems(self) -> dict[str, str]:
        """slug → file stem of each episode in the live feed."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(slug): str(stem) for slug, stem in data["episodes"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def files(self) -> set[str]:
        """The stems of every episode file the live feed.xml names (the feed itself is the authority)."""
        try:
            root = etree.parse(str(self.feed), etree.XMLParser(resolve_entities=False, no_network=True))
        except (OSError, etree.XMLSyntaxError):
            return set()
        names = set()
        for element in root.iter("enclosure", "{*}transcript", "{*}chapters"):
            name = urlsplit(element.get("url") or "").path.rsplit("/", 1)[-1]
            stem = episode_file_stem(name)
            if stem is not None:
                names.add(stem)
        return names

    def save(self, episodes: Sequence[Episode]) -> None:
        data = {"episodes": {ep.slug: ep.audio.stem for ep in sorted(episodes, key=lambda e: e.slug)}}
        atomic_write_text(self.path, json.dumps(data, indent=2) + "\n")


UNDERSTANDING = ("ingest", "normalise", "segment", "models.py", "preparation.py", "cast/language.py")
"""The packages (and modules) whose code decides what an article becomes. Every Python file in them, and
every module of narrator they import (``narrator/titles.py``, ``narrator/letters.py`` …), found afresh on
each run, keys the readings, so a moved, added or renamed file still invalidates them."""


@functools.cache
def _understanding_code() -> bytes:
    package = Path(__file__).parent.parent
    digest = hashlib.sha256()
    for path in understanding_files(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def understanding_files(package: Path) -> list[Path]:
    """The files of ``UNDERSTANDING`` and of every narrator module they import, however indirectly."""
    pending = [path for entry in UNDERSTANDING for path in _python_files(package / entry)]
    found: set[Path] = set()
    while pending:
        path = pending.pop()
        if path not in found:
            found.add(path)
            pending += _narrator_imports(path, package)
    return sorted(found)


def _python_files(entry: Path) -> list[Path]:
    """A package's Python files, or the module itself (none if it has moved: its importers still find it)."""
    return sorted(entry.rglob("*.py")) if entry.is_dir() else [entry] if entry.is_file() else []


_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(narrator[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)|import[ \t]+(narrator[\w.]*))",
    re.M,
)
"""An import of one of narrator's own modules, with what it imports from it (perhaps in brackets)."""


def _narrator_imports(path: Path, package: Path) -> list[Path]:
    """The files of narrator's own modules that ``path`` imports (``from narrator.titles import …``, ``from
    narrator.segment import words``): read as text, since parsing every file cost most of a second."""
    modules: list[str] = []
    for m in _IMPORT.finditer(path.read_text(encoding="utf-8")):
        if m.group(3):
            modules.append(m.group(3))
            continue
        names = re.sub(r"#[^\n]*", "", m.group(2)).strip("() \n")
        modules += [m.group(1), *(f"{m.group(1)}.{n.split()[0]}" for n in names.split(",") if n.strip())]
    files = []
    for module in modules:
        where = package.joinpath(*module.split(".")[1:])
        files += [f for f in (where.with_suffix(".py"), where / "__init__.py") if f.is_file()]
    return files


class ReadingStore:
    """What ingest and segment made of each article, so a rebuild does not parse unchanged ones again.

    Keyed by the article's bytes and path, its script, the lexicon, the podcast's language (the house
    style of an article that names none), the size limit and the code that reads articles.
    """

    def __init__(self, output_dir: Path) -> None:
        self.folder = output_dir / STATE_DIR / "readings"
        self._used: set[str] = set()

    def prune(self) -> None:
        """Forget the readings no article of this build used (edited, renamed or removed articles)."""
        for stored in self.folder.glob("*.json"):
            if stored.stem not in self._used:
                stored.unlink(missing_ok=True)

    def read(self, source: str, settings: PodcastSettings, machine: Machine) -> SegmentedArticle:
        """A preparation.Reader: what read_source makes of ``source`` (its script's notes included, so a
        stale or empty script is reported on every build), kept for the next build."""
        try:
            key: str | None = self._key(Path(source), settings, machine)
        except OSError:
            key = None  # an unreadable source: read_source below reports it
        stored = self.folder / f"{key}.json"
        if key is not None:
            self._used.add(key)
        if key is not None and stored.exists():
            try:
                data = json.loads(stored.read_text(encoding="utf-8"))
                return SegmentedArticle(
                    article_from(data["article"]),
                    tuple(Segment(**s) for s in data["segments"]),
                    tuple(str(note) for note in data["notes"]),
                )
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged entry is made again
        segmented = read_source(source, settings, machine)
        if key is not None:
            data = {"article": asdict(segmented.article), "segments": [asdict(s) for s in segmented.segments],
                    "notes": list(segmented.notes)}
            atomic_write_text(stored, json.dumps(data, default=str, ensure_ascii=False))
        return segmented

    @staticmethod
    def _key(source: Path, settings: PodcastSettings, machine: Machine) -> str:
        digest = hashlib.sha256(_understanding_code())
        script = script_path(source)
        for part in (str(source.resolve()).encode(), source.read_bytes(), repr(settings.lexicon).encode(),
                     settings.language.encode(),
                     b"script:" + script.read_bytes() if script.exists() else b"no script",
                     str(machine.max_article_bytes).encode()):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()


def article_from(data: dict) -> Article:
    """An Article from its JSON form (``asdict`` with the date as ISO text)."""
    return Article(**{
        **data,
        "blocks": tuple(Block(**block) for block in data["blocks"]),
        "skipped": tuple(Skipped(**skipped) for skipped in data["skipped"]),
        "date": datetime.fromisoformat(data["date"]) if data["date"] else None,
    })
