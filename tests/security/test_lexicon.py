"""A hostile or broken lexicon.toml: bounded time, bounded growth, one-line errors (issue 13, items 7, 9
and 16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from robustness.conftest import assert_one_line_error, make_podcast

from narrator.errors import ConfigError
from narrator.normalise.lexicon import LexiconError, lexicon_allowance, load_lexicon
from narrator.normalise.text import speakable


def podcast_with_lexicon(tmp_path: Path, lexicon: str, article: str) -> Path:
    root = make_podcast(tmp_path / "podcast", {"story.txt": article})
    (root / "voices" / "lexicon.toml").write_text(lexicon, encoding="utf-8")
    return root


def segments(root: Path) -> subprocess.CompletedProcess[str]:
    """`narrator segments` in its own process: a hang fails the test at the timeout instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "narrator", "segments", "--format", "json", "articles/story.txt"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


ALARM = "Alarm\n\nThe alarm went " + "a" * 40 + "b, then " + "word " * 30 + "and more.\n"


@pytest.mark.parametrize("pattern", ["(a|aa)+$"])
def test_a_backtracking_rule_runs_out_of_time_and_is_named(tmp_path: Path, pattern: str) -> None:
    """`(a|aa)+$` on forty a's and a b runs for hours; now each rule has a time allowance per article."""
    root = podcast_with_lexicon(tmp_path, f'[[rule]]\nregex = "{pattern}"\nsay = "x"\n\n', ALARM)
    result = segments(root)
    line = assert_one_line_error(result.returncode, result.stderr, "lexicon rule 1", "ran out of time")
    assert "articles/story.txt" in line and pattern in line


def test_the_issues_own_pattern_finishes(tmp_path: Path) -> None:
    """`(a+)+$` hung the standard library's engine; the regex module matches it without backtracking."""
    root = podcast_with_lexicon(tmp_path, '[[rule]]\nregex = "(a+)+$"\nsay = "x"\n', ALARM)
    result = segments(root)
    assert result.returncode == 0, result.stderr


def test_the_time_allowance_is_per_article_and_grows_with_the_text() -> None:
    import regex

    from narrator.normalise.lexicon import Lexicon, LexiconRule

    rule = LexiconRule(regex.compile("(a|aa)+$"), "x", number=3)
    lexicon = Lexicon((rule,))
    named = r'^story\.md: lexicon rule 3 \(regex "\(a\|aa\)\+\$"\) ran out'
    with pytest.raises(LexiconError, match=named), lexicon_allowance("story.md"):
        lexicon.apply("a" * 40 + "b")
    with lexicon_allowance("story.md"):
        assert lexicon.apply("aaa") == "x"  # a new article starts with a new allowance


def test_rules_that_double_the_text_stop_at_the_growth_limit(tmp_path: Path) -> None:
    """Forty rules that each double the text would need terabytes."""
    doubling = "".join('[[rule]]\nregex = "(.+)"\nsay = "\\\\1 \\\\1"\n\n' for _ in range(40))
    root = podcast_with_lexicon(tmp_path, doubling, "Echo\n\nThe echo came back twice.\n")
    result = segments(root)
    line = assert_one_line_error(result.returncode, result.stderr, "more than 10 times longer")
    assert 'regex "(.+)"' in line and "lexicon rule 40" not in line


def test_a_rule_that_matches_everywhere_is_stopped_while_it_grows() -> None:
    """An empty match between every character multiplies the text by the length of `say` in one call."""
    import regex

    from narrator.normalise.lexicon import Lexicon, LexiconRule

    lexicon = Lexicon((LexiconRule(regex.compile(""), "y" * 10_000, number=1),))
    with pytest.raises(LexiconError, match="more than 10 times longer"):
        lexicon.apply("x" * 100_000)


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        ("a{4294967296}", "bad regex"),
        ("(" * 2000 + "a" + ")" * 2000, "nested too deeply"),
        ("(?P<x>a)(?P=y)", "bad regex"),
    ],
)
def test_a_pathological_pattern_is_refused_when_the_lexicon_loads(
    tmp_path: Path, pattern: str, fragment: str
) -> None:
    """Item 16: a{4294967296} raised OverflowError and 2,000 nested groups RecursionError."""
    path = tmp_path / "lexicon.toml"
    path.write_text(f"[[rule]]\nregex = '{pattern}'\nsay = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment) as error:
        load_lexicon(path)
    assert len(str(error.value)) < 400  # the pattern is quoted shortened


def test_a_lexicon_that_is_a_folder_or_endless_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "folder" / "lexicon.toml"
    folder.mkdir(parents=True)
    with pytest.raises(ConfigError, match="cannot read it"):
        load_lexicon(folder)
    endless = tmp_path / "endless" / "lexicon.toml"
    endless.parent.mkdir()
    endless.symlink_to("/dev/zero")
    with pytest.raises(ConfigError, match="larger than 1,000,000 bytes"):
        load_lexicon(endless)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_lexicon_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text("", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ConfigError, match="cannot read it"):
        load_lexicon(path)


def test_ordinary_rules_keep_working(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    word = '[[rule]]\nword = "café"\nsay = "cafay"\n\n'
    pattern = '[[rule]]\nregex = "(?<!\\\\w)Dr (\\\\w+)"\nsay = "Doctor \\\\1"\n'
    path.write_text(word + pattern, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert speakable("Dr Who met us at the Café.", lexicon) == "Doctor Who met us at the cafay."
