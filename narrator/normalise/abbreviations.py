"""Abbreviations, acronyms and Roman numerals, read by context.

"St" is Saint before a name ("St Paul's") and Street after one ("Sauchiehall St"); "Dr" is Doctor or
Drive the same way; "No 10" is "Number ten"; "Gen Z" stays Gen Z. Capitals are spelled ("NHS": "N H S")
unless they make a word people say ("NATO", "COVID"); "MS" after "with" or before "patients" is multiple
sclerosis. A Roman numeral after a monarch's or pope's name is "the third", after an event or a part
("World War II", "Super Bowl LVIII", "Grade II") a plain "two", and after an ordinal ("1st XI") a team.
"""

from __future__ import annotations

import re

from narrator.letters import LOWER, UPPER
from narrator.normalise.rules import (
    FUNCTION_WORDS,
    Rule,
    at_sentence_start,
    next_word,
    previous_word,
    rule,
    sentence_stop,
    text_before,
    title_case,
    word_set,
    words_before,
)
from narrator.normalise.style import SpeechStyle
from narrator.normalise.words import cardinal, ordinal
from narrator.titles import TITLE_ABBREVIATIONS

TITLES = {
    "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Mx": "Mix", **TITLE_ABBREVIATIONS, "Rt": "Right",
    "Mt": "Mount", "Ft": "Fort", "Pt": "Point",
}
"""Abbreviations said in full before a name."""
STREETS = {
    "St": "Street", "Dr": "Drive", "Rd": "Road", "Ave": "Avenue", "Ln": "Lane", "Blvd": "Boulevard",
    "Sq": "Square", "Cres": "Crescent", "Pl": "Place", "Terr": "Terrace", "Pkwy": "Parkway",
    "Hwy": "Highway", "Mt": "Mount",
}
"""Abbreviations said in full after a name."""
STATES = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin",
    "Wyo.": "Wyoming", "Alta.": "Alberta", "Man.": "Manitoba", "Sask.": "Saskatchewan", "Ont.": "Ontario",
    "Que.": "Quebec", "N.B.": "New Brunswick", "N.S.": "Nova Scotia", "Nfld.": "Newfoundland",
    "N.L.": "Newfoundland and Labrador",
}
"""US states and Canadian provinces as the wires abbreviate them after a town ("Ava, Mo.", "Sudbury, Ont.")
or in a party tag ("D-Calif."), where a newsreader says the name. ("B.C.", "P.E.I." are said as letters.)"""
ALWAYS_TITLES = ("Mrs", "Mr", "Ms", "Mx", "Prof", "Cllr", "Revd", "Supt", "Insp", "Sgt", "Cpl", "Capt", "Lt",
                 "Smt")
