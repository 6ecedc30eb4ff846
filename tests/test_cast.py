"""The voice pool, the persistent cast and the casting rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.cast.casting import (
    Cast,
    VoicePool,
    assign_voices,
    choose_narrator,
    load_cast,
    load_pool,
    save_cast,
)
from narrator.errors import ConfigError, UnknownVoiceError
from narrator.models import CastSegment, Segment, Voice
from narrator.segment.gender import gender_detector, guess_gender

POOL = Path(__file__).resolve().parent.parent / "voices" / "voices.toml"
ENGINES = ["pyttsx3", "flite"]


def cast_voices(
    segments: list[Segment], pool: VoicePool, cast: Cast, warnings: list[str] | None = None, **options
) -> tuple[list[CastSegment], Cast]:
    """assign_voices' items and updated cast; its warnings are added to ``warnings``."""
    casting = assign_voices(segments, pool, cast, **options)
    if warnings is not None:
        warnings.extend(casting.warnings)
    return list(casting.items), casting.cast


def everything(voice: Voice) -> None:
    """Every voice can speak (no engine is asked)."""
    return None


def quote(speaker: str | None, text: str = "We will see.", gender: str | None = None) -> Segment:
    return Segment(text, text, "quote", speaker=speaker, speaker_gender=gender)


def narration(text: str = "The ship sailed.") -> Segment:
    return Segment(text, text, "narration")


SEED = [
    narration(),
    quote("Theresa May", "This is a proud day."),
    narration(),
    quote("Shinzo Abe", "We welcome the ship.", gender="m"),
    quote("Alasdair Magill", "The crew worked hard."),
    quote("Theresa May", "Thank you."),
]


def test_default_pool_has_enough_distinct_voices() -> None:
    pool = load_pool(POOL)
    english = [v for v in pool.voices if v.language == "en" and not v.narrator]
    assert [v.name for v in pool.narrators_for("en")] == ["joe", "narrator"]
    assert pool.narrator.engine == "piper"
    assert len(english) >= 10
    assert sum(v.gender == "f" for v in english) >= 4 and sum(v.gender == "m" for v in english) >= 4
    assert all("en-gb+" not in v.engine_id for v in pool.voices)  # eSpeak 1.51 ignores that variant
    assert {"de", "fr", "es"} <= {v.language for v in pool.voices}


def test_pool_problems_are_reported_together(tmp_path: Path) -> None:
    path = tmp_path / "voices.toml"
    path.write_text(
        '[voices.a]\nengine = "festival"\nid = "x"\ngender = "f"\nlanguage = "en"\n'
        '[voices.A]\nengine = "pyttsx3"\nid = "en"\ngender = "m"\nlanguage = "en"\n'
        '[voices.b]\nengine = "pyttsx3"\nid = "en"\ngender = "x"\nlanguage = "en"\npitch = 120\n'
    )
    with pytest.raises(ConfigError) as error:
        load_pool(path, known_engines=ENGINES)
    message = str(error.value)
    assert 'unknown engine "festival"; known: pyttsx3, flite' in message
    assert '"A" duplicates "a"' in message
    assert 'gender must be "f" or "m"' in message


def test_pool_without_narrator_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "voices.toml"
    path.write_text('[voices.a]\nengine = "pyttsx3"\nid = "en"\ngender = "f"\nlanguage = "en"\n')
    with pytest.raises(ConfigError, match="no voice has narrator = true"):
        load_pool(path, known_engines=ENGINES)


def test_seed_speakers_get_four_different_voices_of_the_right_gender() -> None:
    pool = load_pool(POOL)
    items, cast = cast_voices(SEED, pool, Cast(), check=everything)
    voices = {item.segment.speaker: item.voice for item in items}
    assert items[0].voice == pool.narrator and items[2].voice == pool.narrator
    assert (
        len(
            {
                voices[None].name,
                voices["Theresa May"].name,
                voices["Shinzo Abe"].name,
                voices["Alasdair Magill"].name,
            }
        )
        == 4
    )
    assert voices["Theresa May"].gender == "f" and voices["Shinzo Abe"].gender == "m"
    assert items[1].voice == items[5].voice
    assert set(cast.entries) == {"Theresa May", "Shinzo Abe", "Alasdair Magill"}


