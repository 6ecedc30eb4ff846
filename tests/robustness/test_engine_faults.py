"""Engines that are missing, hang, crash or write an empty file: that article fails with a message naming it
and the sentence, the others still build, the feed lists only complete episodes, and the exit code is 1.

Faults are injected through the public registry (``register_engine``, ``unregister_engine`` after) with
flite engines whose program is a small script, so the real subprocess, timeout and verification paths run;
the build runs in-process on threads, where those registrations are visible."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import narrator.engines as engines
import narrator.synth.synthesis as synthesis
from narrator.cli import cli
from narrator.engines.flite import FliteEngine

from .conftest import assert_feed_sound, make_podcast

FAULTS = {
    # engine name: (shell commands run instead of speaking, speaker who uses it)
    "fault-hang": ("exec sleep 60", "Harry Hang"),
    "fault-crash": ("kill -SEGV $$", "Carl Crash"),
    "fault-empty": ('while [ $# -gt 0 ]; do [ "$1" = -o ] && : > "$2"; shift; done', "Emma Empty"),
}
TIMEOUT = 2.0


def fake_flite(folder: Path, name: str, body: str) -> Path:
    script = folder / name
    script.write_text(f'#!/bin/sh\ncase "$1" in --version|-lv) exec /usr/bin/flite "$@";; esac\n{body}\n')
    script.chmod(0o755)
    return script


@pytest.fixture
def faulty_podcast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    if not shutil.which("flite"):
        pytest.skip("flite is not installed (apt install flite); the fault engines wrap it")
    articles = {"good.txt": 'A quiet day\n\nNothing happened today. "All calm," said Gail Good.\n'}
    voices, cast = [], []
    for engine, (body, speaker) in {**FAULTS, "fault-missing": ("", "Mona Missing")}.items():
        program = fake_flite(tmp_path, engine, body) if body else tmp_path / "no-such-program"
        engines.register_engine(engine, functools.partial(FliteEngine, str(program)))
        slug = engine.removeprefix("fault-")
        story = f'It was a {slug} day. "Terrible {slug}," said {speaker}.'
        articles[f"{slug}.txt"] = f"The {slug} story\n\n{story}\n"
        voices.append(
            f'[voices.{slug}]\nengine = "{engine}"\nid = "slt"\nrate = 165\npitch = 50\nvolume = 1.0\n'
            'gender = "m"\nlanguage = "en"\n'
        )
        cast.append(f'[speakers."{speaker}"]\nvoice = "{slug}"\npinned = true\n')
    root = make_podcast(tmp_path / "podcast", articles)
    with open(root / "voices" / "voices.toml", "a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(voices))
    (root / "voices" / "cast.toml").write_text("\n".join(cast), encoding="utf-8")
    # A short engine timeout, so the hang costs seconds: build() uses synth's default otherwise.
    monkeypatch.setattr(synthesis, "synthesise", functools.partial(synthesis.synthesise, timeout=TIMEOUT))
    yield root
    for engine in [*FAULTS, "fault-missing"]:
        engines.unregister_engine(engine)


def test_engine_faults_fail_only_their_article(faulty_podcast: Path) -> None:
    root = faulty_podcast
    result = CliRunner().invoke(
        cli, ["build", "--config", str(root / "podcast.toml"), "--executor", "thread", "--quiet"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == len(FAULTS), result.stderr
    for engine in FAULTS:
        slug = engine.removeprefix("fault-")
        (line,) = [e for e in errors if f"{slug}.txt" in e]
        assert str(root / "articles" / f"{slug}.txt") in line  # names the article...
        assert f"Terrible {slug}" in line  # ...and the sentence
    hang = next(e for e in errors if "hang.txt" in e)
    assert f"within {TIMEOUT:g} s" in hang
    # The missing engine's voice is replaced (with a warning), so its article still builds.
    assert 'voice "missing" cannot speak here (engine "fault-missing" is not installed)' in result.stderr
    assert "2 built, 0 unchanged, 3 failed" in result.stdout

    output = root / "output"
    items = assert_feed_sound(output)
    assert sorted(path.name.rsplit("-", 1)[0] for path, _ in items.values()) == ["good", "missing"]
    for engine in FAULTS:
        assert not list((output / "episodes").glob(f"{engine.removeprefix('fault-')}*"))


def test_a_damaged_espeak_library_counts_as_a_missing_engine(podcast_copy: Path, tmp_path: Path) -> None:
    """Issue 13, item 18: a libespeak-ng that dlopen refuses raised OSError from ctypes and aborted the
    build; now pyttsx3's voices give way to the nearest available ones, with a warning."""
    from .conftest import narrator

    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libespeak-ng.so.1").write_bytes(b"not a shared library" * 100)
    result = narrator("build", "--quiet", cwd=podcast_copy, env={"LD_LIBRARY_PATH": str(broken)})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert 'cannot speak here (engine "pyttsx3" is not installed)' in result.stderr
    assert_feed_sound(podcast_copy / "output")
