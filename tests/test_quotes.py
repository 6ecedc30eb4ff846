"""Quotation marks as real sources write them: mixed, foreign, wire-copy and single outer marks.

Every sentence here was written for these tests (issue 15: quote marks that do not match, « », „ “, ‹ ›,
single quotes as the outer marks, '' wire quotes).
"""

import pytest

from narrator.models import Article, Block
from narrator.segment.quotes import find_quotes
from narrator.segment.segmenter import split_segments


def quotes(*paragraphs: str) -> list[tuple[str, str | None]]:
    """(quoted text without marks, speaker) for every quote segment."""
    article = Article(title="Test", blocks=tuple(Block("paragraph", p) for p in paragraphs), source="test")
    return [
        (s.text.strip("\"“”‘’'«»„‹›` ,."), s.speaker) for s in split_segments(article) if s.kind == "quote"
    ]


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_a_curly_opener_closed_by_a_straight_mark_does_not_swallow_the_attribution() -> None:
    text = "“The bridge is safe for now,\" said Ines Barata. \"We will check it again in May.”"
    assert spans(text) == ["“The bridge is safe for now,\"", "\"We will check it again in May.”"]
    assert quotes(text) == [
        ("The bridge is safe for now", "Ines Barata"),
        ("We will check it again in May", "Ines Barata"),
    ]


def test_a_closing_curly_mark_used_as_the_opener() -> None:
    text = "”We were never asked,” Tomas Ferreira said."
    assert spans(text) == ["”We were never asked,”"]
    assert quotes(text) == [("We were never asked", "Tomas Ferreira")]


@pytest.mark.parametrize(
    "text",
    [
        "« The harvest came early this year, » said Odile Marchand.",
        "«The harvest came early this year,» said Odile Marchand.",
        "„The harvest came early this year“, said Odile Marchand.",
        "‹The harvest came early this year,› said Odile Marchand.",
        "»The harvest came early this year«, said Odile Marchand.",  # German and Danish order
        "»The harvest came early this year,» said Odile Marchand.",  # Swedish and Finnish order
        "'The harvest came early this year,' said Odile Marchand.",
        "''The harvest came early this year,'' said Odile Marchand.",
        "``The harvest came early this year,'' said Odile Marchand.",
    ],
)
def test_other_outer_marks(text: str) -> None:
    assert quotes(text) == [("The harvest came early this year", "Odile Marchand")]


def test_turned_guillemets_stand_where_they_open_and_close() -> None:
    text = "Odile Marchand was blunt: »The harvest came early,« she said. »We lost the plums.«"
    assert spans(text) == ["»The harvest came early,«", "»We lost the plums.«"]
    # French order is untouched, spaced or not, and a lone » inside a French quotation does not open one
    assert spans("« Il pleut », dit-elle. «Encore.»") == ["« Il pleut »", "«Encore.»"]


def test_wire_quotes_with_a_nested_single_quote_closing_together() -> None:
    text = "''I told them, 'Wait for the survey,''' Ruth Alder recalled. ''They did not.''"
    assert spans(text) == ["''I told them, 'Wait for the survey,'''", "''They did not.''"]
    assert [speaker for _, speaker in quotes(text)] == ["Ruth Alder", "Ruth Alder"]


def test_an_opening_mark_followed_by_a_space() -> None:
    text = "Nadia Osei said it plainly. “ We have no money left for the roof,” she said."
    assert quotes(text) == [("We have no money left for the roof", "Nadia Osei")]


def test_inches_and_apostrophes_are_not_quotation_marks() -> None:
    assert spans('The board is 12" wide and the shop\'s owner, Ray Dunn, is 6\'2" tall.') == []


def test_apostrophes_of_dropped_letters_inside_single_marks_do_not_close_them() -> None:
    assert spans("'Rock 'n' roll kept this town goin' for years,' Mick Dale said.") == [
        "'Rock 'n' roll kept this town goin' for years,'"
    ]


def test_an_unclosed_quotation_at_a_paragraph_start_runs_to_its_end() -> None:
    text = "“We will rebuild the pier. It will take two summers."
    assert spans(text) == [text]
    assert not find_quotes(text)[0].closed


def test_many_unclosed_marks_in_one_long_paragraph() -> None:
    text = "word “open " * 5000
    assert spans(text) == []
