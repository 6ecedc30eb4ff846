"""`narrator add`: pages and feeds served from 127.0.0.1 become Markdown articles that read back as the
same article; duplicates, remembered feed items, and every kind of bad page leave articles/ untouched."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.ingest.intake import (
    FetchLimits,
    add_from_feed,
    add_pages,
    escape_markdown,
    feed_items,
    normalise_url,
)
from narrator.ingest.reader import parse_article, read_article

PARAGRAPHS = [
    "The harbour board voted on Monday to rebuild the north pier, which has been closed since the winter "
    "storms cracked its deck and carried away two of its lamp posts.",
    '"We cannot leave the fishing fleet without a safe berth for another season," said Marta Olsen, who '
    "chairs the board. The work is expected to take eighteen months and to cost about four million.",
    "Local traders welcomed the decision but asked for the market stalls to stay open during the works, "
    "since the summer visitors are half of their trade and the pier is where most of them arrive.",
]


def article_page(
    title: str, path: str = "/news/pier", *, extra_head: str = "", body: str | None = None
) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    content = (
        body
        if body is not None
        else (
            f"<h1>{title}</h1><p class='byline'>By Ingrid Lund</p>{paragraphs}"
            f"<h2>What *happens* next</h2><p>{PARAGRAPHS[2]} # Not a heading, and 1. not a list.</p>"
        )
    )
    return (
        "<!DOCTYPE html><html lang='en-GB'><head>"
        f"<title>{title} | Harbour News</title>"
        "<meta property='og:site_name' content='Harbour News'>"
        "<meta name='author' content='Ingrid Lund'>"
        "<meta property='article:published_time' content='2024-05-06T07:30:00+00:00'>"
        f"<link rel='canonical' href='{path}'>"
        f"{extra_head}</head><body><article>{content}</article></body></html>"
    )


PAYWALL = article_page(
    "Pier deal reached",
    extra_head='<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": "False"}'
    "</script>",
    body=f"<h1>Pier deal reached</h1><p>{PARAGRAPHS[0]} {PARAGRAPHS[1]}</p>"
    "<p>Subscribe to continue reading this story.</p>",
)
COOKIE_WALL = article_page(
    "Harbour News", body="<h1>Harbour News</h1><p>We use cookies. Accept them all?</p>"
)


def rss(*paths: str) -> str:
    items = "".join(
        f"<item><title>Story {n}</title><link>{path}</link><guid isPermaLink='false'>story-{n}</guid>"
        f"<pubDate>Mon, 0{n} Apr 2024 10:00:00 GMT</pubDate></item>"
        for n, path in enumerate(paths, 1)
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>H</title>{items}</channel></rss>"


class Site(http.server.ThreadingHTTPServer):
    pages: dict[str, tuple[str, str | bytes]]
    release: threading.Event


class Handler(http.server.BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/hang":
            self.server.release.wait()  # answers only when the test is over: the client must time out
            return
        found = self.server.pages.get(urllib.parse.urlsplit(self.path).path)
        if found is None:
            self.send_error(404, "Not Found")
            return
        ctype, content = found
        body = content.encode("utf-8") if isinstance(content, str) else content
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[tuple[str, Site]]:
    httpd = Site(("127.0.0.1", 0), Handler)
    httpd.release = threading.Event()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    html = "text/html; charset=utf-8"
    httpd.pages = {
        "/news/pier": (html, article_page("North pier to be rebuilt")),
        "/news/pier-2": (html, article_page("Market stalls stay open", "/news/pier-2")),
        "/news/pier-3": (html, article_page("Lamp posts return", "/news/pier-3")),
        "/paywall": (html, PAYWALL),
        "/cookies": (html, COOKIE_WALL),
        "/report.pdf": ("application/pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4),
        "/big": (html, "<html><body>" + "<p>word </p>" * 20_000 + "</body></html>"),
        "/feed.xml": ("application/rss+xml", rss("/news/pier-3", "/news/pier-2", "/news/pier")),
        "/atom.xml": (
            "application/atom+xml",
            "<feed xmlns='http://www.w3.org/2005/Atom'><title>H</title>"
            "<entry><id>tag:h,1</id><link href='/news/pier-2'/>"
            "<updated>2024-04-01T00:00:00Z</updated></entry>"
            "<entry><id>tag:h,2</id><link rel='alternate' href='/news/pier'/>"
            "<updated>2024-04-03T00:00:00Z</updated></entry></feed>",
        ),
        "/home": (
            html,
            "<html><head><link rel='alternate' type='application/rss+xml' href='/feed.xml'>"
            "</head><body><p>Home</p></body></html>",
        ),
        "/not-a-feed.xml": ("application/xml", "<html><body>nope</body></html>"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base, httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_page_becomes_markdown_that_reads_back_as_the_same_article(site, articles: Path) -> None:
    base, _ = site
    (result,) = add_pages([f"{base}/news/pier?utm_source=rss#top"], articles)
    assert result.status == "added" and result.path == articles / "north-pier-to-be-rebuilt.md"
    fetched = read_article(f"{base}/news/pier")
    saved = read_article(result.path)
    assert saved.blocks == fetched.blocks
    assert (saved.title, saved.author, saved.date, saved.site, saved.language) == (
        "North pier to be rebuilt",
        "Ingrid Lund",
        fetched.date,
        "Harbour News",
        "en-GB",
    )
    assert saved.url == f"{base}/news/pier"  # the canonical address, made absolute
    assert saved.date is not None and saved.date.date().isoformat() == "2024-05-06"
    assert {(s.reason, s.text) for s in fetched.skipped} <= {(s.reason, s.text) for s in saved.skipped}
    assert any(b.kind == "heading" and b.text == "What *happens* next" for b in saved.blocks)
    text = result.path.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: North pier to be rebuilt\n")
    assert "source: " not in text  # the address asked for was the canonical one with tracking added
    assert "## What \\*happens\\* next" in text


def test_the_same_page_twice_is_detected(site, articles: Path) -> None:
    base, _ = site
    first, again, tracked = add_pages(
        [f"{base}/news/pier", f"{base}/news/pier", f"{base}/news/pier/?utm_medium=email"], articles
    )
    assert first.status == "added"
    assert (again.status, again.path) == ("known", first.path)
    assert (tracked.status, tracked.path) == ("known", first.path)
    # Another day, another run: the record and the file's front matter both remember it.
    (later,) = add_pages([f"{base}/news/pier"], articles)
    assert (later.status, later.path) == ("known", first.path)
    (articles / ".added.json").unlink()
    (still,) = add_pages([f"{base}/news/pier"], articles)
    assert (still.status, still.path) == ("known", first.path)
    assert sorted(p.name for p in articles.glob("*.md")) == ["north-pier-to-be-rebuilt.md"]


def test_a_second_article_with_the_same_title_gets_its_own_file(site, articles: Path) -> None:
    base, httpd = site
    httpd.pages["/other"] = ("text/html", article_page("North pier to be rebuilt", "/other"))
    one, two = add_pages([f"{base}/news/pier", f"{base}/other"], articles)
    assert [one.path.name, two.path.name] == ["north-pier-to-be-rebuilt.md", "north-pier-to-be-rebuilt-2.md"]


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/missing", "404"),
        ("/report.pdf", "application/pdf, not a web page"),
        ("/paywall", "paywall stub"),
        ("/cookies", "not an article page"),
        ("/big", "limit"),
        ("/hang", "could not download"),
    ],
)
def test_bad_pages_fail_with_one_line_and_leave_articles_untouched(
    site, articles: Path, path: str, fragment: str
) -> None:
    base, _ = site
    (articles / "mine.md").write_text("---\ntitle: Mine\n---\n\nMy own words.\n", encoding="utf-8")
    before = files(articles)
    (result,) = add_pages([base + path], articles, FetchLimits(timeout=0.5, max_bytes=100_000))
    assert result.status == "failed" and fragment in result.reason and "\n" not in result.reason
    assert files(articles) == before


def test_an_unreachable_host_and_a_non_web_address(articles: Path) -> None:
    unreachable, local = add_pages(["http://127.0.0.1:9/article", "file:///etc/passwd"], articles)
    assert unreachable.status == "failed" and "could not download" in unreachable.reason
    assert local.status == "failed" and "not an http(s) address" in local.reason
    assert files(articles) == {}


def test_feed_takes_the_newest_items_and_remembers_them(site, articles: Path) -> None:
    base, httpd = site
    results, before = add_from_feed(f"{base}/feed.xml", articles, limit=2)
    # pubDate order, newest first: story 3 (/news/pier) then story 2 (/news/pier-2).
    assert [r.path.name for r in results] == ["north-pier-to-be-rebuilt.md", "market-stalls-stay-open.md"]
    assert before == 0
    again, before = add_from_feed(f"{base}/feed.xml", articles, limit=2)
    assert (again, before) == ([], 2)
    # A new item appears at the top of the feed: only it is taken.
    httpd.pages["/news/pier-4"] = ("text/html", article_page("Pier reopens", "/news/pier-4"))
    httpd.pages["/feed.xml"] = (
        "application/rss+xml",
        rss("/news/pier-3", "/news/pier-2", "/news/pier", "/news/pier-4"),
    )
    newer, before = add_from_feed(f"{base}/feed.xml", articles, limit=2)
    assert [r.path.name for r in newer] == ["pier-reopens.md"] and before == 1
    record = json.loads((articles / ".added.json").read_text(encoding="utf-8"))
    assert sorted(record["feeds"][normalise_url(f"{base}/feed.xml")]) == ["story-2", "story-3", "story-4"]


def test_atom_feeds_and_feeds_found_from_a_home_page(site, articles: Path) -> None:
    base, _ = site
    results, _ = add_from_feed(f"{base}/atom.xml", articles, limit=1)
    assert [r.path.name for r in results] == ["north-pier-to-be-rebuilt.md"]
    results, _ = add_from_feed(f"{base}/home", articles, limit=5)
    assert [r.status for r in results] == ["known", "added", "added"]  # newest first


def test_what_is_not_a_feed_is_refused(site, articles: Path) -> None:
    from narrator.errors import IngestError

    base, _ = site
    with pytest.raises(IngestError, match="not an RSS or Atom feed"):
        add_from_feed(f"{base}/not-a-feed.xml", articles, limit=1)
    with pytest.raises(IngestError, match="links no RSS or Atom feed"):
        add_from_feed(f"{base}/news/pier", articles, limit=1)
    assert files(articles) == {}


def test_feed_items_resist_entities() -> None:
    hostile = (
        "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
        "<rss version='2.0'><channel><item><link>http://a.example/&x;</link></item></channel></rss>"
    )
    items = feed_items(hostile, "http://a.example/feed")
    assert all("root:" not in item.link for item in items)


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "> not a quote",
        "- not a list",
        "1. not a list either",
        "2024) was a year",
        "*not emphasis* and _not_ either, [not](a link) and `not code` \\ backslash",
        "--- not a rule",
    ],
)
def test_markdown_escaping_keeps_the_text(text: str) -> None:
    article = parse_article(
        f"---\ntitle: T\n---\n\nA first paragraph to read.\n\n{escape_markdown(text)}\n", "md", "t.md"
    )
    assert [b.text for b in article.blocks] == ["A first paragraph to read.", text]


def test_cli_add_prints_a_line_per_page_and_exits_1_on_failure(site, tmp_path: Path) -> None:
    base, _ = site
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "pod")]).exit_code == 0
    config = str(tmp_path / "pod" / "podcast.toml")
    result = runner.invoke(cli, ["add", f"{base}/news/pier", f"{base}/missing", "--config", config])
    assert result.exit_code == 1
    assert result.stdout.startswith("added ") and "(North pier to be rebuilt)" in result.stdout
    assert result.stderr.strip().splitlines() == [
        f"Error: {base}/missing: the server answered 404 Not Found; check the address"
    ]
    result = runner.invoke(cli, ["add", "--feed", f"{base}/feed.xml", "--limit", "1", "--config", config])
    assert result.exit_code == 0
    assert "already added" in result.stdout and "feed: 0 new, 0 taken before" in result.stdout
    assert runner.invoke(cli, ["add", "--config", config]).exit_code == 2
    result = runner.invoke(cli, ["add", f"{base}/news/pier", "--articles", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_build_refuses_articles_that_is_not_a_folder(tmp_path: Path) -> None:
    runner = CliRunner()
    (tmp_path / "one.md").write_text("---\ntitle: One\n---\n\nText.\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", "--articles", str(tmp_path / "one.md")])
    assert result.exit_code == 2 and "is a file" in result.stderr


@pytest.mark.audio
def test_from_a_url_to_an_episode_that_links_back(site, tmp_path: Path) -> None:
    from lxml import etree, html

    base, _ = site
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "pod")]).exit_code == 0
    (tmp_path / "pod" / "articles" / "welcome.md").unlink()
    config = str(tmp_path / "pod" / "podcast.toml")
    assert runner.invoke(cli, ["add", f"{base}/news/pier", "--config", config]).exit_code == 0
    result = runner.invoke(cli, ["build", "--config", config, "--quiet"])
    assert result.exit_code == 0, result.output
    output = tmp_path / "pod" / "output"
    item = etree.parse(str(output / "feed.xml")).getroot().find("channel/item")
    assert item.findtext("title") == "North pier to be rebuilt"
    assert item.findtext("link") == f"{base}/news/pier"
    assert f'Original article on Harbour News: <a href="{base}/news/pier">' in item.findtext("description")
    page = html.parse(str(output / "episodes" / "north-pier-to-be-rebuilt.html")).getroot()
    assert page.get("lang") == "en-gb"
    assert page.xpath(f"//a[@href='{base}/news/pier']/text()") == [
        "Read the original article on Harbour News"
    ]
    assert page.xpath("//section[@class='transcript']/h3//span[@class='cue']/text()") == [
        "What *happens* next"
    ]
    # A rebuild with nothing new leaves the feed byte for byte as it was: apps polling it see no change.
    feed = (output / "feed.xml").read_bytes()
    assert runner.invoke(cli, ["build", "--config", config, "--quiet"]).exit_code == 0
    assert (output / "feed.xml").read_bytes() == feed
