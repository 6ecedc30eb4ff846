"""The command line: exit codes, one-line errors, and that every command is documented."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import cli

ROOT = Path(__file__).parent.parent


@pytest.fixture
def runner():
    return CliRunner()


def one_line_error(result, *fragments):
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_every_command_has_help_and_is_in_the_readme(runner):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, name
        assert f"narrator {name}" in readme, name
        assert runner.invoke(cli, [name, "--help"]).exit_code == 0


def test_read_help_names_every_format_read_can_write(runner):
    from narrator.read.options import OUTPUT_SUFFIXES

    text = " ".join(runner.invoke(cli, ["read", "--help"]).output.split())
    assert all(suffix in text for suffix in OUTPUT_SUFFIXES)


def test_readme_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^#+\s*Quick start.*?^```[^\n]*\n(.*?)^```", readme, re.S | re.M).group(1)
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert "build" in commands[0] and "test" in commands[1]
    assert "README.md" in (ROOT / ".ci" / "run").read_text()


def test_init_creates_a_buildable_folder_and_refuses_to_overwrite(runner, tmp_path):
    target = tmp_path / "show"
    result = runner.invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    for name in ("podcast.toml", "voices/voices.toml", "voices/lexicon.toml", "articles/welcome.md"):
        assert (target / name).is_file(), name
    segments = runner.invoke(cli, ["segments", str(target / "articles/welcome.md"), "--format", "json",
                                   "--config", str(target / "podcast.toml")])
    assert segments.exit_code == 0, segments.output
    data = json.loads(segments.output)
    assert any(s["kind"] == "quote" and s["speaker"] == "Ada Lovelace" for s in data["segments"])
    one_line_error(runner.invoke(cli, ["init", str(target)]), "already exists")


def test_segments_json_contract_on_the_seed(runner):
    result = runner.invoke(cli, ["segments", str(ROOT / "articles/hms-argyll.txt"), "--format", "json",
                                 "--config", str(ROOT / "podcast.toml")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"].endswith("hms-argyll.txt") and data["title"]
    narrator_voices = {s["voice"] for s in data["segments"] if s["kind"] == "narration"}
    assert len(narrator_voices) == 1
    speakers = {s["speaker"] for s in data["segments"] if s["kind"] == "quote"}
    assert {"Theresa May", "Shinzo Abe", "Alasdair Magill"} <= speakers
    for segment in data["segments"]:
        assert set(segment) >= {"text", "kind", "speaker", "voice"}
        if segment["kind"] == "quote":
            assert segment["voice"] not in narrator_voices


def test_segments_prints_one_object_per_line_for_several_files(runner, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Title {name}\n\n\"Hello there,\" said Jane Doe.\n", encoding="utf-8")
    result = runner.invoke(cli, ["segments", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                 "--format", "json", "--config", str(ROOT / "podcast.toml")])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    sources = [json.loads(line)["source"] for line in lines]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


@pytest.mark.parametrize("content, fragment", [
    (None, "no such file"),
    (b"", "empty"),
    (b"   \n\n  \t\n", "empty"),
    (bytes(range(256)) * 40, "not text"),
])
def test_bad_articles_give_one_line_errors(runner, tmp_path, content, fragment):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(cli, ["segments", str(path), "--config", str(ROOT / "podcast.toml")])
    one_line_error(result, fragment)


def test_build_into_an_unwritable_output_folder(runner, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    output = blocker / "output"  # cannot be created, even by root
    result = runner.invoke(cli, ["build", "--config", str(ROOT / "podcast.toml"), "--output", str(output)])
    one_line_error(result, "output folder")


def test_build_without_a_config(runner, tmp_path):
    result = runner.invoke(cli, ["build", "--config", str(tmp_path / "podcast.toml")])
    one_line_error(result, "not found", "narrator init")


def test_validate_a_folder_without_a_feed(runner, tmp_path):
    result = runner.invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_packaged_defaults_match_the_repository_podcast_folder():
    """`narrator init` and `narrator read` use the packaged voices; the repository is a podcast folder too.
    Its lexicon holds the sample articles' words, the packaged one only commented examples."""
    packaged = (ROOT / "narrator" / "data" / "voices.toml").read_text(encoding="utf-8")
    assert packaged == (ROOT / "voices" / "voices.toml").read_text(encoding="utf-8")


def test_segments_outside_a_podcast_folder_uses_the_packaged_voices(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('Title\n\n"Hello there," said Jane Doe.\n', encoding="utf-8")
    result = runner.invoke(cli, ["segments", str(article), "--format", "json",
                                 "--config", str(tmp_path / "podcast.toml")])
    assert result.exit_code == 0, result.output
    voices = {s["kind"]: s["voice"] for s in json.loads(result.output)["segments"]}
    assert voices["narration"] == "joe" and voices["quote"] not in ("joe", "narrator")  # neural narrator


def test_voices_lists_the_pool_and_refuses_a_preview_that_is_not_wav(runner, tmp_path):
    result = runner.invoke(cli, ["voices", "--config", str(ROOT / "podcast.toml")])
    assert result.exit_code == 0, result.output
    assert "narrator" in result.output and "Engines on this machine:" in result.output
    one_line_error(runner.invoke(cli, ["voices", "--preview", "anna", "-o", str(tmp_path / "a.mp3"),
                                       "--config", str(ROOT / "podcast.toml")]), "use a .wav name")
    assert not (tmp_path / "a.mp3").exists()
