"""House style: decided per article from its language tag, the podcast's, and its own dates; the display
text keeps the written form; the lexicon wins over every rule."""

from pathlib import Path

import pytest

from narrator.models import Article, Block
from narrator.normalise.lexicon import load_lexicon
from narrator.normalise.style import AMERICAN, BRITISH, article_style, speech_style
from narrator.normalise.text import speakable
from narrator.segment.segmenter import split_segments


@pytest.mark.parametrize(
    ("language", "american", "day_first"),
    [
        ("en-gb", False, True), ("en-GB", False, True), ("en-au", False, True), ("en-in", False, True),
        ("en-us", True, False), ("en_US", True, False), ("en", False, True), (None, False, True),
    ],
)
def test_language_tag_decides_without_other_evidence(
    language: str | None, american: bool, day_first: bool
) -> None:
    style = speech_style(language)
    assert style.english and style.american is american and style.day_first is day_first


def test_the_article_language_comes_before_the_podcast_language() -> None:
    assert speech_style("en-us", fallback="en-gb").american
    assert speech_style("en", fallback="en-us").american
    assert not speech_style("fr", fallback="en-us").english
    assert not speech_style(None, fallback="de").english


def test_unambiguous_dates_in_the_article_decide_the_order_of_ambiguous_ones() -> None:
    assert speech_style("en-us", ["Filed on 25/12/2024."]).day_first
    assert not speech_style("en-gb", ["Filed on 12/25/2024."]).day_first
    assert not speech_style("en", ["On March 11 the court met.", "By April 2 it had ruled."]).day_first
    assert speech_style("en-us", ["On 11 March the court met."]).day_first
    # written dates that disagree leave the tag in charge
    assert speech_style("en", ["On March 11 and on 12 April."]).day_first


def test_segments_follow_the_article_house_style_and_keep_the_written_text() -> None:
    body = ("The hearing on 03/04/2025 was adjourned.", "It cost $2.5m, a spokesman said on March 11.")
    blocks = tuple(Block("paragraph", text) for text in body)
    article = Article("Court news", blocks, "court.txt", language="en-US")
    segments = split_segments(article)
    assert [s.text for s in segments] == list(body)
    assert segments[0].spoken == "The hearing on March fourth, twenty twenty five was adjourned."
    assert segments[1].spoken == "It cost two point five million dollars, a spokesman said on March eleventh."
    british = split_segments(article, style=BRITISH)
    assert british[0].spoken == "The hearing on the third of April twenty twenty five was adjourned."


def test_the_podcast_language_is_used_when_the_article_has_none() -> None:
    article = Article("Note", (Block("paragraph", "Due on 03/04/2025."),), "note.txt")
    assert article_style(article, "en-us") == AMERICAN
    assert article_style(article, "en-gb") == BRITISH
    french = Article("Note", (Block("paragraph", "Le 03/04/2025, 45 %."),), "note.txt", language="fr")
    assert split_segments(french)[0].spoken == "Le 03/04/2025, 45 %."


def test_the_lexicon_runs_first_and_wins_over_every_rule(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text(
        '[[rule]]\nword = "St"\nsay = "Street"\n\n'
        '[[rule]]\nword = "A683"\nsay = "the Lune valley road"\n\n'
        '[[rule]]\nword = "WHO"\nsay = "World Health Organisation"\n\n'
        '[[rule]]\nregex = "\\\\bQ(\\\\d)\\\\b"\nsay = "quarter \\\\1"\n',
        encoding="utf-8",
    )
    lexicon = load_lexicon(path)
    assert speakable("outside St Paul's", lexicon) == "outside Street Paul's"
    assert speakable("the A683 closed", lexicon) == "the the Lune valley road closed"
    assert speakable("the WHO said", lexicon) == "the World Health Organisation said"
    # what the lexicon writes in digits is then read by the rules
    assert speakable("profits in Q3", lexicon) == "profits in quarter three"
