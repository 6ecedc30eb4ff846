from pathlib import Path

import pytest

from narrator.config import load_channel, podcast_language
from narrator.errors import ConfigError

VALID = """
[podcast]
title = "T"
description = "D"
author = "A"
owner_email = "a@example.org"
language = "en-gb"
category = "News"
base_url = "https://example.org/pod"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "podcast.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_channel_gets_defaults_and_a_trailing_slash(tmp_path):
    channel = load_channel(write(tmp_path, VALID))
    assert channel.base_url == "https://example.org/pod/"
    assert channel.feed_url == "https://example.org/pod/feed.xml"
    assert channel.explicit is False
    assert channel.audio.target_lufs == -19.0


def test_every_missing_field_is_listed_in_one_message(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_channel(write(tmp_path, '[podcast]\ntitle = "T"\n'))
    message = str(info.value)
    for field in ("description", "author", "owner_email", "language", "category", "base_url"):
        assert field in message
    assert "\n" not in message


def test_invalid_values_are_named(tmp_path):
    text = VALID.replace('"en-gb"', '"english"').replace('"a@example.org"', '"nobody"')
    text += 'explicit = "yes"\n[audio]\nchannels = 3\n'
    with pytest.raises(ConfigError) as info:
        load_channel(write(tmp_path, text))
    message = str(info.value)
    assert '"english"' in message and "nobody" in message and "explicit" in message
    assert "audio.channels" in message


def test_missing_and_malformed_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_channel(tmp_path / "absent.toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_channel(write(tmp_path, "[podcast\n"))


def test_the_repository_config_is_valid():
    channel = load_channel(Path(__file__).parent.parent / "podcast.toml")
    assert channel.title


def test_podcast_guid_is_set_once_from_the_configured_address(tmp_path):
    channel = load_channel(write(tmp_path, VALID))
    assert channel.with_base_url("http://127.0.0.1:8765/").guid == channel.guid
    pinned = load_channel(write(tmp_path, VALID + 'guid = "9b024349-ccf0-5f69-a609-6b82873eab3c"\n'))
    assert pinned.guid == "9b024349-ccf0-5f69-a609-6b82873eab3c"


@pytest.mark.parametrize("podcast", ["podcast = 3\n", 'podcast = "x"\n', "podcast = [1]\n"])
def test_podcast_that_is_not_a_table_is_a_config_error(tmp_path, podcast):
    with pytest.raises(ConfigError, match=r"podcast.toml: \[podcast\] must be a table"):
        load_channel(write(tmp_path, podcast))


def test_wrong_types_and_audio_values_are_all_listed_in_one_message(tmp_path):
    text = VALID + 'artwork = 3\nintro = 5\noutro = []\nlocked = "no"\n'
    text += (
        '[audio]\nsentence_pause = "x"\nparagraph_pause = -1\nsample_rate = 22050\nbitrate = 65\nspeed = 2\n'
    )
    with pytest.raises(ConfigError) as info:
        load_channel(write(tmp_path, text))
    message = str(info.value)
    assert message.startswith(str(tmp_path / "podcast.toml") + ": ")
    assert "\n" not in message
    for fragment in (
        "artwork must be a string in quotes, not 3",
        "intro must be a string in quotes, not 5",
        "outro must be a string in quotes, not []",
        "locked must be true or false, not 'no'",
        "audio.sentence_pause must be a number of seconds from 0-5, such as 0.5, not 'x'",
        "audio.paragraph_pause must be a number of seconds from 0-5, such as 0.5, not -1",
        "audio.sample_rate must be an MP3 sample rate (32000, 44100 or 48000), not 22050",
        "audio.bitrate must be an MP3 bitrate such as 64 or 96, not 65",
        "[audio]: unknown key speed; allowed: bitrate, channels, format, heading_pause, paragraph_pause",
    ):
        assert fragment in message, fragment


@pytest.mark.parametrize("audio", ["audio = 3\n", 'audio = "loud"\n'])
def test_audio_that_is_not_a_table_is_listed(tmp_path, audio):
    with pytest.raises(ConfigError, match=r"\[audio\] must be a table .*not "):
        load_channel(write(tmp_path, audio + VALID))


def test_good_audio_settings_are_read(tmp_path):
    text = VALID + "[audio]\nsample_rate = 48000\nsentence_pause = 0\nheading_pause = 2\nchannels = 2\n"
    audio = load_channel(write(tmp_path, text)).audio
    assert (audio.sample_rate, audio.sentence_pause, audio.heading_pause, audio.channels) == (
        48000,
        0.0,
        2.0,
        2,
    )
    assert isinstance(audio.heading_pause, float)


def test_audio_format_is_mp3_by_default_or_m4a_with_its_own_rules(tmp_path):
    assert load_channel(write(tmp_path, VALID)).audio.format.name == "mp3"
    audio = load_channel(write(tmp_path, VALID + '[audio]\nformat = "m4a"\nsample_rate = 24000\n')).audio
    assert (audio.format.name, audio.format.mime, audio.sample_rate) == ("m4a", "audio/x-m4a", 24000)
    with pytest.raises(ConfigError) as info:
        load_channel(write(tmp_path, VALID + '[audio]\nformat = "flac"\n'))
    assert "audio.format must be 'mp3' or 'm4a', not 'flac'" in str(info.value)
    with pytest.raises(ConfigError) as info:
        load_channel(write(tmp_path, VALID + '[audio]\nformat = "m4a"\nsample_rate = 11025\nbitrate = 224\n'))
    message = str(info.value)
    assert "audio.sample_rate must be an M4A sample rate (22050, 24000, 32000, 44100 or 48000)" in message
    assert "audio.bitrate must be an M4A bitrate such as 64 or 96, not 224" in message


def test_podcast_language_alone_is_read_for_segments_and_read(tmp_path):
    assert podcast_language(tmp_path / "absent.toml") == "en"
    assert podcast_language(write(tmp_path, '[podcast]\nlanguage = "fr"\n')) == "fr"
    with pytest.raises(ConfigError, match='language "French" is not an ISO 639 code'):
        podcast_language(write(tmp_path, '[podcast]\nlanguage = "French"\n'))


def test_voices_with_a_missing_explicit_config_is_an_error(tmp_path, monkeypatch):
    """`narrator voices --config missing.toml` fails like build; without --config the packaged pool serves."""
    from click.testing import CliRunner

    from narrator.cli import cli

    runner = CliRunner()
    missing = tmp_path / "missing.toml"
    result = runner.invoke(cli, ["voices", "--config", str(missing)])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0] == (
        f"Error: {missing}: not found; pass the podcast.toml of a podcast folder, or run `narrator init DIR`"
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["voices"])
    assert result.exit_code == 0, result.output
    assert "narrator" in result.output
