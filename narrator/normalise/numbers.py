"""Numbers that are none of a date, a time, money or a measure: signs, ratios, fractions and odds,
scores and ranges, ordinals and plain cardinals.

A hyphen or en dash between two numbers is a range ("aged 18-24": "eighteen to twenty four") unless it is a
result: a winning verb or noun nearby or a descending pair makes a score ("won 3-1": "three one";
"a 24-17 win": "twenty four to seventeen"), and a big total against ten or fewer wickets a cricket score
("245-6" or "187/4": "two hundred and forty five for six"). A slash between small numbers is a fraction
("2/3": "two thirds") or, in a betting context, odds ("the 11/4 favourite": "eleven to four").
"""

from __future__ import annotations

import re

from narrator.normalise.rules import (
    AIRCRAFT_MAKERS,
    JETLINER,
    NUMBER,
    START,
    Rule,
    next_word,
    previous_word,
    rule,
    word_set,
    words_after,
    words_before,
)
from narrator.normalise.style import SpeechStyle
from narrator.normalise.words import MONTHS, cardinal, code_number, decimal, fraction, ordinal, spell_digits

UNICODE_FRACTIONS = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5), "⅗": (3, 5),
    "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8),
}
IDIOMS = {"24/7": "twenty four seven", "9/11": "nine eleven", "7/7": "seven seven", "20/20": "twenty twenty"}
"""Slashed numbers that are names, not fractions or dates."""
VOTE_WORDS = word_set(
    "vote voted votes ruling ruled decision verdict majority passed approved rejected carried"
)
"""Words that make a pair of numbers a vote, said with "to" however small ("a 5-4 ruling": "five to four")."""
RATIO_BEFORE = word_set("outnumber outnumbers outnumbered nearly almost roughly about than by ratio")
"""Words just before a pair that make it a ratio, said with "to": "outnumber GOPers 3-1", "by nearly 2-1",
"more than 2-1"."""
RESULT_WORDS = word_set(
    """won win wins winning beat beats beating lost lose loses losing drew draw draws drawing defeated defeat
    defeats victory thrashed hammered edged trail trailed trailing led lead leads leading score scored
    scoreline aggregate vote voted votes margin home away loss passed approved rejected carried thrashing
    rout ended finished"""
)
TALLY_WORDS = word_set("scored posted kicked tallied totalled totaled registered")
"""Verbs that give one side's tally: a pair after them is a Gaelic score in goals and points ("Cork
scored 1-22": "one twenty two"), as is a pair set against another ("2-14 to 1-12")."""
CRICKET_WORDS = word_set("stumps wicket wickets innings overs declared bowling bowled bowler batting")
"""Words that make a small number against a bigger one a cricket score written wickets first, as
Australia writes it ("4/187 at stumps"), or a bowler's figures ("figures of 4-23"): "four for ...".
Session words ("at lunch", "at tea") are left out: "aged 5-11 get free lunch" is a range."""
ODDS_BEFORE = word_set("odds price priced backed bet")
ODDS_AFTER = word_set("favourite favorite fav shot chance outsider winner bet")
DATE_WORDS = word_set("on since until till from by dated before after")
UNIT_NOUNS = word_set(
    """inch mile hour minute second day week month year cup teaspoon tablespoon pint litre liter metre
    meter kilometre kilometer kilo kilogram pound ounce acre ton tonne foot yard gallon length point"""
)
"""Singular nouns that a fraction measures: "3/4 mile" is "three quarters of a mile"."""
MAGNITUDE_WORDS = {"bn": "billion", "tn": "trillion", "trn": "trillion", "mn": "million", "k": "thousand",
                   "K": "thousand", "M": "million", "B": "billion"}
RATING_WORDS = word_set("rated rating rates scored score scores marks mark got gets given gave out")
RACE_WORDS = word_set("race run runs races walk swim ride fun")


def _number(text: str, style: SpeechStyle) -> str:
    return decimal(text, british=style.british, zero=style.zero)


def _half(text: str, style: SpeechStyle) -> str:
    """16.5 in a score: "sixteen and a half"."""
    if text.endswith(".5") and "," not in text:
        return f"{cardinal(text[:-2] or '0', british=style.british)} and a half"
    return _number(text, style)


def _value(text: str) -> float:
    digits = text.replace(",", "")
    return float(digits) if len(digits) <= 15 else float("inf")


def _sign(m: re.Match[str], style: SpeechStyle) -> str:
    return "minus " if m.group() in "-−" else "plus "