"""Titles that are never anything else, said in full even before "and" ("Mr and Mrs Jones")."""
GENERATIONS = word_set("X Y Z Alpha Beta")
ABBREVIATIONS = {
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "vs": "versus",
    "v.": "versus", "approx.": "approximately", "incl.": "including", "Jr.": "Junior", "Jr": "Junior",
    "Sr.": "Senior", "Inc.": "Incorporated", "Ltd": "Limited", "Ltd.": "Limited", "Corp.": "Corporation",
    "Bros.": "Brothers", "govt": "government", "Govt": "Government", "dept": "department",
    "Dept": "Department", "c.": "circa", "avg.": "average", "y/y": "year on year", "yoy": "year on year",
    "YoY": "year on year", "q/q": "quarter on quarter", "m/m": "month on month", "wkts": "wickets",
    "wkt": "wicket", "p.a.": "per annum", "mmHg": "millimetres of mercury", "pcm": "per calendar month",
    "ppg": "points per game", "rpg": "rebounds per game", "apg": "assists per game",
}
WORD_ACRONYMS = word_set(
    """NATO NASA UNESCO UNICEF OPEC COVID AIDS FIFA UEFA ASEAN OFSTED OFCOM OFGEM OFWAT SCOTUS NAFTA LASER
    RADAR SONAR SWAT ISIS FEMA NIMBY SARS MERS ACAS BAFTA NICE IKEA CERN INTERPOL EUROPOL FRONTEX DEFRA
    ULEZ MAGA ANZAC QANTAS ASDA BUPA UKIP AUKUS BRICS NASDAQ SAGE EFTA HAMAS AWOL SCUBA SWIFT OK
    COP MAX PIN SIM RAM ROM GIF LIV ISA PEP"""
)
"""Acronyms said as words; other capitals are spelled out unless they are plainly pronounceable."""
CAPITALISED_WORDS = word_set(
    """THE OF AND YOU YOUR GO TO FOR WITH ARE WAS WERE WE THEY HE SHE HIS HER NOT BUT ALL NOW THIS THAT
    WHAT WHY HOW GET GOT OUT OFF BY DO SO MY OUR HAS HAD HAVE WILL JUST FROM NO YES IS ITS HIM NEW WATCH READ
    MORE"""
)
"""Words that are never acronyms, spelled out in a headline's capitals ("WHO", "US", "IT", "IN", "ON", "OR"
and "ME" may be: an organisation, a country, provinces and states)."""
SPELLED = word_set("USDA ACLU UCLA OSCE USAID BAME NOAA AMEX ESPN AEST CEST SAST")  # time zones: letters
SAID_AS = {"FTSE": "Footsie"}
MIXED_CASE_WORDS = {"MiG": "Mig", "CoV": "Cov", "mRNA": "m R N A", "A*": "A star"}
"""Mixed-case names and marks said one way ("MiG", "SARS-CoV-2", "mRNA", an "A*" grade), where "MoD" and
"PhD" are spelled; written plainly before the codes rule reads "MiG-29"."""
_MIXED_CASE = "|".join(map(re.escape, MIXED_CASE_WORDS))
REGNAL_NAMES = word_set(
    """Henry Edward Charles George William Elizabeth Mary Anne Victoria James Richard John Louis Philip
    Philippe Frederick Leo Pius Benedict Gregory Innocent Clement Paul Francis Alexander Nicholas Peter
    Catherine Ivan Ludwig Wilhelm Friedrich Carlos Felipe Alfonso Ferdinand Isabella Isabel Rama Harald Olav
    Haakon Gustav Gustaf Carl Christian Frederik Margrethe Willem Albert Baudouin Rainier Hussein Abdullah
    Mohammed Umberto Vittorio Emmanuel Napoleon Otto Constantine Justinian Ramesses Ramses Amenhotep
    Thutmose David Robert Kenneth Duncan Harold Edmund Stephen Urban Boniface Celestine Sixtus Julius
    Adrian Hadrian Eugene Honorius Sergius Sylvester Stefan Casimir Sigismund Andrew Matthias Leopold
    Maximilian Rudolf Joseph Franz Karl Juan Pedro Manuel Sebastian Afonso Sancho Jaime Mehmed Murad Selim
    Suleiman Ahmed Mahmud Farouk Fuad Faisal Cnut Canute Wenceslas Llywelyn Owain Alexios Basil Michael
    Leopold Baldwin Bohemond Amadeus Umberto Pepin Childeric Clovis Lothair Tiglath Sargon"""
)
ROYAL_TITLES = word_set(
    "king queen pope emperor empress tsar czar tsarina kaiser sultan prince princess duke duchess shah "
    "pharaoh saint st archduke grand"
)
NUMBERED_THINGS = word_set(
    """war part chapter act scene phase grade type stage class book volume vol series season episode mark
    mk title article schedule section annex appendix division league tier band level bowl vatican apollo
    gemini saturn mercury voyager pioneer star world cup"""
)
"""Words after which a Roman numeral is a plain number: World War II, Part IV, Super Bowl LVIII."""
DOCUMENT_PARTS = word_set("chapter article title part book volume section act schedule annex appendix")
"""Where even a lone X is ten (Title X, Chapter X); elsewhere it is more often a letter (Series X)."""
MEDICAL_AFTER = word_set(
    """patients patient sufferers society symptoms treatment treatments drug drugs diagnosis nurse nurses
    research charity relapse relapses trust trial trials"""
)
_ONSETS = word_set(
    "BL BR CH CL CR DR FL FR GL GR KN PH PL PR SC SH SK SL SM SN SP ST SW TH TR TW WH WR QU "
    "SCR SPL SPR STR THR SHR SQU"
)
_CODAS = word_set(
    "CH CK CT FT LD LF LK LL LM LP LT MP ND NG NK NS NT PS PT RB RD RF RG RK RL RM RN RP RS RT "
    "SH SK SP SS ST TH TS WN WS XT DS KS MS LS GS BS FS NDS NTS RDS RTS STS CKS NKS LDS LTS"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_ORDINAL_WORD = re.compile(r"(?:first|second|third|[a-z]+th)$")


def _title(m: re.Match[str], style: SpeechStyle) -> str:
    abbreviation = m.group(1)
    if abbreviation == "Gen" and next_word(m) in GENERATIONS:
        return m.group()
    return TITLES[abbreviation]


SAINT_OR_DOCTOR = {"St": "Saint", "Dr": "Doctor", "Mt": "Mount"}


def _street_or_title(m: re.Match[str], style: SpeechStyle) -> str:
    """St, Dr, Mt: Street, Drive, Mount after a name ("Sauchiehall St"); Saint, Doctor, Mount before one."""
    abbreviation = m.group(1)
    prev = previous_word(m)
    after_name = (
        m.string[max(0, m.start() - 1):m.start()] == " " and title_case(re.sub(r"['’]s$", "", prev))
        and prev.lower() not in FUNCTION_WORDS and prev not in TITLES
        and not at_sentence_start(m.string, m.start() - len(prev) - 1)
    )
    before_name = bool(re.match(rf"\.?\s+{UPPER}", m.string[m.end(1):m.end(1) + 4]))
    if after_name or (abbreviation in ("St", "Dr") and not before_name):
        return STREETS[abbreviation] + sentence_stop(m)  # "10 Downing St." ends its sentence
    if before_name and abbreviation in SAINT_OR_DOCTOR:
        return SAINT_OR_DOCTOR[abbreviation]
    if abbreviation in ("Hwy", "Blvd", "Pkwy"):
        return STREETS[abbreviation]  # "Hwy 97", "Hwy. 401": never anything else
    return m.group()


def _state(m: re.Match[str], style: SpeechStyle) -> str:
    party_tag = m.string[m.start() - 1 : m.start()] == "-"  # "D-Calif."
    if not party_tag and not title_case(previous_word(m)):
        return m.group()  # "Thank you, Pa.": after a comma, only a town's name makes it a state
    # the abbreviation's full stop may also end the sentence: "… in Ava, Mo. The mayor …"
    ends = re.match(r"\s+[A-Z“\"‘']|\s*$", m.string[m.end() :]) is not None
    return STATES[m.group(1)] + ("." if ends else "")


def _county(m: re.Match[str], style: SpeechStyle) -> str:
    if previous_word(m) == "&" or next_word(m) in ("Ltd", "Limited", "Inc", "PLC", "plc", "LLC"):
        return "Company"
    return "County"


def _roman_value(numeral: str) -> int:
    total = 0
    for i, letter in enumerate(numeral):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _roman(m: re.Match[str], style: SpeechStyle) -> str:
    numeral, star, possessive = m.group(1), m.group(2), m.group(3) or ""
    if m.string[max(0, m.start() - 1):m.start()] != " ":
        return m.group()
    prev = previous_word(m)
    before = words_before(m, 3)
    earlier = before[-2] if len(before) >= 2 else ""
    value = _roman_value(numeral)
    if not prev:
        return m.group()
    team = _ORDINAL_WORD.search(prev) and prev.islower() and len(numeral) > 1  # the 1st XI
    thing = prev.lower() in NUMBERED_THINGS and (title_case(prev) or prev.isupper())
    if thing and numeral == "X" and prev.lower() not in DOCUMENT_PARTS:
        return m.group()  # Xbox Series X, Generation X: a letter
    if team or thing:
        words = cardinal(value)
    elif prev in REGNAL_NAMES or (earlier.lower() in ROYAL_TITLES and title_case(prev)):
        return f"the {ordinal(value)}{possessive}"
    elif len(numeral) == 1:
        return m.group()
    elif title_case(prev) and prev.lower() not in FUNCTION_WORDS:
        # John Smith III is "the third"; "Mission: Impossible III" is not a name
        full_name = text_before(m).endswith(f"{earlier} {prev} ")
        if value <= 4 and full_name and title_case(earlier) and earlier.lower() not in FUNCTION_WORDS:
            return f"the {ordinal(value)}{possessive}"
        words = cardinal(value)
    else:
        return m.group()
    return words + (" star" if star else "") + possessive


def _pronounceable(word: str) -> bool:
    """Whether capitals read as an English word (NATO, COVID, UNESCO) rather than as letters (ESPN, HMRC)."""
    if len(word) < 4:
        return False
    runs = re.findall(r"[AEIOU]+|Y(?![AEIOU])|[^AEIOU]+", word)
    vowels = [r for r in runs if r[0] in "AEIOU" or (r == "Y" and word.index(r) > 0)]
    if not vowels or any(len(r) > 2 for r in vowels):
        return False
    consonants = re.split(r"[AEIOUY]+", word)
    first, last, middle = consonants[0], consonants[-1], consonants[1:-1]
    if len(first) > 1 and first not in _ONSETS:
        return False
    if len(last) > 1 and last not in _CODAS:
        return False
    return all(len(run) <= 3 for run in middle)


def _acronym(m: re.Match[str], style: SpeechStyle) -> str:
    letters, ending = m.group(1), m.group(2) or ""
    if letters in ("I", "A"):
        return m.group()
    if letters in SAID_AS:
        return SAID_AS[letters] + ending
    if letters == "MS" and (
        previous_word(m).lower() in ("with", "has", "have", "had", "of", "from", "for")
        or next_word(m).lower() in MEDICAL_AFTER
    ):
        return "multiple sclerosis"
    if letters in CAPITALISED_WORDS:
        return letters.lower() + ending  # "Stat OF THE Week", "Before YOU GO": words set in capitals
    label = len(letters) >= 5 and _label_alone(m) and len(re.findall("[AEIOUY]+", letters)) >= 2
    if len(letters) >= 7 or label:
        # "HE'S DEMONSTRATED A PENCHANT", a label alone ("ABSTRACT."): too long to be letters one by one
        return letters.capitalize() + ending
    if letters in WORD_ACRONYMS or (letters not in SPELLED and _pronounceable(letters)):
        return letters.capitalize() + ending
    return " ".join(letters) + ending


_POINTS = {"N": "north", "S": "south", "E": "east", "W": "west"}


def _compass(m: re.Match[str], style: SpeechStyle) -> str:
    """ "70km SE of Ankara", "NW London": the direction, never the letters."""
    return f"{_POINTS[m.group(1)]}-{_POINTS[m.group(2)]}"


_ABBREVIATION = "|".join(
    re.escape(written) + (r"(?!\w)" if written.endswith(".") else r"\b")
    for written in sorted(ABBREVIATIONS, key=len, reverse=True)
)


def _ends_text(m: re.Match[str]) -> bool:
    """Whether nothing but closing quotation marks or brackets follow the match: it ends its sentence."""
    return not m.string[m.end() :].strip(" \"”’')")


def _label_alone(m: re.Match[str]) -> bool:
    """Whether the match is the whole line but for punctuation: a label ("ABSTRACT.", "UPDATE:")."""
    return not m.string[: m.start()].strip() and not m.string[m.end() :].strip(" .:!?,;\"”’')")


def _dotted_letters(m: re.Match[str], style: SpeechStyle) -> str:
    """ "U.S." is "U S"; at the end of the text its last full stop is the sentence's too ("… in the U S.")."""
    letters = " ".join(m.group().replace(".", ""))
    return letters + ("." if _ends_text(m) else " ")


SENTENCE_ENDERS = frozenset({"etc.", "p.a."})
"""Abbreviations whose full stop is also the sentence's when a capital follows ("… pears etc. Then he left"),
where "e.g. France" or "Acme Inc. chief" carry on."""


def _abbreviation(m: re.Match[str], style: SpeechStyle) -> str:
    """The words for an abbreviation, keeping the full stop it shares with its sentence, where a voice
    pauses."""
    said = ABBREVIATIONS[m.group()]
    if not m.group().endswith("."):
        return said
    capital_next = re.match(r"\s+[“\"‘']?[A-Z]", m.string[m.end() :])
    return said + "." if _ends_text(m) or m.group() in SENTENCE_ENDERS and capital_next else said


TITLES_AND_STREETS: tuple[Rule, ...] = (
    rule(rf"\b(?:{_MIXED_CASE})(?=s?(?!\w))", lambda m, s: MIXED_CASE_WORDS[m.group()], "", gate=_MIXED_CASE),
    rule(r"\bNo(s?)\.?\s?(?=\d)", lambda m, s: "Numbers " if m.group(1) else "Number "),
    rule(r"\b(pp?)\.\s?(?=\d)", lambda m, s: "pages " if m.group(1) == "pp" else "page "),
    rule(r"\b([Ff]ig)(s?)\.\s?(?=\d)", lambda m, s: "figures " if m.group(2) else "figure "),
    rule(r"\bca?\.\s?(?=\d)", lambda m, s: "circa "),  # "c.4,000 people", "c.1850"
    rule(rf"(?<![\w.-])([NS])([EW])(?=\s+(?:of\b|{UPPER}{LOWER}))", _compass, "", gate=r"[NS][EW]\b"),
    rule(r"\b(" + "|".join(ALWAYS_TITLES) + r")\b\.?(?=\s)", lambda m, s: TITLES[m.group(1)], "",
         gate="(?:" + "|".join(ALWAYS_TITLES) + r")\b"),
    rule(r"\b(St|Dr|Mt|Rd|Ave|Ln|Blvd|Sq|Cres|Pl|Terr|Pkwy|Hwy)\b\.?", _street_or_title, "",
         gate=r"(?:St|Dr|Mt|Rd|Ave|Ln|Blvd|Sq|Cres|Pl|Terr|Pkwy|Hwy)\b"),
    rule(rf"\b(Co)\b\.?(?=\s+{UPPER})", _county, "", gate=r"Co\b"),
    rule(r"\bWW(I{1,2}|[12])\b", lambda m, s: "World War " + ("One" if m.group(1) in ("I", "1") else "Two"),
         "", gate=r"WW[I12]"),
    rule(r"(?:(?<=[a-z], )|(?<=\b[DRI]-))(" + "|".join(re.escape(a) for a in STATES) + r")(?!\w)", _state, "",
         gate=r", [A-Z][a-z]{0,4}\.|[DRI]-[A-Z]"),
    rule(r"\b(" + "|".join(TITLES) + rf")\b\.?(?=\s+{UPPER})", _title, "",
         gate="(?:" + "|".join(TITLES) + r")\b"),
    rule(r"(?<![\w.])(?:" + _ABBREVIATION + ")", _abbreviation, "",
         gate="|".join(re.escape(written.rstrip(".")) for written in ABBREVIATIONS)),
)
ROMAN_NUMERALS: tuple[Rule, ...] = (
    rule(r"\b((?=[IVXL])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?<=[IVXL])\b(\*)?(['’]s)?", _roman, "",
         gate=r"[IVXL][IVXLC]*(?![a-z])"),
)
ACRONYMS: tuple[Rule, ...] = (
    rule(r"(?<![\w.])(?:[A-Z]\.){2,}(?![\w])", _dotted_letters, "", gate=r"[A-Z]\.[A-Z]\."),
    rule(r"\b([A-Z]{2,})(s\b|['’]s\b)?(?![\w'’])", _acronym, "", gate="[A-Z][A-Z]"),
    rule(r"\b([A-Z][a-z][A-Z])(s?)\b", lambda m, s: " ".join(m.group(1)) + m.group(2), "",
         gate=r"[A-Z][a-z][A-Z]\b"),  # DfE, MoD, PhD: letters
)
