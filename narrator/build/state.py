"""What must survive rebuilds: each episode's slug, GUID and first-publish date, and the build lock.

Kept in ``output/.narrator/episodes.json``, apart from the segment cache, so deleting the cache costs a
full rebuild but never changes a GUID. An article is recognised by its source path, or, after a rename,
by the fingerprint of its text, or, after the folder moved, by its file name; a changed title therefore
keeps its GUID and slug.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import unicodedata
import uuid
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from narrator.build.lifetime import keep_from_children, release
from narrator.errors import BuildLockedError, NarratorError
from narrator.fsutil import atomic_write_text

STATE_DIR = ".narrator"


@dataclass(frozen=True)
class EpisodeRecord:
    slug: str
    guid: str
    source: str
    fingerprint: str
    first_published: str
    """ISO 8601, recorded the first time the episode was built; never changes."""


def slugify(text: str) -> str:
    """ASCII a-z0-9- only: file names and URLs must be plain ASCII (feed-rules.md)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].strip("-") or "episode"


class EpisodeRegistry:
    """The stored slug/GUID/date of every episode ever built into one output folder."""

    def __init__(self, records: dict[str, EpisodeRecord], path: Path) -> None:
        self._records = records
        self._path = path

    @classmethod
    def load(cls, output_dir: Path) -> EpisodeRegistry:
        path = output_dir / STATE_DIR / "episodes.json"
        if not path.exists():
            return cls({}, path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = {slug: EpisodeRecord(**fields) for slug, fields in data["episodes"].items()}
        except (ValueError, KeyError, TypeError) as exc:
            raise NarratorError(
                f"{path}: damaged ({exc}); restore it from a backup, since it holds the episodes' GUIDs"
            ) from None
        return cls(records, path)

    def save(self) -> None:
        data = {"episodes": {slug: asdict(rec) for slug, rec in sorted(self._records.items())}}
        atomic_write_text(self._path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def source_slug(self, source: str) -> str | None:
        """The slug of the episode built from ``source``, if any."""
        return next((r.slug for r in self._records.values() if r.source == source), None)

    def claim(
        self,
        source: str,
        fingerprint: str,
        wanted_slug: str,
        now: datetime,
        *,
        present: Collection[str] = (),
        namespace: uuid.UUID | None = None,
    ) -> EpisodeRecord:
        """Return the record for this article, creating it (new slug, GUID, date) only if it is new.

        An article with a recorded episode's text is that episode renamed, unless the recorded source is
        among the ``present`` ones (then it is a copy, which the build refuses before claiming); one with
        the file name of a recorded source that is gone is that episode after its folder moved. A new
        GUID is a UUIDv5 of the slug and first-publish date in ``namespace`` (the podcast's guid), so
        the same podcast built twice from scratch gets the same GUIDs.
        """
        for record in self._records.values():
            if record.source == source:
                if record.fingerprint != fingerprint:
                    record = replace(record, fingerprint=fingerprint)
                    self._records[record.slug] = record
                return record
        absent = [record for record in self._records.values() if record.source not in present]
        renamed = next((r for r in absent if r.fingerprint == fingerprint), None)
        # A podcast folder moved elsewhere: the same file name, perhaps edited since.
        moved = next((r for r in absent if Path(r.source).name == Path(source).name), None)
        if renamed or moved:
            record = replace(renamed or moved, source=source, fingerprint=fingerprint)
            self._records[record.slug] = record
            return record
        slug, n = wanted_slug, 2
        while slug in self._records:
            slug, n = f"{wanted_slug}-{n}", n + 1
        first_published = now.isoformat()
        guid = uuid.uuid5(namespace, f"{slug} {first_published}") if namespace else uuid.uuid4()
        record = EpisodeRecord(
            slug=slug,
            guid=str(guid),
            source=source,
            fingerprint=fingerprint,
            first_published=first_published,
        )
        self._records[slug] = record
        return record


@contextmanager
def build_lock(output_dir: Path) -> Iterator[None]:
    """One build per output folder. flock is released by the kernel when a build dies, so a killed
    build never leaves a stale lock behind; forked workers close their copy at once, so an orphan can
    never hold it either (narrator.build.lifetime)."""
    lock_path = output_dir / STATE_DIR / "build.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise BuildLockedError(
                f"{output_dir} is being built by {holder}; wait for that build to finish and run again"
            ) from None
        keep_from_children(handle)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            yield
        finally:
            release(handle)


@contextmanager
def cast_lock(voices_dir: Path) -> Iterator[None]:
    """Builds of different output folders share voices/cast.toml: each reads, extends and writes it while
    holding this lock, so no build loses another's speakers. The lock is on the folder itself (no lock
    file among the producer's files); a build waits for it, since the other build holds it briefly."""
    voices_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(voices_dir, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
