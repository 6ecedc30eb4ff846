"""Who speaks with which voice: the pool (voices/voices.toml), the cast (voices/cast.toml), and casting.

Casting is pure and deterministic: the same segments, pool and cast always give the same voices. A person
keeps their voice across episodes because every assignment is written back into the cast; producers pin
voices and add aliases there.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from narrator.config import read_settings, unknown_keys
from narrator.errors import ConfigError, UnknownVoiceError
from narrator.fsutil import atomic_write_text
from narrator.models import CastSegment, Segment, Voice
from narrator.segment.gender import guess_gender

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

VOICE_FIELDS = {"engine", "id", "rate", "pitch", "volume", "gender", "language", "narrator"}
ENGINE_NAMES = {"pyttsx3": "eSpeak NG", "flite": "flite", "piper": "Piper"}
"""What listeners know the engines as (pyttsx3 drives eSpeak NG on Linux)."""


@dataclass(frozen=True)
class VoicePool:
    """The configured voices; ``narrator`` is the first declared narrator (English unless the pool has
    none). Which narrator actually reads depends on what can speak here: see ``choose_narrator``."""

    voices: tuple[Voice, ...]
    narrator: Voice

    def __post_init__(self) -> None:
        if self.narrator not in self.voices:
            raise ValueError(f'narrator voice "{self.narrator.name}" is not in the pool')

    @property
    def names(self) -> list[str]:
        return [voice.name for voice in self.voices]

    def get(self, name: str) -> Voice:
        for voice in self.voices:
            if voice.name == name:
                return voice
        raise UnknownVoiceError(f'unknown voice "{name}"; known: {", ".join(self.names)}')

    def narrators_for(self, language: str) -> list[Voice]:
        """The declared narrators of ``language`` in order of preference (the pool file's order)."""
        return [voice for voice in self.voices if voice.narrator and voice.language == language]


def pool_path_in(voices_dir: Path) -> Path:
    """The voice pool in ``voices_dir`` (its voices.toml), or the default one shipped with the package."""
    own = voices_dir / "voices.toml"
    return own if own.exists() else Path(str(resources.files("narrator") / "data" / "voices.toml"))


def load_pool(
    path: Path, *, known_engines: Sequence[str] | None = None, voices_dir: Path | None = None
) -> VoicePool:
    """Read voices.toml; every problem (unknown engine, bad value, no narrator…) in one ConfigError.

    Voice ids are resolved by their engine from ``voices_dir`` (default: the file's folder): a Piper model
    named in the podcast's voices folder becomes its absolute path, so workers anywhere find it.
    """
    from narrator.engines import engine_names, resolve_voice_id

    if known_engines is None:
        known_engines = engine_names()
    folder = Path(voices_dir) if voices_dir is not None else Path(path).parent
    try:
        data = tomllib.loads(read_settings(Path(path)))
    except FileNotFoundError:
        raise ConfigError(
            f"voice pool {path} not found; run `narrator init` or copy voices/voices.toml"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{path} is not valid TOML ({error}); each voice is a [voices.NAME] table"
        ) from None
    tables = data.get("voices")
    if not isinstance(tables, dict) or not tables:
        raise ConfigError(
            f"{path} defines no voices; add [voices.NAME] tables with engine, id, gender, language"
        )
    problems: list[str] = []
    voices: list[Voice] = []
    seen: dict[str, str] = {}
    for name, table in tables.items():
        if not isinstance(table, dict):
            problems.append(f'"{name}" must be a table')
            continue
        if name.lower() in seen:
            problems.append(f'"{name}" duplicates "{seen[name.lower()]}" (names ignore case)')
            continue
        seen[name.lower()] = name
        problems.extend(_voice_problems(name, table, known_engines))
        if any(p.startswith(f'"{name}"') for p in problems):
            continue
        try:
            voices.append(
                Voice(
                    name=name,
                    engine=table["engine"],
                    engine_id=resolve_voice_id(table["engine"], table["id"], folder),
                    rate=table.get("rate", 170),
                    pitch=table.get("pitch", 50),
                    volume=float(table.get("volume", 1.0)),
                    gender=table.get("gender"),
                    language=table.get("language", "en"),
                    narrator=bool(table.get("narrator", False)),
                )
            )
        except ValueError as error:
            problems.append(str(error).replace("voice ", "", 1))
    narrators = [voice for voice in voices if voice.narrator]
    if not narrators and not problems:
        problems.append("no voice has narrator = true; mark a voice of each language as its narrator")
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    main = next((v for v in narrators if v.language == "en"), narrators[0])
    return VoicePool(voices=tuple(voices), narrator=main)


def _voice_problems(name: str, table: dict[str, Any], known_engines: Sequence[str]) -> list[str]:
    problems = []
    missing = [key for key in ("engine", "id", "gender", "language") if key not in table]
    if missing:
        problems.append(f'"{name}" is missing {", ".join(missing)}')
    problems += [f'"{name}": {problem}' for problem in unknown_keys(table, VOICE_FIELDS)]
    engine = table.get("engine")
    if engine is not None and engine not in known_engines:
        problems.append(f'"{name}" uses unknown engine "{engine}"; known: {", ".join(known_engines)}')
    for key, kind in (
        ("rate", int),
        ("pitch", int),
        ("volume", (int, float)),
        ("id", str),
        ("language", str),
    ):
        if key in table and (not isinstance(table[key], kind) or isinstance(table[key], bool)):
            problems.append(f'"{name}": {key} has the wrong type ({table[key]!r})')
    if "gender" in table and table["gender"] not in ("f", "m"):
        problems.append(f'"{name}": gender must be "f" or "m", not {table["gender"]!r}')
    return problems


# ---------------------------------------------------------------------------------------------- the cast


@dataclass(frozen=True)
class Cast:
    """Speaker → voice name, the speakers a producer pinned, and alias → speaker."""

    entries: Mapping[str, str] = field(default_factory=dict)
    pins: frozenset[str] = frozenset()
    aliases: Mapping[str, str] = field(default_factory=dict)

    def canonical(self, speaker: str) -> str:
        """The cast's name for ``speaker`` (aliases and letter case resolved)."""
        folded = speaker.casefold()
        for alias, target in self.aliases.items():
            if alias.casefold() == folded:
                return target
        for known in self.entries:
            if known.casefold() == folded:
                return known
        return speaker


def load_cast(path: Path, pool: VoicePool | None = None) -> Cast:
    """Read cast.toml (a missing file is an empty cast); with ``pool``, unknown voices are an error."""
    try:
        data = tomllib.loads(read_settings(Path(path)))
    except FileNotFoundError:
        return Cast()
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML ({error}); delete it to start a fresh cast") from None
    speakers = data.get("speakers", {})
    if not isinstance(speakers, dict):
        raise ConfigError(
            f"{path}: [speakers] must be a table of speaker tables, not {speakers!r}; "
            'write [speakers."NAME"] with voice = "VOICE"'
        )
    problems = unknown_keys(data, ("speakers",))
    entries: dict[str, str] = {}
    pins: set[str] = set()
    aliases: dict[str, str] = {}
    for speaker, table in speakers.items():
        if not isinstance(table, dict):
            problems.append(
                f'speaker "{speaker}" must be a table ([speakers."{speaker}"] with voice = "NAME"), '
                f"not {table!r}"
            )
            continue
        voice = table.get("voice")
        if not isinstance(voice, str) or not voice.strip():
            problems.append(f'speaker "{speaker}" needs voice = "NAME", not {voice!r}')
        allowed = ("voice", "pinned", "aliases")
        problems += [f'speaker "{speaker}": {problem}' for problem in unknown_keys(table, allowed)]
        pinned = table.get("pinned", False)
        if not isinstance(pinned, bool):
            problems.append(f'speaker "{speaker}": pinned must be true or false, not {pinned!r}')
        names = table.get("aliases", [])
        if not isinstance(names, list) or not all(isinstance(a, str) and a.strip() for a in names):
            problems.append(
                f'speaker "{speaker}": aliases must be a list of names such as ["Mrs May"], not {names!r}'
            )
            names = []
        if not isinstance(voice, str) or not voice.strip():
            continue
        entries[speaker] = voice
        if pinned is True:
            pins.add(speaker)
        for alias in names:
            if alias in aliases and aliases[alias] != speaker:
                problems.append(f'alias "{alias}" belongs to both "{aliases[alias]}" and "{speaker}"')
            aliases[alias] = speaker
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    cast = Cast(entries=entries, pins=frozenset(pins), aliases=aliases)
    if pool is not None:
        check_cast(cast, pool, source=str(path))
    return cast


def check_cast(cast: Cast, pool: VoicePool, *, source: str = "voices/cast.toml") -> None:
    unknown = sorted({voice for voice in cast.entries.values() if voice not in pool.names})
    if unknown:
        quoted = ", ".join(f'"{name}"' for name in unknown)
        raise UnknownVoiceError(f"unknown voice {quoted} in {source}; known: {', '.join(pool.names)}")


def save_cast(path: Path, cast: Cast) -> None:
    """Write cast.toml atomically, speakers sorted so that diffs stay small."""
    lines = [
        "# Who speaks with which voice. Builds add new speakers; edit freely.",
        "# pinned = true keeps a voice even when it clashes in an episode; aliases are other names",
        '# of the same person ("Mrs May" for "Theresa May").',
    ]
    by_speaker: dict[str, list[str]] = {}
    for alias, speaker in cast.aliases.items():
        by_speaker.setdefault(speaker, []).append(alias)
    for speaker in sorted(cast.entries, key=str.casefold):
        lines += ["", f"[speakers.{_toml_string(speaker)}]", f"voice = {_toml_string(cast.entries[speaker])}"]
        if speaker in cast.pins:
            lines.append("pinned = true")
        if by_speaker.get(speaker):
            lines.append(
                "aliases = [" + ", ".join(_toml_string(a) for a in sorted(by_speaker[speaker])) + "]"
            )
    atomic_write_text(Path(path), "\n".join(lines) + "\n")


def _toml_string(value: str) -> str:
    # JSON's escapes (\" \\ \n \uXXXX) are all valid in a TOML basic string.
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------- casting


def _primary(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower() or "en"


def _nearest(voice: Voice, candidates: Sequence[Voice]) -> Voice | None:
    """The candidate that sounds most like ``voice``: same language, then gender, then pitch and rate."""
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (
            c.language != voice.language,
            c.gender != voice.gender,
            abs(c.pitch - voice.pitch) + abs(c.rate - voice.rate) / 4,
            c.name,
        ),
    )


def _spread(speaker: str, voices: Sequence[Voice]) -> list[Voice]:
    """Voices in a speaker-specific but fixed order, so ties do not always go to the first pool voice."""
    if not voices:
        return []
    start = int(hashlib.sha256(speaker.encode("utf-8")).hexdigest(), 16) % len(voices)
    return [*voices[start:], *voices[:start]]


VoiceCheck = Callable[[Voice], "str | None"]
"""Why a voice cannot speak on this machine, or None (the edge asks ``narrator.engines.voice_problem``)."""


@dataclass(frozen=True)
class Casting:
    """The voiced segments, the cast with the new speakers added, and what a listener would notice."""

    items: tuple[CastSegment, ...]
    cast: Cast
    warnings: tuple[str, ...] = ()


def assign_voices(
    segments: Sequence[Segment],
    pool: VoicePool,
    cast: Cast,
    *,
    language: str = "en",
    check: VoiceCheck,
    narrator: Voice | None = None,
) -> Casting:
    """Give every segment a voice; the result carries the cast updated with the new speakers.

    Narration gets the first narrator of the article's language that can speak here (``choose_narrator``);
    every quote gets a voice that is no narrator's, by the speaker's gender where known, distinct within
    the episode while the pool allows, and the same voice as in earlier episodes (the cast). ``check``
    says why a voice cannot speak on this machine (the caller asks at the edge); a cast voice that cannot
    is stood in for in this episode only, so the cast keeps it for machines that can. ``narrator``
    overrides the choice (`narrator read --voice`); it then reads no quote either. Problems a listener
    would notice come back as warnings; nothing is printed.
    """
    check_cast(cast, pool)
    notes: list[str] = []
    lang = _primary(language)
    if narrator is None:
        narrator, _ = choose_narrator(pool, lang, check, notes)
    # Every narrator stays out of quotes, also the ones standing by: on a machine where the neural
    # narrator cannot speak, the eSpeak narrator reads, and no quoted person may sound like it.
    reserved = {v.name for v in pool.voices if v.narrator} | {narrator.name}
    quote_voices = [v for v in pool.voices if v.name not in reserved and v.language == lang]
    if not quote_voices:
        quote_voices = [v for v in pool.voices if v.name not in reserved and v.language == "en"]
        if lang != "en" and any(s.kind == "quote" for s in segments):
            notes.append(f'no "{lang}" voices for quotes in the pool; quotes are read with English voices')
    unusable = {v.name: reason for v in quote_voices if (reason := check(v))}
    for reason in dict.fromkeys(unusable.values()):
        names = ", ".join(name for name, why in unusable.items() if why == reason)
        notes.append(f"voices {names} cannot speak here ({reason}); quotes use the other voices")
    quote_voices = [v for v in quote_voices if v.name not in unusable]
    if not quote_voices:
        quote_voices = [v for v in pool.voices if v.name not in reserved and not check(v)]
    if not quote_voices:
        raise ConfigError("the voice pool has no usable voice for quotes besides the narrators; add voices")

    speakers: list[str] = []
    genders: dict[str, str | None] = {}
    for segment in segments:
        if segment.kind == "quote" and segment.speaker:
            name = cast.canonical(segment.speaker)
            if name not in genders:
                speakers.append(name)
                genders[name] = None
            if genders[name] is None:
                genders[name] = segment.speaker_gender
    for name in speakers:
        if genders[name] is None:
            genders[name] = guess_gender(name)

    entries = dict(cast.entries)
    used: set[str] = set()
    chosen: dict[str, Voice] = {}
    # Pinned speakers first, then those the cast already knows, then new speakers in order of appearance.
    order = sorted(speakers, key=lambda s: (s not in cast.pins, s not in cast.entries, speakers.index(s)))
    for name in order:
        known = entries.get(name)
        if known is not None and known in reserved:
            # The cast was written with another narrator (`narrator read --voice`, an edited pool): the
            # speaker gets a voice of their own, and the cast remembers it.
            notes.append(f'"{name}" was cast with "{known}", which narrates here; they get another voice')
            known = None
        if known is not None and known in unusable:
            stand_in = _pick(name, genders[name], quote_voices, used, entries)
            notes.append(f'voice "{known}" cannot speak here ({unusable[known]}); "{stand_in.name}" reads '
                         f'"{name}" instead')
            chosen[name] = stand_in
            used.add(stand_in.name)
            continue
        if known is not None:
            voice = pool.get(known)
            if name in cast.pins or voice.name not in used or not _free(quote_voices, used, genders[name]):
                chosen[name] = voice
                used.add(voice.name)
                continue
        voice = _pick(name, genders[name], quote_voices, used, entries)
        entries[name] = voice.name
        chosen[name] = voice
        used.add(voice.name)

    anonymous: dict[str | None, Voice] = {}
    cast_segments = []
    for segment in segments:
        if segment.kind != "quote":
            voice = narrator
        elif segment.speaker:
            voice = chosen[cast.canonical(segment.speaker)]
        else:
            gender = segment.speaker_gender
            if gender not in anonymous:
                anonymous[gender] = _pick(f"unknown speaker {gender}", gender, quote_voices, used, entries)
                used.add(anonymous[gender].name)
            voice = anonymous[gender]
        cast_segments.append(CastSegment(segment=segment, voice=voice))
    updated = Cast(entries=entries, pins=cast.pins, aliases=dict(cast.aliases))
    return Casting(tuple(cast_segments), updated, tuple(notes))


def choose_narrator(
    pool: VoicePool, language: str, check: VoiceCheck, warnings: list[str] | None = None
) -> tuple[Voice, str]:
    """The narrator of ``language`` on this machine, and one line saying which it is and how to get
    the other kind (neural or eSpeak NG).

    The first declared narrator of the language that can speak here reads; with none declared, the
    usable voice of the language nearest the pool's narrator; with no voice of the language, the pool's
    narrator (with a warning).
    """
    notes: list[str] = warnings if warnings is not None else []
    lang = _primary(language)
    declared = pool.narrators_for(lang)
    narrator = next((v for v in declared if not check(v)), None)
    if narrator is None:
        same_language = [v for v in pool.voices if v.language == lang and not check(v)]
        narrator = _nearest(pool.narrator, same_language) if same_language else None
        if declared:
            reasons = "; ".join(f'"{v.name}": {check(v)}' for v in declared)
            notes.append(f"no narrator of \"{lang}\" can speak here ({reasons})")
    if narrator is None:
        if lang != pool.narrator.language:
            notes.append(
                f'no "{lang}" voices in the pool; the article is read with '
                f'"{pool.narrator.name}" ({pool.narrator.language})'
            )
        narrator = next((v for v in pool.narrators_for(pool.narrator.language) if not check(v)),
                        pool.narrator)
    return narrator, _narrator_notice(narrator, pool, check)


def _narrator_notice(narrator: Voice, pool: VoicePool, problem: Callable[[Voice], str | None]) -> str:
    others = [v for v in pool.narrators_for(narrator.language) if v != narrator]
    if narrator.engine == "piper":
        classic = next((v for v in others if v.engine != "piper"), None)
        how = (f'`narrator read --voice {classic.name}`, or put "{classic.name}" first among the narrators '
               "in voices/voices.toml" if classic else "add an eSpeak NG narrator to voices/voices.toml")
        return f'Narrator: "{narrator.name}", a neural voice (Piper). For eSpeak NG instead: {how}.'
    kind = ENGINE_NAMES.get(narrator.engine, narrator.engine)
    neural = next((v for v in others if v.engine == "piper"), None)
    if neural is None:
        return (f'Narrator: "{narrator.name}" ({kind}). For a natural neural narrator, '
                "`pip install 'narrator[neural]'` and add a piper voice (README: Neural voices).")
    why = problem(neural)
    if why is None:
        return (f'Narrator: "{narrator.name}" ({kind}). For the neural narrator, put "{neural.name}" first '
                "among the narrators in voices/voices.toml.")
    return (f'Narrator: "{narrator.name}" ({kind}); the neural narrator "{neural.name}" cannot speak here '
            f"({why}). Install it with `pip install 'narrator[neural]'` (scripts/bootstrap.sh does).")


def _free(voices: Sequence[Voice], used: set[str], gender: str | None) -> bool:
    return any(v.name not in used and (gender is None or v.gender == gender) for v in voices)


def _pick(
    speaker: str, gender: str | None, voices: Sequence[Voice], used: set[str], entries: Mapping[str, str]
) -> Voice:
    """A voice for a new speaker: right gender, unused in this episode, least used across the cast."""
    matching = [v for v in voices if gender is None or v.gender == gender] or list(voices)
    load = {v.name: 0 for v in voices}
    for name in entries.values():
        if name in load:
            load[name] += 1
    ordered = _spread(speaker, matching)
    return min(ordered, key=lambda v: (v.name in used, load[v.name], ordered.index(v)))
