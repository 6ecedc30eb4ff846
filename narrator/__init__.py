"""narrator: turn written articles into podcast episodes, offline, with a voice for every quoted speaker.

The library API mirrors the command line, which is a thin layer over it::

    import narrator

    narrator.init_podcast("show")                                   # narrator init show
    report = narrator.build_podcast("show/podcast.toml")            # narrator build
    article = narrator.segment_article("show/articles/welcome.md", config="show/podcast.toml")
    narrator.read_to_file("show/articles/welcome.md", "welcome.m4b", config="show/podcast.toml")

The names are loaded on first use, so ``import narrator`` (and the command's start-up) stays light.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build_podcast": "narrator.api",
    "init_podcast": "narrator.api",
    "read_to_file": "narrator.api",
    "segment_article": "narrator.api",
    "BuildReport": "narrator.build.pipeline",
    "PreparedArticle": "narrator.preparation",
    "ReadResult": "narrator.read.options",
    "Article": "narrator.models",
    "Segment": "narrator.models",
    "CastSegment": "narrator.models",
    "Voice": "narrator.models",
    "Episode": "narrator.models",
    "AudioFormat": "narrator.produce.formats",
    "NarratorError": "narrator.errors",
}
__all__ = [
    "__version__",
    "build_podcast",
    "init_podcast",
    "read_to_file",
    "segment_article",
    "BuildReport",
    "PreparedArticle",
    "ReadResult",
    "Article",
    "Segment",
    "CastSegment",
    "Voice",
    "Episode",
    "AudioFormat",
    "NarratorError",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'narrator' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_EXPORTS[name]), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
