"""Phone numbers, postcodes, roads and model codes: numbers that name rather than count.

Phone numbers and postal codes are read digit by digit ("0800 917 3322": "oh eight oh oh nine one seven
three three two two"; "90210": "nine oh two one oh"; a ZIP+4, and an Irish Eircode such as "D02 X285"
character by character), a short number after "call" or "dial" too ("call 911": "nine one one"). Letters
in codes are spelled and numbers read as people read them in names: the A683 is "A six eighty three", the
M6 "M six", the Boeing 737 "seven thirty seven", COVID-19 "COVID nineteen".
"""

from __future__ import annotations

import re

from narrator.normalise.rules import (
    AIRCRAFT_MAKERS,
    FUNCTION_WORDS,
    JETLINER,
    Rule,
    at_sentence_start,
    is_count_noun,
    is_plural_noun,
    next_word,
    previous_word,
    rule,
    title_case,
    word_set,
    words_before,
)
from narrator.normalise.style import SpeechStyle
from narrator.normalise.words import MONTHS, cardinal, code_number, plural, spell_digits, year

PHONE_WORDS = word_set(
    """call calls calling called dial dials dialled dialed dialling dialing ring rings rang ringing phone
    phoned phoning text texted texting contact contacted reach reached hotline helpline line lines
    freephone tel telephone fax whatsapp sms"""
)
POSTCODE_WORDS = word_set("postcode postcodes zip zipcode pin pincode postal")
US_STATES = word_set(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY
    NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC"""
)
ROAD_WORDS = word_set("route highway hwy interstate junction exit platform gate room flight")
PRODUCT_NOUNS = word_set(
    """jet jets plane planes aircraft airliner airliners fleet fleets car cars engine engines model models
    truck trucks lorry lorries helicopter helicopters tank tanks phone phones handset handsets drone drones
    locomotive locomotives variant variants"""
)
"""Nouns a model name describes ("Boeing 787 jets"): after them the number is still the model's."""
# the letters an Eircode uses: none that look like a digit or like one another
_EIRCODE_ROUTING = r"[ACDEFHKNPRTVWXY]\d{2}|D6W"
_EIRCODE_CHARACTER = r"[ACDEFHKNPRTVWXY\d]"
_LETTERS_OR_DIGITS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def _digits(text: str, style: SpeechStyle) -> str:
    """Every digit in ``text`` one by one ("oh" or "zero" for 0 by house style; "000" is "zero zero zero")."""
    return spell_digits(text, style.zero)


def _phone(m: re.Match[str], style: SpeechStyle) -> str:
    return ("plus " if m.group().startswith("+") else "") + _digits(m.group(), style)


def _local_number(m: re.Match[str], style: SpeechStyle) -> str:
    """555-0147: a local phone number when its second part starts with 0 or a phone word is near."""
    near = {w.lower() for w in words_before(m, 6)}
    if m.group()[4] == "0" or near & PHONE_WORDS:
        return _digits(m.group(), style)
    return m.group()


def _called_number(m: re.Match[str], style: SpeechStyle) -> str:
    """A number right after "call", "dial" or "on" when a phone word is near, in groups or unbroken
    ("1800 123 456", "9876543210"): digit by digit."""
    before = words_before(m, 6)
    near = {w.lower() for w in before}
    prev = previous_word(m)
    if not near & PHONE_WORDS or is_plural_noun(next_word(m)):
        return m.group()
    if not (prev.lower() in PHONE_WORDS | {"on", "is", "to"} or prev.isupper() or title_case(prev)):
        return m.group()
    return _digits(m.group(), style)


def _spell_code(code: str, style: SpeechStyle) -> str:
    """Letters spelled, digits read as in a name: "LS5" -> "L S five", "3BT" -> "three B T"."""
    out = []
    for piece in re.findall(r"[A-Za-z]|\d+", code):
        out.append(code_number(piece, style.zero) if piece.isdigit() else piece)
    return " ".join(out)


def _postcode(m: re.Match[str], style: SpeechStyle) -> str:
    return f"{_spell_code(m.group(1), style)} {_spell_code(m.group(2), style)}"


def _canadian_postcode(m: re.Match[str], style: SpeechStyle) -> str:
    return " ".join(spell_digits(ch, "zero") if ch.isdigit() else ch for ch in m.group() if not ch.isspace())


def _postal_number(m: re.Match[str], style: SpeechStyle) -> str:
    """A ZIP code after a state ("TX 78701") or a code after "ZIP", "PIN" or "postcode": digit by digit; a
    four-digit postcode the way Australians say it ("postcode 2000": "two thousand")."""
    digits = m.group(1)
    if re.fullmatch(r"\d{5}-\d{4}", m.group()):  # ZIP+4: nothing else is written this way
        return _digits(m.group(), style)
    before = [w.lower() for w in words_before(m, 3)]
    prev = previous_word(m)
    postal = bool(POSTCODE_WORDS & set(before)) or next_word(m).lower() in POSTCODE_WORDS
    if len(digits) == 5 and (prev in US_STATES or postal):
        return _digits(m.group(), style)
    if len(digits) == 6 and postal:
        return spell_digits(digits, style.zero)
    if len(digits) == 4 and postal:
        return year(digits)
    return m.group()


def _eircode(m: re.Match[str], style: SpeechStyle) -> str:
    """An Irish Eircode, "D02 X285": every letter and digit said on its own ("D oh two X two eight five")."""
    return " ".join(spell_digits(run, style.zero) if run.isdigit() else run
                    for run in re.findall(r"[A-Z]|\d+", m.group()))


def _code(m: re.Match[str], style: SpeechStyle) -> str:
    """A token of letters and digits (G7, MH370, A320neo, B-1B, COVID-19, 5G): letters left for the
    acronym rules, digits read as in a name."""
    code, _, tenths = m.group().partition(".")
    if tenths:  # "PM2.5", "GPT-4.5", "a magnitude-6.4 quake": a decimal ends the code
        return f"{_code_words(code, style)} point {spell_digits(tenths, style.zero)}"
    return _code_words(code, style)


def _code_words(code: str, style: SpeechStyle) -> str:
    out: list[str] = []
    for piece in _LETTERS_OR_DIGITS.findall(code):
        if piece == "s" and out and out[-1][-1:].islower():
            out[-1] = plural(out[-1])  # F-35s: "F thirty fives"
        elif piece == "ers" and out and out[-1][-1:].islower():
            out[-1] = out[-1].removesuffix("e") + "ers"  # the 49ers, the 76ers: "forty niners", "sixers"
        else:
            out.append(code_number(piece, style.zero) if piece.isdigit() else piece)
    return " ".join(out)


JETLINER_NAMES = frozenset({"Max", "MAX", "Dreamliner", "jumbo", "Jumbo"})
"""Names that follow a jetliner's number: "the 737 Max", "a 747 jumbo"."""


def _named_number(m: re.Match[str], style: SpeechStyle) -> str:
    """A number that is part of a name: "Boeing 737", "Highway 417", "Route 66", "Porsche 911"."""
    prev = previous_word(m, 1)
    gap = m.string[m.start(1) - 1:m.start(1)]
    if gap != " " or not prev:
        return m.group()
    after = next_word(m)
    named = prev.lower() in ROAD_WORDS or (
        (title_case(prev) or prev.isupper() and len(prev) > 1)
        and (prev.lower() not in FUNCTION_WORDS or prev == "US")  # "US 101" is a highway, not "us"
        and prev not in MONTHS
        and not at_sentence_start(m.string, m.start(1) - len(prev) - 1)
    )
    counted = is_count_noun(after) and after not in PRODUCT_NOUNS  # "Boeing 787 jets" names the jets
    # "the Boeing 737 crashed", "the 737 Max": a jetliner's number is its model's, whatever follows
    jetliner = JETLINER.fullmatch(m.group(1)) and (prev.lower() in AIRCRAFT_MAKERS or after in JETLINER_NAMES)
    if not jetliner and (not named or (counted and prev.lower() not in ROAD_WORDS)):
        return m.group()
    return code_number(m.group(1), style.zero)


PHONES: tuple[Rule, ...] = (
    rule(r"(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,5}(?![\w-])", _phone, gate=r"\+\d"),
    rule(r"(?<![\w-])(?:1[\s-])?\(\d{3,5}\)\s?\d{3,4}[\s-]?\d{3,4}(?![\w-])", _phone, gate=r"\(\d{3,5}\)"),
    rule(r"(?<![\w-])(?:1-)?\d{3}-\d{3}-\d{4}(?![\w-])", _phone, gate=r"\d{3}-\d{3}-\d"),
    rule(r"(?<![\w.,-])0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w.,-]?\d)", _phone),
    rule(r"(?<![\w.,-])\d{3}-\d{4}(?![\w.,-]?\d)", _local_number, gate=r"\d{3}-\d{4}"),
    rule(r"(?<![\w.,$£€-])(?:\d{2,6}(?:\s{1,2}\d{2,4}){0,3}|\d{7,12})(?![\w.,:/%-]?\d|\w)", _called_number,
         gate=r"(?i)\b(?:call|dial|ring|rang|phon|text|contact|reach|hotline|helpline|line|freephone|tel|fax"
         r"|whatsapp|sms)"),
)
POSTCODES: tuple[Rule, ...] = (
    rule(r"\b([A-Z]{1,2}\d[A-Z\d]?) (\d[A-Z]{2})\b", _postcode, gate=r"[A-Z]\d[A-Z\d]? \d[A-Z]{2}"),
    rule(r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b", _canadian_postcode, gate=r"[A-Z]\d[A-Z] ?\d[A-Z]\d"),
    rule(r"\b(?:" + _EIRCODE_ROUTING + r") (?=" + _EIRCODE_CHARACTER + r"{0,3}\d)" + _EIRCODE_CHARACTER
         + r"{4}\b", _eircode, gate=r"\b[A-Z]\d[\dW] [A-Z\d]{4}\b"),
    rule(r"(?<![\w.,$£€-])(\d{5}|\d{6}|\d{4})(?:-\d{4})?(?![\w.,-]?\d)", _postal_number, gate=r"\d{4}"),
)


def _retirement_plan(m: re.Match[str], style: SpeechStyle) -> str:
    """"401(k)", "403(b)": a section of the US tax code named by its digits ("four oh one k")."""
    return f"{code_number(m.group(1), style.zero)} {m.group(2)}"


def _numbered_road(m: re.Match[str], style: SpeechStyle) -> str:
    """"the 101 freeway": a road named by its number is said as its name ("the one oh one")."""
    return code_number(m.group(1), style.zero)


def _grouped_before_letters(m: re.Match[str], style: SpeechStyle) -> str:
    """ "7,635nm" → "seven thousand six hundred and thirty five nm"; "1,000s of homes" → "thousands"."""
    words = cardinal(m.group(1).replace(",", ""), british=style.british)
    if m.group(2):
        return plural(words.removeprefix("one "))
    return words + " "


CODES: tuple[Rule, ...] = (
    rule(r"(?<![\w.,])(\d{3})\(([kb])\)", _retirement_plan, gate=r"\(k\)|\(b\)"),
    rule(r"(?<=\b[Tt]he )(\d{1,3})(?= (?:freeway|fwy|motorway|expressway|turnpike|beltway|tollway)\b)",
         _numbered_road, gate="freeway|fwy|motorway|expressway|turnpike|beltway|tollway"),
    # "a range of 7,635nm": a grouped number glued to letters no unit rule knew is still the number
    rule(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+)(?:(s)\b|(?=[A-Za-z]))", _grouped_before_letters,
         gate=r"\d,\d{3}[A-Za-z]"),
    rule(r"(?<![\w@#.+-])(?=[A-Za-z-]*\d)(?=[\d-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:\(M\))?"
         r"(?:(?:(?<=[A-Za-z]\d)|(?<=-\d)|(?<=-\d\d))\.\d{1,2}(?![\w.]))?(?![\w@-])",
         _code,
         gate=r"[A-Za-z]-?\d|\d[A-Za-z]"),
    rule(r"(?<=[A-Za-z] )(\d{3,4})(?![\w.,:/%-]?\d|\w)", _named_number, gate=r"[A-Za-z] \d{3}"),
)
