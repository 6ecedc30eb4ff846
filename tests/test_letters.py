"""The letter classes: capitals and small letters of the Latin script, and a guard against using them where
case is ignored, where they would match no letter of Latin-1 at all."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from re import _constants as sre  # the parsed form is the only way to see which flags reach a class
from re import _parser

import pytest

from narrator.letters import LETTER, LOWER, UPPER

STYLES = Path(__file__).parent / "fixtures" / "styles"


@pytest.mark.parametrize("letter", ["A", "Z", "É", "Ø", "Ł", "Š", "Đ", "İ"])
def test_capitals_are_capital_letters(letter: str) -> None:
    assert re.fullmatch(UPPER, letter)


@pytest.mark.parametrize("letter", ["a", "z", "é", "ß", "ø", "ł", "ğ", "ễ"])
def test_small_letters_are_small_letters(letter: str) -> None:
    assert re.fullmatch(LOWER, letter)


@pytest.mark.parametrize("character", ["a", "é", "ÿ", "1", "½", "²", "_", "-", " ", "’", "×"])
def test_no_small_letter_or_sign_is_a_capital(character: str) -> None:
    assert not re.fullmatch(UPPER, character)


@pytest.mark.parametrize("character", ["A", "É", "Þ", "1", "½", "_", "-", " ", "÷"])
def test_no_capital_or_sign_is_a_small_letter(character: str) -> None:
    assert not re.fullmatch(LOWER, character)


def test_a_name_in_the_whole_latin_script_is_a_capital_then_small_letters() -> None:
    for name in ("Łukasz", "Erdoğan", "Šefčovič", "Đặng", "Østergaard"):
        assert re.fullmatch(rf"{UPPER}{LOWER}+", name), name


def test_any_letter_is_a_letter_and_nothing_else_is() -> None:
    assert all(re.fullmatch(LETTER, c) for c in "aZéŁΩж")
    assert not any(re.fullmatch(LETTER, c) for c in "1½_- ’")


RECORD_PATTERNS = """
import importlib, inspect, json, pkgutil, re, sys
from pathlib import Path
seen = set()
def recording(original):
    signature = inspect.signature(original)
    def record(*args, **kwargs):
        bound = signature.bind(*args, **kwargs).arguments
        if isinstance(bound["pattern"], str):
            seen.add((bound["pattern"], int(bound.get("flags", 0))))
        return original(*args, **kwargs)
    return record
for name in ("compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer"):
    setattr(re, name, recording(getattr(re, name)))
import narrator
for module in pkgutil.walk_packages(narrator.__path__, "narrator."):
    if module.name.endswith("__main__"):
        continue
    try:
        importlib.import_module(module.name)
    except ImportError:
        pass
from narrator.ingest.reader import read_article
from narrator.segment.segmenter import split_segments
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    split_segments(read_article(path))
json.dump(sorted(seen), sys.stdout)
"""


def classes_that_ignore_case(items: _parser.SubPattern, ignoring: bool) -> int:
    """How many negated letter classes (``UPPER``, ``LOWER``) sit where the pattern ignores case."""
    found = 0
    for op, arg in items:
        if op is sre.IN:
            negated = any(kind is sre.NEGATE for kind, _ in arg)
            letters = any(
                chr(value if kind is sre.LITERAL else value[0]).isalpha()
                for kind, value in arg
                if kind in (sre.LITERAL, sre.RANGE)
            )
            found += ignoring and negated and letters
        elif op is sre.SUBPATTERN:
            _, add, remove, inner = arg
            found += classes_that_ignore_case(inner, (ignoring or bool(add & re.I)) and not remove & re.I)
        elif op is sre.BRANCH:
            found += sum(classes_that_ignore_case(branch, ignoring) for branch in arg[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            found += classes_that_ignore_case(arg[2], ignoring)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found += classes_that_ignore_case(arg[1], ignoring)
        elif op is sre.ATOMIC_GROUP:
            found += classes_that_ignore_case(arg, ignoring)
        elif op is sre.GROUPREF_EXISTS:
            for branch in arg[1:]:
                found += classes_that_ignore_case(branch or [], ignoring)
    return found


def test_no_pattern_uses_a_capital_or_small_letter_class_where_case_is_ignored() -> None:
    """Under ``re.IGNORECASE`` a negated class excludes both cases of what it lists, so ``UPPER`` would
    match no Latin-1 letter: such places want ``LETTER``, or ``(?-i:…)`` around the class. The patterns
    are those compiled on import and those built while segmenting the style fixtures."""
    run = subprocess.run(
        [sys.executable, "-c", RECORD_PATTERNS, str(STYLES)], capture_output=True, text=True, check=True
    )
    patterns = json.loads(run.stdout)
    assert len(patterns) > 400
    wrong = []
    for pattern, flags in patterns:
        parsed = _parser.parse(pattern, flags)
        if classes_that_ignore_case(parsed, bool(parsed.state.flags & re.I)):
            wrong.append(pattern[:120])
    assert not wrong, wrong
