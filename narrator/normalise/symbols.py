"""Symbols said as words: "~15W" is "about fifteen watts", "3 × 4" "three by four", "±3" "plus or minus
three", "M&S" "M and S", "Disney+" "Disney plus", "90°" "ninety degrees". An engine left to itself says
"tilde" or nothing at all."""

from __future__ import annotations

import re
from collections.abc import Callable

from narrator.normalise.rules import NUMBER, START, Rule, attributive, rule
from narrator.normalise.style import SpeechStyle
from narrator.normalise.words import decimal

_BEFORE_NUMBER = r"(?=[-−+]?[£$€¥]?\.?\d)"
_PREFIX = r"(?:(?<=[\s(])|^)"
"""Where "<" or ">" is written as a prefix to an amount ("children <5", "(>40C)"): said "under" and
"over", as a newsreader says ages and thresholds; between two terms ("p < 0.05") it is "less than"."""


def _said(words: str) -> Callable[[re.Match[str], SpeechStyle], str]:
    return lambda m, style: words


def _degrees(m: re.Match[str], style: SpeechStyle) -> str:
    singular = attributive(m) or m.group(1) == "1"
    amount = decimal(m.group(1), british=style.british, zero=style.zero)
    return f"{amount} {'degree' if singular else 'degrees'}"


DIMENSIONS: tuple[Rule, ...] = (
    rule(r"(?<=\d)(?P<unit>(?:mm|cm|m|km|ft|in)\b)?\s?[×x]\s?(?=\d)",
         lambda m, style: (m.group("unit") or "") + " by ", gate=r"\d(?:mm|cm|m|km|ft|in)?\s?[×x]\s?\d"),
)
""""4x100m", "3 × 4m", "4m x 5m": "by", said before the measures so the numbers keep their units."""
THRESHOLDS: tuple[Rule, ...] = (
    rule(r"~\s?" + _BEFORE_NUMBER, _said("about "), "~"),
    rule(r"≈\s?" + _BEFORE_NUMBER, _said("approximately "), "≈"),
    rule(_PREFIX + r"<" + _BEFORE_NUMBER, _said("under "), "<"),
    rule(_PREFIX + r">" + _BEFORE_NUMBER, _said("over "), ">"),
    rule(r"\s?<\s?" + _BEFORE_NUMBER, _said(" less than "), "<"),
    rule(r"\s?>\s?" + _BEFORE_NUMBER, _said(" more than "), ">"),
)
"""Signs before an amount, said before the money, percentage and measure rules turn the amount into
words ("<1%", "~£5m"), while a digit still marks where an amount starts."""
NUMERIC_SYMBOLS: tuple[Rule, ...] = (
    rule(r"±\s?", _said("plus or minus "), "±"),
    rule(r"≤\s?", _said("at most "), "≤"),
    rule(r"≥\s?", _said("at least "), "≥"),
    rule(r"(?<=\d)\s?[×x](?![\w])", _said(" times"), gate=r"\d\s?[×x]"),
    rule(r"(?<![\w&])#\s?(?=\d)", _said("number "), gate=r"#\s?\d"),
    rule(START + r"(" + NUMBER + r")\s?°(?![CF]\b)", _degrees, "°"),
)
SYMBOLS: tuple[Rule, ...] = (
    rule(r"\s*&\s*", _said(" and "), "&"),
    rule(r"(?<=[\w+])\+", _said(" plus"), "+"),
    rule(r"(?<![\w\s])\+(?=\s)|(?<=\s)\+(?=\s)", _said(" plus "), "+"),
    rule(r"(?<=[A-Za-z])/(?=[A-Za-z])", _said(" "), "/"),
    rule(r"\s?=\s?", _said(" equals "), "="),
    rule(r"\s?@\s?", _said(" at "), "@"),
    rule(r"\*+(?![\w*])", _said(""), "*"),
    rule(r"§\s?", _said("section "), "§"),
    rule(r"©\s?", _said("copyright "), "©"),
    rule(r"[®™]", _said(""), "®™"),
    rule(r"\s?%", lambda m, style: " percent" if style.american else " per cent", "%"),
    rule(r"~", _said(" about "), "~"),
    rule(r"\s*[|•·]\s*", _said(", "), "|•·"),
    rule(r"(?<=\w)_(?=\w)|[\\^]", _said(" "), "_\\^"),
)
