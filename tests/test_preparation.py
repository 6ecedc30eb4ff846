"""One preparation path: `narrator segments`, `build` and `read` give every segment the same speaker and
voice, in an English and in a French podcast (issue 14: segments once said "narrator" where build cast
"henri" for an article that names no language)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pools import leave_out_neural
from publish_helpers import published_file

from narrator.cast.casting import load_pool
from narrator.cli import cli
from narrator.read.options import ReadOptions
from narrator.read.reading import prepare_reading

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "articles").iterdir() if not p.name.endswith(".script.md"))


def podcast(tmp_path: Path, language: str) -> Path:
    """A copy of the sample podcast whose podcast.toml says ``language``, with every sample article."""
    root = tmp_path / language
    root.mkdir()
    config = (ROOT / "podcast.toml").read_text(encoding="utf-8")
    assert '\nlanguage = "en"\n' in config
    (root / "podcast.toml").write_text(config.replace('\nlanguage = "en"\n', f'\nlanguage = "{language}"\n'))
    shutil.copytree(ROOT / "voices", root / "voices", ignore=shutil.ignore_patterns("cast.toml"))
    # eSpeak NG voices only: the neural narrator would synthesise all three articles' narration (most of a
    # minute) to check the same casting path, which tests/test_pipeline.py checks on its seed build
    leave_out_neural(root / "voices" / "voices.toml")
    # The shipped French voices name eSpeak ids that pyttsx3 does not know here ("fr-fr+m3": unknown
    # voice); eSpeak's own file names ("roa/fr+m3") select the same voice and variant.
    pool = root / "voices" / "voices.toml"
    pool.write_text(pool.read_text(encoding="utf-8").replace('id = "fr-fr+', 'id = "roa/fr+'))
    shutil.copytree(ROOT / "articles", root / "articles")
    return root / "podcast.toml"


def segments_shown(config: Path, *names: str) -> dict[str, list[dict]]:
    """`narrator segments --format json` for the named articles (default: all) of the podcast, by stem."""
    folder = config.parent / "articles"
    articles = [str(folder / name) for name in names] or sorted(str(p) for p in folder.iterdir())
    result = CliRunner().invoke(cli, ["segments", "--format", "json", "--config", str(config), *articles])
    assert result.exit_code == 0, result.output
    shown = [json.loads(line) for line in result.stdout.splitlines()]
    return {Path(view["source"]).stem: view["segments"] for view in shown}


def speaker_name(segment: dict) -> str:
    if segment["kind"] == "narration":
        return "Narrator"
    return segment["speaker"] or "Unknown speaker"


def test_an_english_article_in_a_french_podcast_is_voiced_alike_by_segments_and_read(tmp_path: Path) -> None:
    """hms-argyll names no language; its words are English, so English voices read it, in both commands."""
    config = podcast(tmp_path, "fr")
    shown = segments_shown(config)
    narrators = {s["voice"] for s in shown["hms-argyll"] if s["kind"] == "narration"}
    assert narrators == {s["voice"] for s in shown["harbour-ferry-returns"] if s["kind"] == "narration"}
    pool = load_pool(config.parent / "voices" / "voices.toml")
    assert [pool.get(name).language for name in narrators] == ["en"]
    reading = prepare_reading(str(config.parent / "articles" / "hms-argyll.txt"), ReadOptions(config=config))
    body = reading.items[1:]  # after the title
    # Alone, as read meets it: `segments` over the folder casts earlier articles' speakers first.
    expected = [(s["text"], s["voice"]) for s in segments_shown(config, "hms-argyll.txt")["hms-argyll"]]
    assert [(i.segment.text, i.voice.name) for i in body] == expected


@pytest.mark.audio
@pytest.mark.parametrize("language", ["en", "fr"])
def test_segments_and_build_agree_on_every_speaker_and_voice(tmp_path: Path, language: str) -> None:
    config = podcast(tmp_path, language)
    shown = segments_shown(config)
    assert set(shown) == {p.stem for p in SAMPLES}
    built = CliRunner().invoke(cli, ["build", "--config", str(config), "--quiet"])
    assert built.exit_code == 0, built.output
    output = config.parent / "output"
    # What the build synthesised, by voice and words: every clip in its (fresh) segment cache.
    clips = (output / ".narrator" / "cache").rglob("*.json")
    synthesised = {(info["voice"], info["text"]) for info in (json.loads(p.read_text()) for p in clips)}
    cast = tomllib.loads((config.parent / "voices" / "cast.toml").read_text(encoding="utf-8"))["speakers"]
    expected_clips = set()
    for slug, segments in shown.items():
        expected_clips |= {(s["voice"], s["spoken"]) for s in segments}
        for segment in segments:
            if segment["kind"] == "quote" and segment["speaker"]:
                assert cast[segment["speaker"]]["voice"] == segment["voice"], (slug, segment)
        transcript = json.loads(published_file(output, slug, ".transcript.json").read_text(encoding="utf-8"))
        heard = [(cue["body"], cue["speaker"]) for cue in transcript["segments"]][1:-1]  # intro and outro
        said = [
            (" ".join(s["text"].split()), speaker_name(s))
            for s in segments
            if any(ch.isalnum() for ch in s["spoken"])  # a lone symbol is a silence, with no cue
        ]
        assert heard == said, slug
    assert expected_clips <= synthesised
    # Beyond the articles' segments the build spoke only each episode's intro and outro, as narration.
    framing = synthesised - expected_clips
    assert len(framing) <= 2 * len(shown)
    narrators = {s["voice"] for segments in shown.values() for s in segments if s["kind"] == "narration"}
    assert {voice for voice, _ in framing} <= narrators
