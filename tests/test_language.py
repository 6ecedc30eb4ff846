"""Articles in other languages: their language found, their own voices, an intro and outro in it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from publish_helpers import published_file

from narrator.cast.casting import Cast, load_pool
from narrator.cast.language import article_language, detect_language
from narrator.config import Channel
from narrator.models import Article, Block
from narrator.preparation import Framing, PodcastSettings, frame_segments

ROOT = Path(__file__).resolve().parent.parent

FRENCH = (
    "La mairie a annoncé mardi que le marché du samedi serait déplacé sur la place de l'église pendant les "
    "travaux. Les commerçants se disent inquiets, mais la plupart ont accepté le changement. "
    "\u201cNous ferons avec, comme toujours\u201d, a déclaré Marie Lefèvre, qui vend des fromages depuis "
    "vingt ans."
)
GERMAN = (
    "Die Stadt hat am Dienstag angekündigt, dass der Wochenmarkt während der Bauarbeiten auf den Platz vor "
    "der Kirche verlegt wird. Die Händler sind besorgt, aber die meisten haben sich mit der Änderung "
    "abgefunden, und auch die Kunden sollen den neuen Ort leicht finden."
)
SPANISH = (
    "El ayuntamiento anunció el martes que el mercado del sábado se trasladará a la plaza de la iglesia "
    "durante las obras. Los comerciantes están preocupados, pero la mayoría ha aceptado el cambio, y los "
    "vecinos dicen que es una buena solución para todos."
)
ENGLISH = (
    "The council said on Tuesday that the Saturday market would move to the church square while the road "
    "is rebuilt. Traders were worried at first, but most of them have accepted the change, and shoppers "
    "have found the new place without trouble."
)
CHANNEL = Channel(title="Village Radio", description="d", author="a", owner_name="a",
                  owner_email="a@example.com", language="en", category="News",
                  base_url="https://example.com/")
SETTINGS = PodcastSettings(load_pool(ROOT / "voices" / "voices.toml"), Cast(), language="en")


def article(text: str, language: str | None = None, **extra: object) -> Article:
    return Article(title="Le marché", blocks=(Block("paragraph", text),), source="market.md",
                   language=language, **extra)


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es"), (ENGLISH, "en")])
def test_the_language_of_a_paragraph_is_recognised(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_a_title_alone_is_no_evidence() -> None:
    assert detect_language("Le marché") is None


def test_a_declared_language_wins_and_a_guess_that_differs_is_warned_about() -> None:
    assert article_language(article(FRENCH, "de-AT"), "en") == ("de", None)
    language, warning = article_language(article(FRENCH), "en")
    assert language == "fr" and warning is not None and "\n" not in warning
    assert 'reads as French ("fr"), not the podcast\'s "en"' in warning and '"language: fr"' in warning
    assert article_language(article(ENGLISH), "en-gb") == ("en", None)
    assert article_language(article("Le marché"), "en") == ("en", None)


@pytest.mark.parametrize(
    ("language", "intro", "outro"),
    [
        ("fr", "Village Radio. Le marché, par Anne Roux, publié le 1er mars 2024.",
         "Vous avez écouté Village Radio."),
        ("de", "Village Radio. Le marché, von Anne Roux, veröffentlicht am 1. März 2024.",
         "Das war Village Radio."),
        ("es", "Village Radio. Le marché, por Anne Roux, publicado el 1 de marzo de 2024.",
         "Esto ha sido Village Radio."),
        ("en", "Village Radio. Le marché, by Anne Roux, published 1 March 2024.",
         "This has been Village Radio."),
    ],
)
def test_intro_and_outro_are_said_in_the_articles_language(language: str, intro: str, outro: str) -> None:
    dated = article(FRENCH, language, author="Anne Roux", date=datetime(2024, 3, 1, tzinfo=timezone.utc))
    first, last = (frame_segments(dated, [], Framing.for_channel(CHANNEL), SETTINGS)[i] for i in (0, -1))
    assert (first.text, last.text) == (intro, outro)
    if language != "en":  # the voice reads the digits in its own language
        assert first.spoken == intro


def test_a_producers_own_outro_is_kept_in_every_language() -> None:
    channel = Channel(**{**CHANNEL.__dict__, "outro": "Merci et à bientôt sur {podcast}."})
    segments = frame_segments(article(FRENCH, "de"), [], Framing.for_channel(channel), SETTINGS)
    assert segments[-1].text == "Merci et à bientôt sur Village Radio."


@pytest.mark.audio
def test_a_french_article_in_an_english_podcast_gets_french_voices_and_framing(tmp_path: Path) -> None:
    shutil.copy(ROOT / "podcast.toml", tmp_path)
    shutil.copytree(ROOT / "voices", tmp_path / "voices", ignore=shutil.ignore_patterns("cast.toml"))
    (tmp_path / "articles").mkdir()
    source = tmp_path / "articles" / "marche.md"
    source.write_text(f"# Le marché change de place\n\n{FRENCH}\n", encoding="utf-8")
    config = str(tmp_path / "podcast.toml")
    segments = subprocess.run(
        [sys.executable, "-m", "narrator", "segments", "--format", "json", "--config", config, str(source)],
        capture_output=True, text=True, check=True,
    )
    voices = {s["kind"]: s["voice"] for s in json.loads(segments.stdout)["segments"]}
    assert voices["narration"] == "etienne" and voices["quote"] in {"claire", "amelie"}
    built = subprocess.run(
        [sys.executable, "-m", "narrator", "build", "--config", config, "--output", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    assert 'Warning: ' in built.stderr and 'reads as French ("fr")' in built.stderr
    vtt = published_file(tmp_path / "out", "marche", ".vtt").read_text(encoding="utf-8")
    assert "Vous avez écouté Narrator Sample Podcast." in vtt
    page = (tmp_path / "out" / "episodes" / "marche.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in page
