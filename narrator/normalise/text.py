"""Text normalisation for speech: what a careful human reader says aloud, before any engine sees it.

Engines such as eSpeak read "UK" as a word, "$4.2m" as symbols and "2020" as "two thousand twenty";
these rules turn written conventions into plain spoken words. A pronunciation lexicon
(voices/lexicon.toml) is applied first so producers can fix a word once, for every feed, one feed or one
speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from narrator.normalise.lexicon import Lexicon

# --- numbers -------------------------------------------------------------------------------------

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _below_thousand(n: int) -> str:
    words = []
    if n >= 100:
        words.append(f"{_ONES[n // 100]} hundred")
        n %= 100
        if n:
            words.append("and")
    if n >= 20:
        words.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n or not words:
        words.append(_ONES[n])
    return " ".join(words)


def number_words(n: int) -> str:
    """Cardinal in words, British style ("one hundred and twenty")."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 1000:
        return _below_thousand(n)
    parts = []
    for value, name in _SCALES:
        if n >= value:
            parts.append(f"{number_words(n // value)} {name}")
            n %= value
    if n:
        parts.append(("and " if n < 100 else "") + _below_thousand(n))
    return " ".join(parts)


def ordinal_words(n: int) -> str:
    """Ordinal in words: 21 → "twenty-first"."""
    words = number_words(n)
    head, sep, last = words.rpartition("-") if "-" in words.split()[-1] else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def year_words(n: int) -> str:
    """Years as people say them: 1956 → "nineteen fifty-six", 2020 → "twenty twenty", 2005 → "two
    thousand and five"."""
    if 2000 <= n <= 2009 or n % 1000 == 0:
        return number_words(n)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{number_words(high)} hundred"
    return f"{number_words(high)} {'oh ' + _ONES[low] if low < 10 else number_words(low)}"


def decimal_words(text: str) -> str:
    """ "4.2" → "four point two"; "2,300" → "two thousand three hundred and ..."."""
    whole, _, frac = text.replace(",", "").partition(".")
    words = number_words(int(whole or "0"))
    if frac:
        words += " point " + " ".join(_ONES[int(d)] for d in frac)
    return words


# --- built-in rules ------------------------------------------------------------------------------

# Abbreviations that only expand before a capitalised name (so "Dr" in "Main Dr" or "St" for street
# are left alone when they follow a name).
_TITLES = {
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Mx": "Mix",
    "Dr": "Doctor",
    "Prof": "Professor",
    "St": "Saint",
    "Sen": "Senator",
    "Rep": "Representative",
    "Gov": "Governor",
    "Lt": "Lieutenant",
    "Capt": "Captain",
    "Sgt": "Sergeant",
    "Col": "Colonel",
    "Gen": "General",
    "Cllr": "Councillor",
    "Rev": "Reverend",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Det": "Detective",
}
_ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "vs": "versus",
    "approx.": "approximately",
    "Jr.": "Junior",
    "Sr.": "Senior",
    "Inc.": "Incorporated",
    "Ltd": "Limited",
    "Ltd.": "Limited",
    "Co.": "Company",
    "Corp.": "Corporation",
    "Bros.": "Brothers",
    "Ave.": "Avenue",
    "Rd.": "Road",
    "Mt.": "Mount",
    "Ft.": "Fort",
}
# English month names, whatever the locale (strftime's %B follows it).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_ABBR = {m[:3]: m for m in MONTHS} | {"Sept": "September"}
_UNITS = {
    "km": "kilometres",
    "kph": "kilometres per hour",
    "km/h": "kilometres per hour",
    "mph": "miles per hour",
    "m": "metres",
    "cm": "centimetres",
    "mm": "millimetres",
    "kg": "kilograms",
    "g": "grams",
    "mg": "milligrams",
    "lb": "pounds",
    "lbs": "pounds",
    "oz": "ounces",
    "ft": "feet",
    "in": "inches",
    "mi": "miles",
    "l": "litres",
    "ml": "millilitres",
    "ha": "hectares",
    "GB": "gigabytes",
    "MB": "megabytes",
    "TB": "terabytes",
    "kB": "kilobytes",
    "MW": "megawatts",
    "GW": "gigawatts",
    "kW": "kilowatts",
    "kWh": "kilowatt hours",
    "Hz": "hertz",
    "kHz": "kilohertz",
    "°C": "degrees Celsius",
    "°F": "degrees Fahrenheit",
    "C": "degrees Celsius",
    "F": "degrees Fahrenheit",
}
_SINGULAR_UNITS = {
    "kilometres": "kilometre",
    "metres": "metre",
    "centimetres": "centimetre",
    "millimetres": "millimetre",
    "kilograms": "kilogram",
    "grams": "gram",
    "milligrams": "milligram",
    "pounds": "pound",
    "ounces": "ounce",
    "feet": "foot",
    "inches": "inch",
    "miles": "mile",
    "litres": "litre",
    "millilitres": "millilitre",
    "hectares": "hectare",
    "gigabytes": "gigabyte",
    "megabytes": "megabyte",
    "terabytes": "terabyte",
    "kilobytes": "kilobyte",
    "megawatts": "megawatt",
    "gigawatts": "gigawatt",
    "kilowatts": "kilowatt",
    "degrees Celsius": "degree Celsius",
    "degrees Fahrenheit": "degree Fahrenheit",
    "miles per hour": "mile per hour",
    "kilometres per hour": "kilometre per hour",
}
_CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
}
_MAGNITUDES = {
    "k": "thousand",
    "m": "million",
    "bn": "billion",
    "b": "billion",
    "tn": "trillion",
    "thousand": "thousand",
    "million": "million",
    "billion": "billion",
    "trillion": "trillion",
}
# Acronyms said as words; everything else in capitals is spelled out letter by letter.
_WORD_ACRONYMS = {
    "NATO",
    "NASA",
    "UNESCO",
    "UNICEF",
    "OPEC",
    "COVID",
    "AIDS",
    "FIFA",
    "UEFA",
    "ASEAN",
    "OFSTED",
    "OFCOM",
    "OFGEM",
    "SCOTUS",
    "NAFTA",
    "LASER",
    "RADAR",
    "SWAT",
    "PIN",
    "ISIS",
    "FEMA",
    "GIF",
    "NIMBY",
    "WHO",
    "SARS",
    "MERS",
    "ACAS",
    "BAFTA",
    "NICE",
    "ESA",
    "IKEA",
    "OK",
}
_WORDLIKE_CAPS = {"I", "A", "OK"}
_VOWELS = set("AEIOUY")

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