def test_casting_is_deterministic_and_stable_across_episodes(tmp_path: Path) -> None:
    pool = load_pool(POOL)
    first, cast = cast_voices(SEED, pool, Cast(), check=everything)
    again, _ = cast_voices(SEED, pool, Cast(), check=everything)
    assert [i.voice for i in first] == [i.voice for i in again]
    save_cast(tmp_path / "cast.toml", cast)
    loaded = load_cast(tmp_path / "cast.toml", pool)
    assert loaded == cast
    # A second article quoting Mrs May among new people: she keeps her voice.
    second = [quote("Boris Johnson", "Great."), quote("Theresa May", "Indeed."), quote("Jane Doe", "No.")]
    items, updated = cast_voices(second, pool, loaded, check=everything)
    assert items[1].voice.name == cast.entries["Theresa May"]
    assert len({item.voice.name for item in items}) == 3


def test_pins_and_aliases_are_respected(tmp_path: Path) -> None:
    pool = load_pool(POOL)
    path = tmp_path / "cast.toml"
    path.write_text(
        '[speakers."Theresa May"]\nvoice = "clara"\npinned = true\naliases = ["Mrs May", "May"]\n'
    )
    cast = load_cast(path, pool)
    items, updated = cast_voices([quote("Mrs May"), quote("mrs may")], pool, cast, check=everything)
    assert [item.voice.name for item in items] == ["clara", "clara"]
    save_cast(path, updated)
    text = path.read_text()
    assert "pinned = true" in text and 'aliases = ["May", "Mrs May"]' in text
    assert load_cast(path, pool) == updated


def test_unknown_voice_in_cast_lists_known_voices(tmp_path: Path) -> None:
    path = tmp_path / "cast.toml"
    path.write_text('[speakers."Ann"]\nvoice = "narator"\n')
    with pytest.raises(
        UnknownVoiceError, match=r'unknown voice "narator" in .*cast.toml; known: joe, narrator, anna'
    ):
        load_cast(path, load_pool(POOL))


def test_missing_cast_is_empty(tmp_path: Path) -> None:
    assert load_cast(tmp_path / "absent.toml") == Cast()


def test_quotes_never_get_the_narrator_and_stay_distinct_while_possible() -> None:
    pool = load_pool(POOL)
    quote_voices = [v for v in pool.voices if v.language == "en" and not v.narrator]
    # More speakers than quote voices: every quote voice is used before any is used twice.
    segments = [quote(f"Speaker {n}") for n in range(len(quote_voices) + 2)] + [quote(None)]
    items, _ = cast_voices(segments, pool, Cast(), check=everything)
    names = [item.voice.name for item in items]
    assert not {v.name for v in pool.voices if v.narrator} & set(names)  # standing-by narrators too
    assert len(set(names)) == len(quote_voices)


def test_unavailable_engine_falls_back_with_a_warning() -> None:
    pool = load_pool(POOL)
    warnings: list[str] = []
    items, _ = cast_voices(
        [quote(f"Speaker {n}") for n in range(12)],
        pool,
        Cast(),
        check=lambda voice: 'engine "flite" is not installed' if voice.engine == "flite" else None,
        warnings=warnings,
    )
    assert all(item.voice.engine == "pyttsx3" for item in items)
    assert 'voices dora, carl, dev cannot speak here (engine "flite" is not installed)' in warnings[0]


def test_narrator_is_neural_when_piper_can_speak_else_espeak_with_one_notice() -> None:
    pool = load_pool(POOL)
    narrator, notice = choose_narrator(pool, "en", everything)
    assert narrator.name == "joe" and "neural voice (Piper)" in notice and "--voice narrator" in notice
    narrator, notice = choose_narrator(
        pool, "en", lambda v: "Piper is not installed" if v.engine == "piper" else None
    )
    assert narrator.name == "narrator" and narrator.engine == "pyttsx3"
    assert "\n" not in notice and "Piper is not installed" in notice and "narrator[neural]" in notice
    items, _ = cast_voices(SEED, pool, Cast(), check=lambda v: "no" if v.engine == "piper" else None)
    assert items[0].voice.name == "narrator"
    assert "narrator" not in {item.voice.name for item in items if item.segment.kind == "quote"}


def test_a_cast_voice_that_narrates_is_never_shared_with_a_quote() -> None:
    """`narrator read --voice adam` makes adam the narrator; whoever the cast gave adam gets another voice."""
    pool = load_pool(POOL)
    cast = Cast(entries={"one fisherman": "adam"}, pins=frozenset({"one fisherman"}))
    warnings: list[str] = []
    items, _ = cast_voices([narration(), quote("one fisherman", gender="m")], pool, cast,
                             check=everything, warnings=warnings, narrator=pool.get("adam"))
    assert items[0].voice.name == "adam" and items[1].voice.name != "adam"
    assert items[1].voice.gender == "m" and any("which narrates here" in w for w in warnings)


