"""Dates, years, clock times and race times.

"11 March 2025" is "the eleventh of March twenty twenty five"; "11/03/2025" follows the house style
(SpeechStyle.day_first) unless a number over twelve settles it; "7.15am" is "seven fifteen a m";
"0900 GMT" is "oh nine hundred G M T", "11.30 hrs" "eleven thirty hours", "at 0600" "at oh six hundred";
"2:18:04" is "two hours eighteen minutes and four seconds";
"the 1990s" are "the nineteen nineties" and "in 1987" is "in nineteen eighty seven".
"""

from __future__ import annotations

import re

from narrator.normalise.rules import (
    DETERMINERS,
    START,
    Rule,
    is_count_noun,
    next_word,
    previous_word,
    rule,
    sentence_stop,
    text_before,
    word_set,
)
from narrator.normalise.style import SpeechStyle
from narrator.normalise.words import (
    MONTH_NUMBERS,
    MONTH_PATTERN,
    MONTHS,
    ONES,
    cardinal,
    decimal,
    ordinal,
    plural,
    year,
)

TIME_ZONES = (
    "GMT|UTC|BST|CET|CEST|EET|EEST|WET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|HST|ET|PT|CT|MT|AEST|AEDT|ACST"
    "|AWST|NZST|NZDT|IST|JST|KST|SGT|HKT|SAST|MSK|Z"
)
YEAR_WORDS = word_set(
    """in since by from until till before after during circa c ca early late mid year spring summer
    autumn fall winter"""
) | {m.lower() for m in MONTHS}
"""Words after which a four-digit number is a year ("since 1987", "in 2030", "March 2025")."""
TIME_WORDS = word_set("at from until till by before after around about since")
"""Words after which 1.30 is a clock time rather than a decimal."""
AFTER_TIME = word_set(
    """on tomorrow today tonight this that in local and or when before after with at to until till
    yesterday every each sharp precisely then next last monday tuesday wednesday thursday friday saturday
    sunday gmt bst utc"""
)


def _day(day: str, style: SpeechStyle) -> str:
    return ordinal(day, british=style.british)


def _year(digits: str, style: SpeechStyle) -> str:
    if len(digits) == 2:
        digits = ("20" if int(digits) < 50 else "19") + digits
    return year(digits, british=style.british)


def say_date(day: str, month: int, year_digits: str | None, style: SpeechStyle, *, day_first: bool) -> str:
    """A date in the house style: "the eleventh of March 2025" or "March eleventh, 2025"; when written
    month first in British style, "March the eleventh"."""
    name = MONTHS[month - 1]
    if day_first:
        words = f"the {_day(day, style)} of {name}"
    elif style.american:
        words = f"{name} {_day(day, style)}"
    else:
        words = f"{name} the {_day(day, style)}"
    if year_digits:
        words += ("," if not day_first else "") + " " + _year(year_digits, style)
    return words


WEEKDAYS = {
    "Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday",
    "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday", "Sat": "Saturday", "Sun": "Sunday",
}
"""Abbreviated days of the week, said in full when a date follows ("Mon 6 Jan", "Sat, March 4")."""


def _weekday(m: re.Match[str], style: SpeechStyle) -> str:
    if previous_word(m).lower() == "the":
        return m.group()  # "The Sun 6 January edition" names a paper
    return WEEKDAYS[m.group(1)] + m.group(2)


WEEKDAY_ALONE_AFTER = word_set("on by for until till from since last next this before after")
"""Words after which an abbreviated day with no date is the day ("on Wed.", "until Thurs")."""


def _weekday_alone(m: re.Match[str], style: SpeechStyle) -> str:
    """ "on Wed." or "by Thurs": the day in full; a full stop after it stays only where a sentence ends.
    A capitalised word after it without a full stop makes a name ("on Sun Valley Road")."""
    if previous_word(m).lower() not in WEEKDAY_ALONE_AFTER or (
        not m.group(2) and _CAPITAL_NEXT.match(m.string, m.end())
    ):
        return m.group()
    return WEEKDAYS[m.group(1)] + sentence_stop(m)


_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


def _month_of_year(m: re.Match[str], style: SpeechStyle) -> str:
    """"Jan 2019" or "Sept. 2019": the month in full before its year."""
    return MONTHS[_month(m.group(1)) - 1] + " "


MONTH_ALONE_AFTER = word_set("in since from until till by through to last next this early late mid of or and")
"""Words after which an abbreviated month with no day or year is the month ("since Oct", "Jan. or Feb.")."""


