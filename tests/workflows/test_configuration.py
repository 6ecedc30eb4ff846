"""Issue 12, items 6 and 11, and issue 13, items 9 and 15: settings and options are checked in full before
any work, and a mistake is one line that says how to fix it."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from .conftest import PODCAST_TOML, Podcast, Run


def assert_refused_before_any_work(podcast: Podcast, run: Run, *fragments: str) -> str:
    """One ``Error:`` line holding every fragment, exit 1, and nothing built, planned or written."""
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), run.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert not podcast.output.exists(), "work started before the settings were checked"
    return lines[0]


def with_setting(podcast: Podcast, old: str, new: str) -> None:
    config = podcast.root / "podcast.toml"
    text = config.read_text()
    assert old in text
    config.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        ('category = "News"', 'category = "news"', ('category "news"', 'did you mean "News"')),
        ('category = "News"', 'category = "Tech"', ('category "Tech"', 'did you mean "Technology"')),
        ('title = "', 'titel = "', ("unknown key titel", 'did you mean "title"', "missing title")),
        ("[audio]", "[audio]\nsentance_pause = 0.5", ('did you mean "sentence_pause"',)),
        ("[audio]", "[audio]\nsentence_pause = 100000.0", ("sentence_pause", "0-5")),
        ("[audio]", "[audio]\nparagraph_pause = nan", ("paragraph_pause",)),
        ('explicit = false', 'explicit = false\nmax_episodes = 100000000000', ("max_episodes",)),
        ('explicit = false', 'explicit = false\nintro = "{oops}"', ("intro", "{oops}", "podcast, title")),
        ('explicit = false', 'explicit = false\noutro = "Bye {"', ("outro", "{")),
        ('explicit = false', 'explicit = false\nintro = "{0}"', ("intro", "{0}")),
        ('explicit = false', 'explicit = false\nintro = "{title:>999999999}"', ("intro", "title")),
        ('explicit = false', 'explicit = false\nintro = "{title.__class__}"', ("intro", "title")),
        ("[podcast]", "[podcats]\n[podcast]", ('unknown table [podcats]', 'did you mean "podcast"')),
    ],
    ids=["category-case", "category-near", "misspelt-key", "misspelt-audio-key", "huge-pause", "nan-pause",
         "huge-max-episodes", "template-unknown-field", "template-lone-brace", "template-positional",
         "template-width", "template-attribute", "misspelt-table"],
)
def test_a_bad_setting_is_one_line_before_any_work(
    podcast: Podcast, old: str, new: str, fragments: tuple[str, ...]
) -> None:
    with_setting(podcast, old, new)
    assert_refused_before_any_work(podcast, podcast.narrator("build"), *fragments)


@pytest.mark.parametrize(
    ("addition", "fragments"),
    [
        ('\n[voices.zed]\nengine = "pyttsx3"\nid = "en"\nrat = 170\ngender = "m"\nlanguage = "en"\n',
         ('"zed"', "rat", 'did you mean "rate"')),
        ('\n[voices.zed]\nengine = "pyttsx3"\nid = "en"\nrate = 100000\ngender = "m"\nlanguage = "en"\n',
         ('"zed"', "rate", "80-450")),
    ],
    ids=["misspelt-voice-key", "huge-rate"],
)
def test_a_bad_voice_is_one_line_before_any_work(
    podcast: Podcast, addition: str, fragments: tuple[str, ...]
) -> None:
    voices = podcast.root / "voices" / "voices.toml"
    voices.write_text(voices.read_text() + addition)
    assert_refused_before_any_work(podcast, podcast.narrator("build"), "voices.toml", *fragments)


def test_a_misspelt_cast_key_is_one_line_before_any_work(podcast: Podcast) -> None:
    cast = '[speakers."Bob Smith"]\nvoice = "anna"\npined = true\n'
    (podcast.root / "voices" / "cast.toml").write_text(cast)
    assert_refused_before_any_work(
        podcast, podcast.narrator("build"), "cast.toml", "pined", 'did you mean "pinned"'
    )


@pytest.mark.parametrize("name", ["podcast.toml", "voices/voices.toml", "voices/cast.toml"])
def test_a_config_file_that_never_ends_is_refused(podcast: Podcast, name: str) -> None:
    path = podcast.root / name
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")
    assert_refused_before_any_work(podcast, podcast.narrator("build"), name.rsplit("/", 1)[-1])


def test_a_huge_config_file_is_refused(podcast: Podcast) -> None:
    config = podcast.root / "podcast.toml"
    config.write_text(PODCAST_TOML + "#" * (2 * 1024 * 1024) + "\n")
    assert_refused_before_any_work(podcast, podcast.narrator("build"), "podcast.toml", "too large")


def test_a_missing_executor_is_refused_before_any_work(podcast: Podcast) -> None:
    run = podcast.narrator("build", "--executor", "locl")
    assert_refused_before_any_work(podcast, run, '"locl"', 'did you mean "local"')


def test_the_cluster_is_not_contacted_when_nothing_needs_building(built: Podcast) -> None:
    # A listener that is never answered: a build that contacted it would wait 10 s, then fail.
    with socket.socket() as scheduler:
        scheduler.bind(("127.0.0.1", 0))
        scheduler.listen()
        scheduler.setblocking(False)
        port = scheduler.getsockname()[1]
        built.build("--executor", f"dask://127.0.0.1:{port}", built=0)
        with pytest.raises(BlockingIOError):
            scheduler.accept()


def test_an_unreachable_cluster_fails_at_once_when_work_is_needed(podcast: Podcast) -> None:
    run = podcast.narrator("build", "--executor", "dask://127.0.0.1:1")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "127.0.0.1:1" in run.stderr


def test_settings_are_checked_when_segments_and_voices_run(podcast: Podcast) -> None:
    voices = podcast.root / "voices" / "voices.toml"
    voices.write_text(voices.read_text().replace("rate = 165", "rat = 165", 1))
    for args in (("segments", "articles/harbour.txt"), ("voices",)):
        run = podcast.narrator(*args)
        assert run.returncode == 1 and 'did you mean "rate"' in run.stderr, run.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_config_is_one_line(podcast: Podcast) -> None:
    (podcast.root / "podcast.toml").chmod(0)
    assert_refused_before_any_work(podcast, podcast.narrator("build"), "podcast.toml")


def test_config_errors_name_the_file(tmp_path: Path) -> None:
    podcast = Podcast.create(tmp_path / "p", {})
    (podcast.root / "podcast.toml").write_text("[podcast\n")
    assert_refused_before_any_work(podcast, podcast.narrator("build"), "podcast.toml", "TOML")
