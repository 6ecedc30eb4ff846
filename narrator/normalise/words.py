"""English words for numbers and months: the vocabulary every other rule speaks with.

Numbers arrive as digit strings, so a number of any length is safe to read (``int`` refuses strings of
more than 4,300 digits); whole numbers longer than LONGEST_SPOKEN_NUMBER digits are read digit by digit.
"""

from __future__ import annotations

import re

from narrator.letters import UPPER

ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALES = ("", "thousand", "million", "billion", "trillion")
LONGEST_SPOKEN_NUMBER = 15
"""Digits in the longest whole number read as a number (hundreds of trillions); longer ones are read
digit by digit, one clear behaviour for serial numbers, hashes and hostile input alike."""

# English month names, whatever the locale (strftime's %B follows it).
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(MONTHS, start=1)} | {
    name[:3].lower(): i for i, name in enumerate(MONTHS, start=1)
} | {"sept": 9}
MONTH_PATTERN = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    rf"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b(?:\.(?!\s*$|\s+(?:{UPPER}|[\"“])))?)"
)
"""A month's name or abbreviation, capitalised as written in English; an abbreviation takes its full stop
("Jan. 6") unless the stop ends the sentence, which keeps it."""

INDIAN_GROUPING = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}")
"""Digits grouped in twos above the thousands (3,45,000; 1,20,00,000): lakhs and crores."""
_ORDINAL_ENDINGS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
    "twelve": "twelfth",
}
_FRACTION_NAMES = {2: ("half", "halves"), 4: ("quarter", "quarters")}


def _below_thousand(n: int, british: bool) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [ONES[hundreds], "hundred"]
        if rest and british:
            words.append("and")
    if rest >= 20:
        words.append(TENS[rest // 10])
        if rest % 10:
            words.append(ONES[rest % 10])
    elif rest:
        words.append(ONES[rest])
    return words


def cardinal(digits: str | int, *, british: bool = True) -> str:
    """A whole number in words: "1007" -> "one thousand and seven" (British) or "one thousand seven"."""
    text = str(digits).lstrip("0")
    if not text:
        return "zero"
    if len(text) > LONGEST_SPOKEN_NUMBER:
        return spell_digits(text)
    n = int(text)
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for scale in range(len(groups) - 1, -1, -1):
        group = groups[scale]
        if not group:
            continue
        if scale == 0 and british and words and group < 100:
            words.append("and")
        words += _below_thousand(group, british)
        if scale:
            words.append(SCALES[scale])
    return " ".join(words)


def indian_cardinal(digits: str, *, british: bool = True) -> str:
    """A number written in Indian grouping, said in crores and lakhs as it is written: "3,45,000" -> "three
    lakh forty five thousand", "1,20,00,000" -> "one crore twenty lakh"."""
    n = int(digits.replace(",", ""))
    crores, rest = divmod(n, 10**7)
    lakhs, rest = divmod(rest, 10**5)
    words = [f"{cardinal(count, british=british)} {name}"
             for count, name in ((crores, "crore"), (lakhs, "lakh")) if count]
    if rest:
        if words and british and rest < 100:
            words.append("and")
        words.append(cardinal(rest, british=british))
    return " ".join(words) or "zero"


def ordinal(digits: str | int, *, british: bool = True) -> str:
    """21 -> "twenty first"."""
    head, _, last = cardinal(digits, british=british).rpartition(" ")
    if last in _ORDINAL_ENDINGS:
        last = _ORDINAL_ENDINGS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head} {last}".strip()


def plural(words: str) -> str:
    """The plural of a number's last word: "nineteen ninety" -> "nineteen nineties", "six" -> "sixes"."""
    head, _, last = words.rpartition(" ")
    if last.endswith("y"):
        last = last[:-1] + "ies"
    elif last.endswith("x"):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}".strip()


def spell_digits(digits: str, zero: str = "zero") -> str:
    """Digit by digit: "0800" -> "oh eight oh oh" with zero="oh"; a string of zeros always says "zero"."""
    if zero != "zero" and not digits.strip("0"):
        zero = "zero"
    return " ".join(zero if d == "0" else ONES[int(d)] for d in digits if d.isdigit())


def year(digits: str | int, *, british: bool = True) -> str:
    """Years as people say them: 1956 "nineteen fifty six", 2020 "twenty twenty", 2005 "two thousand and
    five", 1905 "nineteen oh five", 1900 "nineteen hundred"."""
    text = str(digits).lstrip("0") or "0"
    if len(text) != 4:
        return cardinal(text, british=british)
    n = int(text)
    high, low = divmod(n, 100)
    if n % 1000 < 10 or (high % 10 == 0 and low == 0):
        return cardinal(n, british=british)
    if low == 0:
        return f"{cardinal(high)} hundred"
    return f"{cardinal(high)} {'oh ' + ONES[low] if low < 10 else cardinal(low)}"


def code_number(digits: str, zero: str = "oh") -> str:
    """A number inside a code or name, as people say it: M6 "six", A683 "six eighty three", B6265 "sixty two
    sixty five", 0161 "oh one six one"; five digits or more digit by digit."""
    repeated = len(digits) == 3 and len(set(digits)) == 1  # 777 and 999 are said digit by digit
    if len(digits) > 1 and digits.startswith("0") or len(digits) > 4 or repeated:
        return spell_digits(digits, zero)
    if len(digits) <= 2:
        return cardinal(digits)
    head, tail = (digits[0], digits[1:]) if len(digits) == 3 else (digits[:2], digits[2:])
    if tail == "00":
        return cardinal(digits) if head.endswith("0") and len(digits) == 4 else f"{cardinal(head)} hundred"
    if tail.startswith("0"):
        return f"{cardinal(head)} {zero} {ONES[int(tail[1])]}"
    return f"{cardinal(head)} {cardinal(tail)}"


def decimal(text: str, *, british: bool = True, zero: str = "zero") -> str:
    """"4.2" -> "four point two"; "2,300" -> "two thousand three hundred"; "0.3" -> "zero point three"
    ("nought" in British style); ".5" -> "point five"."""
    whole, _, fraction = text.partition(".")
    if INDIAN_GROUPING.fullmatch(whole):
        words = indian_cardinal(whole, british=british)
    elif whole.strip("0,") or not fraction:
        words = cardinal(whole.replace(",", ""), british=british)
    elif whole:
        words = "nought" if british else "zero"
    else:
        words = ""
    if fraction:
        words = f"{words} point {spell_digits(fraction, zero)}".strip()
    return words


def fraction(numerator: str, denominator: str, *, british: bool = True) -> str:
    """"2/3" -> "two thirds", "1/4" -> "one quarter", "1/2" -> "half"."""
    top, bottom = int(numerator), int(denominator)
    if top == 1 and bottom == 2:
        return "half"
    one, many = _FRACTION_NAMES.get(bottom) or (ordinal(bottom, british=british),) * 2
    if many == one:
        many = plural(one)
    return f"{cardinal(numerator, british=british)} {one if top == 1 else many}"
