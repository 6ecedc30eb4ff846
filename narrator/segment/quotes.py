"""Quotation marks: the outer quotations of one paragraph, with their offsets, whichever marks the
source uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.letters import LOWER

_PAIRS = {"‘": "’", "'": "'"}


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


_DOUBLE = re.compile(r"``|'''(?!')|''|[\"“”„«»‹›]")
"""Double quotation marks, and wire copy's ``…'' and ''…''; in ''' the last two marks close."""
_OPEN_GLYPHS = {"“", "„", "«", "‹", "``"}
_GUILLEMETS = {"«": "»", "‹": "›"}
_TURNED_GUILLEMETS = _GUILLEMETS | {close: opener for opener, close in _GUILLEMETS.items()}
_AFTER_OPENER = set("([{—–-―/:;,…") | set("\"“”„«»‹›'‘’")
_BEFORE_CLOSER = set(".,;:!?)]}—–-―…") | set("\"“”„«»‹›'‘’")
_SENTENCE_PUNCTUATION = set(",.!?…")
_SINGLE_OPEN = re.compile("['‘]")
_SINGLE_REACH = 3000
"""How far a single-quote opener looks for its closer (a bound keeps long paragraphs linear)."""


def find_quotes(text: str) -> list[QuoteSpan]:
    """Outer quotations in reading order; nested ones stay inside the outer span. A quotation that opens
    at a sentence start and never closes runs to the end of the paragraph (multi-paragraph quotes).

    Double marks are read by where they stand as well as by their shape, because sources mix them
    (`“…," she said`, `”…”`, German „…“, French « … », wire ''…''): a mark with a space, bracket, dash
    or colon before it and a word after it opens; one with a word before it and a space or punctuation
    after it closes; guillemets keep their direction."""
    doubles = _double_marks(text)
    ahead = _marks_ahead(doubles)
    spans: list[QuoteSpan] = []
    d = 0  # the next double mark to consider
    i, n = 0, len(text)
    single: int | None = -1  # the next single mark that can open (-1: not looked for yet)
    while i < n:
        while d < len(doubles) and doubles[d][0] < i:
            d += 1
        if single is not None and single < i:
            single = _next_single(text, i)  # only when passed: searching afresh each time is quadratic
        if d < len(doubles) and (single is None or doubles[d][0] <= single):
            pos, glyph, role = doubles[d]
            if role == "close":
                i, d = pos + len(glyph), d + 1
                continue
            plain, french, swiss, opener = ahead[d + 1]
            close = french if glyph == "«" else swiss if glyph == "‹" else plain
            if close is not None and opener is not None and opener < close and glyph not in _GUILLEMETS:
                # another quotation opens before this one closes: nested in the same curly marks
                # (“… when “your team” needs …”), or this one never closes
                close = _nested_close(doubles, d) if glyph == "“" else None
            if close is None:
                if starts_sentence(text, pos):
                    spans.append(QuoteSpan(pos, n, closed=False))
                    break
                i, d = pos + len(glyph), d + 1
                continue
            end = doubles[close][0] + len(doubles[close][1])
            spans.append(QuoteSpan(pos, end, closed=True))
            i = end
            continue
        if single is None:
            break
        close = _find_close(text, single + 1, text[single])
        if close is None:
            if starts_sentence(text, single) and (single == 0 or text[:single].rstrip().endswith(":")):
                spans.append(QuoteSpan(single, n, closed=False))
                break
            i = single + 1
            continue
        spans.append(QuoteSpan(single, close + 1, closed=True))
        i = close + 1
    return spans


def _double_marks(text: str) -> list[tuple[int, str, str]]:
    """Every double mark as (offset, mark, role), the role "open", "close" or "both" (a straight mark
    that could be either); marks that can be neither (`5"`, `a"b`) are left out."""
    marks = []
    n = len(text)
    for m in _DOUBLE.finditer(text):
        glyph, pos = m.group(), m.start()
        if len(glyph) == 3:
            glyph, pos = glyph[1:], pos + 1
        prev = text[pos - 1] if pos else " "
        nxt = text[pos + len(glyph)] if pos + len(glyph) < n else " "
        opens = not nxt.isspace() and (prev.isspace() or prev in _AFTER_OPENER)
        closes = not prev.isspace() and (nxt.isspace() or nxt in _BEFORE_CLOSER)
        if glyph in ("«", "‹", "»", "›"):
            # German and Nordic »…« and »…»: where a guillemet stands says which way it faces; a » opens only
            # before a word, as a spaced French » before a comma still closes
            faces_other_way = (closes and not opens) if glyph in _GUILLEMETS else (opens and not closes)
            if faces_other_way and (glyph in _GUILLEMETS or nxt.isalnum()):
                glyph = _TURNED_GUILLEMETS[glyph]
            role = "open" if glyph in _GUILLEMETS else "close"
        elif glyph == "”" and prev in _SENTENCE_PUNCTUATION:
            role = "close"  # `…paranoia,”Clinton said`: a missing space does not turn it around
        elif glyph == '"' and prev in _SENTENCE_PUNCTUATION and nxt.isalpha():
            role = "both"  # `…audiences,"Katie Packer said`: closes an open quotation, else opens one
        elif prev.isspace() and nxt.isspace() and re.search(r"[,.!?]['’]\s$", text[max(0, pos - 3) : pos]):
            role = "close"  # `… 'above the president,' " said`: spaced off a closing single mark
        elif opens != closes:
            role = "open" if opens else "close"
        elif glyph in _OPEN_GLYPHS:
            role = "open"
        elif glyph == "”":
            role = "close"
        elif opens:  # a straight mark between punctuation: `—"—`
            role = "both"
        else:
            continue
        marks.append((pos, glyph, role))
    return marks


_NESTING_REACH = 8
"""How many marks ahead a curly quotation with a nested one looks for its own close (bounded: linear)."""


def _nested_close(marks: list[tuple[int, str, str]], d: int) -> int | None:
    """The close of the curly quotation opened by mark ``d`` when quotations in the same curly marks nest
    inside it: “ … “ … ” … ” pairs the first with the last."""
    depth = 0
    for k in range(d + 1, min(len(marks), d + 1 + _NESTING_REACH)):
        _, glyph, role = marks[k]
        if glyph == "“" and role == "open":
            depth += 1
        elif glyph == "”" and role == "close":
            if depth == 0:
                return k
            depth -= 1
        else:
            return None  # straight or foreign marks: the nesting cannot be read
    return None


def _marks_ahead(marks: list[tuple[int, str, str]]) -> list[tuple[int | None, ...]]:
    """For each index k: the first mark at or after k that can close a curly or straight quotation, a
    « … » one and a ‹ … › one, and the first that can only open. One pass from the end, so that finding
    every quotation's close stays linear."""
    table: list[tuple[int | None, ...]] = [(None, None, None, None)] * (len(marks) + 1)
    for k in range(len(marks) - 1, -1, -1):
        plain, french, swiss, opener = table[k + 1]
        _, glyph, role = marks[k]
        if glyph == "»":
            french = k
        elif glyph == "›":
            swiss = k
        elif role in ("close", "both"):
            plain = k
        if role == "open" and glyph not in _GUILLEMETS:
            opener = k
        table[k] = (plain, french, swiss, opener)
    return table


