"""The public library API, used as the README shows it: the README's example runs as written, and
everything checked here comes from ``import narrator``."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

import narrator

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_public_name_resolves() -> None:
    for name in narrator.__all__:
        assert getattr(narrator, name) is not None, name
    with pytest.raises(AttributeError):
        narrator.no_such_thing  # noqa: B018


@pytest.mark.audio
def test_the_readme_example_inits_builds_segments_and_reads_to_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = README.read_text(encoding="utf-8").split("## Library", 1)[1]
    example = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert "import narrator\n" in example and "from narrator." not in example
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(compile(example, str(README), "exec"), names)  # noqa: S102 - our own README

    report = names["report"]
    assert isinstance(report, narrator.BuildReport) and not report.failed, report
    assert [result.status for result in report.results] == ["built"]
    assert report.feed is not None and report.feed.is_file()
    article = names["article"]
    assert isinstance(article, narrator.PreparedArticle)
    quotes = [item for item in article.items if item.segment.kind == "quote"]
    narration = [item for item in article.items if item.segment.kind == "narration"]
    assert {item.segment.speaker for item in quotes} == {"Ada Lovelace"}
    assert {item.voice for item in quotes}.isdisjoint({item.voice for item in narration})
    assert "quote Ada Lovelace" in printed.getvalue()
    book = tmp_path / "welcome.m4b"
    assert book.stat().st_size > 1000 and (tmp_path / "welcome.vtt").read_text().startswith("WEBVTT")

    result = narrator.read_to_file("show/articles/welcome.md", "again.mp3", config="show/podcast.toml")
    assert isinstance(result, narrator.ReadResult) and result.duration > 5
    with pytest.raises(narrator.NarratorError, match="no such file"):
        narrator.segment_article("show/articles/missing.md", config="show/podcast.toml")
