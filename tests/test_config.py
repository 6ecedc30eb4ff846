from pathlib import Path

import pytest

from narrator.config import load_channel
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
    text += "explicit = \"yes\"\n[audio]\nchannels = 3\n"
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
