"""The pronunciation lexicon (voices/lexicon.toml): the producer's own fixes, applied before every rule."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from narrator.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class LexiconRule:
    """One pronunciation fix: a whole word (case-insensitive unless match_case) or a regex."""

    pattern: re.Pattern[str]
    say: str
    feed: str | None = None
    speaker: str | None = None

    def applies(self, feed: str | None, speaker: str | None) -> bool:
        return (self.feed is None or self.feed == feed) and (self.speaker is None or self.speaker == speaker)


@dataclass(frozen=True)
class Lexicon:
    """Rules from voices/lexicon.toml, applied in file order before the built-in normalisation."""

    rules: tuple[LexiconRule, ...] = ()

    def apply(self, text: str, *, feed: str | None = None, speaker: str | None = None) -> str:
        for rule in self.rules:
            if rule.applies(feed, speaker):
                text = rule.pattern.sub(rule.say, text)
        return text


def load_lexicon(path: Path) -> Lexicon:
    """Read voices/lexicon.toml; a missing file is an empty lexicon.

    Each ``[[rule]]`` has ``word`` or ``regex``, ``say``, and optionally ``feed``, ``speaker`` and
    ``match_case`` (whole-word rules only).
    """
    if not path.exists():
        return Lexicon()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the syntax or delete the file") from exc
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
            rules.append(_lexicon_rule(entry))
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
        flags = 0 if entry.get("match_case") else re.IGNORECASE
        pattern = re.compile(rf"(?<![\w-]){re.escape(entry['word'])}(?![\w-])", flags)
        say = entry["say"].replace("\\", "\\\\")
    else:
        if "match_case" in entry:
            raise ValueError("match_case is for word rules; write (?i) in the regex to ignore case")
        try:
            pattern = re.compile(entry["regex"])
        except re.error as exc:
            raise ValueError(f'bad regex "{entry["regex"]}" ({exc}); fix the pattern') from None
        say = entry["say"]
        try:
            _check_template(pattern, say)
        except (re.error, IndexError) as exc:
            raise ValueError(
                f'say "{say}" is not a valid replacement for regex "{entry["regex"]}" ({exc}); '
                r"refer only to groups the regex has (\1, \g<name>) and write \\ for a backslash"
            ) from None
    return LexiconRule(pattern, say, entry.get("feed"), entry.get("speaker"))


def _check_template(pattern: re.Pattern[str], say: str) -> None:
    """Raise re.error (or IndexError) if ``say`` has a bad escape or names a group ``pattern`` lacks."""
    # re.sub only parses the template once something matches, so expand it against a match of a
    # pattern with the same numbered and named groups that always matches.
    names = {index: name for name, index in pattern.groupindex.items()}
    probe = re.compile(
        "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, pattern.groups + 1))
    )
    match = probe.match("")
    assert match is not None
    match.expand(say)