def _ratio(m: re.Match[str], style: SpeechStyle) -> str:
    """2:1 in "a 2:1 ratio" or 1:50,000 in "a scale of 1:50,000": "two to one"."""
    context = {w.lower() for w in words_before(m, 3)} | {next_word(m).lower()}
    big = any(len(g.replace(",", "")) > 2 or "," in g for g in (m.group(1), m.group(2)))
    first, second = _number(m.group(1), style), _number(m.group(2), style)
    if context & {"ratio", "ratios", "scale", "margin", "majority", "split", "odds"} or big:
        return f"{first} to {second}"
    if len(m.group(2)) == 1:
        # no clock has one digit of minutes: "Ephesians 5:6" is chapter and verse, "a 3:1 mix" a ratio
        return f"{first} {second}" if previous_word(m)[:1].isupper() else f"{first} to {second}"
    return m.group()  # "5:15": a time, for the clock rules


def _unicode_fraction(m: re.Match[str], style: SpeechStyle) -> str:
    whole, symbol = m.group(1), m.group(2)
    top, bottom = UNICODE_FRACTIONS[symbol]
    if whole:
        return _mixed(whole, str(top), str(bottom), style)
    return _fraction_words(m, str(top), str(bottom), style)


def _mixed(whole: str, top: str, bottom: str, style: SpeechStyle) -> str:
    """A whole number and a fraction: "2½" or "2 1/2" is "two and a half"."""
    part = fraction(top, bottom).replace("one ", "a ", 1)  # "three and a quarter"
    return f"{cardinal(whole, british=style.british)} and {'a half' if part == 'half' else part}"


def _mixed_number(m: re.Match[str], style: SpeechStyle) -> str:
    return _mixed(m.group(1), m.group(2), m.group(3), style)


def _fraction_words(m: re.Match[str], top: str, bottom: str, style: SpeechStyle) -> str:
    """"2/3 of voters": "two thirds of voters"; "½ mile": "half a mile"; "a ¼ mile": "a quarter mile"."""
    words = fraction(top, bottom, british=style.british)
    after = next_word(m).lower()
    article = previous_word(m).lower() in ("a", "an")
    if words == "half":
        if article:
            return "half"
        return "half a" if after in UNIT_NOUNS else "a half"
    if after in UNIT_NOUNS and not article:
        words += f" of {'an' if after[0] in 'aeiou' else 'a'}"
    return words


def _out_of(m: re.Match[str], style: SpeechStyle) -> str:
    """A rating: "4.5/5" or "scored 8/10": "four point five out of five"."""
    top, bottom = m.group(1), m.group(2)
    rating = "." in top or {w.lower() for w in words_before(m, 2)} & RATING_WORDS
    if not rating or _value(top) > _value(bottom):
        return m.group()
    return f"{_number(top, style)} out of {_number(bottom, style)}"


def _slash(m: re.Match[str], style: SpeechStyle) -> str:
    top, bottom = m.group(1), m.group(2)
    if m.group() in IDIOMS:
        return IDIOMS[m.group()]
    a, b = int(top), int(bottom)
    after = next_word(m).lower()
    if a == b:
        return f"{cardinal(top)} {cardinal(bottom)}"
    if a > b >= 40 and (after == "millimetres" or {w.lower() for w in words_before(m, 4)} & PRESSURE_WORDS):
        return f"{cardinal(top)} over {cardinal(bottom)}"  # blood pressure: "140/90 mmHg"
    odds = {w.lower() for w in words_before(m, 2)} & ODDS_BEFORE or after in ODDS_AFTER
    if odds or (a > b and previous_word(m).lower() == "at"):
        return f"{cardinal(top)} to {cardinal(bottom)}"
    if _cricket(a, b):
        return f"{cardinal(top, british=style.british)} for {cardinal(bottom)}"
    if _wickets_first(m, a, b):
        return f"{cardinal(top)} for {cardinal(bottom, british=style.british)}"
    if a > b and after in ("on", "against"):
        return f"{cardinal(top)} to {cardinal(bottom)}"  # odds on, odds against
    is_date = 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12
    if previous_word(m).lower() in DATE_WORDS and is_date and not (a < b and after == "of"):
        return _short_date(a, b, style)
    if a < b <= 100:
        return _fraction_words(m, top, bottom, style)
    if is_date:
        return _short_date(a, b, style)
    return f"{cardinal(top)} to {cardinal(bottom)}"


PRESSURE_WORDS = word_set("pressure reading readings hypertension systolic diastolic")
"""Words before "140/90" that make it blood pressure, said "a hundred and forty over ninety"."""


def _cricket(runs: float, wickets: float) -> bool:
    """A cricket score, "245-6" or "187/4": a big total against ten or fewer wickets."""
    return runs > wickets and wickets <= 10 and runs >= 30


