"""Property-based: whatever text arrives, ingestion and segmentation raise nothing but NarratorError, and
every word of the input is either spoken or listed in the skip report."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrator.errors import NarratorError
from narrator.ingest.reader import _CONTROL, parse_article, read_article, repair_mojibake
from narrator.models import Article
from narrator.segment.segmenter import split_segments

FAST = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples every run: CI never fails on a draw no one can repeat
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

WORDS = st.sampled_from(
    ["said", "Jane", "Roe", "the", "council", "Harbour", "café", "Zoë", "Mr", "Dr.", "U.S.", "20%", "£5",
     "3.5", "1,000", "2024", "e.g.", "O'Brien", "it's", "rock'n'roll", "co-op", "naïve", "東京", "Ελλάδα",
     "http://example.org/a", "www.example.com", "a@b.org", "[1]", "¹", "…", "—", "--", "...", "&", "<b>",
     "]]>", "{{ x }}", "%s", "#", "##", ">", "*", "**", "_", "`", "- ", "1.", "![alt](x.png)", "[link](u)",
     "```", "    ", "\t", "---"]
)
MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", "«", "»", "„", ",", ".", "!", "?", ":", ";", "(", ")"])
NOISE = st.characters(codec="utf-8", exclude_categories=("Cs",))
SPACE = st.sampled_from([" ", " ", "\n", "\n\n"])
PIECE = st.one_of(WORDS, WORDS, WORDS, MARKS, SPACE, SPACE, NOISE)
TEXT = st.lists(PIECE, min_size=0, max_size=60).map("".join)
PARAGRAPH = st.lists(st.one_of(WORDS, WORDS, MARKS, st.just(" "), st.just(" "), NOISE), min_size=1,
                     max_size=25).map("".join)
ARTICLE = st.one_of(
    TEXT,  # anything at all
    st.builds(lambda title, paras: title + "\n\n" + "\n\n".join(paras), PARAGRAPH,
              st.lists(PARAGRAPH, min_size=1, max_size=6)),  # shaped like an article
)


_MARKER = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d+)\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
"""Footnote markers: reported on their own, and the words around them close up ("word[1]" -> "word")."""


def words(text: str) -> set[str]:
    """Words, without underscores at their edges: `_said_` is Markdown emphasis, and heard as "said"."""
    found = {word.strip("_") for word in re.findall(r"\w+", _MARKER.sub("", text).lower())}
    return found - {""}


def accounted(article: Article, spoken: list[str], kind: str) -> set[str]:
    """Words the listener hears (title and author are in the intro) or the producer sees as skipped."""
    heard = " ".join([article.title, article.author or "", *spoken, *(s.text for s in article.skipped)])
    return words(_LINK.sub(r"\1", heard) if kind == "md" else heard)


_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def lost_words(source: str, kind: str, article: Article, spoken: list[str]) -> set[str]:
    source = _CONTROL.sub(" ", repair_mojibake(source))  # "Â£5" was "£5" before it was misread
    if kind == "md":
        # Markup is not text: an image's alt text is reported, a link's label read, list numbers dropped.
        alts = _IMAGE.findall(source)
        source = _LINK.sub(r"\1", _IMAGE.sub("", source))
        source = re.sub(r"(?m)^\s*\d+[.)]\s+", "", source) + " " + " ".join(alts)
        source = source.replace("`", "")  # "said`said`": a code span glued to a word is one word, heard so
    return words(source) - accounted(article, spoken, kind)


@FAST
@given(text=ARTICLE, kind=st.sampled_from(["txt", "md"]))
def test_ingestion_raises_only_narrator_errors_and_keeps_every_word(text: str, kind: str) -> None:
    try:
        article = parse_article(text, kind, "article." + kind)
    except NarratorError:
        return
    assert not lost_words(text, kind, article, [b.text for b in article.blocks])


@settings(max_examples=40, deadline=None, derandomize=True)
@given(text=ARTICLE)
def test_html_ingestion_raises_only_narrator_errors(text: str) -> None:
    for page in (text, f"<html><body><article><h1>{text}</h1><p>{text}</p></article></body></html>"):
        with contextlib.suppress(NarratorError):
            parse_article(page, "html", "page.html")


@FAST
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_reading_any_bytes_raises_only_narrator_errors(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / ("article" + suffix)
    path.write_bytes(data)
    with contextlib.suppress(NarratorError):
        read_article(path)


@FAST
@given(text=ARTICLE, kind=st.sampled_from(["txt", "md"]))
def test_segmentation_raises_only_narrator_errors_and_speaks_every_word(text: str, kind: str) -> None:
    try:
        article = parse_article(text, kind, "article." + kind)
        segments = split_segments(article)
    except NarratorError:
        return
    assert not lost_words(text, kind, article, [s.text for s in segments])
    block_words = words(" ".join(b.text for b in article.blocks))
    assert block_words <= words(" ".join(s.text for s in segments) + " " + article.title)
