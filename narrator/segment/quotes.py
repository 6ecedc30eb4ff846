"""Quotation marks: the outer quotations of one paragraph, with their offsets, whichever marks the
source uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "„": "“", "``": "''", "''": "''"}


_ELISION = re.compile(r"(?:\d\d?s?\b|em\b|tis\b|twas\b|n['’]|cause\b|til\b|bout\b|round\b)", re.I)


_OPEN_BEFORE = set(' \t\n([{“"‘—–-/:')


@dataclass(eq=False)
class QuoteSpan:
    """An outer quotation inside one paragraph (offsets include the marks)."""

    start: int
    end: int
    closed: bool
    direct: bool = False
    speaker: str | None = None
    confidence: float = 0.0
    cue: tuple[str, int, int] | None = None
    """The attribution's subject as written, with its offsets in the paragraph."""
    gender: str | None = None
    """What attribution learned about the speaker's gender: "f", "m" or None."""


def find_quotes(text: str) -> list[QuoteSpan]:
    """Outer quotations in reading order; nested ones stay inside the outer span. A quotation that opens
    at a sentence start and never closes runs to the end of the paragraph (multi-paragraph quotes)."""
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        mark = text[i : i + 2] if text[i : i + 2] in ("``", "''") else text[i]
        if mark not in _PAIRS or not _can_open(text, i, mark):
            i += 1
            continue
        close = _find_close(text, i + len(mark), mark)
        if close is None:
            if starts_sentence(text, i) and (mark != "'" or i == 0 or text[:i].rstrip().endswith(":")):
                spans.append(QuoteSpan(i, n, closed=False))
                break
            i += len(mark)
            continue
        end = close + len(_PAIRS[mark])
        spans.append(QuoteSpan(i, end, closed=True))
        i = end
    return spans


def _can_open(text: str, i: int, mark: str) -> bool:
    after = text[i + len(mark) : i + len(mark) + 1]
    if not after or after.isspace():
        return False
    if mark in ("'", "‘", "''"):
        before = text[i - 1] if i else " "
        if before not in _OPEN_BEFORE:
            return False
        if _ELISION.match(text, i + len(mark)):
            return False
    return True


def _find_close(text: str, j: int, mark: str) -> int | None:
    closer = _PAIRS[mark]
    if mark in ("'", "‘"):
        candidates = []
        for k in range(j, len(text)):
            c = text[k]
            if mark == "‘" and c == "‘" and _can_open(text, k, c) and candidates:
                break  # a new quotation opens: stop looking further
            if c != closer:
                continue
            nxt = text[k + 1 : k + 2]
            prev = text[k - 1]
            if prev.isspace() or (nxt and (nxt.isalnum())):
                continue  # an apostrophe: don't, husband’s
            candidates.append(k)
            # "the residents’ homes": a plural possessive, if a better close follows
            if prev in "sS" and re.match(r"\s+[a-z]", text[k + 1 : k + 3]):
                continue
            return k
        return candidates[0] if candidates else None
    # double marks: the next closer, unless the same opener (not its own closer) opens first
    k = text.find(closer, j)
    if k < 0:
        return None
    if closer != mark:
        again = text.find(mark, j)
        if 0 <= again < k:
            return None
    return k


def starts_sentence(text: str, i: int) -> bool:
    before = text[max(0, i - 200) : i].rstrip()  # a window: the whole prefix is quadratic in long paragraphs
    return (
        not before
        or before[-1] in ".!?:…;—–"
        or before.endswith((" -", " --"))
        or before.endswith(tuple(_PAIRS.values()))
    )