def _wickets_first(m: re.Match[str], wickets: float, runs: float) -> bool:
    """A cricket score or bowling figures written wickets first ("4/187", "4-23"), in a cricket
    context."""
    if not (wickets <= 10 < runs or wickets == 0 < runs):
        return False
    return _cricket_near(m) or [w.lower() for w in words_before(m, 2)] == ["figures", "of"]


def _cricket_near(m: re.Match[str]) -> bool:
    """Whether a cricket word stands within four words of the match."""
    near = {w.lower() for w in (*words_before(m, 4), *words_after(m, 4))}
    return bool(near & CRICKET_WORDS)


def _gaelic(m: re.Match[str]) -> bool:
    """One side's score in goals and points: after a tally verb, or set against another such score."""
    before, after = m.string[max(0, m.start() - 12):m.start()], m.string[m.end():m.end() + 12]
    against = re.search(r"\d[-–]\d+\s+to\s+$", before) or re.match(r"\s+to\s+\d+[-–]\d", after)
    return bool(against) or previous_word(m).lower() in TALLY_WORDS


def _short_date(a: int, b: int, style: SpeechStyle) -> str:
    if a > 12 or (b <= 12 and style.day_first):
        day, month = a, b
    else:
        day, month = b, a
    name = MONTHS[month - 1]
    return f"the {ordinal(day)} of {name}" if not style.american else f"{name} {ordinal(day)}"


def _pair(m: re.Match[str], style: SpeechStyle) -> str:
    """A hyphen or en dash between two numbers: a score or a range."""
    first, second = m.group(1), m.group(2)
    a, b = _value(first), _value(second)
    before = [w.lower() for w in words_before(m, 3)]
    after = next_word(m).lower()
    vote = bool(VOTE_WORDS & set(before)) or after in VOTE_WORDS
    result = vote or bool(RESULT_WORDS & set(before)) or after in RESULT_WORDS
    whole = "." not in first + second
    jetliner = JETLINER.fullmatch(first) and not result and not _cricket_near(m)
    previous = previous_word(m).lower()
    if whole and previous in ("number", "numbers"):
        return f"{code_number(first)} {code_number(second)}"  # a docket's "No. 14-1418", not a range
    if after == "record" and a > b:
        return f"{_number(first, style)} and {_number(second, style)}"  # "an 11-2 record": won and lost
    if RATIO_BEFORE & set(before[-2:]) and a > b:
        return f"{_number(first, style)} to {_number(second, style)}"  # "outnumber them 3-1", "by nearly 2-1"
    if whole and (previous in AIRCRAFT_MAKERS or jetliner):
        return f"{code_number(first)} {code_number(second)}"  # the Boeing 787-9: a model and its variant
    if whole and _cricket(a, b) and not result:
        return f"{_number(first, style)} for {_number(second, style)}"
    if whole and _wickets_first(m, a, b):
        return f"{_number(first, style)} for {_number(second, style)}"
    if whole and _gaelic(m):
        return _score(first, second, style, joiner=" ")
    if not result and a >= 100 and b >= 100 and b % 100 == 0 and a % 10 and whole:
        return f"{code_number(first)} {code_number(second)}"  # a model and its variant: the 747-400
    if a == b and not result:
        return f"{_number(first, style)} {_number(second, style)}"  # "a 50-50 chance", as "50/50"
    if vote:
        return f"{_number(first, style)} to {_number(second, style)}"  # "a 9-0 decision": "nine to zero"
    if result or a > b or a == b:
        return _score(first, second, style)
    return f"{_number(first, style)} to {_number(second, style)}"


def _score(first: str, second: str, style: SpeechStyle, joiner: str | None = None) -> str:
    """"three one", "two all", "one nil"; "twenty four to seventeen" once a side reaches twenty, unless
    ``joiner`` says otherwise."""
    def side(n: str) -> str:
        if n.strip("0") == "" and "." not in n:
            return "nothing" if style.american else "nil"
        return _half(n, style)

    if first == second and _value(first) < 20:
        return f"{side(first)} all" if style.british else f"{side(first)} {side(second)}"
    if joiner is None:
        joiner = " to " if max(_value(first), _value(second)) >= 20 else " "
    return side(first) + joiner + side(second)


def ordinal_suffix(digits: str) -> str:
    """The suffix English writes after a number: 1st, 2nd, 3rd, 4th, 11th, 21st."""
    if digits[-2:-1] == "1":
        return "th"
    return {"1": "st", "2": "nd", "3": "rd"}.get(digits[-1], "th")


def _ordinal(m: re.Match[str], style: SpeechStyle) -> str:
    digits = m.group(1).replace(",", "")
    if m.group(2).lower() != ordinal_suffix(digits):
        return m.group()  # "3st" is three stone, not an ordinal
    return ordinal(digits, british=style.british)


