"""Money and percentages: "£14.2m" is "fourteen point two million pounds", and "a £14.2m flood wall" a
"fourteen point two million pound flood wall"; "50p" is "fifty pence"; "12pc" and "3%" are per cent;
"25bp" is "twenty five basis points"."""

from __future__ import annotations

import re

from narrator.normalise.rules import NUMBER, START, Rule, attributive, next_word, rule, word_set
from narrator.normalise.style import SpeechStyle
from narrator.normalise.words import cardinal, code_number, decimal, plural

# symbol -> (one, many, one hundredth, many hundredths)
CURRENCIES = {
    "£": ("pound", "pounds", "penny", "pence"),
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AU$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "CA$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "Rs": ("rupee", "rupees", "paisa", "paise"),
    "₩": ("won", "won", "", ""),
    "₽": ("rouble", "roubles", "kopek", "kopeks"),
    "₦": ("naira", "naira", "kobo", "kobo"),
    "N": ("naira", "naira", "kobo", "kobo"),
    "R": ("rand", "rand", "cent", "cents"),
    "KSh": ("Kenyan shilling", "Kenyan shillings", "cent", "cents"),
    "Ksh": ("Kenyan shilling", "Kenyan shillings", "cent", "cents"),
    "Sh": ("shilling", "shillings", "cent", "cents"),
    "₱": ("peso", "pesos", "centavo", "centavos"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "₺": ("lira", "lira", "kurus", "kurus"),
    "USD": ("US dollar", "US dollars", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
    "JPY": ("yen", "yen", "", ""),
    "RMB": ("yuan", "yuan", "fen", "fen"),
    "INR": ("rupee", "rupees", "paisa", "paise"),
    "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "NZD": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "SGD": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "HKD": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "ZAR": ("rand", "rand", "cent", "cents"),
    "KES": ("Kenyan shilling", "Kenyan shillings", "cent", "cents"),
    "NGN": ("naira", "naira", "kobo", "kobo"),
}
"""A symbol or ISO code written before an amount; the letters R and N only before an amount that is
plainly money (R2.5bn, N1,500, R12.50), so the R21 and N95 stay a road and a mask."""
MAGNITUDES = {
    "k": "thousand", "K": "thousand", "m": "million", "mn": "million", "mln": "million", "M": "million",
    "bn": "billion", "bln": "billion", "B": "billion", "tn": "trillion", "trn": "trillion", "T": "trillion",
    "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
    "crore": "crore", "crores": "crore", "lakh": "lakh", "lakhs": "lakh", "lakh crore": "lakh crore",
}
PER_UNITS = {
    "oz": "ounce", "kg": "kilo", "lb": "pound", "t": "tonne", "tonne": "tonne", "bbl": "barrel",
    "barrel": "barrel", "kWh": "kilowatt hour", "MWh": "megawatt hour", "hr": "hour", "h": "hour",
    "hour": "hour", "day": "day", "wk": "week", "week": "week", "mo": "month", "month": "month",
    "yr": "year", "year": "year", "share": "share", "litre": "litre", "l": "litre", "gal": "gallon",
    "gallon": "gallon", "sq ft": "square foot", "head": "head", "night": "night", "person": "person",
}
"""What an amount is per when written after a slash ("$2,400/oz", "£12/hr"): said "per ounce"."""
_PER_UNIT = "|".join(sorted(PER_UNITS, key=len, reverse=True))
VIDEO_LINES = frozenset({"240", "360", "480", "720", "1080", "1440", "2160"})
"""720p and 1080p are video resolutions, not pence."""
_PLAIN_MONEY = (
    r"(?=\d{1,3}(?:,\d{3})+\b|\d+\.\d\d?\b|\d+(?:\.\d+)?\s?(?:bn|m|tn|k|million|billion|trillion)\b"
    r"|\d+\s+(?:grant|grants|fine|fee|fees|payment|payments|levy|tax|salary|wage|pension|bill|ticket|voucher"
    r"|a\s+month|per\s+month|a\s+year|a\s+day|each)\b)"
)
"""An amount that can only be money: grouped thousands, pence or cents, a magnitude, or what money is for
("the R350 grant", "a N5,000 fine")."""
_SIGN_CURRENCIES = [c for c in CURRENCIES if not c.isalpha()]
_LETTER_CURRENCIES = [c for c in CURRENCIES if c.isalpha()]


def _currencies(written: list[str]) -> str:
    """An alternation of currencies as written before an amount, the longest first."""
    return "|".join(
        re.escape(c) + (_PLAIN_MONEY if c in "RN" else r"\.?\s?" if c.isalpha() else "")
        for c in sorted(written, key=len, reverse=True)
    )


_MAGNITUDE = (
    r"(?:bn|bln|tn|trn|mn|mln|m|k|K|thousand|million|billion|trillion|lakh crore|crores?|lakhs?)\b"
    # "$1.2B", "$40M": a capital only right after the figure, and never "$5 T-shirts"
    r"|(?<=\d)(?:[MB](?!\w)|T(?![\w-]))"
)


def _symbol(m: re.Match[str]) -> str:
    return m.group("cur").rstrip(". ")


def _amount(amount: str, style: SpeechStyle) -> str:
    return decimal(amount, british=style.british, zero=style.zero)


def _money(m: re.Match[str], style: SpeechStyle) -> str:
    words = _amount_of_money(m, style)
    return f"{words} per {PER_UNITS[m.group('per')]}" if m.group("per") else words


def _amount_of_money(m: re.Match[str], style: SpeechStyle) -> str:
    one, many, hundredth, hundredths = CURRENCIES[_symbol(m)]
    unit = one if attributive(m) or next_word(m).lower() in NOTE_NOUNS else many
    first, first_scale = m.group("a1"), m.group("m1")
    second, second_scale = m.group("a2"), m.group("m2")
    if second:
        scale = MAGNITUDES[second_scale] if second_scale else ""
        low = _amount(first, style)
        if first_scale and MAGNITUDES[first_scale] != scale:
            low += " " + MAGNITUDES[first_scale]
        return f"{low} to {_amount(second, style)} {scale} {unit}".replace("  ", " ")
    if first_scale:
        return f"{_amount(first, style)} {MAGNITUDES[first_scale]} {unit}"
    whole, _, cents = first.replace(",", "").partition(".")
    if cents and len(cents) <= 2 and hundredth:
        cents = cents.ljust(2, "0")
        if not whole.strip("0"):
            return f"{cardinal(cents)} {hundredth if cents == '01' else hundredths}"
        unit = one if whole.lstrip("0") == "1" and not attributive(m) else unit
        return f"{cardinal(whole, british=style.british)} {unit} {cardinal(cents)}"
    if whole.lstrip("0") == "1" and not cents:
        unit = one
    return f"{_amount(first, style)} {unit}"


NOTE_NOUNS = word_set("bill bills note notes banknote banknotes coin coins")
"""Nouns after an amount that make it a denomination, said in the singular: "$100 bills", "£50 notes"."""


def _notes(m: re.Match[str], style: SpeechStyle) -> str:
    """ "a handful of $20s": banknotes of that value, "twenties"."""
    return plural(cardinal(m.group(1)))


def _small_change(m: re.Match[str], style: SpeechStyle) -> str:
    amount, unit = m.group(1), m.group(2)
    if unit == "p" and amount in VIDEO_LINES:
        return f"{code_number(amount)} p"
    one, many = ("penny", "pence") if unit == "p" else ("cent", "cents")
    return f"{_amount(amount, style)} {one if amount == '1' else many}"


def _percent(m: re.Match[str], style: SpeechStyle) -> str:
    words = _amount(m.group(1), style)
    if m.group(2):
        words += " to " + _amount(m.group(2), style)
    return f"{words} {'percent' if style.american else 'per cent'}"


def _points(m: re.Match[str], style: SpeechStyle) -> str:
    unit = "basis point" if m.group(2).lower().startswith("b") else "percentage point"
    plural = not attributive(m) and m.group(1) != "1"
    return f"{_amount(m.group(1), style)} {unit}{'s' if plural else ''}"


_BARE_SYMBOL = _currencies(_SIGN_CURRENCIES)
_LETTER_GATE = "|".join(
    re.escape(c) + (r"\d" if len(c) == 1 else r"[\d. ]" if len(c) == 2 else "") for c in _LETTER_CURRENCIES
)
"""Letters that may write a currency, each a literal ("R" and "N" only before a digit, "Sh" and "Rs" before a
digit, a point or a space, so "She" does not open the gate)."""
_SIGN_CHARACTERS = re.escape("".join(sorted({ch for c in CURRENCIES for ch in c if not ch.isalpha()})))
"""Every currency sign ($ £ € ¥ ₹ ₩ ₽ ₦ ₱ ₪ ₺), escaped for the inside of a character class."""
_SIGNS = f"[{_SIGN_CHARACTERS}]"


def _currency_name(m: re.Match[str], style: SpeechStyle) -> str:
    """"the £ rose against the $": a symbol with no amount is the currency's name."""
    return CURRENCIES[m.group("cur")][0]


def _money_rule(written: list[str], gate: str) -> Rule:
    """An amount after one of the ``written`` currencies, perhaps a range ("$5-$10m") or per unit ("/oz")."""
    currencies = _currencies(written)
    return rule(
        rf"(?<![\w.,])(?P<cur>{currencies})\s?(?P<a1>{NUMBER})(?:\s?(?P<m1>{_MAGNITUDE}))?"
        rf"(?:\s?[-–]\s?(?:{currencies})?(?P<a2>{NUMBER})(?:\s?(?P<m2>{_MAGNITUDE}))?)?"
        rf"(?:/(?P<per>{_PER_UNIT}))?(?![\w])",
        _money,
        gate=gate,
    )


RULES: tuple[Rule, ...] = (
    rule(r"(?<![\w.,])[$£€](1|2|5|10|20|50|100)s\b", _notes, gate=r"[$£€]\d{1,3}s\b"),
    # signs ("$5m", "₦650") and letters ("USD 40m", "KSh 1,000", "R2.5bn"): two rules, each with a gate of
    # plain literals that the regex engine scans fast
    _money_rule(_SIGN_CURRENCIES, gate=_SIGNS),
    _money_rule(_LETTER_CURRENCIES, gate=_LETTER_GATE),
    rule(START + r"(\d{1,4}(?:\.\d+)?)(p\b|c\b|¢)(?!\.\w)", _small_change, gate=r"\d(?:[pc]\b|¢)"),
    rule(rf"(?<![\w{_SIGN_CHARACTERS}])(?P<cur>{_BARE_SYMBOL})(?![\w{_SIGN_CHARACTERS}]|\s?\d|[.,]\d)",
         _currency_name, needs="", gate=_SIGNS),
    rule(START + r"(" + NUMBER + r")(?:%?\s?[-–]\s?(" + NUMBER + r"))?\s?(?:%|pc\b|per\s?cent\b|percent\b)",
         _percent, gate=r"%|pc\b|per\s?cent|percent"),
    rule(START + r"(" + NUMBER + r")\s?(bps?|basis points?|ppts?|pp|percentage points?)\b", _points,
         gate=r"bps?\b|basis point|ppts?\b|pp\b|percentage point"),
)