def _next_single(text: str, i: int) -> int | None:
    """The next single quotation mark at or after ``i`` that can open a quotation."""
    while (found := _SINGLE_OPEN.search(text, i)) is not None:
        if _can_open(text, found.start(), found.group()):
            return found.start()
        i = found.start() + 1
    return None


def _can_open(text: str, i: int, mark: str) -> bool:
    """Whether a single mark can open a quotation here (not an apostrophe or an elision: 'em, '90s)."""
    after = text[i + len(mark) : i + len(mark) + 1]
    if not after or after.isspace():
        return False
    if mark in ("'", "‘"):
        before = text[i - 1] if i else " "
        if before not in _OPEN_BEFORE:
            return False
        if _ELISION.match(text, i + len(mark)):
            return False
    return True


_SPACE_THEN_LOWER = re.compile(rf"\s+{LOWER}")


def _find_close(text: str, j: int, mark: str) -> int | None:
    """Where a single-quoted quotation opened before ``j`` closes, telling closers from apostrophes."""
    closer = _PAIRS[mark]
    candidates = []
    for k in range(j, min(len(text), j + _SINGLE_REACH)):
        c = text[k]
        if mark == "‘" and c == "‘" and _can_open(text, k, c) and candidates:
            break  # a new quotation opens: stop looking further
        if c != closer:
            continue
        nxt = text[k + 1 : k + 2]
        prev = text[k - 1]
        if prev.isspace() or (nxt and (nxt.isalnum())):
            continue  # an apostrophe: don't, husband’s
        if re.fullmatch(r"\s['’][nN]", text[k - 3 : k]):
            continue  # "rock 'n' roll": both marks are apostrophes
        candidates.append(k)
        # "the residents’ homes", "goin’ anywhere": a plural possessive or a dropped g, if a better close
        # follows
        if (prev in "sS" or text[k - 2 : k] == "in") and _SPACE_THEN_LOWER.match(text[k + 1 : k + 3]):
            continue
        return k
    return candidates[0] if candidates else None


def starts_sentence(text: str, i: int) -> bool:
    before = text[max(0, i - 200) : i].rstrip()  # a window: the whole prefix is quadratic in long paragraphs
    return (
        not before
        or before[-1] in ".!?:…;—–"
        or before.endswith((" -", " --"))
        or before.endswith(tuple("\"”’'»›“"))
        # a sentence in parentheses: "… agreed. (“We persuaded them,” he said.)"
        or before.endswith("(") and before[:-1].rstrip()[-1:] in ("", ".", "!", "?", "…")
    )
