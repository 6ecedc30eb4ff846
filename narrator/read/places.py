"""Where the listener stopped in each article, so `narrator read` can offer to go on from there.

Places are keyed by the article's content (its title and text), not by its file name or address: the
same article read from a copy, a URL or standard input is the same article, and an edited one is a new
one. They live in one small JSON file in the user's state folder ($XDG_STATE_HOME/narrator, else
~/.local/state/narrator); a place that cannot be read or written is simply not offered, since losing
one must never stop a reading.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from narrator.errors import NarratorError
from narrator.models import Article

MAX_PLACES = 200
"""Articles remembered; the ones left longest ago are forgotten first."""


def places_file() -> Path:
    state = os.environ.get("XDG_STATE_HOME", "").strip()
    base = Path(state) if state and Path(state).is_absolute() else Path.home() / ".local" / "state"
    return base / "narrator" / "places.json"


def article_key(article: Article) -> str:
    """The article's identity: a hash of its title and the text of its blocks."""
    digest = hashlib.sha256(article.title.encode("utf-8"))
    for block in article.blocks:
        digest.update(b"\0" + block.kind.encode() + b"\0" + block.text.encode("utf-8"))
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Place:
    """Where to go on from: what ``--start-at`` takes (a paragraph number or a heading's text), and how
    to tell the listener ("paragraph 4 of 9")."""

    start_at: str
    label: str


class Places:
    """The places file, read once and written whenever a place changes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or places_file()
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        self._places: dict[str, dict[str, str]] = {
            key: value
            for key, value in (loaded.items() if isinstance(loaded, dict) else ())
            if isinstance(value, dict)
            and isinstance(value.get("start_at"), str)
            and isinstance(value.get("label"), str)
        }

    def get(self, key: str) -> Place | None:
        entry = self._places.get(key)
        return Place(entry["start_at"], entry["label"]) if entry else None

    def put(self, key: str, place: Place | None) -> None:
        """Remember ``place`` for the article (the most recent last), or forget it with None."""
        entry = {"start_at": place.start_at, "label": place.label} if place else None
        if self._places.get(key) == entry:
            return
        self._places.pop(key, None)
        if entry is not None:
            self._places[key] = entry
        for old in list(self._places)[: max(0, len(self._places) - MAX_PLACES)]:
            del self._places[old]
        self._save()

    def _save(self) -> None:
        from narrator.fsutil import atomic_write_text

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, json.dumps(self._places, ensure_ascii=False, indent=1) + "\n")
        except (OSError, NarratorError):
            pass  # a place not kept is a convenience lost, not a reason to stop reading


@dataclass(frozen=True)
class Bookmark:
    """One article's entry in the places file: what a session updates as it reads."""

    places: Places
    key: str

    def get(self) -> Place | None:
        return self.places.get(self.key)

    def put(self, place: Place | None) -> None:
        self.places.put(self.key, place)
