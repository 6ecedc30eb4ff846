"""Segmentation and attribution, one pattern per test, on sentences written for these tests."""

from pathlib import Path

import pytest

from narrator.errors import NarratorError
from narrator.ingest.reader import parse_article, read_article
from narrator.models import Article, Block
from narrator.segment.script import apply_script, render_script
from narrator.segment.segmenter import split_segments
from narrator.segment.sentences import split_long, split_sentences

ROOT = Path(__file__).parent.parent


def article(*paragraphs: str) -> Article:
    return Article(title="Test", blocks=tuple(Block("paragraph", p) for p in paragraphs), source="test")


def quotes(*paragraphs: str) -> list[tuple[str, str | None]]:
    """(quoted text without marks, speaker) for every quote segment."""
    return [
        (s.text.strip("\"“”‘’' ,."), s.speaker)
        for s in split_segments(article(*paragraphs))
        if s.kind == "quote"
    ]


def speakers(*paragraphs: str) -> list[str | None]:
    return [s for _, s in quotes(*paragraphs)]


# --- sentences ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Abe met Dr. Ito. They talked.", ["Mr. Abe met Dr. Ito.", "They talked."]),
        ("Prices rose 4.5 per cent. Wages fell.", ["Prices rose 4.5 per cent.", "Wages fell."]),
        ("The U.S. economy grew. It was fast.", ["The U.S. economy grew.", "It was fast."]),
        ("He moved to the U.S. The rest followed.", ["He moved to the U.S.", "The rest followed."]),
        ('"Why now?" she asked. Nobody knew.', ['"Why now?" she asked.', "Nobody knew."]),
        ("“Is it over?” He shrugged.", ["“Is it over?”", "He shrugged."]),
        ("Huh!", ["Huh!"]),
        ("No. 10 said no. That was that.", ["No. 10 said no.", "That was that."]),
        ("She asked scholar R.T. Brill for advice.", ["She asked scholar R.T. Brill for advice."]),
        ("He lives in Dover, D.E. The rest followed.", ["He lives in Dover, D.E.", "The rest followed."]),
        (
            "Two Republicans, Sens. Ada Quill and Ivo Marsh, objected.",
            ["Two Republicans, Sens. Ada Quill and Ivo Marsh, objected."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_long_sentences_split_at_clause_boundaries() -> None:
    sentence = (
        "The council voted on Tuesday to close the old swimming pool on the edge of town, which had been "
        "losing money for years, and to spend the savings on a new leisure centre near the station; "
        "residents who opposed the plan said they would take the decision to court before the summer."
    )
    parts = split_long(sentence, limit=25)
    assert len(parts) >= 2
    assert " ".join(parts) == sentence
    assert all(len(p.split()) <= 30 for p in parts)


def test_one_word_lines_are_kept() -> None:
    segments = split_segments(article("Huh!", "The door closed."))
    assert [s.text for s in segments] == ["Huh!", "The door closed."]


# --- quote detection ----------------------------------------------------------------------------


def test_curly_and_straight_double_quotes() -> None:
    assert quotes("“We will rebuild,” said Anna Kowal, the mayor.", '"It will take time," she added.') == [
        ("We will rebuild", "Anna Kowal"),
        ("It will take time", "Anna Kowal"),
    ]


def test_british_single_quotes_with_apostrophes() -> None:
    assert quotes("‘We don’t know the drivers’ names yet,’ said Inspector Joe Platt. ‘It’s early days.’") == [
        ("We don’t know the drivers’ names yet", "Joe Platt"),
        ("It’s early days", "Joe Platt"),
    ]
    assert quotes("'It's the kids' bus that worries me,' said Mary Hale.") == [
        ("It's the kids' bus that worries me", "Mary Hale")
    ]


def test_double_apostrophe_quotes() -> None:
    assert quotes("''We are ready,'' said Ken Adams.") == [("We are ready", "Ken Adams")]


def test_nested_quotes_stay_in_the_outer_voice() -> None:
    segments = split_segments(article("“He looked at me and said, ‘Run,’ so I ran,” said Lucy Park."))
    assert [(s.kind, s.speaker) for s in segments] == [("quote", "Lucy Park"), ("narration", None)]


def test_split_quote_has_one_speaker() -> None:
    segments = split_segments(article("“We tried,” Paul Rees said, “and we failed.”"))
    assert [(s.kind, s.speaker) for s in segments] == [
        ("quote", "Paul Rees"),
        ("narration", None),
        ("quote", "Paul Rees"),
    ]


def test_colon_introduced_quote_paragraphs() -> None:
    assert speakers(
        "Helen Brody, the head teacher, spoke to parents. She said:",
        "“The school will reopen on Monday.”",
        "“Every child will be back in class.”",
    ) == ["Helen Brody", "Helen Brody"]


def test_multi_paragraph_quote() -> None:
    assert (
        speakers(
            "Omar Said, who led the rescue, described the night.",
            "“We heard the water before we saw it. It came through the wall.",
            "“By morning the street was a river,” he said.",
        )
        == ["Omar Said"] * 3
    )


def test_dash_attribution() -> None:
    assert quotes("“Never again.” — Rita Moreno, survivor") == [("Never again", "Rita Moreno")]


def test_scare_quotes_titles_nicknames_and_partials_are_narrated() -> None:
    segments = split_segments(
        article(
            "Critics call it a “vanity project”.",
            "Her novel “A Winter Road” sold well, and fans call her “the Duchess”.",
            "Lord Evans said the scheme was “a disgrace to the county”.",
        )
    )
    assert all(s.kind == "narration" for s in segments)


def test_unbalanced_quotes_are_best_effort() -> None:
    segments = split_segments(article("He said the “plan would fail.", "“It will not work, said Tom Baker."))
    assert segments[0].kind == "narration"
    assert "".join(s.text for s in segments).count("plan would fail") == 1


# --- attribution --------------------------------------------------------------------------------


def test_trailing_inverted_cue_with_appositive() -> None:
    assert speakers(
        "“Streaming changed everything,” said Rich Greenfield, a media analyst at BTIG, who covers it."
    ) == ["Rich Greenfield"]


def test_leading_cue_with_relative_clause() -> None:
    assert speakers(
        "Nadia Osei, who has run the bakery for 20 years, told reporters: “We will stay open.”"
    ) == ["Nadia Osei"]


def test_pronouns_follow_gender() -> None:
    assert speakers(
        "Councillor Ruth Evans and Mr Peter Lang both spoke at the meeting.",
        "“We need more buses,” she said.",
        "“We need fewer cars,” he said.",
        "“That is the same thing,” she replied.",
    ) == ["Ruth Evans", "Peter Lang", "Ruth Evans"]


def test_first_names_give_gender() -> None:
    assert speakers(
        "Linda Marsh and Robert Hale run the shop together.",
        "“It was our best year,” he said.",
    ) == ["Robert Hale"]


def test_aliases_are_merged() -> None:
    assert speakers(
        "Prime Minister Theresa Bell visited the factory on Friday.",
        "“This is the future,” Mrs Bell said.",
        "“We will back it,” the Prime Minister added.",
        "Japanese Prime Minister Shinzo Abe was there too. “It is a fine place,” Mr. Abe said.",
    ) == ["Theresa Bell", "Theresa Bell", "Shinzo Abe"]


def test_role_aliases_from_appositives() -> None:
    assert speakers(
        "Grace Lin, the mayor of Milltown, opened the bridge.",
        "“It took ten years,” the mayor said.",
    ) == ["Grace Lin"]


def test_unnamed_sources_and_organisations() -> None:
    result = speakers(
        "“The line will reopen on Monday,” a spokesperson for Northern Rail said.",
        "One resident, who did not want to be named, said she was angry. “Nobody told us,” she said.",
        "“We apologise for the delay,” Northern Rail said in a statement.",
    )
    assert result == ["Northern Rail spokesperson", "one resident", "Northern Rail"]


def test_according_to_and_participle_intro() -> None:
    assert speakers(
        "Dr Sam Ncube led the study.",
        "“The results surprised us,” according to Dr Ncube.",
        "Asked whether the drug was safe, he replied: “So far, yes.”",
    ) == ["Sam Ncube", "Sam Ncube"]


def test_speaker_gender_and_confidence() -> None:
    segments = split_segments(article("“We won,” said Mrs Jane Okoro.", "“At last,” he said."))
    first = next(s for s in segments if s.kind == "quote")
    assert first.speaker_gender == "f"
    assert 0 < first.confidence <= 1


def test_unknown_speaker_is_still_a_quote() -> None:
    segments = split_segments(article("“Everything is on fire.”"))
    assert segments[0].kind == "quote"


def test_headings_become_narration_segments() -> None:
    art = Article(
        title="T",
        blocks=(Block("heading", "Background", 2), Block("paragraph", "It began in May.")),
        source="t",
    )
    segments = split_segments(art)
    assert (segments[0].block, segments[0].kind) == ("heading", "narration")
    assert segments[1].heading == "Background"


def test_spoken_text_is_normalised_and_unquoted() -> None:
    segment = split_segments(article("“It cost $4.2 million,” said Ann Low."))[0]
    assert segment.text == "“It cost $4.2 million,”"
    assert segment.spoken == "It cost four point two million dollars,"


def test_seed_article() -> None:
    segments = split_segments(read_article(ROOT / "articles" / "hms-argyll.txt"))
    said = [s.speaker for s in segments if s.kind == "quote"]
    assert said == ["Theresa May"] * 3 + ["Shinzo Abe"] * 2 + ["Alasdair Magill"]
    dependable = next(s for s in segments if "dependable" in s.text and "partner in the face" in s.text)
    assert dependable.kind == "narration"
    genders = {s.speaker: s.speaker_gender for s in segments if s.kind == "quote"}
    assert genders == {"Theresa May": "f", "Shinzo Abe": "m", "Alasdair Magill": "m"}


@pytest.mark.parametrize("name", ["harbour-ferry-returns.md", "orchard-robots.html"])
def test_sample_articles_have_several_speakers(name: str) -> None:
    segments = split_segments(read_article(ROOT / "articles" / name))
    genders = {s.speaker_gender for s in segments if s.kind == "quote"}
    assert len({s.speaker for s in segments if s.kind == "quote"}) >= 3
    assert {"f", "m"} <= genders


# --- the editable script ------------------------------------------------------------------------


def test_script_round_trip_and_edit() -> None:
    art = parse_article("Headline\n\n“We won,” said Tom Reyes.\n\nAdvertisement\n\nThe end.", "txt", "a.txt")
    segments = split_segments(art)
    script = render_script(art, segments)
    assert "Q Tom Reyes | “We won,”" in script
    assert "# - [advertisement] Advertisement" in script
    same = apply_script(art, segments, script)
    assert [(s.text, s.kind, s.speaker) for s in same] == [(s.text, s.kind, s.speaker) for s in segments]
    edited = script.replace("Q Tom Reyes |", "Q Tomás Reyes |").replace("N | The end.", "Q ? | The end.")
    changed = apply_script(art, segments, edited)
    assert changed[0].speaker == "Tomás Reyes"
    assert (changed[-1].kind, changed[-1].speaker) == ("quote", None)


def test_stale_or_broken_script_is_refused() -> None:
    art = parse_article("Headline\n\n“We won,” said Tom Reyes.", "txt", "a.txt")
    segments = split_segments(art)
    script = render_script(art, segments)
    newer = parse_article("Headline\n\n“We lost,” said Tom Reyes.", "txt", "a.txt")
    with pytest.raises(NarratorError, match="stale"):
        apply_script(newer, split_segments(newer), script)
    with pytest.raises(NarratorError, match="header"):
        apply_script(art, segments, "Q x | y\n")
    with pytest.raises(NarratorError, match="segment lines"):
        apply_script(art, segments, script + "N | extra\n")
    with pytest.raises(NarratorError, match="line"):
        apply_script(art, segments, script.replace("Q Tom Reyes |", "X Tom |"))


def test_trailing_cue_name_stops_at_the_sentence_end() -> None:
    assert speakers("“It was fine,” said Jane Smith. The end came later.") == ["Jane Smith"]
    assert speakers("“It was fine,” said Sen. Jane Smith, a Democrat. The end came later.") == ["Jane Smith"]


# --- attribution rules for real-world news writing ------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a pronoun means the subject of the paragraph, not a person mentioned in passing
        (
            ["Coach Ellen Frost praised her side.", 'Frost said Mbeki would start. "Why not?" she said.'],
            ["Ellen Frost"],
        ),
        # a first "the captain" right after a named subject describes that person
        (
            ['Ryan Coyle, who scored, said the team never gave up. "Nobody panicked," the captain said.'],
            ["Ryan Coyle"],
        ),
        # Mr. and Ms. with a shared surname pick the right spouse
        (
            [
                'Dana Whitfield spoke first. "We are angry," Ms. Whitfield said.',
                "Her husband, Gregory Whitfield, a retired machinist, was quieter.",
                '"People think it is just books," Mr. Whitfield said.',
            ],
            ["Dana Whitfield", "Gregory Whitfield"],
        ),
        # "X of Dorset Police": the officer, not the force
        (
            ['Detective Sergeant Rob Keane of Dorset Police, who led the inquiry, said: "We will find you."'],
            ["Rob Keane"],
        ),
        # an organisation or a descriptor before the role and the name
        (['"We have cots," said Red Cross volunteer Lorraine Dupuis.'], ["Lorraine Dupuis"]),
        (
            ['Council leader Victoria Asante opened with a warning: "We are not leaving."'],
            ["Victoria Asante"],
        ),
        (['"It is too early," Tallis founder Oren Blatt wrote in a letter.'], ["Oren Blatt"]),
        # one of a group of sources
        (['"Everything is on the table," one of the people said.'], ["one of the people"]),
        (
            ['Treasury sources insisted there would be no U-turn. One said: "The numbers must add up."'],
            ["Treasury source"],
        ),
        # a document speaks for whoever issued it; "the company" is not a government agency
        (
            [
                "Helix Aerospace called off the launch on Saturday.",
                "The Federal Aviation Administration said it was not involved.",
                '"Weather is 70% favorable," according to an update posted on the company\'s website.',
            ],
            ["Helix Aerospace"],
        ),
        # "his mother" after "her son Liam"
        (
            [
                "Janet Cole, 58, takes her son Liam, 24, to a day centre.",
                '"They wait for me," Liam Cole said.',
                'His mother added: "This is what takes it away."',
            ],
            ["Liam Cole", "Janet Cole"],
        ),
    ],
)
def test_news_attribution_rules(paragraphs: list[str], expected: list[str]) -> None:
    assert speakers(*paragraphs) == expected


def test_short_slogan_between_dashes_stays_with_the_narrator() -> None:
    text = 'Residents chanted the slogan — "Not under our homes" — and vowed to fight on.'
    assert quotes(text) == []


def test_trailing_cue_with_party_and_title_before_the_name() -> None:
    quote = "“It was the right call,” Republican Senator Tim Scott said in a statement."
    assert speakers(quote) == ["Tim Scott"]
    assert speakers("“Fine,” British Prime Minister Keir Starmer said.") == ["Keir Starmer"]