def test_a_cast_voice_that_cannot_speak_here_is_stood_in_for_without_changing_the_cast() -> None:
    pool = load_pool(POOL)
    cast = Cast(entries={"Marie Curie": "claire"})
    warnings: list[str] = []
    items, updated = cast_voices(
        [narration(), quote("Marie Curie", gender="f")], pool, cast, language="fr",
        check=lambda v: 'unknown voice "fr-fr"' if v.name == "claire" else None, warnings=warnings,
    )
    assert items[1].voice.name == "amelie" and updated.entries["Marie Curie"] == "claire"
    assert any('voice "claire" cannot speak here' in w for w in warnings)


def test_article_language_picks_native_voices_or_warns() -> None:
    pool = load_pool(POOL)
    items, _ = cast_voices(
        [narration(), quote("Angela Merkel")], pool, Cast(), language="de-DE", check=everything
    )
    assert items[0].voice.language == "de" and items[1].voice.language == "de"
    assert items[0].voice != items[1].voice and items[1].voice.gender == "f"
    warnings: list[str] = []
    items, _ = cast_voices(
        [narration(), quote("X")], pool, Cast(), language="ja", check=everything, warnings=warnings
    )
    assert items[0].voice == pool.narrator
    assert any('no "ja" voices' in w for w in warnings)


@pytest.mark.parametrize(
    ("speaker", "gender"),
    [
        ("Mrs May", "f"),
        ("Mr. Abe", "m"),
        ("Theresa May", "f"),
        ("Sir Keir Starmer", "m"),
        ("Abe", None),
        # the table lists these only unaccented ("Elise", "Etienne", "Siobhan")
        ("Élise Gagnon", "f"),
        ("Étienne Roy", "m"),
        ("Siobhán Kelly", "f"),
    ],
)
def test_gender_guess(speaker: str, gender: str | None) -> None:
    assert guess_gender(speaker) == gender



def test_first_name_table_is_gender_guessers_own() -> None:
    """The quick parse of gender-guesser's table gives exactly the table its Detector builds: the same
    names, labels, country columns and order (which decides ties)."""
    import gender_guesser.detector

    reference = gender_guesser.detector.Detector(case_sensitive=False).names
    ours = gender_detector().names
    assert list(ours) == list(reference)
    assert all(list(ours[name].items()) == list(reference[name].items()) for name in reference)
    assert {"abdel aziz", "abdel-aziz", "abdelaziz"} <= ours.keys()  # "Abdel+Aziz" under three spellings

@pytest.mark.parametrize("body", ["speakers = 3\n", 'speakers = "Ann"\n', "speakers = [1, 2]\n"])
def test_speakers_that_is_not_a_table_is_a_config_error(tmp_path: Path, body: str) -> None:
    path = tmp_path / "cast.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=r"cast.toml: \[speakers\] must be a table of speaker tables"):
        load_cast(path)


def test_every_bad_speaker_entry_is_listed_in_one_message(tmp_path: Path) -> None:
    path = tmp_path / "cast.toml"
    path.write_text(
        'speakers.Plain = "clara"\n'
        '[speakers.A]\nvoice = "clara"\naliases = 5\n'
        '[speakers.B]\nvoice = "clara"\naliases = [[1]]\n'
        "[speakers.C]\nvoice = 7\n"
        '[speakers.D]\nvoice = "clara"\npinned = "yes"\n'
        '[speakers.E]\nvoice = "clara"\nalias = ["Mrs E"]\n'
    )
    with pytest.raises(ConfigError) as info:
        load_cast(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    for fragment in (
        'speaker "Plain" must be a table ([speakers."Plain"] with voice = "NAME"), not \'clara\'',
        'speaker "A": aliases must be a list of names such as ["Mrs May"], not 5',
        'speaker "B": aliases must be a list of names such as ["Mrs May"], not [[1]]',
        'speaker "C" needs voice = "NAME", not 7',
        "speaker \"D\": pinned must be true or false, not 'yes'",
        'speaker "E": unknown key alias; did you mean "aliases"?',
    ):
        assert fragment in message, fragment