def _number(text: str) -> str:
    return decimal_words(text)


def _currency(m: re.Match[str]) -> str:
    symbol, amount, magnitude = m.group("cur"), m.group("amount"), (m.group("mag") or "")
    one, many, sub_one, sub_many = _CURRENCIES[symbol]
    if magnitude:
        scale = _MAGNITUDES[magnitude.lower()]
        return f"{_number(amount)} {scale} {many}"
    whole, _, frac = amount.replace(",", "").partition(".")
    words = f"{number_words(int(whole))} {one if int(whole) == 1 else many}"
    if frac and int(frac) and sub_one:
        cents = int(frac.ljust(2, "0")[:2])
        words += f" {number_words(cents)} {sub_one if cents == 1 else sub_many}"
    return words


def _unit(m: re.Match[str]) -> str:
    amount, unit = m.group("amount"), _UNITS[m.group("unit")]
    if amount == "1":
        unit = _SINGULAR_UNITS.get(unit, unit)
    return f"{_number(amount)} {unit}"


def _clock(m: re.Match[str]) -> str:
    hour, minute = int(m.group("h")), m.group("min")
    suffix = m.group("ampm")
    words = number_words(hour)
    if minute:
        mins = int(minute)
        if mins == 0:
            words += "" if suffix else " hundred"
        elif mins < 10:
            words += f" oh {_ONES[mins]}"
        else:
            words += f" {number_words(mins)}"
    if suffix:
        words += " a m" if suffix.lower().startswith("a") else " p m"
    return words


def _month(m: re.Match[str]) -> str:
    """The full month name for "Sept", "Sep." or "September"."""
    return _MONTH_ABBR.get(m.group("month")[:4].rstrip("."), None) or _MONTH_ABBR[m.group("month")[:3]]


def _date_day_month(m: re.Match[str]) -> str:
    out = f"the {ordinal_words(int(m.group('day')))} of {_month(m)}"
    if m.group("year"):
        out += f" {year_words(int(m.group('year')))}"
    return out


def _date_month_day(m: re.Match[str]) -> str:
    out = f"{_month(m)} {ordinal_words(int(m.group('day')))}"
    if m.group("year"):
        out += f", {year_words(int(m.group('year')))}"
    return out


def _iso_date(m: re.Match[str]) -> str:
    month = int(m.group("mo"))
    if not 1 <= month <= 12:
        return m.group()
    return f"the {ordinal_words(int(m.group('d')))} of {MONTHS[month - 1]} {year_words(int(m.group('y')))}"


def _spell(letters: str) -> str:
    return " ".join(letters)


def _acronym(m: re.Match[str]) -> str:
    word, plural = m.group("caps"), m.group("plural") or ""
    if word in _WORDLIKE_CAPS:
        return m.group()
    if word in _WORD_ACRONYMS:
        return word.capitalize() + plural
    if plural:
        return f"{_spell(word)}{plural}"
    return _spell(word)


