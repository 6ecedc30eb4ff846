"""Attribution classes that real news got wrong (issue 15), each pinned on sentences written for them."""

from narrator.models import Article, Block
from narrator.segment.segmenter import split_segments


def speakers(*paragraphs: str) -> list[str | None]:
    """The speaker of every quote segment, in order."""
    article = Article(title="Test", blocks=tuple(Block("paragraph", p) for p in paragraphs), source="test")
    return [s.speaker for s in split_segments(article) if s.kind == "quote"]


def test_a_party_and_state_tag_between_name_and_verb() -> None:
    assert speakers(
        "Senator Paul Okoro spoke first.",
        "“The bill is dead on arrival,” Rep. Marisol Vega (D-Ore.) said Friday. “We will not vote for it.”",
    ) == ["Marisol Vega", "Marisol Vega"]


def test_a_party_tag_after_an_inverted_verb() -> None:
    assert speakers("“We need the money now,” said Sen. Harlan Mott (R-Neb.), who chairs the panel.") == [
        "Harlan Mott"
    ]


def test_a_long_title_between_name_and_verb() -> None:
    assert speakers(
        "Ruth Ames, a lawyer, was in the room.",
        "“The plan is sound,” Leopold Grint, director of the Harbour Policy Institute and a lecturer at the "
        "Eastbridge School of Economics in Carlow, said of the scheme. “It pays for itself.”",
    ) == ["Leopold Grint", "Leopold Grint"]


def test_a_place_that_starts_with_new_stays_in_the_speaker() -> None:
    assert speakers("“I am not sold on either of them,” said a New Hampshire Democrat.") == [
        "New Hampshire Democrat"
    ]


def test_a_horizontal_bar_attribution() -> None:
    assert speakers("“Nobody asked the people who live here.” ― Dolores Quint") == ["Dolores Quint"]


def test_a_preposition_before_a_name_is_not_the_subject() -> None:
    assert speakers(
        "Of Marcus Hale, Irene Sato said most voters in her county had never heard of him.",
        "“He needs another year,” she said.",
    ) == ["Irene Sato"]


def test_unusual_verbs_of_saying() -> None:
    assert speakers(
        "“You can keep your bridge,” retorted Gwen Ashby.",
        "“Not one more cut!” the nurses chanted.",
        "“Sign it today,” Owen Pryce implored the mayor.",
    ) == ["Gwen Ashby", "nurses", "Owen Pryce"]


def test_no_comma_between_the_verb_and_the_quotation() -> None:
    assert speakers("At the rally Hal Benning declared “This town is not for sale.”") == ["Hal Benning"]


def test_a_participle_with_its_own_object_before_the_quotation() -> None:
    assert speakers(
        "Later that day Mona Reyes posted a photo of the flood, writing “We are still here.”",
        "She left soon after, telling reporters, “Nothing more to say.”",
    ) == ["Mona Reyes", "Mona Reyes"]


def test_a_name_with_several_asides_before_the_verb() -> None:
    assert speakers(
        "Paula Renn chairs the committee.",
        "“It is a land grab,” Ivo Marsh, the county’s chief planner, one of three on the panel, said.",
        "“We were never consulted,” Ada Quill, 71, of Dunmore, who has farmed there since 1970, said.",
    ) == ["Ivo Marsh", "Ada Quill"]


def test_a_role_then_the_name_in_apposition_after_the_quotation() -> None:
    assert speakers(
        "Mayor Tessa Lund opened the session.",
        "“We will appeal,” the mayor’s chief of staff, Orrin Vale, said in an interview.",
    ) == ["Orrin Vale"]


def test_a_bare_quotation_after_a_paragraph_of_reported_speech() -> None:
    assert speakers(
        "Mark Osei spoke to the press on Monday.",
        "The rail link would be late again, Delia Fenwick said on Tuesday, blaming the contractors.",
        "“Nobody can tell me when the trains will run.”",
    ) == ["Delia Fenwick"]


def test_he_said_means_the_speaker_of_the_reported_sentence_not_its_first_name() -> None:
    assert speakers(
        "Halvorsen won over the small crowds with his speeches, Rufus Obi said.",
        "“He was very sharp,” he said.",
        "Harbour Trust spokesman Ian Rudd said Halvorsen had not replied because he was travelling. "
        "“We wrote to him twice,” he said.",
    ) == ["Rufus Obi", "Ian Rudd"]


def test_a_first_name_read_differently_in_the_usa_and_europe_says_nothing_about_gender() -> None:
    assert speakers(
        "Of Bernie Kowalczyk, Maura Lindqvist said most voters in her ward had warmed to him.",
        "“He has grown on people,” she said.",
    ) == ["Maura Lindqvist"]


def test_what_the_speaker_is_between_the_quotation_and_the_name() -> None:
    assert speakers(
        "Ola Brandt, the prime minister, spoke on Monday.",
        "“We will act,” Harbour Board press secretary Lionel Cray told reporters.",
        "“It is a broad law,” former police detective Anna Sorel explained.",
        "“Not today,” the Lakeside councillor and Labour group leader said in a statement.",
    ) == ["Lionel Cray", "Anna Sorel", "Lakeside councillor and Labour group leader"]


def test_it_said_gives_the_quotation_to_the_organisation_and_keeps_it_a_quotation() -> None:
    assert speakers(
        "The Harbour Trust wrote to every tenant on Friday.",
        "“Rents will rise by four per cent from April,” it said. “We regret the increase.”",
    ) == ["Harbour Trust", "Harbour Trust"]


def test_an_inverted_cue_with_a_role_then_the_name() -> None:
    assert speakers(
        "“She never missed a training session,” said her coach at Bramley, Joel Stroud, on Sunday.",
        "“We will grow faster together,” the Corvane chief executive, Ruth Adair, told staff.",
    ) == ["Joel Stroud", "Ruth Adair"]


def test_a_sentence_that_opens_with_said() -> None:
    assert speakers(
        "The old bakery is a museum now. Said Dora Pell, who grew up next door, “We were all so proud of it.”"
    ) == ["Dora Pell"]


def test_a_document_that_reads_right_after_its_words_is_quoted() -> None:
    assert speakers(
        "The school board met in March.",
        "“Our children are thriving at Greyfield,” the letter reads. “Please do not close it.”",
        "On the gate hangs a sign that reads “Closed for the summer,” though nobody has left.",
    ) == ["letter", "letter"]
