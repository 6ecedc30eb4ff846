"""One family of errors whose messages are safe to show to users.

The CLI turns any ``NarratorError`` into a one-line ``Error: ...`` and exit code 1, in one place.
Anything else that escapes is a bug and keeps its traceback.
"""


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


class BuildLockedError(NarratorError):
    """Another build holds the lock on this output folder."""


class PlaybackError(NarratorError):
    """No usable audio output device."""


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for quoting a sentence in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
