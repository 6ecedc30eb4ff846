"""The editable script (``narrator segments --format script``): one line per segment with its speaker,
so a producer can correct attribution once; a hash of the article text marks the script stale when the
article changes."""

from __future__ import annotations

import errno
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.errors import IngestError, NarratorError, shorten
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
    """The segments with kinds and speakers from an edited script made for this very article. Raises
    NarratorError when the script was made for a different version of the article or does not match
    its segments (``merge_script`` carries corrections across versions instead)."""
    where = f"{article.source}: the script"
    if _script_hash(where, script_text) != article_hash(article):
        raise NarratorError(
            f"{article.source}: the script is stale (the article changed since it was "
            "written); regenerate it with narrator segments --format script and redo the edits"
        )
    rows = _script_rows(where, script_text)
    if len(rows) != len(segments):
        raise NarratorError(
            f"{article.source}: the script has {len(rows)} segment lines but the article has "
            f"{len(segments)}; do not add or remove lines (regenerate it to start again)"
        )
    return [_corrected(seg, row) for row, seg in zip(rows, segments, strict=True)]


@dataclass(frozen=True)
class ScriptRow:
    """One segment line of a script: N, H or Q, the speaker after Q, and the text for reference."""

    line: int
    kind: str
    speaker: str
    text: str


def merge_script(
    article: Article, segments: list[Segment], script_text: str, where: str = ""
) -> tuple[list[Segment], str | None]:
    """Apply a script, made for this or an earlier version of the article; return the segments and, for a
    stale script, what happened to its lines.

    A stale script is merged, not thrown away: each segment whose text a line of the script still has
    takes that line's kind and speaker; the quotations whose text is gone are reported. A script that
    is not a script (no header, a malformed line) raises NarratorError naming ``where`` (the script's
    file) and the line.
    """
    where = where or f"{article.source}: the script"
    rows = _script_rows(where, script_text)
    if _script_hash(where, script_text) == article_hash(article) and len(rows) == len(segments):
        return [_corrected(seg, row) for row, seg in zip(rows, segments, strict=True)], None
    unused = list(rows)
    merged, corrections = [], 0
    for seg in segments:
        row = next((r for r in unused if r.text == _script_text(seg)), None)
        if row is None:
            merged.append(seg)
            continue
        unused.remove(row)
        corrected = _corrected(seg, row)
        corrections += (corrected.kind, corrected.speaker) != (seg.kind, seg.speaker)
        merged.append(corrected)
    dropped = [row for row in unused if row.kind == "Q"]
    report = f"{corrections} correction{'s' if corrections != 1 else ''} carried over"
    if dropped:
        gone = "; ".join(
            f'"{shorten(row.text, 60)}" ({row.speaker or "?"}, line {row.line})' for row in dropped
        )
        report += f"; {len(dropped)} quotation line(s) no longer match the article and were dropped: {gone}"
    return merged, report


def correct_segments(
    article: Article, segments: list[Segment], script_text: str, source: Path
) -> tuple[list[Segment], tuple[str, ...]]:
    """The segments corrected by the producer's script for ``source``, and what the producer should know:
    an empty script is ignored and a stale one merged (``merge_script``), each with the command that
    writes a fresh one."""
    script = script_path(source)
    refresh = f"`narrator segments {source} --format script -o {script}`"
    if not script_text.strip():
        return segments, (f"{script} is empty, so it was ignored; write it with {refresh}",)
    merged, report = merge_script(article, segments, script_text, str(script))
    if report is None:
        return merged, ()
    stale = f"{script} is stale (the article changed since it was written): {report}"
    return merged, (f"{stale}; refresh it with {refresh}",)


def _script_hash(where: str, script_text: str) -> str:
    found = re.search(r"^# hash: (\w+)", script_text, re.M)
    if not script_text.startswith(SCRIPT_HEADER) or not found:
        raise NarratorError(
            f"{where} has no '{SCRIPT_HEADER}' header and hash; "
            "regenerate it with narrator segments --format script"
        )
    return found.group(1)


def _script_rows(where: str, script_text: str) -> list[ScriptRow]:
    rows = []
    for number, line in enumerate(script_text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"^(N|H|Q)(?:\s+([^|]*?))?\s*\|\s?(.*)$", line)
        if not m:
            raise NarratorError(
                f"{where}, line {number}: must start with N |, H | or Q Speaker |, not {line[:40]!r}"
            )
        rows.append(ScriptRow(number, m.group(1), (m.group(2) or "").strip(), " ".join(m.group(3).split())))
    return rows


def _script_text(seg: Segment) -> str:
    return " ".join(seg.text.split())


def _corrected(seg: Segment, row: ScriptRow) -> Segment:
    if row.kind == "Q":
        name = None if row.speaker in ("", "?") else row.speaker
        return replace(seg, kind="quote", speaker=name, confidence=1.0 if name else 0.0)
    return replace(seg, kind="narration", speaker=None, confidence=1.0)


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
