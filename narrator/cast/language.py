"""Which language an article is in, and the spoken intro and outro in that language.

An article says its language in its front matter (``language: fr``) or its ``<html lang>``; when it says
nothing, its text is recognised by its function words (articles, prepositions, pronouns), which are
frequent and distinct enough across the languages narrator has voices for to need no model. A guess that
differs from the podcast's language is used with a warning, so a producer can confirm or correct it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from narrator.models import Article
from narrator.normalise.text import MONTHS

FUNCTION_WORDS = {
    "en": "the and of to in is that it was for on with he she as at by this from have are were which said "
    "but not his her they be has will been would their",
    "fr": "le la les des et est une un du dans que qui pour pas sur au avec il elle ce sont par plus été "
    "mais ont ses aux cette leur nous vous était",
    "de": "der die das und ist nicht ein eine den dem mit sich auf für von zu im es sie er auch wird "
    "wurde dass nach bei aus des wie noch hat",
    "es": "el la los las y que en un una es por con para del se no al lo su sus como más pero fue ha "
    "este esta son dijo está también",
    "it": "il che di un una per non con del della sono è gli da si ha nel alla come anche più ma questo "
    "dei delle stato",
    "pt": "os as que um uma do da em não para com por se no na mais dos das ao foi é são como mas ele "
    "ela também",
    "nl": "het een en van is dat niet op te zijn met voor er maar om ook als aan bij door was wordt hij "
    "zij deze naar werd",
}
_WORDS = {language: frozenset(words.split()) for language, words in FUNCTION_WORDS.items()}
MIN_HITS = 8
"""Function words the winning language needs before a guess is trusted (a title alone is not enough)."""
MARGIN = 1.5
"""How many times more hits than the runner-up the winner needs."""
SAMPLE_WORDS = 3000

NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
         "pt": "Portuguese", "nl": "Dutch"}


def primary(language: str) -> str:
    """The primary subtag in lower case: ``fr`` for ``fr-CA`` or ``fr_FR``."""
    return language.split("-")[0].split("_")[0].strip().lower()


def detect_language(text: str) -> str | None:
    """The language ``text`` is written in, when its function words say so clearly; else None."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())[:SAMPLE_WORDS]
    hits = Counter({language: sum(token in words for token in tokens) for language, words in _WORDS.items()})
    ranked = hits.most_common(2)
    (best, count), (_, runner_up) = ranked[0], ranked[1]
    return best if count >= MIN_HITS and count >= MARGIN * runner_up else None


def article_language(article: Article, podcast_language: str) -> tuple[str, str | None]:
    """The article's language (primary subtag) and a warning when it was guessed and is not the
    podcast's. A declared language is taken as it is."""
    if article.language and article.language.strip():
        return primary(article.language), None
    podcast = primary(podcast_language or "en")
    text = " ".join([article.title, *(block.text for block in article.blocks)])
    guessed = detect_language(text)
    if guessed is None or guessed == podcast:
        return podcast, None
    name = NAMES.get(guessed, guessed)
    return guessed, (
        f'{article.source}: no language given, and the text reads as {name} ("{guessed}"), not the '
        f'podcast\'s "{podcast}": it is read with {name} voices. Add "language: {guessed}" to its front '
        "matter to confirm, or the right code to correct it"
    )


# -------------------------------------------------------------------------------------------- phrasing


@dataclass(frozen=True)
class Phrasing:
    """The words around an episode in one language: who wrote it, when, and the closing line."""

    by_author: str
    on_date: str
    """Formatted with ``day``, ``month`` (its name) and ``year``."""
    months: tuple[str, ...]
    outro: str
    first_day: str = "{day}"
    """How the first day of a month is said, where it differs ("1er" in French)."""

    def date(self, day: int, month: int, year: int) -> str:
        spoken_day = self.first_day.format(day=day) if day == 1 else str(day)
        return self.on_date.format(day=spoken_day, month=self.months[month - 1], year=year)


PHRASINGS = {
    "en": Phrasing(", by {author}", ", published {day} {month} {year}", MONTHS, "This has been {podcast}."),
    "fr": Phrasing(", par {author}", ", publié le {day} {month} {year}",
                  ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                   "octobre", "novembre", "décembre"), "Vous avez écouté {podcast}.", first_day="1er"),
    "de": Phrasing(", von {author}", ", veröffentlicht am {day}. {month} {year}",
                  ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                   "Oktober", "November", "Dezember"), "Das war {podcast}."),
    "es": Phrasing(", por {author}", ", publicado el {day} de {month} de {year}",
                  ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                   "octubre", "noviembre", "diciembre"), "Esto ha sido {podcast}."),
}


def phrasing_for(language: str) -> Phrasing:
    """The phrasing of ``language``, English where narrator has none."""
    return PHRASINGS.get(primary(language), PHRASINGS["en"])