def _month_alone(m: re.Match[str], style: SpeechStyle) -> str:
    """"in Oct" or "mid-Sept.": the month in full; a full stop after it stays only where a sentence ends."""
    before = m.string[: m.start()]
    if not (before.endswith("mid-") or previous_word(m).lower() in MONTH_ALONE_AFTER):
        return m.group()
    return MONTHS[_month(m.group(1)) - 1] + sentence_stop(m)


def _month(name: str) -> int:
    key = name.rstrip(".").lower()
    return MONTH_NUMBERS.get(key) or MONTH_NUMBERS[key[:3]]


def _numeric_date(m: re.Match[str], style: SpeechStyle) -> str:
    first, second, year_digits = m.group(1), m.group(3), m.group(4)
    a, b = int(first), int(second)
    if a > 12 >= b:
        day, month = first, b
    elif b > 12 >= a:
        day, month = second, a
    elif style.day_first:
        day, month = first, b
    else:
        day, month = second, a
    if not (1 <= month <= 12 and 1 <= int(day) <= 31):
        return m.group()
    return say_date(day, month, year_digits, style, day_first=style.day_first or style.british)


def _iso_date(m: re.Match[str], style: SpeechStyle) -> str:
    month, day = int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group()
    return say_date(m.group(3), month, m.group(1), style, day_first=not style.american)


def _day_month(m: re.Match[str], style: SpeechStyle) -> str:
    month = _month(m.group("month"))
    # "26 July-11 Aug": the second date of a range across months
    to = "to " if _AFTER_MONTH_DASH.search(text_before(m)) else ""
    if m.group("to"):
        return (f"{to}the {_day(m.group('day'), style)} to "
                + say_date(m.group("to"), month, m.group("year"), style, day_first=True))
    return to + say_date(m.group("day"), month, m.group("year"), style, day_first=True)


_AFTER_MONTH_DASH = re.compile(rf"(?:{MONTH_PATTERN})\.?[-–]$")


def _weekdays(m: re.Match[str], style: SpeechStyle) -> str:
    """ "Mon-Fri": "Monday to Friday"."""
    return f"{WEEKDAYS[m.group(1)]} to {WEEKDAYS[m.group(2)]}" + sentence_stop(m)


def _month_day(m: re.Match[str], style: SpeechStyle) -> str:
    month = _month(m.group("month"))
    words = say_date(m.group("day"), month, None, style, day_first=False)
    if m.group("to"):
        words += " to " + ("" if style.american else "the ") + _day(m.group("to"), style)
    if m.group("year"):
        words += ", " + _year(m.group("year"), style)
    return words


def _minutes(minute: str) -> str:
    """Minutes past the hour: "05" -> "oh five"."""
    return f"oh {ONES[int(minute)]}" if minute.startswith("0") else cardinal(minute)


def _clock(hour: str, minute: str | None) -> str:
    """Hours and minutes as a clock is read: "seven fifteen", "nine oh five", "ten"."""
    return cardinal(hour) + (f" {_minutes(minute)}" if minute and minute != "00" else "")


def _say_am_pm(hour: str, minute: str | None, suffix: str) -> str:
    suffix = suffix.lower()
    if int(hour) == 12 and not (minute and minute != "00"):
        return "twelve noon" if suffix.startswith("p") else "twelve midnight"
    return _clock(str(int(hour)), minute) + (" a m" if suffix.startswith("a") else " p m")


def _am_pm(m: re.Match[str], style: SpeechStyle) -> str:
    words = _say_am_pm(m.group("h"), m.group("min"), m.group("ampm"))
    ends_sentence = m.group().endswith(".") and not m.string[m.end():].strip()
    return words + ("." if ends_sentence else "")  # "5 p.m. ET", "9 a.m. Monday": a capital goes on


def _from_time(m: re.Match[str], style: SpeechStyle) -> str:
    """The start of a span of clock times, "9am-5pm" or "9-11am": "nine a m to ", "nine to "; the end is
    left for the clock rules."""
    if m.group("ampm"):
        return _say_am_pm(m.group("h"), m.group("min"), m.group("ampm")) + " to "
    if m.group("min") is not None and ":" in m.group():
        return f"{m.group('h')}:{m.group('min')} to "  # a 24-hour clock, said by the clock rules
    return _clock(str(int(m.group("h"))), m.group("min")) + " to "


