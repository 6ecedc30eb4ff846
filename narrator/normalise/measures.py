"""Measures and temperatures: "30cm" is "thirty centimetres", "a 10km race" a "ten kilometre race",
"650 sq ft" "six hundred and fifty square feet", "-5C" "minus five degrees Celsius", "6ft 2in" "six feet
two inches". "3m" is three metres unless a plural noun follows ("3m people": three million) or a count
comes before ("the population grew 1.2m")."""

from __future__ import annotations

import re

from narrator.normalise.rules import (
    NUMBER,
    START,
    Rule,
    attributive,
    is_plural_noun,
    next_word,
    rule,
    word_set,
    words_after,
    words_before,
)
from narrator.normalise.style import SpeechStyle
from narrator.normalise.words import decimal

# written unit -> (one, many), British spelling
UNITS = {
    "km/h": ("kilometre per hour", "kilometres per hour"),
    "kph": ("kilometre per hour", "kilometres per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "m/s": ("metre per second", "metres per second"),
    "mpg": ("mile per gallon", "miles per gallon"),
    "km": ("kilometre", "kilometres"),
    "m": ("metre", "metres"),
    "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"),
    "nm": ("nanometre", "nanometres"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "in": ("inch", "inches"),
    "yd": ("yard", "yards"),
    "yds": ("yard", "yards"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "mcg": ("microgram", "micrograms"),
    "µg": ("microgram", "micrograms"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "st": ("stone", "stone"),
    "t": ("tonne", "tonnes"),
    "l": ("litre", "litres"),
    "L": ("litre", "litres"),
    "ml": ("millilitre", "millilitres"),
    "cl": ("centilitre", "centilitres"),
    "gal": ("gallon", "gallons"),
    "ha": ("hectare", "hectares"),
    "W": ("watt", "watts"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "TW": ("terawatt", "terawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "TWh": ("terawatt hour", "terawatt hours"),
    "V": ("volt", "volts"),
    "kV": ("kilovolt", "kilovolts"),
    "mAh": ("milliamp hour", "milliamp hours"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "KB": ("kilobyte", "kilobytes"),
    "kB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "PB": ("petabyte", "petabytes"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "dB": ("decibel", "decibels"),
    "cc": ("cc", "cc"),
    "hp": ("horsepower", "horsepower"),
    "bhp": ("brake horsepower", "brake horsepower"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "h": ("hour", "hours"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "s": ("second", "seconds"),
    "ms": ("millisecond", "milliseconds"),
    "wk": ("week", "weeks"),
    "wks": ("week", "weeks"),
    "mth": ("month", "months"),
    "mths": ("month", "months"),
    "yr": ("year", "years"),
    "yrs": ("year", "years"),
    "pts": ("point", "points"),
}
GLUED_ONLY = frozenset({"in", "st", "t", "h", "s", "l", "L", "g", "V", "W"})
"""Units that are ordinary words or letters when written apart from the number ("5 in 10")."""
AREA = {"sq": "square", "cu": "cubic"}
POWERS = {"²": "square", "³": "cubic", "2": "square", "3": "cubic"}
NAUTICAL_WORDS = word_set(
    """range nautical sea seas coast coastline offshore off ship ships vessel vessels boat sailed sail sailing
    flight flights fly flew aircraft plane planes jet jets airspace zone radius island islands miles"""
)
"""Words near "nm" that make it nautical miles ("a range of 7,635nm", "12nm off the coast"); elsewhere it is
nanometres ("a 3nm chip", "450nm light")."""
EVENTS = word_set("hurdles freestyle butterfly backstroke breaststroke medley relay sprint final heats")
"""Nouns after a distance in metres that make it an event ("the 400m hurdles"), not millions."""

COUNTED_WORDS = word_set(
    """population people viewers audience audiences users subscribers voters votes customers jobs homes
    households visitors passengers patients residents tourists downloads followers members membership fans
    children adults workers employees readers listeners signatures applications migrants refugees
    immigrants claimants copies streams views"""
)
"""Words before "1.2m" that make it a count of millions ("the population grew 1.2m to 68.3m"), not metres."""
DISTANCE_WORDS = word_set(
    """walk walked walks walking run ran runs running swim swam swims travel travelled traveled jump jumped
    climb climbed fell fall drop dropped dived high higher tall taller long longer deep deeper wide wider away
    far further distance across above below underground under along"""
)
"""Words near "200m" that keep it a distance even after a count ("passengers walked 200m to the gate"), as
"from" or "off" right after it does ("residents live 500m from the plant")."""
_UNIT_NAMES = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))


def _american(words: str, style: SpeechStyle) -> str:
    return words.replace("metre", "meter").replace("litre", "liter") if style.american else words


def _number(text: str, style: SpeechStyle) -> str:
    return decimal(text, british=style.british, zero=style.zero)


def _amount(m: re.Match[str], style: SpeechStyle) -> str:
    words = _number(m.group("a"), style)
    if m.group("b"):
        words += " to " + _number(m.group("b"), style)
    return words


def _measure(m: re.Match[str], style: SpeechStyle) -> str:
    unit = m.group("unit")
    spaced = m.group("gap") and not m.group("area")
    if unit in GLUED_ONLY and spaced and not m.group("per") or unit == "s" and "." not in m.group("a"):
        return m.group()  # "5 in 10", "a 2-in-1 charger"
    if m.group("hyphen") and unit == "m":
        return m.group()  # "a 3-m", metres or millions: too rare to guess
    if unit == "m" and (
        is_plural_noun(next_word(m)) and next_word(m) not in EVENTS
        or COUNTED_WORDS & {w.lower() for w in words_before(m, 6)}
        and not DISTANCE_WORDS & {w.lower() for w in (*words_before(m, 6), *words_after(m, 3))}
        and next_word(m) not in ("from", "off", "behind", "ahead", "short")
    ):
        return f"{_amount(m, style)} million"
    one, many = UNITS[unit]
    if unit == "nm" and NAUTICAL_WORDS & {w.lower() for w in (*words_before(m, 6), *words_after(m, 6))}:
        one, many = "nautical mile", "nautical miles"
    area = m.group("area") or m.group("power") or ""
    event = unit == "m" and next_word(m) in EVENTS  # "the 400m hurdles": the four hundred metres
    # "a 10-km race", "a 23-yr high": joined by a hyphen, the measure describes the noun after it
    one_alone = m.group("a") == "1" and not m.group("b")
    singular = not event and bool(m.group("hyphen") or attributive(m) or one_alone)
    name = one if singular else many
    if area:
        name = f"{AREA.get(area) or POWERS[area]} {name}"
    if per := m.group("per"):
        # "5mg/L", "40 µg/m3": "five milligrams per litre", "forty micrograms per cubic metre"
        power = m.group("per_power")
        name += " per " + (f"{POWERS[power]} " if power else "") + UNITS[per][0]
    return f"{_amount(m, style)} {_american(name, style)}"


def _height(m: re.Match[str], style: SpeechStyle) -> str:
    """"6ft 2in" is "six feet two inches"; before a noun "a six foot two striker", as people say it."""
    feet, inches = m.group(1), m.group(2)
    if attributive(m):
        return f"{_number(feet, style)} foot {_number(inches, style)}"
    return f"{_number(feet, style)} feet {_number(inches, style)} " + ("inch" if inches == "1" else "inches")


def _duration(m: re.Match[str], style: SpeechStyle) -> str:
    """"1m 27.6s" or "2hr 14min": a time in parts, where m is minutes, not metres ("one minute twenty
    seven point six seconds"); singular before the noun it describes ("a 2hr 30min delay")."""
    singular = attributive(m)
    parts = []
    for amount, unit in ((m.group("h"), "hour"), (m.group("hm") or m.group("m"), "minute"),
                         (m.group("hs") or m.group("s"), "second")):
        if amount:
            parts.append(f"{_number(amount, style)} {unit if singular or amount == '1' else unit + 's'}")
    return " ".join(parts)


def _temperature(m: re.Match[str], style: SpeechStyle) -> str:
    scale = "Celsius" if m.group("scale").upper().endswith("C") else "Fahrenheit"
    words = _number(m.group("a"), style)
    if m.group("b"):
        words += " to " + ("minus " if m.group("neg") else "") + _number(m.group("b"), style)
    singular = attributive(m) or (m.group("a") == "1" and not m.group("b"))
    return f"{words} {'degree' if singular else 'degrees'} {scale}"


def _degrees_letter(m: re.Match[str], style: SpeechStyle) -> str:
    """"degrees C" is "degrees Celsius"."""
    return m.group().replace(" C", " Celsius").replace(" F", " Fahrenheit")


_RANGE = r"(?:\s?(?:[-–]|to)\s?(?P<neg>minus\s)?(?P<b>" + NUMBER + r"))?"

TEMPERATURES: tuple[Rule, ...] = (
    rule(START + r"(?P<a>" + NUMBER + r")" + _RANGE + r"\s?(?P<scale>[°º]\s?[CF]|(?<=\d)[CF])(?![\w])",
         _temperature,
         gate=r"[°º]|\d\s?[CF]\b"),
    rule(r"\bdegrees? ([CF])\b", _degrees_letter, "", gate="degrees? [CF]"),
)
_HOURS, _MINUTES, _SECONDS = r"\s?(?:hrs|hr|h)\s?", r"\s?(?:mins|min|m)\b", r"\s?(?:secs|sec|s)\b"
MEASURES: tuple[Rule, ...] = (
    # "an M6.2 quake": the moment magnitude scale, as seismologists write it
    rule(r"\b(?:([Aa])n\s+)?M(?=\d(?:\.\d)?\s+(?:earthquake|quake|tremor|temblor|aftershock)s?\b)",
         lambda m, s: f"{m.group(1)} magnitude " if m.group(1) else "magnitude ",
         gate="quake|tremor|temblor|aftershock"),
    rule(START + r"(?:(?P<h>\d{1,3})" + _HOURS + r"(?P<hm>\d{1,2})" + _MINUTES
         + r"(?:\s?(?P<hs>\d{1,2}(?:\.\d+)?)" + _SECONDS + r")?|(?P<m>\d{1,3})" + _MINUTES
         + r"\s?(?P<s>\d{1,2}(?:\.\d+)?)" + _SECONDS + r")", _duration,
         gate=r"\d\s?(?:hrs?|h|mins?|m)\s?\d"),
    rule(START + r"(\d{1,2})\s?(?:ft|feet|foot|')\s?(\d{1,2})\s?(?:in|inches|\")(?![\w])", _height,
         gate=r"\d\s?(?:ft|feet|foot|')\s?\d"),
    rule(START + r"(?P<a>" + NUMBER + r")" + _RANGE + r"(?P<gap>\s?(?P<area>sq|cu)\.?\s|\s?|(?P<hyphen>-))"
         r"(?P<unit>" + _UNIT_NAMES + r")(?P<power>[²³])?"
         r"(?:/(?P<per>" + _UNIT_NAMES + r")(?P<per_power>[²³23])?)?(?![\w/²³])", _measure),
)
