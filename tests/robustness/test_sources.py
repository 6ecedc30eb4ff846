"""Articles and front matter that used to abort with a traceback, or read wrongly: each is now read, or
refused in one line naming the file (issue 13, items 6, 12, 13, 20 and 22)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.ingest.reader import decode_text, read_article

from .conftest import ROOT, assert_one_line_error


def segments(path: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, ["segments", "--format", "json", "--config", str(ROOT / "podcast.toml"), "--", str(path)]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


JAPANESE = [
    "会議\n\n結果を報告します。",
    "第一章\n\n彼は歩いた。",
    "東京の天気\n\n今日は朝から雨が降っています。午後には晴れる見込みです。",
    "お知らせ\n\n図書館は来週から改装のため休館します。",
]


@pytest.mark.parametrize("codec", ["shift_jis", "euc_jp", "iso2022_jp"])
@pytest.mark.parametrize("text", JAPANESE, ids=range(len(JAPANESE)))
def test_japanese_code_pages_are_read_as_japanese(codec: str, text: str) -> None:
    """Short Shift-JIS texts came out as Korean (cp949) or UTF-16 noise; ISO-2022-JP passed as UTF-8."""
    assert decode_text(text.encode(codec), "story.txt") == text


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("cp949", "뉴스 제목\n\n오늘 서울에 비가 왔습니다. 시장은 내일 맑을 것이라고 말했습니다."),
        ("gb18030", "新闻标题\n\n今天北京下雨了。市长说明天会晴天。"),
        ("cp1252", "Café résumé\n\nThe naïve “quote” costs €5 — Äpfel, Öl, Straße."),
        ("cp1251", "Новости\n\nСегодня в Москве шёл дождь."),
    ],
)
def test_other_code_pages_are_not_taken_for_japanese(codec: str, text: str) -> None:
    assert decode_text(text.encode(codec), "story.txt") == text


def test_an_alias_bomb_in_front_matter_is_refused_at_once(tmp_path: Path) -> None:
    """Item 6: 700 bytes of nested YAML aliases drove `segments` to 5.5 GB."""
    levels = "abcdefghi"
    bomb = "---\na: &a [" + ", ".join(['"lol"'] * 9) + "]\n"
    bomb += "".join(f"{n}: &{n} [{', '.join([f'*{levels[i]}'] * 9)}]\n" for i, n in enumerate(levels[1:]))
    path = tmp_path / "bomb.md"
    path.write_text(bomb + "title: Laughs\n---\n\nBody text.\n", encoding="utf-8")
    code, _, stderr = segments(path)
    assert_one_line_error(code, stderr, "bomb.md", "aliases (*a) are not allowed")


@pytest.mark.parametrize(
    ("front", "fragment"),
    [
        ("date: 2024-13-01", 'date "2024-13-01" in the front matter is not a date'),
        ("date: 2024-02-30", 'date "2024-02-30"'),
        ("date: next tuesday", 'date "next tuesday"'),
        ("title: " + "[" * 5000 + "]" * 5000, "nested too deeply"),
        ("title: [unclosed", "not valid YAML"),
    ],
)
def test_bad_front_matter_is_one_line(tmp_path: Path, front: str, fragment: str) -> None:
    """Item 13: `date: 2024-13-01` raised a bare ValueError from inside PyYAML."""
    path = tmp_path / "story.md"
    path.write_text(f"---\n{front}\n---\n\nThe body of the story.\n", encoding="utf-8")
    code, _, stderr = segments(path)
    assert_one_line_error(code, stderr, "story.md", fragment)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("date: 2024-06-01", datetime(2024, 6, 1)),
        ("date: 2024-06-01 10:30:00+02:00", datetime(2024, 6, 1, 8, 30, tzinfo=timezone.utc)),
        ("date: 2024-06-01T10:30:00Z", datetime(2024, 6, 1, 10, 30, tzinfo=timezone.utc)),
        ('date: "1 June 2024"', datetime(2024, 6, 1)),
    ],
)
def test_good_front_matter_dates_still_read(tmp_path: Path, front: str, expected: datetime) -> None:
    path = tmp_path / "story.md"
    path.write_text(f"---\ntitle: Dated\n{front}\n---\n\nThe body of the story.\n", encoding="utf-8")
    assert read_article(path).date == expected


def test_toml_front_matter(tmp_path: Path) -> None:
    """Item 22: `+++` front matter (Hugo) was read aloud and its first line taken as the title."""
    path = tmp_path / "hugo.md"
    path.write_text(
        '+++\ntitle = "From Hugo"\nauthor = "Kim Ode"\ndate = 2024-06-01\nurl = "https://example.org/a"\n'
        '+++\n\nThe body of the story.\n',
        encoding="utf-8",
    )
    article = read_article(path)
    assert (article.title, article.author, article.url) == ("From Hugo", "Kim Ode", "https://example.org/a")
    assert article.date == datetime(2024, 6, 1)
    assert [block.text for block in article.blocks] == ["The body of the story."]
    path.write_text('+++\ntitle = "unclosed\n+++\n\nBody.\n', encoding="utf-8")
    code, _, stderr = segments(path)
    assert_one_line_error(code, stderr, "hugo.md", "not valid TOML")


def test_markdown_tables_are_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "prices.md"
    path.write_text(
        "# Prices\n\nTea went up.\n\n| Item | Price |\n| :--- | ---: |\n| Tea | 2 |\n| Cake | 3 |\n\n"
        "Coffee did not.\n\nA line with a | pipe stays.\n",
        encoding="utf-8",
    )
    code, stdout, stderr = segments(path)
    assert code == 0, stderr
    data = json.loads(stdout)
    spoken = " ".join(s["text"] for s in data["segments"])
    assert "Tea went up." in spoken and "Coffee did not." in spoken
    assert "A line with a | pipe stays." in spoken
    assert "Cake" not in spoken and "---" not in spoken
    assert [s for s in data["skipped"] if s["reason"] == "table"] == [
        {"text": "| Item | Price |\n| :--- | ---: |\n| Tea | 2 |\n| Cake | 3 |", "reason": "table"}
    ]


BODY = (
    "<body><article><p>The body of this page has enough words to be an article of its own.</p>"
    "<p>A second paragraph makes sure the extractor keeps it.</p></article></body></html>"
)


def test_deeply_nested_json_ld_is_ignored(tmp_path: Path) -> None:
    """json.loads raises RecursionError, not ValueError, on 100,000 open brackets."""
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><script type="application/ld+json">' + "[" * 100_000 + "</script></head>" + BODY,
        encoding="utf-8",
    )
    code, stdout, stderr = segments(path)
    assert code == 0 and "extractor keeps it" in stdout, stderr


def test_lone_surrogates_in_json_ld_are_replaced(tmp_path: Path) -> None:
    """Item 12: JSON escapes such as \\ud800 made strings no encoder can write."""
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Half \\ud800 a '
        'character", "author": {"name": "Ann \\udfff Lee"}}</script></head>' + BODY,
        encoding="utf-8",
    )
    code, stdout, stderr = segments(path)
    assert code == 0, stderr
    assert json.loads(stdout)["title"] == "Half \ufffd a character"
    assert read_article(path).author == "Ann \ufffd Lee"


def test_a_file_name_cannot_forge_a_second_error_line(tmp_path: Path) -> None:
    """Item 20: a newline in a file name printed a second, forged `Error:` line."""
    path = tmp_path / "story\nError: everything is fine\x1b[2J.txt"
    path.write_text("", encoding="utf-8")
    code, _, stderr = segments(path)
    line = assert_one_line_error(code, stderr, "the article is empty")
    assert "story\\nError: everything is fine\\x1b[2J.txt" in line


def test_read_to_a_missing_folder_says_so(tmp_path: Path) -> None:
    """Item 21: `read -o /nonexistent/dir/x.mp3` created the folders without a word."""
    article = tmp_path / "story.txt"
    article.write_text("A story\n\nIt is short.\n", encoding="utf-8")
    target = tmp_path / "missing" / "dir" / "story.mp3"
    result = CliRunner().invoke(cli, ["read", "-o", str(target), str(article)])
    assert_one_line_error(result.exit_code, result.stderr, f"{target.parent}: no such folder")
    assert not (tmp_path / "missing").exists()
