"""One family of errors whose messages are safe to show to users.

The CLI turns any ``NarratorError`` into a one-line ``Error: ...`` and exit code 1, in one place.
Anything else that escapes is a bug and keeps its traceback.
"""

import re


class NarratorError(Exception):
    """A problem the user can fix; the message names the bad value, what is allowed and the fix."""


class ConfigError(NarratorError):
    """podcast.toml, voices.toml, cast.toml or lexicon.toml is missing, malformed or invalid."""


class IngestError(NarratorError):
    """A source could not be read or holds no article."""


class UnknownVoiceError(ConfigError):
    """A voice name that is not in the pool."""


class EngineError(NarratorError):
    """A speech engine is missing, failed, hung or wrote a bad file."""


class SynthesisError(EngineError):
    """One segment could not be synthesised; the message names the article and the sentence."""


class ProduceError(NarratorError):
    """Stitching, loudness or encoding failed."""


class PublishError(NarratorError):
    """The feed, pages or artwork could not be written."""


class DiskFullError(NarratorError):
    """The disk (or quota) holding the output or the cache is full. Every other article would fail the same
    way, so a build stops at the first one and reports it once."""


class BuildLockedError(NarratorError):
    """Another build holds the lock on this output folder."""


class PlaybackError(NarratorError):
    """No usable audio output device."""


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for quoting a sentence in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` with control, line-break and bidirectional characters shown as escapes (``\\n``,
    ``\\x1b``): a file name cannot forge a second ``Error:`` line, move the cursor or reorder what a
    terminal shows."""
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)