def _model(m: re.Match[str]) -> str:
    """B-1B → "B one B", F-35 → "F thirty-five", 737 MAX left to the number rules."""
    prefix, digits, suffix = m.group("prefix"), m.group("digits"), m.group("suffix") or ""
    spoken = [_spell(prefix), number_words(int(digits))]
    if suffix:
        plural = suffix.endswith("s") and len(suffix) > 1
        letters = suffix[:-1] if plural else suffix
        spoken.append(_spell(letters) + ("s" if plural else ""))
    return " ".join(spoken)


def _plain_number(m: re.Match[str]) -> str:
    text = m.group()
    if re.fullmatch(r"\d{4}", text) and 1100 <= int(text) <= 2099:
        return year_words(int(text))
    if re.fullmatch(r"0\d+", text):  # phone-like or codes: digit by digit
        return " ".join(_ONES[int(d)] for d in text)
    return decimal_words(text)


def _ordinal(m: re.Match[str]) -> str:
    return ordinal_words(int(m.group(1).replace(",", "")))


_MONTH_RE = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
# Order matters: specific patterns (money, units, dates, times) before plain numbers.
_RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"https?://(?:www\.)?([\w.-]+)\S*"), r"\1"),
    (
        re.compile(r"\b([\w.+-]+)@([\w-]+)\.([\w.]+)\b"),
        lambda m: f"{m.group(1)} at {m.group(2)} dot {m.group(3).replace('.', ' dot ')}",
    ),
    (
        re.compile(
            r"(?<!\w)(?P<cur>[$£€¥])\s?(?P<amount>" + _NUM + r")(?:\s?(?P<mag>bn|tn|[kmb]|thousand|million"
            r"|billion|trillion)\b)?"
        ),
        _currency,
    ),
    (re.compile(r"(" + _NUM + r")\s?%"), lambda m: f"{_number(m.group(1))} percent"),
    (re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b"), _iso_date),
    (
        re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r"(?:,?\s+(?P<year>\d{4}))?\b"),
        _date_day_month,
    ),
    (
        re.compile(r"\b" + _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4})\b)?"),
        _date_month_day,
    ),
    (
        re.compile(r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s?(?P<ampm>[ap]\.?m\.?)(?!\w)", re.I),
        _clock,
    ),
    (re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?P<ampm>)\b"), _clock),
    (re.compile(r"\b(?P<prefix>[A-Z]{1,3})-(?P<digits>\d{1,4})(?P<suffix>[A-Z]{1,2}s?)?\b"), _model),
    (
        re.compile(
            r"(?P<amount>" + _NUM + r")\s?(?P<unit>km/h|°C|°F|kWh|kph|mph|km|cm|mm|kg|mg|lbs|lb|oz|ft"
            r"|ml|ha|GB|MB|TB|kB|MW|GW|kW|kHz|Hz)(?!\w)"
        ),
        _unit,
    ),
    (re.compile(r"\b(" + _NUM + r")(?:st|nd|rd|th)\b"), _ordinal),
    (re.compile(r"\b(\d+)-(\d+)\b"), lambda m: f"{_number(m.group(1))} to {_number(m.group(2))}"),
    (re.compile(r"\bNo\.\s?(?=\d)"), "number "),
    (re.compile(r"(?<![\w.])" + _NUM + r"(?![\d.,]?\d)"), _plain_number),
    (re.compile(r"\b(?P<caps>[A-Z]{2,6})(?P<plural>s|'s|’s)?\b"), _acronym),
    (re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])"), " "),
)


_TITLE_RE = re.compile(r"\b(" + "|".join(_TITLES) + r")\.?(?=\s+[A-Z])")
_ABBREVIATION_RES = tuple(
    (re.compile(r"(?<![\w.])" + re.escape(abbr) + (r"(?!\w)" if abbr.endswith(".") else r"\b")), full)
    for abbr, full in _ABBREVIATIONS.items()
)
_DOTTED_CAPS = re.compile(r"\b((?:[A-Z]\.){2,})")


def _titles_and_abbreviations(text: str) -> str:
    text = _TITLE_RE.sub(lambda m: _TITLES[m.group(1)], text)
    for pattern, full in _ABBREVIATION_RES:
        text = pattern.sub(full, text)
    # "U.S." and "U.K." are said as letters: drop the dots so the acronym rule spells them
    return _DOTTED_CAPS.sub(lambda m: m.group(1).replace(".", "") + " ", text)


def speakable(
    text: str, lexicon: Lexicon | None = None, *, speaker: str | None = None, feed: str | None = None
) -> str:
    """Text rewritten so that a speech engine says it the way a person would read it."""
    if lexicon is not None:
        text = lexicon.apply(text, feed=feed, speaker=speaker)
    text = _titles_and_abbreviations(text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()