def _magnitude(m: re.Match[str], style: SpeechStyle) -> str:
    unit = m.group(2)
    if unit in "kK" and (next_word(m).lower() in RACE_WORDS or unit == "K" and len(m.group(1)) == 1):
        return f"{_number(m.group(1), style)} {unit}"
    return f"{_number(m.group(1), style)} {MAGNITUDE_WORDS[unit]}"


def _plain(m: re.Match[str], style: SpeechStyle) -> str:
    """Any number still written in digits: grouped thousands, decimals, a leading zero (read digit by
    digit, like a code), and whole numbers longer than words can sensibly say (digit by digit)."""
    text = re.sub(r"[\s\u00a0\u202f\u2009]", "", m.group())
    if text.startswith("."):
        return "point " + spell_digits(text[1:], style.zero)
    whole = text.split(".")[0]
    if len(whole) > 1 and whole.startswith("0") and "," not in whole:
        return spell_digits(text.replace(".", ""), style.zero) if "." not in text else _number(text, style)
    return _number(text, style)


SIGNS: tuple[Rule, ...] = (
    rule(r"\+\s?/\s?[-−]\s?(?=[£$€¥]?\.?\d)", lambda m, s: "plus or minus ", gate=r"\+\s?/\s?[-−]"),  # ±
    rule(r"(?<![^\s(\[])-(?=[£$€¥]?\.?\d)", _sign, gate=r"-[£$€¥]?\.?\d"),
    rule(r"−(?=[£$€¥]?\.?\d)", _sign, gate="−"),
    rule(r"(?<![^\s(\[])\+(?=[£$€¥]?\.?\d)", _sign, gate=r"\+[£$€¥]?\.?\d"),
)
RATIOS: tuple[Rule, ...] = (
    rule(r"(?<![\w.:,])(\d{1,3}(?:,\d{3})*|\d+):(\d{1,3}(?:,\d{3})+|\d+)(?![\d:]|\.\d)", _ratio,
         gate=r"\d:\d"),
)
FRACTIONS: tuple[Rule, ...] = (
    rule(r"(?<![\w.,])(\d*)\s?([" + "".join(UNICODE_FRACTIONS) + r"])", _unicode_fraction,
         "".join(UNICODE_FRACTIONS)),
    rule(r"(?<![\w.,/:])(\d{1,3}) (1|3|5|7)/(2|4|8)(?![\w/]|[.,]\d)", _mixed_number, gate=r"\d \d/\d"),
    rule(r"(?<![\w.,/:])(\d{1,3}(?:\.\d+)?)/(10|5|100|20)(?![\w/]|[.,]\d)", _out_of, gate=r"\d/\d"),
    rule(r"(?<![\w.,/:])(\d{1,3})/(\d{1,3})(?![\w/]|[.,]\d)", _slash, gate=r"\d/\d"),
)
SCORES_AND_RANGES: tuple[Rule, ...] = (
    rule(START + r"(" + NUMBER + r")[-–](" + NUMBER + r")" + r"(?![\w/:-]|[.,]\d)", _pair, gate=r"\d[-–]\d"),
    # "Kohli made 82* off 53 balls": a batter's score with an asterisk is not out
    rule(r"(?<![\w.])(\d{1,3})\*(?=\s+(?:off|from)\s+\d+\s+(?:balls?|deliveries)\b)",
         lambda m, s: f"{cardinal(m.group(1), british=s.british)} not out", gate=r"\d\*"),
)
ORDINALS: tuple[Rule, ...] = (
    rule(START + r"(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b", _ordinal,
         gate=r"\d(?:st|nd|rd|th|ST|ND|RD|TH)\b"),
)
MAGNITUDES: tuple[Rule, ...] = (
    rule(START + r"(" + NUMBER + r")\s?(bn|tn|trn|mn)\b", _magnitude),
    rule(START + r"(" + NUMBER + r")(k|K)\b", _magnitude),
    # "30.5M people", "2.5B users": a decimal before a capital M or B is millions or billions (a whole
    # number is left: "3M" is a company, "2B" a pencil)
    rule(START + r"(\d+\.\d+)([MB])\b", _magnitude, gate=r"\.\d+[MB]\b"),
)
CARDINALS: tuple[Rule, ...] = (
    rule(r"(?<![\w.,])\d{2,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\w.,]?\d)", _plain),
    rule(r"(?<![\w.,])" + NUMBER + r"(?!\w)|(?<![\w.])\.\d+(?!\w)", _plain),
    rule(r"\d+", lambda m, s: f" {cardinal(m.group(), british=s.british)} "),
)
