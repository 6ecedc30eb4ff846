"""Hostile and broken articles through the CLI: a one-line error naming the file, or a best-effort result;
never a traceback, a hang or unbounded memory."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import cli

from .conftest import ROOT, SPECIAL_AUTHOR, SPECIAL_TITLE, assert_one_line_error

BODY = 'Headline here\n\n"I love café and naïve résumé," said Zoë Brontë. Prices rose by 20%.\n'
CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | set(range(0x7F, 0xA0))
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: in-process runs have no subprocess timeout to fall back on."""

    def expire(signum, frame):  # noqa: ANN001
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def segments(path: Path, *extra: str):
    with deadline(60):
        result = CliRunner().invoke(
            cli,
            ["segments", "--format", "json", "--config", str(ROOT / "podcast.toml"), *extra, "--", str(path)],
        )
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def best_effort(path: Path, *extra: str) -> dict:
    result = segments(path, *extra)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == str(path)
    return data


def spoken_text(data: dict) -> str:
    return " ".join([data["title"], *(s["text"] for s in data["segments"])])


REFUSED = {
    "empty.txt": (b"", "the article is empty"),
    "blank.md": (b"  \n\t\n \r\n\r\n", "the article is empty"),
    "random.txt": (bytes(range(256)) * 40, "not text"),
    "image.md": (b"\x89PNG\r\n\x1a\n" + bytes(4000), "not text"),
    "nul-inside.txt": (
        b"Title\n\nSome text" + b"\x00" * 10 + b" more.\n" + b"More words. " * 500,
        "not text",
    ),
    "heading-only.md": (b"# Only a heading\n", "no article text"),
    "not-yaml.md": (b"---\ntitle: [unclosed\n: : :\n---\n\nBody text here.\n", "not valid YAML"),
    "yaml-list.md": (b"---\n- a\n- b\n---\n\nBody text here.\n", "front matter must be key: value"),
    "yaml-object.md": (
        b'---\ntitle: !!python/object/apply:os.system ["touch pwned"]\n---\n\nBody.\n',
        "not valid YAML",
    ),
    "unknown.pdf": (b"%PDF-1.4", "unsupported file type"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unreadable_articles_get_one_line_naming_the_file(tmp_path: Path, name: str) -> None:
    content, reason = REFUSED[name]
    path = tmp_path / name
    path.write_bytes(content)
    result = segments(path)
    assert_one_line_error(result.exit_code, result.stderr, str(path), reason)
    assert not (Path.cwd() / "pwned").exists()


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]
)
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = (
        BODY
        if encoding != "cp1252"
        else BODY + "\u201cSmart\u201d quotes \u2014 and \u20ac5 — said Ann Lee.\n"
    )
    path = tmp_path / "article.txt"
    data = text.encode(encoding)
    if encoding == "utf-16-be":  # without a BOM: recognised by its zero bytes
        data = text.encode("utf-16-be")
    path.write_bytes(data)
    spoken = spoken_text(best_effort(path))
    for word in ("café", "naïve", "résumé", "Brontë"):
        assert word in spoken, (encoding, spoken)
    if encoding == "cp1252":
        assert "\u201cSmart\u201d" in spoken and "\u20ac5" in spoken and "\u2014" in spoken


