"""House style: which English conventions an article follows, decided once per article.

British and American news write and say the same things differently: 11/03/2025 is the 11th of March in
London and November 3 in New York; "one hundred and twenty" against "one hundred twenty"; "oh" against
"zero" in a phone number. The language tag decides (en-us is American; en-gb, en-au, en-ie, en-in, en-nz,
en-za and the rest are British), and where a slash date is ambiguous the article's own unambiguous dates
decide its order before the tag does. A plain "en" tag with no other evidence reads dates day first, as
most of the English-speaking world writes them. Languages other than English get no English rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from narrator.models import Article
from narrator.normalise.words import MONTH_PATTERN

AMERICAN_REGIONS = frozenset({"us", "ph"})
"""Regions whose news writes month-first dates and says numbers the American way."""


@dataclass(frozen=True)
class SpeechStyle:
    """How an article's numbers and dates are said."""

    english: bool = True
    american: bool = False
    day_first: bool = True
    """Whether an ambiguous numeric date (03/04/2025) puts the day first."""

    @property
    def british(self) -> bool:
        """British numbers say "and" after the hundreds."""
        return not self.american

    @property
    def zero(self) -> str:
        """How a 0 is said in a digit string: "oh" in British style, "zero" in American."""
        return "zero" if self.american else "oh"


BRITISH = SpeechStyle()
AMERICAN = SpeechStyle(american=True, day_first=False)
NOT_ENGLISH = SpeechStyle(english=False)

_NUMERIC_DATE = re.compile(r"(?<![\w/.])(\d{1,2})[/.](\d{1,2})[/.](?:\d{4}|\d{2})(?![\w/])")
_DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH_PATTERN)
_MONTH_DAY = re.compile(r"\b" + MONTH_PATTERN + r"\s+\d{1,2}(?:st|nd|rd|th)?\b")


def region_of(language: str | None) -> str | None:
    """"en-US" -> "us"; "en" -> None."""
    if not language:
        return None
    parts = re.split(r"[-_]", language.strip().lower())
    return parts[1] if len(parts) > 1 and parts[1] else None


def is_english(language: str | None) -> bool:
    return not language or re.split(r"[-_]", language.strip().lower())[0] in ("en", "eng", "english")


def _date_order_evidence(texts: Iterable[str]) -> int:
    """Positive when the text writes dates day first, negative when month first, 0 when it cannot tell.
    Unambiguous numeric dates (25/12/2024, 12/25/2024) count most; written dates count when they all
    agree."""
    numeric = written_day = written_month = 0
    for text in texts:
        for m in _NUMERIC_DATE.finditer(text):
            first, second = int(m.group(1)), int(m.group(2))
            if first > 12 >= second:
                numeric += 1
            elif second > 12 >= first:
                numeric -= 1
        written_day += len(_DAY_MONTH.findall(text))
        written_month += len(_MONTH_DAY.findall(text))
    if numeric:
        return numeric
    if written_day and not written_month:
        return 1
    if written_month and not written_day:
        return -1
    return 0


def speech_style(language: str | None, texts: Iterable[str] = (), fallback: str | None = None) -> SpeechStyle:
    """The house style of an article in ``language`` (its own tag, or else ``fallback``: the podcast's),
    with ``texts`` (its title and paragraphs) deciding the order of ambiguous numeric dates."""
    tag = language or fallback
    if not is_english(tag):
        return NOT_ENGLISH
    region = region_of(language) or region_of(fallback)
    american = region in AMERICAN_REGIONS
    evidence = _date_order_evidence(texts)
    day_first = evidence > 0 if evidence else not american
    return SpeechStyle(american=american, day_first=day_first)


def article_style(article: Article, podcast_language: str | None = None) -> SpeechStyle:
    """The house style of one article: its own language tag, else the podcast's, and its own dates."""
    texts = [article.title, *(block.text for block in article.blocks)]
    return speech_style(article.language, texts, fallback=podcast_language)
