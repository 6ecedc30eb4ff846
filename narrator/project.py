"""A podcast folder: where its inputs and outputs live, and ``narrator init`` to make a new one."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from narrator.build.state import STATE_DIR
from narrator.cast.casting import pool_path_in
from narrator.errors import NarratorError
from narrator.fsutil import atomic_write_text


@dataclass(frozen=True)
class Project:
    """Where a podcast's inputs and outputs live (DESIGN.md: a podcast folder)."""

    config: Path
    articles: Path
    output: Path
    voices: Path
    cache: Path

    @classmethod
    def at(
        cls,
        config: Path | None = None,
        articles: Path | None = None,
        output: Path | None = None,
        cache: Path | None = None,
    ) -> Project:
        config = config or Path("podcast.toml")
        root = config.parent
        output = output or root / "output"
        return cls(
            config=config,
            articles=articles or root / "articles",
            output=output,
            voices=root / "voices",
            cache=cache or output / STATE_DIR / "cache",
        )


def pool_path(project: Project) -> Path:
    """The project's voice pool, or the default one shipped with the package."""
    return pool_path_in(project.voices)


PODCAST_TOML = """\
# Your podcast. Every field is checked when a build starts; problems are listed together.
[podcast]
title = "My Narrated Podcast"
description = "Articles read aloud, with a distinct voice for every person quoted."
author = "Your Name"
owner_name = "Your Name"
owner_email = "you@example.org"
# ISO 639 code: en, en-gb, de, fr ...
language = "en"
# Apple's category list, verbatim: News, Technology, Society & Culture ... or with a subcategory,
# "News > Daily News"
category = "News"
explicit = false
# Where the contents of output/ will be published; `narrator build --base-url URL` overrides it.
base_url = "http://127.0.0.1:8765/"
# artwork = "artwork.jpg"        # square JPEG/PNG, 1400-3000 px; generated from the title when absent
# intro = "{podcast}. {title}{by_author}{on_date}."
# outro = "This has been {podcast}."
# max_episodes = 50              # the feed lists only the newest N episodes
# episode_numbers = true         # itunes:episode on every item, oldest first (articles may set
                                 # `episode:` and `season:` in their front matter)

[audio]
bitrate = 64      # kbps, constant bitrate
channels = 1      # 1 = mono at -19 LUFS, 2 = stereo at -16 LUFS
"""

EXAMPLE_ARTICLE = """\
---
title: Welcome to your narrated podcast
author: Your Name
---

This is an example article. Replace it with your own: plain text, Markdown or HTML.

"Every person quoted gets a voice of their own," said Ada Lovelace, the project's imaginary patron.

She added: "The narrator keeps its own voice, and a person keeps theirs across episodes."
"""


def init_podcast(directory: Path) -> list[Path]:
    """Create podcast.toml, voices/ and articles/ with an example; never overwrite a producer's files."""
    config = directory / "podcast.toml"
    if config.exists():
        raise NarratorError(f"{config} already exists; choose an empty folder")
    voices = resources.files("narrator") / "data"
    files = {
        config: PODCAST_TOML,
        directory / "voices" / "voices.toml": (voices / "voices.toml").read_text(encoding="utf-8"),
        directory / "voices" / "lexicon.toml": (voices / "lexicon.toml").read_text(encoding="utf-8"),
        directory / "articles" / "welcome.md": EXAMPLE_ARTICLE,
    }
    try:
        for path, text in files.items():
            if not path.exists():
                atomic_write_text(path, text)
        (directory / "output").mkdir(exist_ok=True)
    except OSError as exc:
        raise NarratorError(f"cannot create {directory}: {exc.strerror or exc}") from None
    return list(files)
