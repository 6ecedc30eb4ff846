"""Text normalisation for speech: what a careful newsreader says aloud, before any engine sees it.

Engines read "£14.2m" as symbols, "A683" as a big number and "11/03/2025" with slashes; the rules in this
package turn written conventions into plain words, in the article's house style (style.py). The producer's
pronunciation lexicon (voices/lexicon.toml) runs first, on the text as written, so it wins over every
rule: whatever it says is what the rules see. Only the spoken text changes; the display text, transcripts
and captions keep the written form.

The rules run in a fixed order, most specific first: addresses and handles, titles and street names,
phone numbers and postcodes, dates, ratios and times, signs before amounts (~, <, >), plus and minus
signs, money, ordinals, dimensions ("4x100m"), temperatures and measures, fractions and numeric
symbols, years, scores and ranges, Roman numerals, codes, the remaining numbers, other symbols, and last
the acronyms. Each rule reads a bounded window around its match, so the whole is linear in the length
of the text.
"""

from __future__ import annotations

import re

from narrator.normalise import abbreviations, codes, dates, measures, money, numbers, symbols, web
from narrator.normalise.lexicon import Lexicon
from narrator.normalise.rules import Rule
from narrator.normalise.style import BRITISH, SpeechStyle
from narrator.normalise.words import MONTHS, ONES, SCALES, TENS

STAGES: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    (r"[@#]|://|\w\.[a-z]{2}", web.RULES),
    ("", abbreviations.TITLES_AND_STREETS),
    ("", codes.PHONES),
    ("", codes.POSTCODES),
    ("", dates.DATES),
    ("", numbers.RATIOS),
    ("", dates.TIMES),
    ("[~≈<>]", symbols.THRESHOLDS),
    ("", numbers.SIGNS),
    ("", money.RULES),
    ("", numbers.ORDINALS),
    ("[×x]", symbols.DIMENSIONS),
    ("", measures.TEMPERATURES),
    ("", measures.MEASURES),
    ("", numbers.FRACTIONS),
    ("[±≤≥×x#°]", symbols.NUMERIC_SYMBOLS),
    ("", dates.YEARS),
    ("", numbers.SCORES_AND_RANGES),
    ("", abbreviations.ROMAN_NUMERALS),
    ("", numbers.MAGNITUDES),
    ("", codes.CODES),
    ("", numbers.CARDINALS),
    (r"[&+/=@*§©®™%~|•·_\\^]", symbols.SYMBOLS),
)
"""Every rule but the acronyms, in the order they run, in stages that a text without any of a stage's
characters skips at the cost of one scan."""
RULES: tuple[Rule, ...] = tuple(rule for _, rules in STAGES for rule in rules)
_STAGES = tuple((re.compile(gate) if gate else None, rules) for gate, rules in STAGES)

_HYPHEN_BETWEEN_LETTERS = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")
_DASH_BETWEEN_WORDS = re.compile(r"(?<=\w)–(?=\w)")
_BRACKET_AFTER_WORD = re.compile(r"(?<=\w)\((?=\w)")
"""A bracket glued to the word before ("7-6(5)", "Alphabet(GOOGL)"), which engines read as one word."""
_NUMBER_WORD = "|".join(sorted({*ONES, *TENS[2:], *SCALES[1:], "hundred", "point", "and", "nought", "oh"}))
_BETWEEN_TO = re.compile(rf"\b(between (?:(?:{_NUMBER_WORD}) )+?)to (?=(?:{_NUMBER_WORD})\b)", re.I)
"""A range the rules said with "to" after "between": "between 5-10%" is "between five and ten per cent"."""
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[,.;:!?](?:\s|$))")
_CAPITALS = re.compile(r"\b[A-Z]{2,}\b")
_WORDS = re.compile(r"\b[A-Za-z]{2,}\b")


def shouting(text: str) -> bool:
    """Whether a sentence is written in capitals (a headline or a slogan): its capitals are words, not
    acronyms to spell."""
    if not _CAPITALS.search(text):
        return False
    words = _WORDS.findall(text)
    return len(words) >= 4 and len(_CAPITALS.findall(text)) > 0.6 * len(words)


def speakable(
    text: str,
    lexicon: Lexicon | None = None,
    *,
    speaker: str | None = None,
    feed: str | None = None,
    style: SpeechStyle = BRITISH,
) -> str:
    """Text rewritten so that a speech engine says it the way a newsreader would read it: the lexicon
    first, then, for English, the built-in rules in ``style``."""
    if lexicon is not None:
        text = lexicon.apply(text, feed=feed, speaker=speaker)
    if style.english:
        digits = _DIGIT.search(text) is not None
        for gate, rules in _STAGES:
            if gate is None or gate.search(text):
                for rule in rules:
                    if digits or not rule.numeric:
                        text = rule.apply(text, style)
        if not shouting(text):
            for rule in abbreviations.ACRONYMS:
                text = rule.apply(text, style)
        if "etween" in text:
            text = _BETWEEN_TO.sub(r"\1and ", text)
        text = _HYPHEN_BETWEEN_LETTERS.sub(" ", text)
        text = _DASH_BETWEEN_WORDS.sub(" to ", text)
        if "(" in text:
            text = _BRACKET_AFTER_WORD.sub(" (", text)
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BEFORE_PUNCTUATION.sub("", text)


__all__ = ["MONTHS", "RULES", "STAGES", "shouting", "speakable"]
