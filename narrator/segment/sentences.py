"""Sentences as written: where a news sentence ends ("Mr. Abe", "U.S.", 4.8 and `?"` do not end one),
and where a long one can be split for breath."""

from __future__ import annotations

import re
from functools import lru_cache

from narrator.letters import LOWER, UPPER
from narrator.titles import TITLE_ABBREVIATIONS

_ABBREV = {short.lower() for short in TITLE_ABBREVIATIONS} | {
    "mr",
    "mrs",
    "ms",
    "mx",
    "dr",
    "st",
    "sr",
    "rt",
    "jr",
    "no",
    "nos",
    "vs",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "est",
    "fig",
    "vol",
    "ave",
    "rd",
    "mt",
    "ft",
    "e.g",
    "i.e",
    "etc",
    "al",
    "u.s",
    "u.k",
    "a.m",
    "p.m",
}


_SENTENCE_STARTERS = {
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "This",
    "That",
    "In",
    "On",
    "At",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "After",
    "When",
    "If",
    "As",
    "Some",
    "Many",
    "Officials",
}


_BOUNDARY = re.compile(rf"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?(?:{UPPER}|[0-9]))|[.!?…]+[\"”’')\]]*$")


_NEXT_WORD = re.compile(r"\s*(\S*)")
_INITIALS = re.compile(rf"{LOWER}(?:\.{LOWER})+")
_LETTER = re.compile(rf"{LOWER}")


def split_sentences(text: str) -> list[str]:
    """Sentences as written (joined they give back the text); survives "Mr. Abe", "U.S.", 4.8, `?"`."""
    return list(_sentences(text))


@lru_cache(maxsize=2048)
def _sentences(text: str) -> tuple[str, ...]:
    """split_sentences' reading, kept per text: attribution splits a paragraph or clause twice on average."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end < len(text):
            word = re.search(r"([\w.]+)[.]+[\"”’')\]]*$", text[start:end])
            if word and m.group().startswith("."):
                token = word.group(1).lower()
                following = _NEXT_WORD.match(text, end).group(1)  # not text[end:]: quadratic
                initials = _INITIALS.fullmatch(token)  # "A.E. Dick Howard", "D.C."
                ends_anyway = (
                    token in ("u.s", "u.k", "etc", "a.m", "p.m") or initials
                ) and following in _SENTENCE_STARTERS
                numbered = token not in ("no", "nos") or following[:1].isdigit()
                abbreviation = token in _ABBREV or _LETTER.fullmatch(token) or initials
                if abbreviation and numbered and not ends_anyway:
                    continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return tuple(out) or ((text.strip(),) if text.strip() else ())


def split_long(sentence: str, limit: int = 40) -> list[str]:
    """A very long sentence is split at clause boundaries (semicolons, dashes, ", and" …) so the
    listener hears natural pauses and each clip stays short."""
    if len(sentence.split()) <= limit:
        return [sentence]
    best = None
    middle = len(sentence) / 2
    for m in re.finditer(
        r"(?:[;:]|\s[—–]|,(?=\s+(?:and|but|or|while|which|who|because|although|so)\b)|,)\s", sentence
    ):
        left = sentence[: m.end()].strip()
        if len(left.split()) < 6 or len(sentence[m.end() :].split()) < 6:
            continue
        score = abs(m.end() - middle)
        if best is None or score < best[0]:
            best = (score, m.end())
    if best is None:
        return [sentence]
    left, right = sentence[: best[1]].strip(), sentence[best[1] :].strip()
    return split_long(left, limit) + split_long(right, limit)