def _twenty_four_hour(m: re.Match[str], style: SpeechStyle) -> str:
    """19:45 is "nineteen forty five"; 0900 GMT "oh nine hundred"; 7:00 "seven o'clock"."""
    hour, minute = m.group("h"), m.group("min")
    if int(hour) == 0:
        return "midnight" if minute == "00" else f"zero {_minutes(minute)}"
    spoken_hour = ("oh " if hour.startswith("0") and len(hour) == 2 else "") + cardinal(hour)
    if minute == "00":
        if hour.startswith("0") or int(hour) > 12 or m.group("zone"):
            return f"{spoken_hour} hundred"
        return f"{cardinal(hour)} o'clock"
    return f"{spoken_hour} {_minutes(minute)}"


def _with_zone(m: re.Match[str], style: SpeechStyle) -> str:
    words = _twenty_four_hour(m, style)
    zone = m.group("zone")
    return f"{words} {'hours' if zone.lower().startswith('h') else zone}"


def _written_clock(m: re.Match[str], style: SpeechStyle) -> str:
    """"at 0600", "until 2330", "at 1430 local time": four digits after a time word are a 24-hour time
    ("oh six hundred", "twenty three thirty") unless they count the noun after them. From 1000 to 2059
    the year reading says the same ("at 1430": "fourteen thirty") and is right after "since" or "until"
    ("until 2005"), so it is kept unless "local time" follows."""
    after = next_word(m).lower()
    if previous_word(m).lower() not in TIME_WORDS:
        return m.group()
    hour = m.group("h")
    if after == "local" or (hour.startswith("0") or int(hour) > 20) and not is_count_noun(after):
        return _twenty_four_hour(m, style)
    return m.group()


def _dotted_time(m: re.Match[str], style: SpeechStyle) -> str:
    """"at 1.30 on Friday": a clock time when a time word comes before and nothing numeric after."""
    after = next_word(m).lower()
    if previous_word(m).lower() not in TIME_WORDS or (after and after not in AFTER_TIME):
        return m.group()
    if re.match(r"\s*(?:per|%)", m.string[m.end():m.end() + 6]):
        return m.group()
    if m.group("min") == "00":
        return f"{cardinal(m.group('h'))} o'clock"
    return _clock(m.group("h"), m.group("min"))


def _unit(n: int, one: str) -> str:
    return f"{cardinal(n)} {one}{'' if n == 1 else 's'}"


