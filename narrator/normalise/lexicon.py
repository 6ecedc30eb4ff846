"""The pronunciation lexicon (voices/lexicon.toml): the producer's own fixes, applied before every rule."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from narrator.errors import ConfigError, shorten
from narrator.fsutil import FileTooLargeError, read_bounded

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


MAX_LEXICON_BYTES = 1_000_000
"""lexicon.toml is read up to this size: thousands of rules, and a link to /dev/zero is not read forever."""
SECONDS_PER_RULE = 1.0
CHARACTERS_PER_SECOND = 100_000
"""A regex rule may spend SECONDS_PER_RULE, plus a second per CHARACTERS_PER_SECOND characters it has
read, on one article: far more than any pattern that scans, far less than one that backtracks without end
(``(a|aa)+$`` on forty a's and a b runs for hours). Time in proportion to the text keeps a legitimate
rule on a 20 MB article, on a loaded machine, inside its allowance."""
GROWTH = 10
"""The lexicon may make a text at most GROWTH times longer (plus GROWTH_SLACK characters): forty rules
that each double it would otherwise need terabytes."""
GROWTH_SLACK = 1000


class LexiconError(ConfigError):
    """A lexicon rule ran out of time on an article, or made its text grow without bound."""


@dataclass(frozen=True)
class LexiconRule:
    """One pronunciation fix: a whole word (case-insensitive unless match_case) or a regex.

    Patterns are compiled with the ``regex`` module, which has the standard library's syntax and can stop
    a match after a time limit.
    """

    pattern: regex.Pattern[str]
    say: str
    feed: str | None = None
    speaker: str | None = None
    number: int = 0
    """Its position in lexicon.toml (1 for the first [[rule]]), for messages."""

    def applies(self, feed: str | None, speaker: str | None) -> bool:
        return (self.feed is None or self.feed == feed) and (self.speaker is None or self.speaker == speaker)

    def describe(self) -> str:
        return f'lexicon rule {self.number} (regex "{shorten(self.pattern.pattern, 60)}")'


@dataclass
class _Allowance:
    """Time and growth each rule has used on the current article."""

    article: str
    spent: dict[int, float] = field(default_factory=dict)
    read: dict[int, int] = field(default_factory=dict)


_current: ContextVar[_Allowance | None] = ContextVar("lexicon_allowance", default=None)


@contextmanager
def lexicon_allowance(article: str) -> Iterator[None]:
    """Share each rule's time allowance across everything one article says; errors name ``article``.

    Outside such a block every call to ``Lexicon.apply`` has an allowance of its own.
    """
    token = _current.set(_Allowance(article))
    try:
        yield
    finally:
        _current.reset(token)


@dataclass(frozen=True)
class Lexicon:
    """Rules from voices/lexicon.toml, applied in file order before the built-in normalisation."""

    rules: tuple[LexiconRule, ...] = ()

    def apply(self, text: str, *, feed: str | None = None, speaker: str | None = None) -> str:
        """``text`` with every rule for this feed and speaker applied; LexiconError names the rule that
        ran out of time or grew the text too far."""
        allowance = _current.get() or _Allowance("")
        limit = GROWTH * len(text) + GROWTH_SLACK
        for rule in self.rules:
            if rule.applies(feed, speaker):
                text = _substitute(rule, text, limit, allowance)
        return text


class _TooLong(Exception):
    """Raised from inside a substitution as soon as its output passes the growth limit."""


def _substitute(rule: LexiconRule, text: str, limit: int, allowance: _Allowance) -> str:
    where = f"{allowance.article}: " if allowance.article else ""
    key = id(rule)
    allowance.read[key] = allowance.read.get(key, 0) + len(text)
    budget = SECONDS_PER_RULE + allowance.read[key] / CHARACTERS_PER_SECOND
    left = budget - allowance.spent.get(key, 0.0)
    length = len(text)

    def expand(match: regex.Match[str]) -> str:
        nonlocal length
        spoken = match.expand(rule.say)
        length += len(spoken) - (match.end() - match.start())
        if length > limit:
            raise _TooLong
        return spoken

    started = time.monotonic()
    try:
        return rule.pattern.sub(expand, text, timeout=max(left, 0.001))
    except TimeoutError:
        raise LexiconError(
            f"{where}{rule.describe()} ran out of time ({budget:.1f} s for "
            f"{allowance.read[key]:,} characters); it backtracks without end on some text, e.g. (a|aa)+ or "
            "(a+)+: simplify the pattern in lexicon.toml"
        ) from None
    except _TooLong:
        raise LexiconError(
            f"{where}{rule.describe()} makes the text more than {GROWTH} times longer; check that its say "
            "does not repeat what it matches (or match an empty string) in lexicon.toml"
        ) from None
    finally:
        allowance.spent[key] = allowance.spent.get(key, 0.0) + time.monotonic() - started


def load_lexicon(path: Path) -> Lexicon:
    """Read voices/lexicon.toml; a missing file is an empty lexicon.

    Each ``[[rule]]`` has ``word`` or ``regex``, ``say``, and optionally ``feed``, ``speaker`` and
    ``match_case`` (whole-word rules only).
    """
    if not path.exists():
        return Lexicon()
    try:
        data = tomllib.loads(read_bounded(path, MAX_LEXICON_BYTES).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the syntax or delete the file") from exc
    except FileTooLargeError:
        raise ConfigError(
            f"{path}: larger than {MAX_LEXICON_BYTES:,} bytes; is it the right file? (a lexicon of "
            "thousands of rules fits easily)"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror or exc}); it must be a file") from None
    unknown_top = sorted(set(data) - {"rule"})
    if unknown_top:
        raise ConfigError(
            f"{path}: unknown key(s) {', '.join(unknown_top)}; allowed: rule "
            "(each fix is a [[rule]] table with word or regex, and say)"
        )
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise ConfigError(
            f'{path}: "rule" must be [[rule]] tables, not {entries!r}; write each fix as [[rule]] with '
            "word or regex, and say"
        )
    rules: list[LexiconRule] = []
    problems: list[str] = []
    for i, entry in enumerate(entries, start=1):
        try:
            rules.append(replace(_lexicon_rule(entry), number=i))
        except ValueError as exc:
            problems.append(f"rule {i}: {exc}")
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return Lexicon(tuple(rules))


_RULE_KEYS = ("word", "regex", "say", "feed", "speaker", "match_case")


def _lexicon_rule(entry: object) -> LexiconRule:
    """One [[rule]] table as a LexiconRule; ValueError says what is wrong with it."""
    if not isinstance(entry, dict):
        raise ValueError(f"must be a [[rule]] table, not {entry!r}")
    if "say" not in entry or ("word" in entry) == ("regex" in entry):
        raise ValueError('needs "say" and exactly one of "word" or "regex"')
    unknown = set(entry) - set(_RULE_KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(_RULE_KEYS)}")
    wrong = [
        key
        for key in ("word", "regex", "say", "feed", "speaker")
        if key in entry and not isinstance(entry[key], str)
    ]
    if wrong:
        raise ValueError(", ".join(f"{key} must be a string, not {entry[key]!r}" for key in wrong))
    if "match_case" in entry and not isinstance(entry["match_case"], bool):
        raise ValueError(f"match_case must be true or false, not {entry['match_case']!r}")
    if "word" in entry:
        if not entry["word"].strip():
            raise ValueError("word must not be empty")
        flags = 0 if entry.get("match_case") else regex.IGNORECASE
        pattern = regex.compile(rf"(?<![\w-]){regex.escape(entry['word'])}(?![\w-])", flags)
        say = entry["say"].replace("\\", "\\\\")
    else:
        if "match_case" in entry:
            raise ValueError("match_case is for word rules; write (?i) in the regex to ignore case")
        try:
            pattern = regex.compile(entry["regex"])
        except (regex.error, OverflowError, ValueError) as exc:
            raise ValueError(f'bad regex "{shorten(entry["regex"])}" ({exc}); fix the pattern') from None
        except RecursionError:
            raise ValueError(f'regex "{shorten(entry["regex"])}" is nested too deeply; simplify it') from None
        say = entry["say"]
        try:
            _check_template(pattern, say)
        except (regex.error, IndexError) as exc:
            raise ValueError(
                f'say "{say}" is not a valid replacement for regex "{entry["regex"]}" ({exc}); '
                r"refer only to groups the regex has (\1, \g<name>) and write \\ for a backslash"
            ) from None
    return LexiconRule(pattern, say, entry.get("feed"), entry.get("speaker"))


def _check_template(pattern: regex.Pattern[str], say: str) -> None:
    """Raise regex.error (or IndexError) if ``say`` has a bad escape or names a group ``pattern`` lacks."""
    # re.sub only parses the template once something matches, so expand it against a match of a
    # pattern with the same numbered and named groups that always matches.
    names = {index: name for name, index in pattern.groupindex.items()}
    probe = regex.compile(
        "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, pattern.groups + 1))
    )
    match = probe.match("")
    assert match is not None
    match.expand(say)
