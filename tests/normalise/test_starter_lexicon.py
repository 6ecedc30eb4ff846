"""`narrator init` writes a starter lexicon: commented examples that work, none of the sample's words."""

import re
from pathlib import Path

from narrator.normalise.lexicon import load_lexicon
from narrator.normalise.text import speakable
from narrator.project import init_podcast


def test_the_starter_lexicon_has_examples_and_no_active_rules(tmp_path: Path) -> None:
    init_podcast(tmp_path)
    path = tmp_path / "voices" / "lexicon.toml"
    text = path.read_text(encoding="utf-8")
    assert load_lexicon(path).rules == ()
    for sample_word in ("Pyongyang", "Hokkaido", "Izumo", "Penmorrow"):
        assert sample_word not in text
    assert "# [[rule]]" in text


def test_every_example_works_once_uncommented(tmp_path: Path) -> None:
    init_podcast(tmp_path)
    path = tmp_path / "voices" / "lexicon.toml"
    examples = re.sub(r"(?m)^# (\[\[rule\]\]|\w+ = .*)$", r"\1", path.read_text(encoding="utf-8"))
    path.write_text(examples, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert len(lexicon.rules) == 6
    assert speakable("Mr Nguyen sold SQL books on Church St in Q3", lexicon) == (
        "Mister Win sold sequel books on Church Street in quarter three"
    )
    assert speakable("a tomato", lexicon, speaker="Ann Lee") == "a tomahto"
