"""Speech normalisation, rule by rule, and the pronunciation lexicon."""

from pathlib import Path

import pytest

from narrator.errors import ConfigError
from narrator.normalise.lexicon import load_lexicon
from narrator.normalise.text import speakable
from narrator.normalise.words import cardinal, ordinal, year


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Mr. Abe arrived.", "Mister Abe arrived."),
        ("Mrs May spoke.", "Missus May spoke."),
        ("Dr Patel and Ms Shaw", "Doctor Patel and Miz Shaw"),
        ("St. Ives is lovely", "Saint Ives is lovely"),
        ("Dr Élise Roy of St Étienne", "Doctor Élise Roy of Saint Étienne"),
        ("Const. Tara Lang and Cst. Bo Roy", "Constable Tara Lang and Constable Bo Roy"),
        ("Ald. Ana Ruiz met Msgr. Ray Burke", "Alderman Ana Ruiz met Monsignor Ray Burke"),
        ("a driver from Ava, Mo., said", "a driver from Ava, Missouri, said"),
        ("Rep. Ann Ruiz (D-Calif.) said", "Representative Ann Ruiz (D California) said"),
        ("They met in Sudbury, Ont. The mayor came.", "They met in Sudbury, Ontario. The mayor came."),
        ("Albany, N.Y. is cold", "Albany, New York is cold"),
        ("Thank you, Pa.", "Thank you, Pa."),
        ("We went to Mass. It was long.", "We went to Mass. It was long."),
        ("No. 10 said", "Number ten said"),
        ("fruit, e.g. apples", "fruit, for example apples"),
        ("one thing, i.e. this", "one thing, that is this"),
        ("in 2020 and 1956", "in twenty twenty and nineteen fifty six"),
        ("by 2005", "by two thousand and five"),
        ("the 21st time", "the twenty first time"),
        ("her 3rd win", "her third win"),
        ("a $4.2 million plan", "a four point two million dollar plan"),
        ("it cost £28m", "it cost twenty eight million pounds"),
        ("only $1.50", "only one dollar fifty"),
        ("€300 each", "three hundred euros each"),
        ("up 45%", "up forty five per cent"),
        ("2,300 responses", "two thousand three hundred responses"),
        ("4.8 metres", "four point eight metres"),
        ("50 km/h", "fifty kilometres per hour"),
        ("1 km", "one kilometre"),
        ("5kg", "five kilograms"),
        ("at 2am", "at two a m"),
        ("at 4 p.m. today", "at four p m today"),
        ("at 10:30", "at ten thirty"),
        ("at 9:05", "at nine oh five"),
        ("on 14 March", "on the fourteenth of March"),
        ("on March 14, 2024", "on March the fourteenth, twenty twenty four"),
        ("on 2024-03-14", "on the fourteenth of March twenty twenty four"),
        ("the UK and the US", "the U K and the U S"),
        ("the U.S. economy", "the U S economy"),
        ("NATO allies", "Nato allies"),
        ("the BBC's report", "the B B C's report"),
        ("two B-1B bombers", "two B one B bombers"),
        ("the F-35 jet", "the F thirty five jet"),
        ("B-1Bs flew", "B one Bs flew"),
        ("co-operation", "co operation"),
        ("voted 3-2", "voted three to two"),
        ("press@example.com", "press at example dot com"),
    ],
)
def test_speakable_rule(written: str, spoken: str) -> None:
    assert speakable(written) == spoken


def test_number_words_cover_scales() -> None:
    assert cardinal(0) == "zero"
    assert cardinal(115) == "one hundred and fifteen"
    assert cardinal(1_000_001) == "one million and one"
    assert ordinal(12) == "twelfth"
    assert ordinal(40) == "fortieth"
    assert year(1900) == "nineteen hundred"
    assert year(1905) == "nineteen oh five"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_lexicon_is_empty(tmp_path: Path) -> None:
    assert load_lexicon(tmp_path / "nope.toml").rules == ()


