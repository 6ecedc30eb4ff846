"""What every rule is made of: a pattern, a function that says a match, and the few questions about the
words around a match that decide a reading ("a £5m plan" says "pound", "spent £5m" says "pounds").

Context is read from a bounded window either side of a match, so a rule costs the same at any place in
any length of text: normalisation stays linear in the size of the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from narrator.letters import UPPER
from narrator.normalise.style import SpeechStyle

WINDOW = 80
"""Characters either side of a match that context questions look at."""

WHOLE = r"(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)"
"""A written whole number: 7, 2,300, or 3,45,000 in Indian grouping (lakhs and crores)."""
NUMBER = WHOLE + r"(?:\.\d+)?"
"""A written number: 7, 2,300, 4.25 (a comma groups thousands, a point starts the fraction)."""
START = r"(?<![\w.,/:@#£$€¥₹-])"
"""Where a number may start: not inside a word, a decimal, a date, a time or a handle."""

def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(words.split())


FUNCTION_WORDS = word_set(
    """a an the this that these those it its he she they we you i me him her us them his hers their our
    your my who whom whose which what where when why how there here and or but nor so yet if then than
    as because while though although unless until till since before after of in on at to for from by
    with into onto about against between through during within without towards toward under over above
    below near off out up down across around among beyond via per plus minus is was were are be been
    being am has have had do does did will would shall should can could may might must not no each
    every all some any more most less least few many much such own same other another very too also
    just only still now even both either neither ago apiece overall altogether instead again once"""
)
PREDICATIVE = word_set(
    """high long wide deep tall thick thin old away apart ahead behind higher lower later earlier longer
    shorter taller deeper wider short worth more less further farther back early late last next"""
)
DETERMINERS = word_set("a an the this that these those its his her their our your my each every another any")
AIRCRAFT_MAKERS = word_set("boeing airbus embraer bombardier cessna tupolev ilyushin sukhoi antonov comac")
"""Makers whose model numbers name a model and carry a variant after a hyphen ("Boeing 787-9"), never a
count or a score."""
JETLINER = re.compile(r"7[0-8]7")
"""Boeing's jetliners, 707 to 787, whose number is the model's even without the maker ("the 787-9")."""

_WORD = re.compile(r"[A-Za-z][\w'’]*")
_WORDS_BEFORE = re.compile(r"([A-Za-z][\w'’.-]*)[\s,;:]*$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w'’]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"”’)]*\s+|[\"“‘(]\s*)$")
_DIMENSION_BEFORE = re.compile(r"\d\s?(?:by|[x×])\s?$")
_VERB_LIKE = re.compile(r"(?:ed|[^s'’]s)$")


DIGITS = "0123456789"


@dataclass(frozen=True)
class Rule:
    """A pattern and how to say what it matches. ``gate`` finds a character without which the pattern
    cannot match, so a rule costs one fast scan on text that lacks them all; ``numeric`` rules need a
    digit, and no rule writes one, so they are skipped together on text without digits."""

    pattern: re.Pattern[str]
    speak: Callable[[re.Match[str], SpeechStyle], str]
    gate: re.Pattern[str] | None = None
    numeric: bool = False

    def apply(self, text: str, style: SpeechStyle) -> str:
        if self.gate is not None and not self.gate.search(text):
            return text
        return self.pattern.sub(lambda m: self.speak(m, style), text)


def rule(pattern: str, speak: Callable[[re.Match[str], SpeechStyle], str], needs: str = DIGITS,
         flags: int = 0, gate: str | None = None) -> Rule:
    """A Rule for ``pattern``; ``needs`` lists the characters one of which any match contains, or ``gate``
    is a cheap pattern that any text with a match contains."""
    numeric = needs == DIGITS
    if gate is None and needs and not numeric:
        gate = "[" + re.escape(needs) + "]"
    return Rule(re.compile(pattern, flags), speak, re.compile(gate) if gate else None, numeric)


def text_before(m: re.Match[str], group: int | str = 0) -> str:
    start = m.start(group)
    return m.string[max(0, start - WINDOW):start]


def text_after(m: re.Match[str], group: int | str = 0) -> str:
    end = m.end(group)
    return m.string[end:end + WINDOW]


def words_before(m: re.Match[str], count: int = 3, group: int | str = 0) -> list[str]:
    """Up to ``count`` words before the match, nearest last, stopping at a sentence's end."""
    window = re.split(r"[.!?]\s", text_before(m, group))[-1]
    return _WORD.findall(window)[-count:]


def words_after(m: re.Match[str], count: int = 3, group: int | str = 0) -> list[str]:
    """Up to ``count`` words after the match, nearest first, stopping at a sentence's end."""
    window = re.split(r"[.!?](?:\s|$)", text_after(m, group))[0]
    return _WORD.findall(window)[:count]


def previous_word(m: re.Match[str], group: int | str = 0) -> str:
    """The word just before the match (separated only by spaces or a comma), or ""."""
    found = _WORDS_BEFORE.search(text_before(m, group))
    return found.group(1) if found else ""


def next_word(m: re.Match[str], group: int | str = 0) -> str:
    """The word right after the match, or "" when punctuation comes first."""
    found = _NEXT_WORD.match(text_after(m, group))
    return found.group(1) if found else ""


def sentence_stop(m: re.Match[str]) -> str:
    """"." when the match's own full stop also ends the sentence (the text ends, or a capital starts the
    next), else "": a spoken abbreviation keeps the pause the sentence needs and loses the rest."""
    if not m.group().endswith("."):
        return ""
    return "." if _SENTENCE_ENDS.match(m.string, m.end()) else ""


_SENTENCE_ENDS = re.compile(rf"\s*(?:$|{UPPER})")


def at_sentence_start(text: str, position: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, position - WINDOW):position]))


def is_count_noun(word: str) -> bool:
    """A lower-case word that can be the noun an amount describes ("flood", "race"), not a function word,
    an adverb or a word such as "high" that says the amount is predicative."""
    return (
        word.isalpha() and word.islower() and word not in FUNCTION_WORDS and word not in PREDICATIVE
        and not word.endswith("ly")
    )


IRREGULAR_PLURALS = word_set("people children men women police staff cattle sheep personnel troops")


def is_plural_noun(word: str) -> bool:
    return word in IRREGULAR_PLURALS or (
        is_count_noun(word) and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    )


def attributive(m: re.Match[str]) -> bool:
    """Whether an amount describes the noun after it ("a 10km race", "the £14.2m flood wall",
    "a £20,000-a-year job"), when English says the unit in the singular."""
    after = text_after(m)
    if re.match(r"-[A-Za-z]", after):
        return True
    if not is_count_noun(next_word(m)):
        return False
    before = words_before(m, 4)
    if before and _DIMENSION_BEFORE.search(text_before(m)):
        before = before[:-1]  # "a 3 by 4m rug": the first side belongs to the same amount
    for distance in range(1, len(before) + 1):
        word = before[-distance].lower()
        if word in DETERMINERS or word.endswith(("'s", "’s")):
            gap = [w.lower() for w in before[len(before) - distance + 1:]]
            if len(gap) > 1 or any(w in FUNCTION_WORDS for w in gap):
                return False
            # after "a" any one word describes the amount ("a crumpled $5 bill"); after "the" a verb may
            # end the subject ("the firm spent $5m")
            return word in ("a", "an") or not any(_VERB_LIKE.search(w) for w in gap)
        if word in FUNCTION_WORDS:
            return False
    return False


def title_case(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower() and word.isalpha()