def test_invalid_utf8_keeps_the_valid_text(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(BODY.encode() + b"A damaged \xff\xfe byte or two \xc3\x28 here.\n")
    spoken = spoken_text(best_effort(path))
    assert "café" in spoken and "Brontë" in spoken  # not re-read as cp1252 mojibake ("cafÃ©")
    assert "damaged" in spoken and "here" in spoken


def test_control_bidi_and_zero_width_characters(tmp_path: Path) -> None:
    text = (
        "Title\x07 with a bell\n\nText with \x01\x02 controls\x1b[31m, an \u202eoverride\u202c, an "
        "\u2067isolate\u2069, zero\u200bwidth and join\u200der, \ufeff a stray BOM, \x85 NEL. "
        "\u05e9\u05dc\u05d5\u05dd and \u0645\u0631\u062d\u0628\u0627 said Ann.\n"
    )
    path = tmp_path / "controls.txt"
    path.write_text(text, encoding="utf-8")
    data = best_effort(path)
    everything = json.dumps(data, ensure_ascii=False)
    for char in (
        json.loads(everything)["title"] + spoken_text(data) + "".join(s["spoken"] for s in data["segments"])
    ):
        assert ord(char) not in CONTROL | BIDI, hex(ord(char))
    assert "controls" in spoken_text(data) and "\u05e9\u05dc\u05d5\u05dd" in spoken_text(data)


QUOTES = [
    '"Unbalanced start, said Ann. The rest of the paragraph never closes it.',
    '\u201cMismatched" she said\u201d, and \u2018single and "double\u2019 mixed." ""',
    "He said \u201d backwards \u201c quotes \u201d here. \u00bbGuillemets\u00ab and \u201eLow\u201c marks.",
    '" " " "\n\n"\n\n\u201c\u201c\u201c',
    "'Tis the season, 'twas said. The '90s were 'great.",
]


@pytest.mark.parametrize("index", range(len(QUOTES)))
def test_unbalanced_and_mismatched_quotes(tmp_path: Path, index: int) -> None:
    path = tmp_path / "quotes.txt"
    path.write_text(
        "A headline about quotes\n\n" + QUOTES[index] + "\n\nA last plain sentence.\n", encoding="utf-8"
    )
    result = segments(path)
    if result.exit_code:
        assert_one_line_error(result.exit_code, result.stderr, str(path))
    else:
        data = json.loads(result.stdout)
        assert "last plain sentence" in spoken_text(data)


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Unclosed <b>bold <i>italic</p></div></span><p>Second para \u201cquote,\u201d said "
        "Al Bo.<<<>>>&&&</body>",
        "<p>No html or body at all, just a paragraph with enough words to count as an article here.</p>",
        "<html><head><title>T</title></head><body><script>while(1){}</script><p>Text after a script, "
        "long enough to be the body of this small article.</p><!-- unterminated comment",
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]>"
        "<html><body><p>&b;&b;&b; entity expansion should stay small in this article.</p></body></html>",
        "<html><body>" + "<p>" * 3000 + "Many unclosed paragraphs make a deep but harmless tree." + "</body>",
    ],
    ids=["mismatched-tags", "fragment", "script-and-comment", "entities", "unclosed-p"],
)
def test_malformed_html(tmp_path: Path, html: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    result = segments(path)
    if result.exit_code:
        assert_one_line_error(result.exit_code, result.stderr, str(path))
    else:
        assert json.loads(result.stdout)["segments"]


@pytest.mark.parametrize(
    "name",
    [
        "my article.txt",
        "ünïcødé ✓ 記事.txt",
        "..%2F..%2Fetc%2Fpasswd.txt",
        "-starts-with-dash.txt",
        "quote's & <angle>.txt",
    ],
)
def test_awkward_file_names(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / name).write_text(BODY, encoding="utf-8")
    monkeypatch.chdir(folder / "sub")
    data = best_effort(Path("..") / ".." / "articles" / name)  # a path that climbs with ../
    assert data["title"] == "Headline here"


# --- subprocess cases: big inputs, with a timeout and the child's peak memory --------------------------


MEASURE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:], timeout=float(sys.argv[1])).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run_measured(args: list[str], cwd: Path, timeout: float):
    """Run the CLI; return (exit code, stderr, peak RSS in MB, seconds).

    A small wrapper process measures the peak: the rusage of a child forked straight from pytest would
    include pytest's own memory, copied at the fork."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(timeout), sys.executable, "-m", "narrator", *args],
        cwd=cwd, capture_output=True, text=True, timeout=timeout + 10,
    )
    assert "TimeoutExpired" not in result.stderr, f"narrator {' '.join(args)} hung for {timeout} s"
    *stderr, peak = result.stderr.rstrip("\n").split("\n")
    return result.returncode, "\n".join(stderr), int(peak) / 1024, time.monotonic() - started


BIG_CASES = {
    "one-mb-line.txt": b"Title\n\n" + b"word " * 200_000 + b"\n",
    "one-mb-word.txt": b"Title\n\n" + b"x" * 1_000_000 + b"\n",
    "nested-10000.html": b"<html><body><article><h1>Deep</h1>"
    + b"<div>" * 10_000
    + b"<p>Deep text is here and it is long enough to count as a paragraph.</p>"
    + b"</div>" * 10_000
    + b"</article></body></html>",
}


@pytest.mark.parametrize("name", sorted(BIG_CASES))
def test_huge_lines_and_deep_nesting_finish_in_bounded_memory(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BIG_CASES[name])
    code, stderr, peak_mb, seconds = run_measured(
        ["segments", "--format", "json", "--config", str(ROOT / "podcast.toml"), str(path)], tmp_path, 90
    )
    print(f"{name}: exit {code}, peak RSS {peak_mb:.0f} MB, {seconds:.1f} s")
    assert "Traceback" not in stderr, stderr
    if code:
        assert_one_line_error(code, stderr, str(path))
    assert peak_mb < 400


def test_a_50_mb_article_is_refused_early_with_the_limit_and_how_to_raise_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.write(b"A huge article\n\n")
        paragraph = (
            b"The council met again and talked for a very long time about the harbour. " * 20 + b"\n\n"
        )
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(paragraph)
    code, stderr, peak_mb, seconds = run_measured(
        ["segments", "--config", str(ROOT / "podcast.toml"), str(path)], tmp_path, 60
    )
    print(f"50 MB article: exit {code}, peak RSS {peak_mb:.0f} MB, {seconds:.1f} s")
    assert_one_line_error(
        code, stderr, str(path), "larger than the 20000000-byte limit", "NARRATOR_MAX_ARTICLE_BYTES"
    )
    assert peak_mb < 150  # refused from its size, never read into memory

    with open(path, "rb") as stdin:  # the same through standard input: read no further than the limit
        piped = subprocess.run(
            [sys.executable, "-m", "narrator", "segments", "-", "--config", str(ROOT / "podcast.toml")],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert_one_line_error(piped.returncode, piped.stderr, "standard input", "byte limit")


def test_the_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "article.txt"
    path.write_text(BODY, encoding="utf-8")
    monkeypatch.setenv("NARRATOR_MAX_ARTICLE_BYTES", "40")
    result = segments(path)
    assert_one_line_error(result.exit_code, result.stderr, str(path), "larger than the 40-byte limit")
    monkeypatch.setenv("NARRATOR_MAX_ARTICLE_BYTES", "lots")
    result = segments(path)
    assert_one_line_error(result.exit_code, result.stderr, "NARRATOR_MAX_ARTICLE_BYTES", "whole number")
    monkeypatch.setenv("NARRATOR_MAX_ARTICLE_BYTES", str(10**6))
    assert best_effort(path)["title"] == "Headline here"


# --- what a build publishes from such articles ----------------------------------------------------------


def test_special_characters_in_titles_and_names_are_escaped_everywhere(built_podcast: Path) -> None:
    output = built_podcast / "output"
    feed = ET.parse(output / "feed.xml").getroot()  # well-formed despite &, <, ]]>
    titles = [item.findtext("title") for item in feed.iter("item")]
    assert SPECIAL_TITLE in titles
    item = next(i for i in feed.iter("item") if i.findtext("title") == SPECIAL_TITLE)
    audio = Path(item.find("enclosure").get("url")).stem
    assert audio.isascii() and all(c.isalnum() or c == "-" for c in audio)
    slug = Path(item.findtext("link")).stem
    assert SPECIAL_AUTHOR in ET.tostring(item, encoding="unicode").replace("&amp;", "&").replace(
        "&lt;", "<"
    ).replace("&gt;", ">")
    for page in (output / "index.html", output / "episodes" / f"{slug}.html"):
        html = page.read_text(encoding="utf-8")
        assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html, page
        assert "<tj@example.org>" not in html
        assert "{{ title }}" in html and "%s %(x)s {0}" in html  # shown literally, never evaluated
    assert all(p.resolve().is_relative_to(output.resolve()) for p in output.rglob("*"))