def _duration(m: re.Match[str], style: SpeechStyle) -> str:
    """2:18:04 -> "two hours eighteen minutes and four seconds" (a clock time after "at")."""
    hours, minutes, seconds, fraction = m.group(1), m.group(2), m.group(3), m.group(4)
    if previous_word(m).lower() == "at" and not fraction:
        return _clock(str(int(hours)), minutes)
    parts = [_unit(int(hours), "hour")] if int(hours) else []
    if int(minutes):
        parts.append(_unit(int(minutes), "minute"))
    if int(seconds) or fraction:
        parts.append(f"{decimal(seconds + ('.' + fraction if fraction else ''), zero=style.zero)} seconds")
    return " and ".join([" ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]


def _lap_time(m: re.Match[str], style: SpeechStyle) -> str:
    """1:52.43 -> "one minute fifty two point four three seconds"."""
    minutes = int(m.group(1))
    seconds = decimal(f"{m.group(2)}.{m.group(3)}", zero=style.zero)
    return f"{_unit(minutes, 'minute')} {seconds} seconds" if minutes else f"{seconds} seconds"


def _minutes_seconds(m: re.Match[str], style: SpeechStyle) -> str:
    """A bare H:MM or M:SS is said like a clock ("two fourteen"), which serves both."""
    return _clock(str(int(m.group("h"))), m.group("min"))


def _decade(m: re.Match[str], style: SpeechStyle) -> str:
    digits = m.group(1)
    if len(digits) == 2:
        return plural(cardinal(digits))
    if digits in ("100", "1000"):
        return plural(cardinal(digits)).split(" ", 1)[1]
    return plural(year(digits, british=style.british))


def _season(m: re.Match[str], style: SpeechStyle) -> str:
    """2022-23 or 2023/24: "twenty twenty two to twenty three"; a span of years in one century the same
    way (1914-18: "nineteen fourteen to eighteen"); a second year written 0N, or after 2000-2009, is said in
    full (2008-09, 2009-17)."""
    first, second = m.group(1), m.group(2)
    season = (int(first) + 1) % 100 == int(second)
    span = 1000 <= int(first) < 2100 and int(second) > int(first) % 100
    if len(second) == 2 and not (season or span):
        return m.group()
    if len(second) == 4 and not 0 < int(second) - int(first) <= 200:
        return m.group()
    if len(second) == 2 and (second.startswith("0") or 2000 <= int(first) <= 2009):
        # 2008-09: "to two thousand and nine", never "to nine"; 2009-17: "two thousand and nine to twenty
        # seventeen", since a first year said in full leaves no century for "seventeen" to share
        second = first[:2] + second
    return f"{year(first, british=style.british)} to {year(second, british=style.british)}"


def _era(m: re.Match[str], style: SpeechStyle) -> str:
    return f"{cardinal(m.group(1), british=style.british)} {' '.join(m.group(2).replace('.', ''))}"


def _year_in_context(m: re.Match[str], style: SpeechStyle) -> str:
    """A four-digit number from 1000 to 2099 is a year unless it counts something ("1500 people")."""
    digits = m.group()
    before = previous_word(m).lower()
    if before in YEAR_WORDS or before.endswith(("'s", "’s")):
        return year(digits, british=style.british)
    if is_count_noun(next_word(m)) and before not in DETERMINERS:
        return cardinal(digits, british=style.british)
    return year(digits, british=style.british)


def _bare_clock(m: re.Match[str], style: SpeechStyle) -> str:
    """19:45 or 06:30 is a 24-hour time; 2:14 is said like a clock, which serves a race time too."""
    hour = m.group("h")
    if hour.startswith("0") or int(hour) > 12 or m.group("min") == "00":
        return _twenty_four_hour(m, style)
    return _minutes_seconds(m, style)


_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_TO_DAY = r"(?:\s?[-–]\s?(?P<to>[0-3]?\d)(?:st|nd|rd|th)?)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4})\b)?"
_MONTH_GATE = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_CLOCK_START = r"(?<![\w.:,])"

DATES: tuple[Rule, ...] = (
    rule(r"\b(" + "|".join(WEEKDAYS) + r")\.?(,?\s+)(?=[0-3]?\d(?:st|nd|rd|th)?\s+" + MONTH_PATTERN
         + r"|" + MONTH_PATTERN + r"\s+[0-3]?\d(?!\d))", _weekday, gate=_MONTH_GATE),
    rule(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(?=\d{4}(?![\w.,]?\d))", _month_of_year,
         gate=_MONTH_GATE),
    rule(r"(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])", _iso_date, gate=r"\d-\d\d-\d"),
    rule(r"(?<![\w/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/.-]?\d)", _numeric_date,
         gate=r"\d[/.-]\d{1,2}[/.-]\d"),
    rule(r"\b" + _DAY + _TO_DAY + r"\s+(?P<month>" + MONTH_PATTERN + ")" + _YEAR, _day_month,
         gate=_MONTH_GATE),
    rule(r"\b(?P<month>" + MONTH_PATTERN + r")\s+" + _DAY + r"\b" + _TO_DAY + _YEAR, _month_day,
         gate=_MONTH_GATE),
    rule(r"\b(" + "|".join(WEEKDAYS) + r")\.?\s?[-–]\s?(" + "|".join(WEEKDAYS) + r")\b(\.)?", _weekdays,
         needs="", gate=r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\.?\s?[-–]"),
    rule(r"(?<![\w.])(" + "|".join(WEEKDAYS) + r")(\.)?(?![\w'’&])", _weekday_alone, needs="",
         gate=r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"),
    # "Jan" and "Mar" only with their full stop: a name ("a letter from Jan"), a verb ("Set To Mar")
    rule(r"(?<![\w.])((?:Jan|Mar)(?=\.)|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(\.)?(?![\w'’&])",
         _month_alone, needs="", gate=r"Jan\.|Mar\.|Feb|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
)

_AM_PM = r"(?:[ap]\.m\.|[ap]m\b)"

TIMES: tuple[Rule, ...] = (
    rule(r"(?<![\w.:,£$€])(?P<h>1[0-2]|0?[1-9])(?:[.:](?P<min>[0-5]\d))?\s?(?P<ampm>" + _AM_PM
         + r")?\s?[-–]\s?(?=(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?\s?" + _AM_PM + ")", _from_time,
         flags=re.IGNORECASE, gate=r"(?i)\d(?:\s?[ap]\.?m\.?)?\s?[-–]\s?\d[\d.:]*\s?[ap]\.?m"),
    rule(_CLOCK_START + r"(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?P<ampm>)\s?[-–]\s?"
         r"(?=(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:]))", _from_time, gate=r"\d:\d\d\s?[-–]\s?\d"),
    rule(_CLOCK_START + r"(\d{1,2}):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?(?![\d:])", _duration,
         gate=r"\d:\d\d:\d"),
    rule(_CLOCK_START + r"(\d{1,2}):([0-5]\d)\.(\d{1,3})(?![\d:])", _lap_time, gate=r"\d:\d\d\.\d"),
    rule(r"(?<![\w.:,£$€])(?P<h>1[0-2]|0?[1-9])(?:[.:](?P<min>[0-5]\d))?\s?"
         r"(?P<ampm>[ap]\.m\.|[ap]m\b|[AP]M\b)", _am_pm, flags=re.IGNORECASE, gate=r"(?i)\d\s?[ap]\.?m"),
    rule(_CLOCK_START + r"(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)\s?(?P<zone>" + TIME_ZONES + r"|hrs|hours|h)\b",
         _with_zone, gate=r"\d{4}\s?[A-Zh]"),
    rule(_CLOCK_START + r"(?P<h>[01]?\d|2[0-3])[.:](?P<min>[0-5]\d)\s?(?P<zone>hrs)\b", _with_zone,
         gate=r"\d\s?hrs\b"),
    rule(r"(?<=\bat )(?P<h>[01]?\d|2[0-3])[.:](?P<min>[0-5]\d)\s(?P<zone>hours)\b", _with_zone,
         gate=r"\d hours\b"),
    rule(_CLOCK_START + r"(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)(?P<zone>)(?![\w.,:/-]?\d|\w)", _written_clock,
         gate=r"\b(?:[01]\d|2[0-3])[0-5]\d\b"),
    rule(_CLOCK_START + r"(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?=\s?(?P<zone>" + TIME_ZONES + r")\b)",
         _twenty_four_hour, gate=r"\d:\d"),
    rule(_CLOCK_START + r"(?P<h>[01]\d|2[0-3]|[0-9]):(?P<min>[0-5]\d)(?P<zone>)(?![\d:])", _bare_clock,
         gate=r"\d:\d"),
    rule(r"(?<![\w.:,£$€])(?P<h>1[0-2]|[1-9])\.(?P<min>[0-5]\d)(?![\d.,]?\d)", _dotted_time,
         gate=r"\d\.\d\d"),
)

SHORT_YEAR_BEFORE = word_set(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec spring summer autumn fall winter in since of from until till by before
    after early late mid class vintage"""
)
"""Words before an apostrophe and two digits that make them a year: "Oct '23", "the class of ’98"."""


def _short_year(m: re.Match[str], style: SpeechStyle) -> str:
    """ "'23" is "twenty three", "'05" "oh five": a year with its century left off."""
    if previous_word(m).lower().rstrip(".") not in SHORT_YEAR_BEFORE:
        return m.group()
    digits = m.group(1)
    return f"oh {ONES[int(digits[1])]}" if digits[0] == "0" else cardinal(digits)


YEARS: tuple[Rule, ...] = (
    rule(r"(?<![\w.,])(\d{4})\s?[-–/]\s?(\d{2}|\d{4})(?![\w.,/-]?\d)(?!\s?(?:%|per\s?cent\b|percent\b|pc\b))",
         _season, gate=r"\d{4}\s?[-–/]"),
    rule(r"(?<![\w.,’'])(1\d{2}0|20\d0|100|1000)s\b", _decade, gate=r"0s\b"),
    rule(r"(?:(?<=\s)|^)['’]([1-9]0)s\b", _decade, gate=r"0s\b"),
    rule(r"(?<=\s)['’](\d\d)(?![\w'’%])", _short_year, gate=r"\s['’]\d\d"),
    rule(r"(?<![\w.,])([1-9]0)s\b", _decade, gate=r"0s\b"),
    rule(START + r"(\d{1,4})\s?(BC|AD|BCE|CE|B\.C\.|A\.D\.)(?!\w)", _era, gate=r"BC|AD|CE|B\.C|A\.D"),
    rule(START + r"(?:1\d{3}|20\d{2})(?![\w.,]?\d|[,.]\d)", _year_in_context),
)
