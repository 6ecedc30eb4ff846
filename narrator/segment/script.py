"""The editable script (``narrator segments --format script``): one line per segment with its speaker,
so a producer can correct attribution once; a hash of the article text marks the script stale when the
article changes."""

from __future__ import annotations

import errno
import hashlib
import re
from dataclasses import replace
from pathlib import Path

from narrator.errors import IngestError, NarratorError
from narrator.fsutil import FileTooLargeError, read_bounded
from narrator.ingest.reader import LINKS_VARIABLE, decode_text, links_allowed, max_article_bytes
from narrator.models import Article, Segment

SCRIPT_HEADER = "# narrator script v1"


def article_hash(article: Article) -> str:
    """A short fingerprint of what the article says; a script made for other text is stale."""
    body = "\n\n".join([article.title] + [b.text for b in article.blocks])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def render_script(article: Article, segments: list[Segment]) -> str:
    """One line per segment: ``N | text`` for narration, ``Q Speaker Name | text`` for a quotation (``Q ?``
    when unknown), plus the skipped lines as comments. Edit the speaker (or N/Q) and save it beside the
    article as ``<name>.script.md``."""
    lines = [
        SCRIPT_HEADER,
        f"# article: {article.source}",
        f"# hash: {article_hash(article)}",
        "# One line per segment. Change the speaker after Q, or turn N into Q (and back);",
        "# the text after | is for reference and is not read back. Lines starting with # are ignored.",
        "",
    ]
    for seg in segments:
        text = " ".join(seg.text.split())
        if seg.kind == "quote":
            lines.append(f"Q {seg.speaker or '?'} | {text}")
        else:
            lines.append(f"{'H' if seg.block == 'heading' else 'N'} | {text}")
    if article.skipped:
        lines.append("")
        lines.append("# skipped:")
        lines.extend(f"# - [{s.reason}] {' '.join(s.text.split())[:200]}" for s in article.skipped)
    return "\n".join(lines) + "\n"


def apply_script(article: Article, segments: list[Segment], script_text: str) -> list[Segment]:
    """The segments with kinds and speakers from an edited script. Raises NarratorError when the script
    was made for a different version of the article or does not match its segments."""
    found = re.search(r"^# hash: (\w+)", script_text, re.M)
    if not script_text.startswith(SCRIPT_HEADER) or not found:
        raise NarratorError(
            f"{article.source}: the script has no '{SCRIPT_HEADER}' header and hash; "
            "regenerate it with narrator segments --format script"
        )
    if found.group(1) != article_hash(article):
        raise NarratorError(
            f"{article.source}: the script is stale (the article changed since it was "
            "written); regenerate it with narrator segments --format script and redo the edits"
        )
    rows = []
    for number, line in enumerate(script_text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"^(N|H|Q)(?:\s+([^|]*?))?\s*\|", line)
        if not m:
            raise NarratorError(
                f"{article.source}: script line {number} must start with N |, H | or "
                f"Q Speaker |, not {line[:40]!r}"
            )
        rows.append((number, m.group(1), (m.group(2) or "").strip()))
    if len(rows) != len(segments):
        raise NarratorError(
            f"{article.source}: the script has {len(rows)} segment lines but the article has "
            f"{len(segments)}; do not add or remove lines (regenerate it to start again)"
        )
    out = []
    for (_, kind, speaker), seg in zip(rows, segments, strict=True):
        if kind == "Q":
            name = None if speaker in ("", "?") else speaker
            out.append(
                replace(seg, kind="quote", speaker=name, confidence=1.0 if name else 0.0, spoken=seg.spoken)
            )
        else:
            out.append(replace(seg, kind="narration", speaker=None, confidence=1.0))
    return out


def script_path(source: Path) -> Path:
    """Where a producer's corrected script for ``source`` lives: ``<name>.script.md`` beside it."""
    return source.with_name(source.stem + ".script.md")


def read_script(source: Path) -> str | None:
    """The producer's script for ``source``, decoded like an article, or None when there is none.

    An article whose name is too long to have a ``.script.md`` beside it has none.
    """
    path = script_path(source)
    try:
        data = read_bounded(path, max_article_bytes(), follow_links=links_allowed())
    except FileTooLargeError:
        raise IngestError(f"{path}: larger than the article size limit; is it the right file?") from None
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENAMETOOLONG, errno.ENOTDIR):
            return None
        if exc.errno == errno.ELOOP:
            reason = f"is a symbolic link, not followed; {LINKS_VARIABLE}=1 allows it"
            raise IngestError(f"{path}: {reason}") from None
        raise IngestError(f"{path}: cannot read it ({exc.strerror or exc}); check its permissions") from None
    return decode_text(data, str(path))
