"""Reading podcast.toml into a validated ``Channel``; every missing or bad field reported at once."""

from __future__ import annotations

import difflib
import json
import re
import stat
import string
import sys
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from narrator.errors import ConfigError
from narrator.fsutil import FileTooLargeError, read_bounded
from narrator.produce.formats import EPISODE_FORMATS, MP3, AudioFormat

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_CONFIG_BYTES = 1024 * 1024
"""Settings files are hand-written and small; a larger one is a mistake (or /dev/zero) and is refused."""
MAX_PAUSE_SECONDS = 5.0
MAX_EPISODES = 10_000
TEMPLATE_FIELDS = ("podcast", "title", "by_author", "on_date")
"""What intro and outro may say: {podcast}, {title}, {by_author}, {on_date}."""


def read_settings(path: Path) -> str:
    """The text of a settings file (podcast.toml, voices.toml, cast.toml, lexicon.toml), or ConfigError.

    Only a regular file of at most MAX_CONFIG_BYTES is read, so a link to /dev/zero or a pipe cannot
    hang a build or fill its memory. FileNotFoundError passes through for callers with a default.
    """
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ConfigError(f"{path}: is a folder; settings must be a TOML text file")
        if not stat.S_ISREG(mode):
            raise ConfigError(f"{path}: not a regular file; settings must be a TOML text file")
        data = read_bounded(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        raise
    except FileTooLargeError:
        raise ConfigError(
            f"{path}: too large (over {MAX_CONFIG_BYTES // 1024} KB); settings files are small TOML files"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean "X"?' for the choice ``word`` most likely meant (letter case, a prefix, a typo)."""
    choices = list(choices)
    folded = {choice.casefold(): choice for choice in choices}
    found = folded.get(word.casefold())
    if found is None and len(word) >= 3:
        found = next((c for c in choices if c.casefold().startswith(word.casefold())), None)
    if found is None:
        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        found = close[0] if close else None
    return f'; did you mean "{found}"?' if found else ""


def unknown_keys(found: Iterable[str], allowed: Collection[str], table: bool = False) -> list[str]:
    """One problem per key (or, with ``table``, [table]) not in ``allowed``, with the likely intended one."""
    problems = []
    for key in sorted(set(found) - set(allowed)):
        hint = did_you_mean(key, allowed) or "; allowed: " + ", ".join(sorted(allowed))
        problems.append(f"unknown table [{key}]{hint}" if table else f"unknown key {key}{hint}")
    return problems


@cache
def apple_categories() -> dict[str, list[str]]:
    """Apple's category → subcategories list, shipped as data (narrator/data/apple-categories.json)."""
    text = (Path(__file__).parent / "data" / "apple-categories.json").read_text(encoding="utf-8")
    return dict(json.loads(text)["categories"])


def template_problem(key: str, template: str) -> str | None:
    """What keeps an intro/outro template from being filled in: only {podcast}, {title}, {by_author} and
    {on_date} are allowed, as they are (no positions, attributes, indexes, conversions or widths)."""
    fields = ", ".join(TEMPLATE_FIELDS)
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f'{key} "{_short(template)}" is not a template ({exc}); write {{{{ and }}}} for a brace itself'
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in TEMPLATE_FIELDS or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return f"{key} uses {_short(shown)}; placeholders are {fields}, written as {{title}}"
    return None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


DEFAULT_OUTRO = "This has been {podcast}."
"""The closing line when podcast.toml names none; said in each article's language (cast.language)."""


@dataclass(frozen=True)
class AudioSettings:
    """How episodes are encoded."""

    format: AudioFormat = MP3
    """MP3 (the default) or M4A (AAC in MP4): ``[audio] format = "m4a"``."""
    bitrate: int = 64
    """Constant bitrate in kbps (Apple recommends 64-128 for speech)."""
    channels: int = 1
    """1 (mono, -19 LUFS) or 2 (stereo, -16 LUFS)."""
    sample_rate: int = 44100
    sentence_pause: float = 0.35
    paragraph_pause: float = 0.8
    speaker_pause: float = 0.6
    heading_pause: float = 1.2

    @property
    def target_lufs(self) -> float:
        return -16.0 if self.channels == 2 else -19.0


@dataclass(frozen=True)
class Channel:
    """The podcast as a whole, from podcast.toml."""

    title: str
    description: str
    author: str
    owner_name: str
    owner_email: str
    language: str
    category: str
    base_url: str
    explicit: bool = False
    subcategory: str | None = None
    artwork: Path | None = None
    intro: str = "{podcast}. {title}{by_author}{on_date}."
    """Spoken before each article; placeholders: podcast, title, by_author, on_date."""
    outro: str = DEFAULT_OUTRO
    link: str | None = None
    """The podcast's home page; defaults to base_url."""
    type: str = "episodic"
    locked: bool = True
    max_episodes: int | None = None
    """Limit the feed to the newest N episodes."""
    episode_numbers: bool = False
    """Number every episode in the feed (itunes:episode), oldest first within its season; serial shows
    always do. An article's own ``episode:`` in its front matter wins."""
    audio: AudioSettings = field(default_factory=AudioSettings)
    guid: str = ""
    """podcast:guid. Set once from the configured address (or podcast.toml's ``guid``), so a build for a
    test address with ``--base-url`` does not change the podcast's identity."""

    def __post_init__(self) -> None:
        if not self.guid:
            object.__setattr__(self, "guid", podcast_guid(self.feed_url))

    @property
    def feed_url(self) -> str:
        return self.base_url + "feed.xml"

    def with_base_url(self, base_url: str) -> Channel:
        from dataclasses import replace

        return replace(self, base_url=normalise_base_url(base_url))


PODCAST_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def podcast_guid(feed_url: str) -> str:
    """UUIDv5 over the feed URL without its scheme and trailing slashes (Podcast Index namespace spec)."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_NAMESPACE, bare))


def normalise_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


REQUIRED = ("title", "description", "author", "owner_email", "language", "category", "base_url")
DEFAULT_LANGUAGE = "en"


def podcast_language(path: Path) -> str:
    """The language podcast.toml declares, for commands that need only that (``segments``, ``read``):
    the rest of the file is checked by a build. Outside a podcast folder (no such file) it is English."""
    if not path.is_file():
        return DEFAULT_LANGUAGE
    try:
        data = tomllib.loads(read_settings(path))
    except FileNotFoundError:
        return DEFAULT_LANGUAGE
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    podcast = data.get("podcast", data)
    language = podcast.get("language") if isinstance(podcast, dict) else None
    if language is None or (isinstance(language, str) and not language.strip()):
        return DEFAULT_LANGUAGE
    if not isinstance(language, str) or not LANGUAGE_CODE.match(language.strip()):
        raise ConfigError(f'{path}: language "{language}" is not an ISO 639 code such as "en" or "en-gb"')
    return language.strip()


def load_channel(path: Path) -> Channel:
    """Read and validate podcast.toml; one ConfigError lists every problem."""
    try:
        data = tomllib.loads(read_settings(path))
    except FileNotFoundError:
        raise ConfigError(f"{path}: not found; run `narrator init DIR` to create a podcast folder") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return channel_from_dict(data, str(path), path.parent)


TABLES = ("podcast", "audio")
PODCAST_KEYS = (*REQUIRED, "owner_name", "subcategory", "artwork", "intro", "outro", "link", "guid",
                "explicit", "locked", "type", "max_episodes", "episode_numbers")


def channel_from_dict(data: dict[str, Any], where: str, root: Path) -> Channel:
    podcast = data.get("podcast", data)
    if not isinstance(podcast, dict):
        raise ConfigError(
            f"{where}: [podcast] must be a table of settings (title, description, author, ...), "
            f"not {podcast!r}; write a [podcast] section"
        )
    problems: list[str] = []
    if podcast is not data:
        tables = [key for key, value in data.items() if isinstance(value, dict)]
        problems += unknown_keys(tables, TABLES, table=True)
        problems += unknown_keys((key for key in data if key not in tables), TABLES)
    problems += unknown_keys((k for k in podcast if podcast is not data or k != "audio"), PODCAST_KEYS)
    missing = [key for key in REQUIRED if not str(podcast.get(key, "")).strip()]
    if missing:
        problems.append("missing " + ", ".join(missing))
    for key in (*REQUIRED, "owner_name", "subcategory", "artwork", "intro", "outro", "link", "guid"):
        value = podcast.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"{key} must be a string in quotes, not {value!r}")
    for key in ("intro", "outro"):
        value = podcast.get(key)
        if isinstance(value, str) and (problem := template_problem(key, value)):
            problems.append(problem)
    category, subcategory = podcast.get("category"), podcast.get("subcategory")
    if isinstance(category, str) and category.strip():
        given = subcategory if isinstance(subcategory, str) else None  # else reported as not a string
        category, subcategory = split_category(category, given)
        known = apple_categories()
        if category not in known:
            hint = did_you_mean(category, known)
            problems.append(f'category "{_short(category)}" is not in Apple\'s list of categories{hint}')
        elif subcategory is not None and subcategory not in known[category]:
            allowed = known[category]
            listed = "; allowed: " + (", ".join(allowed) or "none")
            hint = did_you_mean(subcategory, allowed) or listed
            problems.append(f'subcategory "{_short(subcategory)}" is not in "{category}"{hint}')
    language = str(podcast.get("language", "")).strip()
    if language and not LANGUAGE_CODE.match(language):
        problems.append(f'language "{language}" is not an ISO 639 code such as "en" or "en-gb"')
    email = str(podcast.get("owner_email", "")).strip()
    if email and not EMAIL.match(email):
        problems.append(f'owner_email "{email}" is not an e-mail address')
    base_url = str(podcast.get("base_url", "")).strip()
    if base_url and not re.match(r"^https?://[^/\s]+", base_url):
        problems.append(f'base_url "{base_url}" must be an absolute http(s) URL')
    explicit = podcast.get("explicit", False)
    if not isinstance(explicit, bool):
        problems.append(f"explicit must be true or false, not {explicit!r}")
    episode_numbers = podcast.get("episode_numbers", False)
    if not isinstance(episode_numbers, bool):
        problems.append(f"episode_numbers must be true or false, not {episode_numbers!r}")
    locked = podcast.get("locked", True)
    if not isinstance(locked, bool):
        problems.append(f"locked must be true or false, not {locked!r}")
    kind = podcast.get("type", "episodic")
    if kind not in ("episodic", "serial"):
        problems.append(f'type must be "episodic" or "serial", not {kind!r}')
    max_episodes = podcast.get("max_episodes")
    if max_episodes is not None and (
        not isinstance(max_episodes, int)
        or isinstance(max_episodes, bool)
        or not 1 <= max_episodes <= MAX_EPISODES
    ):
        problems.append(f"max_episodes must be a whole number from 1 to {MAX_EPISODES}, not {max_episodes!r}")
    audio, audio_problems = _audio_settings(data.get("audio", {}))
    problems.extend(audio_problems)
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))
    artwork = podcast.get("artwork")
    category, subcategory = split_category(str(podcast["category"]), podcast.get("subcategory"))
    return Channel(
        title=str(podcast["title"]).strip(),
        description=str(podcast["description"]).strip(),
        author=str(podcast["author"]).strip(),
        owner_name=str(podcast.get("owner_name", podcast["author"])).strip(),
        owner_email=email,
        language=language,
        category=category,
        subcategory=subcategory,
        base_url=normalise_base_url(base_url),
        explicit=explicit,
        artwork=(root / artwork) if artwork else None,
        intro=podcast.get("intro", Channel.intro),
        outro=podcast.get("outro", DEFAULT_OUTRO),
        link=podcast.get("link"),
        type=kind,
        locked=locked,
        max_episodes=max_episodes,
        episode_numbers=episode_numbers,
        audio=audio,
        guid=str(podcast.get("guid", "")),
    )


def split_category(category: str, subcategory: str | None) -> tuple[str, str | None]:
    """Apple's "News > Daily News" written in one setting, or category and subcategory apart."""
    if ">" in category and subcategory is None:
        main, _, sub = category.partition(">")
        return main.strip(), sub.strip() or None
    return category.strip(), subcategory.strip() if subcategory else None


AUDIO_FIELDS = (
    "format",
    "bitrate",
    "channels",
    "sample_rate",
    "sentence_pause",
    "paragraph_pause",
    "speaker_pause",
    "heading_pause",
)


def _audio_settings(audio_data: Any) -> tuple[AudioSettings, list[str]]:
    """[audio] as AudioSettings, or the defaults and the list of problems."""
    if not isinstance(audio_data, dict):
        return AudioSettings(), [
            f"[audio] must be a table (format, bitrate, channels, sample_rate, *_pause), not {audio_data!r}"
        ]
    problems = [f"[audio]: {problem}" for problem in unknown_keys(audio_data, AUDIO_FIELDS)]
    formats = {f.name: f for f in EPISODE_FORMATS}
    name = audio_data.get("format", MP3.name)
    audio_format = formats.get(name.lower()) if isinstance(name, str) else None
    if audio_format is None:
        problems.append(f'audio.format must be {" or ".join(map(repr, formats))}, not {name!r}')
        audio_format = MP3
    channels = audio_data.get("channels", 1)
    if not isinstance(channels, int) or isinstance(channels, bool) or channels not in (1, 2):
        problems.append(f"audio.channels must be 1 or 2, not {channels!r}")
    bitrate = audio_data.get("bitrate", 64)
    if not isinstance(bitrate, int) or isinstance(bitrate, bool) or bitrate not in audio_format.bitrates:
        problems.append(
            f"audio.bitrate must be an {audio_format.label} bitrate such as 64 or 96, not {bitrate!r}"
        )
    sample_rate = audio_data.get("sample_rate", 44100)
    if (
        not isinstance(sample_rate, int)
        or isinstance(sample_rate, bool)
        or sample_rate not in audio_format.sample_rates
    ):
        rates = audio_format.sample_rates
        allowed = ", ".join(map(str, rates[:-1])) + f" or {rates[-1]}"
        problems.append(
            f"audio.sample_rate must be an {audio_format.label} sample rate ({allowed}), not {sample_rate!r}"
        )
    for key in AUDIO_FIELDS:
        if key.endswith("_pause") and key in audio_data:
            value = audio_data[key]
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not 0 <= value <= MAX_PAUSE_SECONDS
            ):
                problems.append(
                    f"audio.{key} must be a number of seconds from 0-{MAX_PAUSE_SECONDS:g}, such as 0.5, "
                    f"not {value!r}"
                )
    if problems:
        return AudioSettings(), problems
    settings = {key: audio_data[key] for key in AUDIO_FIELDS if key in audio_data}
    settings["format"] = audio_format
    for key in AUDIO_FIELDS:
        if key.endswith("_pause") and key in settings:
            settings[key] = float(settings[key])
    return AudioSettings(**settings), []
