"""Symbols said as words: "~15W" is "about fifteen watts", "3 × 4" "three by four", "±3" "plus or minus
three", "M&S" "M and S", "Disney+" "Disney plus", "90°" "ninety degrees". An engine left to itself says
"tilde" or nothing at all."""

from __future__ import annotations

import re
from collections.abc import Callable

from narrator.normalise.rules import NUMBER, START, Rule, attributive, rule
from narrator.normalise.style import SpeechStyle
from narrator.normalise.words import decimal

_BEFORE_NUMBER = r"(?=[£$€¥]?\.?\d)"


def _said(words: str) -> Callable[[re.Match[str], SpeechStyle], str]:
    return lambda m, style: words


def _degrees(m: re.Match[str], style: SpeechStyle) -> str:
    singular = attributive(m) or m.group(1) == "1"
    amount = decimal(m.group(1), british=style.british, zero=style.zero)
    return f"{amount} {'degree' if singular else 'degrees'}"


NUMERIC_SYMBOLS: tuple[Rule, ...] = (
    rule(r"~\s?" + _BEFORE_NUMBER, _said("about "), "~"),
    rule(r"≈\s?" + _BEFORE_NUMBER, _said("approximately "), "≈"),
    rule(r"±\s?", _said("plus or minus "), "±"),
    rule(r"<\s?" + _BEFORE_NUMBER, _said("less than "), "<"),
    rule(r">\s?" + _BEFORE_NUMBER, _said("more than "), ">"),
    rule(r"≤\s?", _said("at most "), "≤"),
    rule(r"≥\s?", _said("at least "), "≥"),
    rule(r"(?<=\d)\s?[×x]\s?(?=\d)", _said(" by "), gate=r"\d\s?[×x]"),
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