def test_lexicon_word_regex_and_scopes(tmp_path: Path) -> None:
    lexicon = load_lexicon(
        write(
            tmp_path / "lexicon.toml",
            """
[[rule]]
word = "Kyiv"
say = "Keev"

[[rule]]
regex = "\\\\bQ(\\\\d)\\\\b"
say = "quarter \\\\1"

[[rule]]
word = "tomato"
say = "tomahto"
speaker = "Ann Lee"

[[rule]]
word = "gif"
say = "jif"
feed = "tech"
""",
        )
    )
    assert speakable("KYIV in Q3", lexicon) == "Keev in quarter three"
    assert speakable("a tomato", lexicon) == "a tomato"
    assert speakable("a tomato", lexicon, speaker="Ann Lee") == "a tomahto"
    assert speakable("a gif", lexicon, feed="tech") == "a jif"
    assert speakable("a gif", lexicon, feed="news") == "a gif"
    # whole words only
    assert speakable("Kyivan", lexicon) == "Kyivan"


@pytest.mark.parametrize(
    "body",
    [
        '[[rule]]\nsay = "x"\n',
        '[[rule]]\nword = "a"\nregex = "b"\nsay = "c"\n',
        '[[rule]]\nregex = "("\nsay = "x"\n',
        '[[rule]]\nword = "a"\nsay = "b"\nscope = "x"\n',
        "not toml [",
    ],
)
def test_bad_lexicon_is_a_config_error(tmp_path: Path, body: str) -> None:
    with pytest.raises(ConfigError, match="lexicon.toml"):
        load_lexicon(write(tmp_path / "lexicon.toml", body))


def test_repository_lexicon_loads() -> None:
    lexicon = load_lexicon(Path(__file__).parent.parent / "voices" / "lexicon.toml")
    assert speakable("Pyongyang", lexicon) == "Pyong yang"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (
            '[[rule]]\nregex = "Kyiv"\nsay = "\\\\9"\n',
            'rule 1: say "\\9" is not a valid replacement for regex "Kyiv"',
        ),
        ('[[rule]]\nregex = "(K)yiv"\nsay = "\\\\g<name>"\n', "rule 1: say"),
        ('[[rule]]\nregex = "Kyiv"\nsay = "\\\\q"\n', "rule 1: say"),
        ('[[rule]]\nregex = "(Ky"\nsay = "x"\n', 'rule 1: bad regex "(Ky"'),
        ("rule = 3\n", '"rule" must be [[rule]] tables, not 3'),
        ("rule = [3]\n", "rule 1: must be a [[rule]] table, not 3"),
        ('[[rules]]\nword = "a"\nsay = "b"\n', "unknown key(s) rules; allowed: rule"),
        ('[[rule]]\nword = 3\nsay = "b"\n', "rule 1: word must be a string, not 3"),
        ('[[rule]]\nword = "a"\nsay = "b"\nmatch_case = "yes"\n', "rule 1: match_case must be true or false"),
    ],
)
def test_lexicon_problems_are_found_at_load_time(tmp_path: Path, body: str, fragment: str) -> None:
    path = write(tmp_path / "lexicon.toml", body)
    with pytest.raises(ConfigError) as info:
        load_lexicon(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert fragment in message


def test_every_bad_lexicon_rule_is_listed(tmp_path: Path) -> None:
    body = '[[rule]]\nregex = "a"\nsay = "\\\\2"\n[[rule]]\nword = "ok"\nsay = "fine"\n[[rule]]\nsay = "x"\n'
    with pytest.raises(ConfigError, match=r"rule 1: .*; rule 3: needs \"say\""):
        load_lexicon(write(tmp_path / "lexicon.toml", body))


def test_regex_replacements_with_groups_still_load(tmp_path: Path) -> None:
    body = '[[rule]]\nregex = "(?i)(?P<n>\\\\d+)bn"\nsay = "\\\\g<n> billion \\\\1"\n'
    lexicon = load_lexicon(write(tmp_path / "lexicon.toml", body))
    assert lexicon.apply("3BN") == "3 billion 3"
