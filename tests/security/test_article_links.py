"""Links in the articles folder are not followed by a build unless the producer says so (issue 13,
item 4): `ln -s /etc/passwd articles/passwd.txt` published /etc/passwd as an episode."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.build.pipeline import find_articles
from narrator.errors import IngestError
from narrator.ingest.reader import LINKS_VARIABLE, read_article


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.txt").write_text("A story\n\nIt happened today.\n", encoding="utf-8")
    secret = tmp_path / "passwd"
    secret.write_text("Accounts\n\nroot:x:0:0:root is the first account line.\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "again.txt").symlink_to(folder / "story.txt")
    return folder


def test_links_are_left_out_with_a_warning(articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LINKS_VARIABLE, raising=False)
    warnings: list[str] = []
    assert find_articles(articles, warnings) == [articles / "story.txt"]
    assert len(warnings) == 2 and all(LINKS_VARIABLE in warning for warning in warnings)
    assert any("passwd.txt" in warning and "passwd" in warning for warning in warnings)


def test_the_documented_setting_lets_links_in(articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LINKS_VARIABLE, "1")
    warnings: list[str] = []
    found = find_articles(articles, warnings)
    assert {path.name for path in found} == {"story.txt", "passwd.txt", "again.txt"} and warnings == []
    assert read_article(articles / "passwd.txt").title == "Accounts"


def test_a_file_swapped_for_a_link_after_the_check_is_refused_when_opened(
    articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build opens each article with O_NOFOLLOW, so a file swapped for a link after the listing (and
    after read_article's own check, skipped here as if the swap came just after it) is still refused."""
    with pytest.raises(IngestError, match=rf"is a symbolic link.*{LINKS_VARIABLE}=1"):
        read_article(articles / "passwd.txt", follow_links=False)
    monkeypatch.setattr(Path, "is_symlink", lambda self: False)
    with pytest.raises(IngestError, match="is a symbolic link"):
        read_article(articles / "passwd.txt", follow_links=False)
    assert read_article(articles / "story.txt", follow_links=False).title == "A story"
