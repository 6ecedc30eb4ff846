"""Gender from what an article says: titles ("Mrs", "Sir"), role nouns ("spokeswoman", "father") and
first names (gender-guesser). The one place that maps these to "f", "m" or None."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from narrator.titles import HONORIFICS

TITLE_GENDER = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "sheikh": "m",  # a Gulf ruler or cleric, known by his given name: "Sheikh Hamad"
    "sheikha": "f",
    "father": "m",
    "sister": "f",
    "brother": "m",
    "madam": "f",
    "mister": "m",
    "uncle": "m",
    "aunt": "f",
    "grandma": "f",
    "grandpa": "m",
    "madame": "f",
    "frau": "f",
    "herr": "m",
    "monsieur": "m",
    "señor": "m",
    "mx": None,
    **{honorific.lower(): sex for honorific, sex in HONORIFICS.items()},
}


FEMALE_NOUNS = {
    "woman",
    "women",
    "mother",
    "mum",
    "mom",
    "daughter",
    "wife",
    "sister",
    "grandmother",
    "girl",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "councilwoman",
    "actress",
    "businesswoman",
    "widow",
    "grandma",
    "aunt",
    "niece",
    "lady",
    "queen",
    "princess",
    "nan",
    "granddaughter",
    "girlfriend",
}


MALE_NOUNS = {
    "man",
    "men",
    "father",
    "dad",
    "son",
    "husband",
    "brother",
    "grandfather",
    "boy",
    "spokesman",
    "chairman",
    "congressman",
    "councilman",
    "actor",
    "businessman",
    "widower",
    "grandpa",
    "uncle",
    "nephew",
    "king",
    "prince",
    "grandson",
    "boyfriend",
}


_GUESSER_LABELS = {"female": "f", "mostly_female": "f", "male": "m", "mostly_male": "m"}
"""gender-guesser's answers that say something ("andy" and "unknown" do not)."""


@lru_cache(maxsize=4096)
def _known_spelling(name: str) -> str:
    """``name`` as gender-guesser's table lists it: as written, else without its accents, since the table
    has many names only unaccented ("Élise", "Étienne", "Siobhán" are there as "Elise", "Etienne",
    "Siobhan")."""
    if gender_detector().get_gender(name) != "unknown":
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def is_first_name(name: str) -> bool:
    """Whether gender-guesser knows ``name`` as a first name at all (whatever gender it gives), or each
    part of a double first name it does not list ("Jo-Anne", "Mary-Kate")."""
    if gender_detector().get_gender(_known_spelling(name)) != "unknown":
        return True
    parts = _double_first_name(name)
    return bool(parts) and all(is_first_name(part) for part in parts)


def _double_first_name(name: str) -> list[str]:
    """The parts of a hyphenated name that may be two first names; none for "Al-Hamdi", "Abu-Bakr"."""
    parts = name.split("-")
    if len(parts) != 2 or parts[0].lower() in ("al", "el", "abu", "ben", "bin", "ibn", "ould"):
        return []
    return parts if all(len(p) > 1 and p[0].isupper() for p in parts) else []


_ENGLISH_COUNTRIES = ("usa", "great_britain")
"""Where English-language news mostly comes from: a name these read differently ("Bernie" is mostly
female over all of Europe, mostly male in the USA) says nothing."""


@lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """ "f"/"m" from a first name via gender-guesser (imported lazily: it loads a large table), or None
    when the name is unknown, used by both, or read differently in the USA and Britain."""
    detector, name = gender_detector(), _known_spelling(name)
    overall = _GUESSER_LABELS.get(detector.get_gender(name))
    if overall is None:
        parts = _double_first_name(name) if detector.get_gender(name) == "unknown" else []
        if parts and all(is_first_name(part) for part in parts):
            # "Jo-Anne": the part that says something ("Jo" does not), when the parts do not disagree
            genders = {first_name_gender(part) for part in parts} - {None}
            return genders.pop() if len(genders) == 1 else None
        return None
    for country in _ENGLISH_COUNTRIES:
        local = _GUESSER_LABELS.get(detector.get_gender(name, country))
        if local is not None and local != overall:
            return None
    return overall


@lru_cache(maxsize=4096)
def first_name_sure(name: str) -> bool:
    """Whether a first name is given to one sex only, in English-speaking countries too ("Hillary",
    "Donald"), so an article's pronoun cannot overrule it; "Lindsey", "Rio" and "Leslie" are not."""
    detector, name = gender_detector(), _known_spelling(name)
    label = detector.get_gender(name)
    return label in ("female", "male") and all(
        detector.get_gender(name, country) == label for country in _ENGLISH_COUNTRIES
    )


def guess_gender(speaker: str, detector: Callable[[str], str] | None = None) -> str | None:
    """ "f", "m" or None for a speaker's name as cast.toml keeps it: from a title ("Mrs May") or a first
    name ("Theresa May"); ``detector`` replaces gender-guesser's ``get_gender`` (for tests)."""
    words = [w.strip(".,").casefold() for w in speaker.split()]
    if not words:
        return None
    if TITLE_GENDER.get(words[0]):
        return TITLE_GENDER[words[0]]
    if len(words) < 2:
        return None  # a lone name is usually a surname ("Abe"), which says nothing about gender
    first = speaker.split()[0].strip(".,")
    if not re.fullmatch(r"[^\W\d_]+(-[^\W\d_]+)?", first):
        return None
    if detector is None:
        return first_name_gender(first)
    return _GUESSER_LABELS.get(detector(first))


@lru_cache(maxsize=1)
def gender_detector():  # noqa: ANN202 (gender_guesser has no type hints)
    """One shared first-name table per process.

    gender-guesser parses its 48,000-line table through ``codecs`` line by line, one method call per
    line and per name (0.36 s, paid by every `narrator read`, `segments` and build); one pass over the
    file read whole builds the identical table (same names, genders, country columns and order) in a
    fraction of that.
    """
    import gender_guesser.detector

    class WholeFileDetector(gender_guesser.detector.Detector):
        def _parse(self, filename: str) -> None:
            self.names = parse_name_table(Path(filename).read_text(encoding="utf-8"))

    return WholeFileDetector(case_sensitive=False)


_SEX_LABELS = {"M": "male", "1M": "mostly_male", "?M": "mostly_male", "F": "female",
               "1F": "mostly_female", "?F": "mostly_female", "?": "andy"}  # fmt: skip
"""gender-guesser's table: the sex column's codes and the labels ``get_gender`` answers with."""


def parse_name_table(text: str) -> dict[str, dict[str, str]]:
    """gender-guesser's ``nam_dict.txt`` as its case-insensitive Detector holds it: lower-cased name ->
    {label: the line's country columns}, a name joined by "+" under each of its three spellings."""
    names: dict[str, dict[str, str]] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#=":
            continue
        sex, name, _ = line.split(None, 2)
        label, countries, name = _SEX_LABELS[sex], line[30:-1], name.lower()
        for spelling in (name.replace("+", joint) for joint in ("", " ", "-")) if "+" in name else (name,):
            names.setdefault(spelling, {})[label] = countries
    return names
